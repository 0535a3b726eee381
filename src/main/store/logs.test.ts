import nodePath from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineEvent, TaskInfo } from '../engine/api';
import { Workspace } from './workspace';
import { fleet, makeTick, removeTempDirs, tempDir, testInit } from './testing/synth';

afterAll(removeTempDirs);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const task = (
  id: string,
  state: TaskInfo['state'],
  progress: number,
  queuedAt: number,
  extra: Partial<TaskInfo> = {},
): TaskInfo => ({
  id,
  type: 'vm.migrate',
  description: `Migrate ${id}`,
  target: 'vm-1',
  state,
  progress,
  queuedAt,
  startedAt: state === 'queued' ? null : queuedAt,
  finishedAt: state === 'success' || state === 'error' ? queuedAt + 60 : null,
  reason: state === 'error' ? 'Migration did not converge after 30 rounds' : null,
  ...extra,
});

function workspace(): Workspace {
  const ws = must(Workspace.create(nodePath.join(tempDir(), 'l.vdc'), testInit()));
  const f = fleet(1, 2);
  for (let k = 1; k <= 30; k++) {
    const events: EngineEvent[] = [];
    events.push({
      time: k * 20,
      severity: k % 10 === 0 ? 'error' : k % 3 === 0 ? 'warning' : 'info',
      type: k % 2 ? 'vm.powerOn' : 'host.cpu',
      message: `event ${k}, "quoted"`,
      objects: k % 2 ? ['vm-0', 'host-0'] : ['host-0'],
    });
    const tasks: TaskInfo[] = [];
    if (k === 1)
      tasks.push(task('task-1', 'queued', 0, 20), task('task-2', 'running', 10, 20, { target: 'vm-0' }));
    if (k === 5) tasks.push(task('task-1', 'running', 50, 20));
    if (k === 9)
      tasks.push(task('task-1', 'success', 100, 20, { resultId: 'vm-7' }), task('task-3', 'error', 100, 160));
    ws.appendTick(makeTick(k, 20, f, undefined, undefined, { events, tasks }));
  }
  return ws;
}

