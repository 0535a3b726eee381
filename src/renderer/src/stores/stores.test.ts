// @vitest-environment happy-dom
/** The console's main stores over the api, provided by the app, with a fake transport that implements the contract. */
import { describe, expect, it, vi } from 'vitest';
import { apiOk, apiErr } from '@shared/errors';
import { alarm, clockState, harness, settle, tree } from '@renderer/testing/harness';
import { useClockStore } from './clock';
import { useInventoryStore } from './inventory';
import { NOTIFY_GROUP_MS, useAlarmsStore } from './alarms';
import { useTasksStore } from './tasks';
import { useWorkspaceStore } from './workspace';
import { useLiveStore } from './live';

describe('clock store', () => {
  it('loads, plays and follows the clock push; a refused call keeps the state and says why', async () => {
    let running = false;
    const h = harness({
      'clock.get': () => apiOk(clockState({ running })),
      'clock.play': () => ((running = true), apiOk(clockState({ running }))),
      'clock.step': (p) =>
        p.ticks > 10
          ? apiErr('INVALID_ARGUMENT', 'too many')
          : apiOk(clockState({ tick: p.ticks, time: p.ticks * 20 })),
    });
    const clock = useClockStore();
    await clock.load();
    expect(clock.running).toBe(false);
    expect(await clock.play()).toBe(true);
    expect(clock.running).toBe(true);
    h.fake.push('clock', clockState({ running: true, tick: 5, time: 100 }));
    expect(clock.state?.tick).toBe(5);
    expect(clock.simEpochMs).toBe(Date.UTC(2025, 0, 6, 8) + 100_000);
    expect(await clock.step(50)).toBe(false);
    expect(clock.lastError?.code).toBe('INVALID_ARGUMENT');
    expect(clock.state?.tick).toBe(5);
    expect(h.fake.calls.map((c) => c.method)).toEqual(['clock.get', 'clock.play', 'clock.step']);
  });

  it('reloads after the connection comes back', async () => {
    let n = 0;
    const h = harness({ 'clock.get': () => (n++, apiOk(clockState({ tick: n }))) });
    const clock = useClockStore();
    await clock.load();
    h.fake.setStatus('closed');
    h.fake.setStatus('open');
    await settle();
    expect(n).toBe(2);
    expect(clock.state?.tick).toBe(2);
  });
});

describe('inventory store', () => {
  it('indexes the tree, selects the first root, answers descendants and drops a vanished selection', async () => {
    let t = tree();
    harness({ 'inventory.tree': () => apiOk(t) });
    const inv = useInventoryStore();
    await inv.refresh();
    expect(inv.selectedId).toBe('dc-1');
    expect(inv.node('vm-1')?.name).toBe('web-01');
    expect(inv.descendants('cl-1', ['host']).map((x) => x.id)).toEqual(['host-1', 'host-2']);
    inv.select('vm-1');
    t = [{ ...t[0]!, children: [] }];
    await inv.refresh();
    expect(inv.node('vm-1')).toBeUndefined();
    expect(inv.selectedId).toBe('dc-1');
  });
});

describe('alarms store', () => {
  it('loads active alarms, merges pushed ones, notifies only new ones and acknowledges', async () => {
    const h = harness({
      'alarms.query': () => apiOk({ total: 1, rows: [alarm('a1')] }),
      'alarms.acknowledge': (p) =>
        p.alarmId === 'a1'
          ? apiOk(alarm('a1', { acknowledged: true }))
          : apiErr('NOT_FOUND', 'no such alarm'),
    });
    const alarms = useAlarmsStore();
    const notified: string[] = [];
    alarms.setNotifier((a) => notified.push(a.id));
    await alarms.load();
    expect(alarms.active.map((a) => a.id)).toEqual(['a1']);
    h.fake.push('alarms', [
      alarm('a2', { objectId: 'vm-1', severity: 'error', triggeredAt: 200 }),
      alarm('a1'),
    ]);
    expect(alarms.active.map((a) => a.id)).toEqual(['a2', 'a1']);
    expect(notified).toEqual(['a2']);
    expect(alarms.byObject.get('vm-1')).toEqual({ count: 1, severity: 'error' });
    expect((await alarms.acknowledge('a1')).ok).toBe(true);
    expect(alarms.unacknowledged.map((a) => a.id)).toEqual(['a2']);
    expect((await alarms.acknowledge('zz')).ok).toBe(false);
    h.fake.push('alarms', [alarm('a2', { clearedAt: 300 })]);
    expect(alarms.active.map((a) => a.id)).toEqual(['a1']);
  });
});

