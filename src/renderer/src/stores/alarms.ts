/** Active alarms: from `alarms.query` and the `alarms` push; counts per object; acknowledge. */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { AlarmView } from '@shared/schemas/views';
import type { ApiResult } from '@shared/errors';
import { useApi } from '@renderer/api';

export const useAlarmsStore = defineStore('alarms', () => {
  const api = useApi();
  const byId = shallowRef(new Map<string, AlarmView>());
  /** Called for each newly triggered alarm (desktop notifications), at most once a minute per object and rule. */
  let onNew: ((a: AlarmView) => void) | null = null;
  const lastNotified = new Map<string, number>();
  let loaded = false;
  function notify(a: AlarmView): void {
    const key = `${a.objectId}|${a.rule}`;
    const now = Date.now();
    if (!loaded || now - (lastNotified.get(key) ?? -Infinity) < 60_000) return;
    lastNotified.set(key, now);
    onNew?.(a);
  }

  const active = computed(() =>
    [...byId.value.values()].filter((a) => a.clearedAt === null).sort((a, b) => b.triggeredAt - a.triggeredAt || a.id.localeCompare(b.id)),
  );
  const unacknowledged = computed(() => active.value.filter((a) => !a.acknowledged));
  /** Worst active severity per object id. */
  const byObject = computed(() => {
    const m = new Map<string, { count: number; severity: 'warning' | 'error' }>();
    for (const a of active.value) {
      const cur = m.get(a.objectId);
      m.set(a.objectId, {
        count: (cur?.count ?? 0) + 1,
        severity: cur?.severity === 'error' || a.severity === 'error' ? 'error' : 'warning',
      });
    }
    return m;
  });

  function merge(alarms: AlarmView[], fresh: boolean): void {
    const next = new Map(byId.value);
    for (const a of alarms) {
      const known = next.has(a.id);
      next.set(a.id, a);
      if (fresh && !known && a.clearedAt === null) notify(a);
    }
    byId.value = next;
  }

  async function load(): Promise<void> {
    const r = await api.call('alarms.query', { activeOnly: true, limit: 1000 });
    if (r.ok) merge(r.value.rows, false);
    loaded = true;
  }

  async function acknowledge(alarmId: string): Promise<ApiResult<AlarmView>> {
    const r = await api.call('alarms.acknowledge', { alarmId });
    if (r.ok) merge([r.value], false);
    return r;
  }

  function setNotifier(fn: (a: AlarmView) => void): void {
    onNew = fn;
  }

  api.on('alarms', (a) => merge(a, true));
  api.on('workspace', () => {
    byId.value = new Map();
    void load();
  });
  api.onReconnect(() => void load());

  return { active, unacknowledged, byObject, load, acknowledge, setNotifier };
});
