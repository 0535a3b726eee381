/** Active alarms: from `alarms.query` and the `alarms` push; counts per object; acknowledge. */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AlarmView } from '@shared/schemas/views';
import type { ApiResult } from '@shared/errors';
import { useApi } from '@renderer/api';

/** New alarms within this wall-clock window after a pop-up are grouped into one. */
export const NOTIFY_GROUP_MS = 10_000;
const MUTE_KEY = 'vdc.alarmPopupsMuted';
function readMuted(): boolean {
  try {
    return globalThis.localStorage?.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export const useAlarmsStore = defineStore('alarms', () => {
  const api = useApi();
  const byId = shallowRef(new Map<string, AlarmView>());
  /**
   * Called for newly triggered alarms (pop-ups, desktop notifications), at most once a minute per object
   * and rule, and grouped: the first alarm is reported at once, the ones that follow within
   * NOTIFY_GROUP_MS are reported together at the end of that window (`more` = how many besides `a`), so
   * a fast clock gives one pop-up per window instead of a pile. Nothing while muted.
   */
  let onNew: ((a: AlarmView, more: number) => void) | null = null;
  const lastNotified = new Map<string, number>();
  let loaded = false;
  const muted = ref(readMuted());
  let windowUntil = -Infinity;
  let pending: AlarmView[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  function flush(): void {
    timer = null;
    const batch = pending;
    pending = [];
    if (!batch.length || muted.value) return;
    windowUntil = Date.now() + NOTIFY_GROUP_MS;
    const worst = batch.find((a) => a.severity === 'error') ?? batch[batch.length - 1]!;
    onNew?.(worst, batch.length - 1);
  }
  function notify(a: AlarmView): void {
    const key = `${a.objectId}|${a.rule}`;
    const now = Date.now();
    if (!loaded || muted.value || now - (lastNotified.get(key) ?? -Infinity) < 60_000) return;
    lastNotified.set(key, now);
    if (now >= windowUntil && timer === null) {
      windowUntil = now + NOTIFY_GROUP_MS;
      onNew?.(a, 0);
      return;
    }
    pending.push(a);
    timer ??= setTimeout(flush, Math.max(0, windowUntil - now));
  }
  function setMuted(on: boolean): void {
    muted.value = on;
    if (on) pending = [];
    try {
      localStorage.setItem(MUTE_KEY, on ? '1' : '0');
    } catch {
      // no storage (tests, locked-down profile): the choice lasts for this session
    }
  }

  const active = computed(() =>
    [...byId.value.values()]
      .filter((a) => a.clearedAt === null)
      .sort((a, b) => b.triggeredAt - a.triggeredAt || a.id.localeCompare(b.id)),
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

  function setNotifier(fn: (a: AlarmView, more: number) => void): void {
    onNew = fn;
  }

  api.on('alarms', (a) => merge(a, true));
  api.on('workspace', () => {
    byId.value = new Map();
    void load();
  });
  api.onReconnect(() => void load());

  return { active, unacknowledged, byObject, load, acknowledge, setNotifier, muted, setMuted };
});
