import { describe, expect, it } from 'vitest';
import type { Observation } from './observe';
import { LabTracker } from './tracker';
import type { Lab } from './types';
import { flattenInventory } from '../storyline/world-view';
import type { InventoryNode } from '../api';

/** One cluster with two hosts, each with one VM in `states`, and VM ready % values. */
function obs(
  time: number,
  readyPct: [number, number],
  states: [string, string] = ['poweredOn', 'poweredOn'],
): Observation {
  const vm = (id: string, host: string, state: string): InventoryNode => ({
    id,
    kind: 'vm',
    name: id,
    state,
    parentId: host,
  });
  const tree: InventoryNode[] = [
    {
      id: 'dc',
      kind: 'datacenter',
      name: 'dc',
      state: 'ok',
      parentId: null,
      children: [
        {
          id: 'cl',
          kind: 'cluster',
          name: 'cl',
          state: 'ok',
          parentId: 'dc',
          children: [
            {
              id: 'h1',
              kind: 'host',
              name: 'h1',
              state: 'connected',
              parentId: 'cl',
              children: [vm('v1', 'h1', states[0])],
            },
            {
              id: 'h2',
              kind: 'host',
              name: 'h2',
              state: 'connected',
              parentId: 'cl',
              children: [vm('v2', 'h2', states[1])],
            },
          ],
        },
      ],
    },
  ];
  return {
    time,
    nodes: flattenInventory(tree),
    metrics: { vm: { v1: { 'cpu.ready.pct': readyPct[0] }, v2: { 'cpu.ready.pct': readyPct[1] } } },
  };
}

const base: Omit<Lab, 'checks'> = {
  version: 1,
  id: 'lab-x',
  order: 1,
  level: 'beginner',
  title: { en: 'x' },
  goal: { en: 'x' },
  scenario: { builtin: 'small-lab' },
  durationSec: 1000,
  drills: [],
  hints: [],
};

describe('lab tracker', () => {
  it('passes a "now" check only after it held for sustainSec without a break', () => {
    const t = new LabTracker({
      ...base,
      checks: [
        {
          id: 'ready',
          text: { en: 'ready < 5 %' },
          kind: 'metric',
          entityKind: 'vm',
          withinId: 'cl',
          metric: 'cpu.ready.pct',
          aggregate: 'max',
          op: '<',
          value: 5,
          sustainSec: 100,
        },
      ],
    });
    expect(t.observe(obs(20, [9, 1]), []).checks[0]).toMatchObject({ status: 'failing', value: 9 });
    expect(t.observe(obs(40, [4, 1]), []).status).toBe('running'); // holds since 40
    expect(t.observe(obs(60, [6, 1]), []).checks[0]!.heldSince).toBeNull(); // broken
    t.observe(obs(80, [4, 1]), []); // holds again since 80
    expect(t.observe(obs(160, [4, 1]), []).status).toBe('running'); // 80 s < 100 s
    const p = t.observe(obs(180, [4.9, 1]), []);
    expect(p.status).toBe('passed');
    expect(p.passedAt).toBe(180);
    // passing is final
    expect(t.observe(obs(200, [50, 50]), []).status).toBe('passed');
  });

  it('fails for good when an "always" check breaks, naming it', () => {
    const t = new LabTracker({
      ...base,
      checks: [
        {
          id: 'up',
          text: { en: 'No VM is down' },
          kind: 'count',
          entityKind: 'vm',
          withinId: 'cl',
          states: ['poweredOn'],
          baseline: 'start',
          op: '>=',
          value: 0,
          mode: 'always',
        },
        {
          id: 'later',
          text: { en: 'wait' },
          kind: 'count',
          entityKind: 'host',
          op: '>=',
          value: 1,
          fromSec: 500,
        },
      ],
    });
    expect(t.observe(obs(20, [0, 0]), []).checks.map((c) => c.status)).toEqual(['passing', 'pending']);
    const p = t.observe(obs(40, [0, 0], ['poweredOn', 'down']), []);
    expect(p).toMatchObject({ status: 'failed', failedAt: 40, failure: 'No VM is down' });
    expect(p.checks[0]).toMatchObject({ status: 'failed', value: -1 });
  });

  it("measures count baselines from the inventory at the start, before the learner's first command", () => {
    const t = new LabTracker({
      ...base,
      checks: [
        {
          id: 'up',
          text: { en: 'No VM down' },
          kind: 'count',
          entityKind: 'vm',
          states: ['poweredOn'],
          baseline: 'start',
          op: '>=',
          value: 0,
          mode: 'always',
        },
      ],
    });
    // at the start both VMs run; one is powered off before the first tick
    t.begin(obs(0, [0, 0]).nodes);
    expect(t.observe(obs(20, [0, 0], ['poweredOn', 'poweredOff']), []).checks[0]).toMatchObject({
      status: 'failed',
      value: -1,
    });
  });

  it('latches "ever" checks, counts events by prefix and fails when time is up', () => {
    const t = new LabTracker({
      ...base,
      durationSec: 100,
      checks: [
        {
          id: 'migrated',
          text: { en: 'a migration happened' },
          kind: 'events',
          eventType: 'vm.migrat',
          op: '>=',
          value: 2,
          mode: 'ever',
        },
        { id: 'never', text: { en: 'impossible' }, kind: 'count', entityKind: 'host', op: '>', value: 5 },
      ],
    });
    const ev = (type: string) => ({ time: 0, severity: 'info' as const, type, message: '', objects: [] });
    t.observe(obs(20, [0, 0]), [ev('vm.migrated'), ev('host.failed')]);
    expect(t.observe(obs(40, [0, 0]), [ev('vm.migration.started')]).checks[0]).toMatchObject({
      status: 'passed',
      value: 2,
    });
    expect(t.observe(obs(100, [0, 0]), []).status).toBe('failed');
    expect(t.progress().failure).toContain('time is up');
  });

  it("counts the learner's accepted commands for noCommand checks", () => {
    const t = new LabTracker({
      ...base,
      checks: [{ id: 'nohost', text: { en: 'no new host' }, kind: 'noCommand', commandTypes: ['host.add'] }],
    });
    t.noteAction({
      time: 0,
      tick: 0,
      command: { type: 'host.add', clusterId: 'cl', spec: {} as never },
      ok: false,
      message: 'refused',
    });
    expect(t.observe(obs(20, [0, 0]), []).status).toBe('passed');
    const t2 = new LabTracker({
      ...base,
      checks: [{ id: 'nohost', text: { en: 'no new host' }, kind: 'noCommand', commandTypes: ['host.add'] }],
    });
    t2.noteAction({
      time: 0,
      tick: 0,
      command: { type: 'host.add', clusterId: 'cl', spec: {} as never },
      ok: true,
    });
    expect(t2.observe(obs(20, [0, 0]), []).checks[0]).toMatchObject({ status: 'failing', value: 1 });
  });
});
