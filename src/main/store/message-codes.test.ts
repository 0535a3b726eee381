/** Schema 6: events, tasks and alarms keep their message code next to the English text (issue 12). */
import nodePath from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineEvent, TaskInfo } from '../engine/api';
import { Workspace } from './workspace';
import { fleet, makeTick, removeTempDirs, tempDir, testInit } from './testing/synth';

afterAll(removeTempDirs);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const migrated = {
  code: 'ev.vmMigrated',
  params: {
    vm: 'web-01',
    from: 'esx-01',
    to: 'esx-02',
    result: { code: 'reason.completedIn', params: { sec: '3' } },
  },
};

describe('message codes in the workspace (schema 6)', () => {
  const path = nodePath.join(tempDir(), 'codes.vdc');
  const ws = must(Workspace.create(path, testInit()));
  const f = fleet(1, 2);
  const events: EngineEvent[] = [
    {
      time: 20,
      severity: 'info',
      type: 'vm.migrated',
      message: 'web-01 migrated…',
      objects: ['vm-0'],
      msg: migrated,
    },
    { time: 20, severity: 'info', type: 'old.kind', message: 'an event without a code', objects: ['vm-0'] },
  ];
  const task: TaskInfo = {
    id: 'task-1',
    type: 'vm.migrate',
    description: 'Migrate web-01 to esx-02',
    target: 'vm-0',
    state: 'success',
    progress: 100,
    queuedAt: 20,
    startedAt: 20,
    finishedAt: 40,
    reason: 'completed in 3 s',
    descriptionMsg: { code: 'task.migrate', params: { vm: 'web-01', host: 'esx-02' } },
    reasonMsg: { code: 'reason.completedIn', params: { sec: '3' } },
  };
  ws.appendTick(makeTick(1, 20, f, undefined, undefined, { events, tasks: [task] }));
  ws.recordAlarm({
    id: 'alarm-1',
    rule: 'host.cpu',
    objectId: 'host-0',
    objectName: 'host-0',
    severity: 'warning',
    message: 'Host CPU usage of host-0 is 91.0 % (threshold 80 %)',
    msg: {
      code: 'alarm.threshold',
      params: {
        rule: { code: 'alarmRule.hostCpu', params: {} },
        object: 'host-0',
        value: '91.0',
        threshold: 80,
      },
    },
    triggeredAt: 20,
    clearedAt: null,
    acknowledged: false,
  });
  must(ws.flush());
  afterAll(() => ws.close());

  it('reads back each code with its parameters, and none for a record written without one', () => {
    const evs = must(ws.queryEvents({ limit: 10, offset: 0 })).rows;
    expect(evs.find((e) => e.type === 'vm.migrated')?.msg).toEqual(migrated);
    expect(evs.find((e) => e.type === 'old.kind')).not.toHaveProperty('msg');
    const t = must(ws.queryTasks({ limit: 10, offset: 0 })).rows[0]!;
    expect(t.descriptionMsg).toEqual(task.descriptionMsg);
    expect(t.reasonMsg).toEqual(task.reasonMsg);
    const a = must(ws.queryAlarms({ limit: 10, offset: 0 })).rows[0]!;
    expect(a.msg?.code).toBe('alarm.threshold');
  });

  it('an alarm keeps its code (append-only), and a damaged code is left out: the record shows its text', () => {
    const db = new Database(path);
    try {
      expect(() => db.prepare("UPDATE alarms SET msg = NULL WHERE id = 'alarm-1'").run()).toThrow(
        /append-only/,
      );
      expect(() => db.prepare('UPDATE events SET msg = NULL').run()).toThrow(/append-only/);
      db.prepare('UPDATE tasks SET msg = \'{"description": {"code": 5}}\' WHERE id = \'task-1\'').run();
    } finally {
      db.close();
    }
    const t = must(ws.queryTasks({ limit: 10, offset: 0 })).rows[0]!;
    expect(t).not.toHaveProperty('descriptionMsg');
    expect(t.description).toBe('Migrate web-01 to esx-02');
  });
});
