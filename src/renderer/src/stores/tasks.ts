/** Recent tasks: the latest page from `tasks.query`, merged with the `tasks` push by id. */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { TaskInfoView } from '@shared/schemas/views';
import { api } from '@renderer/api';

const KEEP = 200;

export const useTasksStore = defineStore('tasks', () => {
  const byId = shallowRef(new Map<string, TaskInfoView>());

  const recent = computed(() => [...byId.value.values()].sort((a, b) => b.queuedAt - a.queuedAt || b.id.localeCompare(a.id)).slice(0, KEEP));
  const running = computed(() => recent.value.filter((t) => t.state === 'running' || t.state === 'queued').length);

  function merge(tasks: TaskInfoView[]): void {
    const next = new Map(byId.value);
    for (const t of tasks) next.set(t.id, t);
    byId.value = next;
  }

  async function load(): Promise<void> {
    const r = await api.call('tasks.query', { limit: KEEP });
    if (r.ok) {
      byId.value = new Map();
      merge(r.value.rows);
    }
  }

  api.on('tasks', merge);
  api.on('workspace', () => void load());
  api.onReconnect(() => void load());

  return { recent, running, merge, load };
});
