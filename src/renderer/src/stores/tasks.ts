/** Recent tasks: the latest page from `tasks.query`, merged with the `tasks` push by id. */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { TaskInfoView } from '@shared/schemas/views';
import { useApi } from '@renderer/api';

const KEEP = 200;

export const useTasksStore = defineStore('tasks', () => {
  const api = useApi();
  const byId = shallowRef(new Map<string, TaskInfoView>());

  const recent = computed(() =>
    [...byId.value.values()]
      .sort((a, b) => b.queuedAt - a.queuedAt || b.id.localeCompare(a.id))
      .slice(0, KEEP),
  );
  const running = computed(
    () => recent.value.filter((t) => t.state === 'running' || t.state === 'queued').length,
  );

  function merge(tasks: TaskInfoView[]): void {
    const next = new Map(byId.value);
    for (const t of tasks) next.set(t.id, t);
    // Keep the map bounded: drop the oldest finished tasks beyond twice what is shown.
    if (next.size > KEEP * 2) {
      const old = [...next.values()]
        .filter((t) => t.finishedAt !== null)
        .sort((a, b) => a.queuedAt - b.queuedAt);
      for (const t of old.slice(0, next.size - KEEP * 2)) next.delete(t.id);
    }
    byId.value = next;
  }

  /** Pushes are coalesced into at most two re-renders a second (at 1,000× DRS moves VMs all the time). */
  let queued: TaskInfoView[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  function mergeSoon(tasks: TaskInfoView[]): void {
    queued.push(...tasks);
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      const batch = queued;
      queued = [];
      merge(batch);
    }, 500);
  }

  async function load(): Promise<void> {
    const r = await api.call('tasks.query', { limit: KEEP });
    if (r.ok) {
      byId.value = new Map();
      merge(r.value.rows);
    }
  }

  api.on('tasks', mergeSoon);
  api.on('workspace', () => void load());
  api.onReconnect(() => void load());

  return { recent, running, merge, load };
});