describe('alarm pop-ups (issue 12, item 8: toasts piled up at high speed)', () => {
  it('groups alarms that follow within the window into one report, and reports nothing while muted', async () => {
    vi.useFakeTimers();
    try {
      const h = harness({ 'alarms.query': () => apiOk({ total: 0, rows: [] }) });
      const alarms = useAlarmsStore();
      alarms.setMuted(false);
      const reports: [string, number][] = [];
      alarms.setNotifier((a, more) => reports.push([a.id, more]));
      await alarms.load();
      for (let i = 0; i < 20; i++)
        h.fake.push('alarms', [alarm(`a${i}`, { objectId: `vm-${i}`, triggeredAt: 100 + i })]);
      expect(reports).toEqual([['a0', 0]]);
      vi.advanceTimersByTime(NOTIFY_GROUP_MS);
      expect(reports).toEqual([
        ['a0', 0],
        ['a19', 18],
      ]);
      alarms.setMuted(true);
      vi.advanceTimersByTime(NOTIFY_GROUP_MS * 2);
      h.fake.push('alarms', [alarm('b1', { objectId: 'host-9' })]);
      vi.advanceTimersByTime(NOTIFY_GROUP_MS * 2);
      expect(reports).toHaveLength(2);
      alarms.setMuted(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('live store (issue 12, defect 4: the Live totals mixed workspaces)', () => {
  it('empties its buffers when another workspace opens', async () => {
    const h = harness({ 'clock.get': () => apiOk(clockState()) });
    await useClockStore().load();
    const live = useLiveStore();
    for (let i = 1; i <= 3; i++)
      h.fake.push('tick', { tick: i, time: i * 20, values: {}, totals: { 'cpu.usage.mhz': 100 * i } });
    expect(live.series('totals|cpu.usage.mhz')).toHaveLength(3);
    const epoch = live.epoch;
    h.fake.push('workspace', null);
    expect(live.series('totals|cpu.usage.mhz')).toEqual([]);
    expect(live.epoch).toBe(epoch + 1);
    h.fake.push('tick', { tick: 1, time: 20, values: {}, totals: { 'cpu.usage.mhz': 7 } });
    expect(live.series('totals|cpu.usage.mhz').map((p) => p.y)).toEqual([7]);
  });
});

describe('tasks and workspace stores', () => {
  it('keeps the recent tasks from the query and the push', async () => {
    const task = (id: string, state: 'running' | 'success') => ({
      id,
      type: 'vm.migrate',
      description: `Migrate ${id}`,
      target: 'vm-1',
      state,
      progress: state === 'success' ? 100 : 40,
      queuedAt: 0,
      startedAt: 0,
      finishedAt: state === 'success' ? 60 : null,
      reason: null,
    });
    const h = harness({ 'tasks.query': () => apiOk({ total: 1, rows: [task('t1', 'running')] }) });
    const tasks = useTasksStore();
    await tasks.load();
    expect(tasks.running).toBe(1);
    tasks.merge([task('t1', 'success')]);
    expect(tasks.running).toBe(0);
    expect(tasks.recent.find((t) => t.id === 't1')?.state).toBe('success');
    expect(h.fake.calls[0]?.params).toEqual({ limit: expect.any(Number) });
  });

  it('follows the open workspace from the query and the push', async () => {
    const info = { path: '/data/lab.vdc', name: 'lab', scenarioName: 'Small lab', seed: 1, tickSeconds: 20 };
    const h = harness({ 'workspace.current': () => apiOk(null) });
    const ws = useWorkspaceStore();
    await ws.load();
    expect(ws.loaded).toBe(true);
    expect(ws.current).toBeNull();
    h.fake.push('workspace', info);
    expect(ws.current?.name).toBe('lab');
    h.fake.push('workspace', null);
    expect(ws.current).toBeNull();
  });
});
