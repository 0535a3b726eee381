/**
 * Schema 4: recorded events, tasks and alarms are append-only, enforced by SQLite triggers; only the
 * store's retention and rollback may delete them, and only an alarm's clear/acknowledge fields change.
 */
import nodePath from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineEvent, TaskInfo } from '../engine/api';
import { Workspace } from './workspace';
import type { AlarmRecord } from './types';
import { fleet, makeTick, removeTempDirs, tempDir, testInit } from './testing/synth';

afterAll(removeTempDirs);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const alarm = (id: string, triggeredAt: number): AlarmRecord => ({
  id,
  rule: 'host.cpu',
  objectId: 'host-0',
  objectName: 'esx-01',
  severity: 'warning',
  message: `CPU high (${id})`,
  triggeredAt,
  clearedAt: null,
  acknowledged: false,
});

const task: TaskInfo = {
  id: 'task-1',
  type: 'vm.migrate',
  description: 'Migrate vm-1',
  target: 'vm-1',
  state: 'running',
  progress: 10,
  queuedAt: 20,
  startedAt: 20,
  finishedAt: null,
  reason: null,
};

/** A workspace with 30 ticks, one event per tick, a task, and alarm-1 (cleared) + alarm-2 (active). */
function filled(): string {
  const path = nodePath.join(tempDir(), 'a.vdc');
  const ws = must(Workspace.create(path, testInit()));
  const f = fleet(1, 2);
  for (let k = 1; k <= 30; k++) {
    const events: EngineEvent[] = [
      { time: k * 20, severity: 'info', type: 'x', message: `e${k}`, objects: ['vm-1'] },
    ];
    ws.appendTick(makeTick(k, 20, f, undefined, undefined, { events, tasks: k === 1 ? [task] : [] }));
    if (k === 3) ws.recordAlarm(alarm('alarm-1', 60));
    if (k === 5) ws.clearAlarm('alarm-1', 100);
    if (k === 7) ws.recordAlarm(alarm('alarm-2', 140));
  }
  must(ws.close());
  return path;
}

describe('append-only history (schema 4)', () => {
  it('buffers alarms with the history of their tick and keeps the highest alarm number', () => {
    const path = filled();
    const ws = must(Workspace.open(path));
    const rows = must(ws.queryAlarms({ limit: 10, offset: 0 })).rows;
    expect(rows.map((a) => [a.id, a.triggeredAt, a.clearedAt])).toEqual([
      ['alarm-2', 140, null],
      ['alarm-1', 60, 100],
    ]);
    expect(ws.alarmSeq()).toBe(2);
    // a second clear changes nothing: an alarm is cleared once
    ws.clearAlarm('alarm-1', 500);
    ws.acknowledgeAlarm('alarm-2');
    must(ws.flush());
    expect(
      must(ws.queryAlarms({ limit: 10, offset: 0 })).rows.map((a) => [a.id, a.clearedAt, a.acknowledged]),
    ).toEqual([
      ['alarm-2', null, true],
      ['alarm-1', 100, false],
    ]);
    must(ws.close());
  });

  it('refuses, in SQL, to rewrite or delete recorded events, tasks and alarms', () => {
    const path = filled();
    const db = new Database(path);
    const refused = (sql: string): string => {
      try {
        db.prepare(sql).run();
        return 'done';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(refused("UPDATE events SET message = 'x'")).toMatch(/append-only/);
    expect(refused('DELETE FROM events')).toMatch(/append-only/);
    expect(refused("UPDATE event_objects SET object_id = 'x'")).toMatch(/append-only/);
    expect(refused('DELETE FROM event_objects')).toMatch(/append-only/);
    expect(refused("UPDATE tasks SET target = 'vm-2'")).toMatch(/append-only/);
    expect(refused('UPDATE tasks SET queued_at = 0')).toMatch(/append-only/);
    expect(refused('DELETE FROM tasks')).toMatch(/append-only/);
    expect(refused("UPDATE alarms SET severity = 'error'")).toMatch(/append-only/);
    expect(refused('UPDATE alarms SET triggered_at = 1')).toMatch(/append-only/);
    expect(refused("UPDATE alarms SET message = 'x'")).toMatch(/append-only/);
    expect(refused("UPDATE alarms SET cleared_at = 999 WHERE id = 'alarm-1'")).toMatch(/cleared once/);
    expect(refused("UPDATE alarms SET cleared_at = NULL WHERE id = 'alarm-1'")).toMatch(/cleared once/);
    expect(refused('DELETE FROM alarms')).toMatch(/append-only/);
    // what may change: a task's lifecycle, an alarm's first clear and its acknowledgement
    expect(refused("UPDATE tasks SET state = 'success', progress = 100, finished_at = 80")).toBe('done');
    expect(refused("UPDATE alarms SET cleared_at = 900 WHERE id = 'alarm-2'")).toBe('done');
    expect(refused('UPDATE alarms SET acknowledged = 1')).toBe('done');
    expect(refused('UPDATE alarms SET acknowledged = 0')).toMatch(/stays acknowledged/);
    expect(db.prepare('SELECT allow_delete FROM history_guard').pluck().get()).toBe(0);
    db.close();
  });

  it('lets retention and rollback delete, and closes the guard again', () => {
    const path = filled();
    const ws = must(Workspace.open(path));
    must(ws.truncateAfter(4)); // alarm-2 (triggered at 140) goes, alarm-1's clear at 100 is undone
    expect(must(ws.queryAlarms({ limit: 10, offset: 0 })).rows.map((a) => [a.id, a.clearedAt])).toEqual([
      ['alarm-1', null],
    ]);
    expect(must(ws.queryEvents({ limit: 100, offset: 0 })).total).toBe(4);
    must(ws.close());
    // retention: events and cleared alarms older than eventsKeepSec are deleted by the flush
    const short = nodePath.join(tempDir(), 'r.vdc');
    const init = testInit();
    const r = must(
      Workspace.create(short, {
        ...init,
        retention: { realtimeSec: 3600, levels: [{ intervalSec: 300, keepSec: 3600 }], eventsKeepSec: 200 },
      }),
    );
    const f = fleet(1, 2);
    for (let k = 1; k <= 40; k++) {
      r.appendTick(
        makeTick(k, 20, f, undefined, undefined, {
          events: [{ time: k * 20, severity: 'info', type: 'x', message: `e${k}`, objects: [] }],
        }),
      );
      if (k === 2) r.recordAlarm(alarm('alarm-1', 40));
      if (k === 3) r.clearAlarm('alarm-1', 60);
    }
    must(r.flush());
    expect(must(r.queryEvents({ limit: 100, offset: 0 })).total).toBe(10);
    expect(must(r.queryAlarms({ limit: 10, offset: 0 })).total).toBe(0);
    expect(r.alarmSeq()).toBe(1); // the counter survives retention
    must(r.close());
    const db = new Database(short, { readonly: true });
    expect(db.prepare('SELECT allow_delete FROM history_guard').pluck().get()).toBe(0);
    db.close();
  });
});
