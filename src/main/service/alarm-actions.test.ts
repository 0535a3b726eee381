/**
 * Alarm actions (issue 12): a definition's actions run when a level triggers, repeat on their interval and
 * run on clear; each is recorded as an event, an action on an object runs its command (task and events) and
 * is logged, so a reopened workspace replays it instead of running it twice and ends in the same state.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MetricBlock } from '../engine/api';
import { builtinScenario } from '../engine';
import { AlarmDefinitionInputSchema } from '../../shared/contract-alarms';
import { AlarmEvaluator, type AlarmRule } from './alarms';
import { defineAlarm, definitionViews, readVersions } from './alarm-definitions';
import { openRecordedRun } from './headless';
import { Workspace } from '../store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-alarm-actions-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const names = (kind: string) => (kind === 'host' ? ['cpu.usage.pct'] : []);
const at = (cpu: number): MetricBlock[] => [
  { kind: 'host', ids: ['host-1'], values: Float64Array.from([cpu]) } as MetricBlock,
];
const rule: AlarmRule = {
  id: 'user.1',
  kind: 'host',
  metric: 'cpu.usage.pct',
  warning: 50,
  error: 80,
  triggerSec: 0,
  tolerance: 0,
  label: 'Busy host',
  actions: [
    { type: 'notify', on: 'warning', repeatMin: 1 },
    { type: 'host.enterMaintenance', on: 'critical' },
    { type: 'host.exitMaintenance', on: 'clear' },
  ],
};

describe('alarm actions in the evaluator', () => {
  it('run on trigger per level, repeat on their interval while the level lasts, and once on clear', () => {
    const e = new AlarmEvaluator(names, (id) => id, [rule]);
    const due = (t: number, cpu: number) =>
      e
        .dueActions(t, e.evaluate(t, at(cpu)), 20)
        .map((d) => `${d.action.type}:${d.on}${d.repeat ? ':again' : ''}`);
    expect(due(20, 10)).toEqual([]);
    expect(due(40, 60)).toEqual(['notify:warning']);
    expect(due(60, 60)).toEqual([]);
    expect(due(80, 60)).toEqual([]);
    expect(due(100, 60)).toEqual(['notify:warning:again']); // 60 s after the trigger at 40
    expect(due(120, 90)).toEqual(['host.enterMaintenance:critical']);
    expect(due(140, 90)).toEqual([]); // the critical level has no repeating action
    // Escalation and de-escalation are not a clear; the end of the alarm is.
    expect(due(160, 60)).toEqual(['notify:warning']);
    expect(due(180, 10)).toEqual(['host.exitMaintenance:clear']);
  });

  it('an alarm cleared because its definition was disabled runs no clear action', () => {
    const e = new AlarmEvaluator(names, (id) => id, [rule]);
    e.dueActions(20, e.evaluate(20, at(60)), 20);
    e.addVersion(20, [{ ...rule, enabled: false }]);
    const changes = e.evaluate(40, at(60));
    expect(changes.map((c) => c.kind)).toEqual(['cleared']);
    expect(e.dueActions(40, changes, 20)).toEqual([]);
  });
});

describe('alarm action definitions', () => {
  it('are validated: an action must fit the kind, a clear action cannot repeat', () => {
    const base = {
      label: 'x',
      kind: 'host' as const,
      metric: 'cpu.usage.pct',
      direction: 'above' as const,
      warning: 50,
      critical: 80,
      tolerance: 0,
      durationSec: 0,
      enabled: true,
    };
    expect(
      AlarmDefinitionInputSchema.safeParse({ ...base, actions: [{ type: 'vm.reset', on: 'critical' }] })
        .success,
    ).toBe(false);
    expect(
      AlarmDefinitionInputSchema.safeParse({
        ...base,
        actions: [{ type: 'notify', on: 'clear', repeatMin: 5 }],
      }).success,
    ).toBe(false);
    expect(
      AlarmDefinitionInputSchema.safeParse({ ...base, actions: [{ type: 'notify', on: 'x' }] }).success,
    ).toBe(false);
    expect(AlarmDefinitionInputSchema.safeParse({ ...base }).success).toBe(true);
  });

  it('are stored with the definition; a stored version without actions (older files) still reads', () => {
    const path = join(dir, 'defs.vdc');
    const r = openRecordedRun({ path, scenario: builtinScenario('small-lab') });
    if (!r.ok) throw new Error(r.error.message);
    const s = r.value.session;
    const catalog = s.engine.catalog();
    // An older file's version: no actions key.
    const old = defineAlarm(s.alarms, s.workspace, catalog, 0, {
      id: 'host.cpu',
      label: 'Host CPU usage',
      kind: 'host',
      metric: 'cpu.usage.pct',
      direction: 'above',
      warning: 75,
      critical: 90,
      tolerance: 5,
      durationSec: 300,
      enabled: true,
    });
    expect(old.ok).toBe(true);
    expect(definitionViews(s.alarms, catalog).find((d) => d.id === 'host.cpu')?.actions).toEqual([]);
    const withActions = defineAlarm(s.alarms, s.workspace, catalog, 20, {
      id: 'host.cpu',
      label: 'Host CPU usage',
      kind: 'host',
      metric: 'cpu.usage.pct',
      direction: 'above',
      warning: 75,
      critical: 90,
      tolerance: 5,
      durationSec: 300,
      enabled: true,
      actions: [{ type: 'notify', on: 'warning', repeatMin: 30 }],
    });
    expect(withActions.ok).toBe(true);
    // Saving without `actions` (a client that predates them) keeps the definition's actions.
    defineAlarm(s.alarms, s.workspace, catalog, 40, {
      id: 'host.cpu',
      label: 'Host CPU',
      kind: 'host',
      metric: 'cpu.usage.pct',
      direction: 'above',
      warning: 75,
      critical: 90,
      tolerance: 5,
      durationSec: 300,
      enabled: true,
    });
    const read = readVersions(s.workspace!);
    if (!read.ok) throw new Error(read.error.message);
    const versions = read.value;
    expect(versions?.map((v) => v.rules.find((x) => x.id === 'host.cpu')?.actions)).toEqual([
      undefined,
      [{ type: 'notify', on: 'warning', repeatMin: 30 }],
      [{ type: 'notify', on: 'warning', repeatMin: 30 }],
    ]);
    expect(r.value.finish().ok).toBe(true);
  });
});

describe('alarm actions in a recorded run', () => {
  it('run their commands with tasks and events, are logged, and a reopen replays them to the same state', () => {
    const path = join(dir, 'act.vdc');
    const r = openRecordedRun({ path, scenario: builtinScenario('small-lab') });
    if (!r.ok) throw new Error(r.error.message);
    const s = r.value.session;
    const defined = defineAlarm(s.alarms, s.workspace, s.engine.catalog(), s.engine.time, {
      id: 'host.cpu',
      label: 'Host CPU usage',
      kind: 'host',
      metric: 'cpu.usage.pct',
      direction: 'above',
      warning: 1,
      critical: 2,
      tolerance: 0,
      durationSec: 0,
      enabled: true,
      actions: [
        { type: 'notify', on: 'critical' },
        { type: 'host.enterMaintenance', on: 'critical' },
      ],
    });
    expect(defined.ok).toBe(true);
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
      r.value.step();
    }
    const hash = s.engine.runHash();
    expect(r.value.finish().ok).toBe(true);

    const ws = Workspace.open(path);
    if (!ws.ok) throw new Error(ws.error.message);
    const events = ws.value.queryEvents({ limit: 1000, offset: 0 });
    if (!events.ok) throw new Error(events.error.message);
    for (const e of events.value.rows) if (e.type.startsWith('alarm.')) seen.push(`${e.type}|${e.message}`);
    const logged = ws.value.commandsAfter(0).map((c) => JSON.stringify(c.command));
    ws.value.close();
    expect(
      seen.some((x) => x.startsWith('alarm.notify|Alarm notification (critical): Host CPU usage of esx-0')),
    ).toBe(true);
    // Every host's critical alarm asked for maintenance; the engine ran what it could and refused the rest.
    expect(seen.filter((x) => x.startsWith('alarm.action|Host CPU usage on esx-0')).length).toBe(3);
    expect(
      seen.some((x) =>
        /alarm\.action\|Host CPU usage on esx-0\d \(critical\): enter maintenance mode$/.test(x),
      ),
    ).toBe(true);
    expect(logged.filter((c) => c.includes('"host.maintenance"')).length).toBeGreaterThan(0);

    // Reopened: the logged actions replay (not run again by the evaluator): the same engine state.
    const again = openRecordedRun({ path, scenario: builtinScenario('small-lab') });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.session.engine.runHash()).toBe(hash);
    const ws2 = again.value.session.workspace!;
    const count = ws2.commandsAfter(0).length;
    expect(count).toBe(logged.length);
    expect(again.value.finish().ok).toBe(true);
  });
});
