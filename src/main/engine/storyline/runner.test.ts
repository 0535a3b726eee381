import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine';
import { runStoryline } from './runner';
import { tinyScenario } from './test-scenario';
import type { Storyline } from './types';

const story: Storyline = {
  version: 1,
  id: 'test-story',
  title: { en: 'Test' },
  description: { en: 'A spike, a failure and a repair' },
  scenario: { inline: tinyScenario() },
  durationSec: 600,
  events: [
    { type: 'caption', at: 0, caption: { en: 'Welcome', 'zh-CN': '欢迎' } },
    {
      type: 'loadSpike',
      at: 60,
      targetId: 'cluster-a',
      factor: 3,
      durationSec: 120,
      caption: { en: 'Spike' },
    },
    { type: 'hostFailure', at: 110, hostId: 'host-a3', repairAfterSec: 200, caption: { en: 'Host down' } },
  ],
};

function engine() {
  const e = createEngine(tinyScenario());
  if (!e.ok) throw new Error(e.error.message);
  return e.value;
}

describe('headless storyline run', () => {
  it('fires every step at the first tick boundary at or after its time, with captions', () => {
    const run = runStoryline(engine(), story);
    // 600 s at 20 s per tick = 30 ticks; 110 s is between ticks 5 (100 s) and 6 (120 s).
    expect(run.ticks).toBe(30);
    expect(run.fired.map((f) => [f.index, f.phase, f.at, f.firedAt, f.caption?.en ?? null])).toEqual([
      [0, 'start', 0, 0, 'Welcome'],
      [1, 'start', 60, 60, 'Spike'],
      [2, 'start', 110, 120, 'Host down'],
      [1, 'end', 180, 180, null],
      [2, 'end', 310, 320, null],
    ]);
  });

  it('triples the CPU demand of every VM of the cluster and restores it after the spike', () => {
    const e = engine();
    const run = runStoryline(e, story);
    const spike = run.fired[1]!;
    // six VMs at 20 % base and peak → 60 %
    expect(spike.commands).toHaveLength(6);
    for (const c of spike.commands) {
      expect(c.ok).toBe(true);
      expect(c.command).toMatchObject({ type: 'vm.configure', workload: { cpuBasePct: 60, cpuPeakPct: 60 } });
    }
    const end = run.fired[3]!;
    expect(end.commands.map((c) => c.command)).toEqual(
      // inventory tree order: host by host (t1, t4 on host-a1; t2, t5 on host-a2; t3, t6 on host-a3)
      ['vm-t1', 'vm-t4', 'vm-t2', 'vm-t5', 'vm-t3', 'vm-t6'].map((vmId) => ({
        type: 'vm.configure',
        vmId,
        workload: { pattern: 'constant', cpuBasePct: 20, cpuPeakPct: 20, memActivePct: 30 },
      })),
    );
    expect(e.world.vmById.get('vm-t1')?.workload.cpuPeakPct).toBe(20);
    expect(run.fired[2]!.commands[0]).toMatchObject({
      command: { type: 'host.fail', hostId: 'host-a3' },
      ok: true,
    });
    expect(run.fired[4]!.commands[0]).toMatchObject({ command: { type: 'host.repair', hostId: 'host-a3' } });
    expect(run.eventCounts['host.failed']).toBe(1);
  });

  it('gives the same run hash for the same storyline and seed, another without the events', () => {
    const a = runStoryline(engine(), story);
    const b = runStoryline(engine(), story);
    const quiet = runStoryline(engine(), { ...story, events: [] });
    expect(a.runHash).toBe(b.runHash);
    expect(a.finalMetrics).toEqual(b.finalMetrics);
    expect(quiet.runHash).not.toBe(a.runHash);
    expect(Object.keys(a.finalMetrics)).toEqual(['cluster-a']);
  });
});

describe('other storyline events on the engine', () => {
  it('datastoreFill, growthRamp, maintenance windows and DRS/policy changes become the right commands', () => {
    const e = engine();
    const run = runStoryline(e, {
      ...story,
      durationSec: 200,
      events: [
        { type: 'growthRamp', at: 0, targetId: 'host-a1', growthPctPerMonth: 10 },
        {
          type: 'datastoreFill',
          at: 20,
          datastoreId: 'ds-a',
          clusterId: 'cluster-a',
          sizeGiB: 500,
          name: 'backup-dump',
        },
        { type: 'maintenance', at: 40, hostId: 'host-a2', durationSec: 100 },
        { type: 'drs', at: 60, clusterId: 'cluster-a', enabled: true },
        { type: 'policy', at: 60, clusterId: 'cluster-a', settings: { dpm: { enabled: true } } },
      ],
    });
    const [grow, fill, mStart, drs, policy, mEnd] = run.fired;
    expect(fill!.commands[0]).toMatchObject({
      ok: true,
      command: {
        type: 'vm.create',
        powerOn: false,
        spec: { name: 'backup-dump', disks: [{ sizeGiB: 500, thin: false, datastoreId: 'ds-a' }] },
      },
    });
    // a thick 500 GiB disk is provisioned in full on the datastore
    const created = e.world.vmById.get(fill!.commands[0]!.createdId!);
    expect(created?.disks[0]).toMatchObject({ datastoreId: 'ds-a', sizeGiB: 500, thin: false });
    // host-a1 holds vm-t1 and vm-t4
    expect(grow!.commands.map((c) => (c.command as { vmId: string }).vmId)).toEqual(['vm-t1', 'vm-t4']);
    expect(e.world.vmById.get('vm-t4')?.workload.growthPctPerMonth).toBe(10);
    expect(e.world.vmById.get('vm-t2')?.workload.growthPctPerMonth).toBeUndefined();
    expect(mStart!.commands[0]!.command).toEqual({
      type: 'host.maintenance',
      hostId: 'host-a2',
      enter: true,
    });
    expect(mEnd).toMatchObject({
      phase: 'end',
      at: 140,
      commands: [{ command: { type: 'host.maintenance', hostId: 'host-a2', enter: false } }],
    });
    // only the given DRS field changes; automation and threshold keep the scenario's values
    expect(drs!.commands[0]!.ok).toBe(true);
    expect(e.clusterSettings('cluster-a').ok && e.clusterSettings('cluster-a')).toMatchObject({
      value: { drs: { enabled: true, automation: 'manual', threshold: 3 }, dpm: { enabled: true } },
    });
    expect(policy!.commands[0]!.ok).toBe(true);
  });
});