describe('events', () => {
  const ws = workspace();
  afterAll(() => ws.close());

  it('pages newest first with a total', () => {
    const p1 = must(ws.queryEvents({ limit: 4, offset: 0 }));
    expect(p1.total).toBe(30);
    expect(p1.rows.map((r) => r.time)).toEqual([600, 580, 560, 540]);
    const p2 = must(ws.queryEvents({ limit: 4, offset: 28 }));
    expect(p2.rows.map((r) => r.time)).toEqual([40, 20]);
    expect(p1.rows[0]).toMatchObject({
      severity: 'error',
      type: 'host.cpu',
      message: 'event 30, "quoted"',
      objects: ['host-0'],
    });
  });

  it('filters by object, severity, type and time range', () => {
    expect(must(ws.queryEvents({ objectId: 'vm-0', limit: 100, offset: 0 })).total).toBe(15); // odd ticks
    expect(must(ws.queryEvents({ objectId: 'host-0', limit: 100, offset: 0 })).total).toBe(30);
    expect(
      must(ws.queryEvents({ severity: 'error', limit: 100, offset: 0 })).rows.map((r) => r.time),
    ).toEqual([600, 400, 200]);
    expect(
      must(ws.queryEvents({ type: 'vm.powerOn', from: 100, to: 200, limit: 100, offset: 0 })).rows.map(
        (r) => r.time,
      ),
    ).toEqual([180, 140, 100]);
    expect(
      must(ws.queryEvents({ objectId: 'vm-0', severity: 'warning', limit: 100, offset: 0 })).rows.map(
        (r) => r.time,
      ),
    ).toEqual([540, 420, 300, 180, 60]);
  });

  it('rejects bad paging', () => {
    const r = ws.queryEvents({ limit: 0, offset: -1 });
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('tasks', () => {
  const ws = workspace();
  afterAll(() => ws.close());

  it('keeps the latest state of each task', () => {
    const all = must(ws.queryTasks({ limit: 10, offset: 0 }));
    expect(all.total).toBe(3);
    expect(all.rows.map((t) => [t.id, t.state, t.progress])).toEqual([
      ['task-3', 'error', 100],
      ['task-2', 'running', 10],
      ['task-1', 'success', 100],
    ]);
    expect(all.rows[0]!.reason).toBe('Migration did not converge after 30 rounds');
    expect(all.rows[2]!.resultId).toBe('vm-7');
    expect('resultId' in all.rows[1]!).toBe(false);
  });

  it('filters by object (target or created object) and state, with paging', () => {
    expect(must(ws.queryTasks({ objectId: 'vm-0', limit: 10, offset: 0 })).rows.map((t) => t.id)).toEqual([
      'task-2',
    ]);
    expect(must(ws.queryTasks({ objectId: 'vm-7', limit: 10, offset: 0 })).rows.map((t) => t.id)).toEqual([
      'task-1',
    ]);
    expect(must(ws.queryTasks({ state: 'error', limit: 10, offset: 0 })).rows.map((t) => t.id)).toEqual([
      'task-3',
    ]);
    const page = must(ws.queryTasks({ limit: 1, offset: 1 }));
    expect([page.total, page.rows.map((t) => t.id)]).toEqual([3, ['task-2']]);
  });
});

describe('console filters: sort, task type and time, distinct types', () => {
  const ws = workspace();
  afterAll(() => ws.close());

  it('sorts events by severity, type or time in either direction', () => {
    const bySev = must(ws.queryEvents({ sort: 'severity', limit: 100, offset: 0 })).rows;
    const rank = { error: 2, warning: 1, info: 0 } as const;
    expect(bySev.map((e) => rank[e.severity])).toEqual(
      [...bySev.map((e) => rank[e.severity])].sort((a, b) => b - a),
    );
    expect(bySev[0]!.severity).toBe('error');
    expect(bySev.at(-1)!.severity).toBe('info');
    const oldest = must(ws.queryEvents({ order: 'asc', limit: 3, offset: 0 })).rows.map((e) => e.time);
    expect(oldest).toEqual([20, 40, 60]);
    const byType = must(ws.queryEvents({ sort: 'type', order: 'asc', limit: 100, offset: 0 })).rows;
    expect(byType[0]!.type).toBe('host.cpu');
    expect(byType.at(-1)!.type).toBe('vm.powerOn');
  });

  it('filters tasks by type and queue time, and sorts them', () => {
    expect(must(ws.queryTasks({ from: 100, limit: 10, offset: 0 })).rows.map((t) => t.id)).toEqual([
      'task-3',
    ]);
    expect(must(ws.queryTasks({ to: 100, limit: 10, offset: 0 })).rows.map((t) => t.id)).toEqual([
      'task-2',
      'task-1',
    ]);
    expect(must(ws.queryTasks({ type: 'vm.migrate', limit: 10, offset: 0 })).total).toBe(3);
    expect(must(ws.queryTasks({ type: 'host.enterMaintenance', limit: 10, offset: 0 })).total).toBe(0);
    expect(
      must(ws.queryTasks({ sort: 'state', order: 'asc', limit: 10, offset: 0 })).rows.map((t) => t.state),
    ).toEqual(['error', 'running', 'success']);
  });

  it('lists the distinct event and task types', () => {
    expect(must(ws.historyTypes())).toEqual({ events: ['host.cpu', 'vm.powerOn'], tasks: ['vm.migrate'] });
  });

  it('refuses a sort column outside its list', () => {
    const r = ws.queryEvents({ sort: 'message; DROP TABLE events' as never, limit: 10, offset: 0 });
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('alarms', () => {
  it('are added, acknowledged, cleared and queried', () => {
    const ws = workspace();
    ws.registerEntities([{ id: 'host-0', kind: 'host', name: 'esx-01', parentId: null }]);
    const a = must(
      ws.addAlarm({
        rule: 'host.cpu',
        objectId: 'host-0',
        severity: 'warning',
        message: 'CPU 80%',
        triggeredAt: 100,
      }),
    );
    expect(a).toEqual({
      id: 'alarm-1',
      rule: 'host.cpu',
      objectId: 'host-0',
      objectName: 'esx-01',
      severity: 'warning',
      message: 'CPU 80%',
      triggeredAt: 100,
      clearedAt: null,
      acknowledged: false,
    });
    must(
      ws.addAlarm({
        id: 'my-alarm',
        rule: 'vm.ready',
        objectId: 'vm-1',
        severity: 'error',
        message: 'ready 12%',
        triggeredAt: 200,
      }),
    );
    expect(
      ws.addAlarm({
        id: 'my-alarm',
        rule: 'x',
        objectId: 'vm-1',
        severity: 'error',
        message: '',
        triggeredAt: 1,
      }).ok,
    ).toBe(false);
    expect(must(ws.updateAlarm('alarm-1', { acknowledged: true }))).toMatchObject({
      acknowledged: true,
      severity: 'warning',
    });
    // Only an alarm's clear and acknowledge fields change once it is recorded.
    const rewrite = ws.updateAlarm('alarm-1', { severity: 'error' } as never);
    expect(rewrite.ok ? 'ok' : rewrite.error.code).toBe('INVALID_ARGUMENT');
    must(ws.updateAlarm('my-alarm', { clearedAt: 300 }));
    const again = ws.updateAlarm('my-alarm', { clearedAt: 400 });
    expect(again.ok ? 'ok' : again.error.code).toBe('INVALID_ARGUMENT');
    expect(must(ws.queryAlarms({ limit: 10, offset: 0 })).rows.map((r) => r.id)).toEqual([
      'my-alarm',
      'alarm-1',
    ]);
    expect(must(ws.queryAlarms({ activeOnly: true, limit: 10, offset: 0 })).rows.map((r) => r.id)).toEqual([
      'alarm-1',
    ]);
    expect(must(ws.queryAlarms({ objectId: 'vm-1', limit: 10, offset: 0 })).total).toBe(1);
    const missing = ws.updateAlarm('nope', { acknowledged: true });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('NOT_FOUND');
    ws.close();
  });
});

describe('truncateAfter', () => {
  it('drops history, events, tasks, alarms and snapshots newer than the tick, and appending continues from there', () => {
    const ws = workspace();
    must(ws.saveSnapshot(10, 200, { at: 10 }));
    must(ws.saveSnapshot(20, 400, { at: 20 }));
    must(
      ws.addAlarm({ rule: 'r', objectId: 'vm-1', severity: 'warning', message: 'late', triggeredAt: 500 }),
    );
    const early = must(
      ws.addAlarm({ rule: 'r', objectId: 'vm-1', severity: 'warning', message: 'early', triggeredAt: 100 }),
    );
    must(ws.updateAlarm(early.id, { clearedAt: 300 }));
    ws.appendTick(
      makeTick(31, 20, fleet(1, 2), undefined, undefined, { tasks: [task('task-late', 'queued', 0, 620)] }),
    );
    must(ws.truncateAfter(10));
    expect(ws.meta()).toMatchObject({ lastTick: 10, lastTime: 200 });
    expect(ws.latestSnapshot()).toEqual({ tick: 10, time: 200, snapshot: { at: 10 } });
    expect(must(ws.queryEvents({ limit: 100, offset: 0 })).total).toBe(10);
    // tasks queued up to the cut stay (with their latest known state; the resumed engine upserts them again)
    expect(must(ws.queryTasks({ limit: 10, offset: 0 })).rows.map((t) => t.id)).toEqual([
      'task-3',
      'task-2',
      'task-1',
    ]);
    const alarms = must(ws.queryAlarms({ limit: 10, offset: 0 })).rows;
    expect(alarms.map((a) => [a.message, a.clearedAt])).toEqual([['early', null]]);
    const f = fleet(1, 2);
    for (let k = 11; k <= 15; k++) ws.appendTick(makeTick(k, 20, f));
    // 5-min bucket (0, 300] = ticks 1..15 rebuilt from the realtime rows kept before the cut
    const r = must(
      ws.querySeries({ entityIds: ['vm-1'], metrics: ['cpu.usageMHz'], from: 0, to: 300, maxPoints: 2 }),
    );
    expect(r.series[0]!.points).toEqual([[300, 108]]);
    ws.close();
  });
});
