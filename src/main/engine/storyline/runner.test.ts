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
    { type: 'loadSpike', at: 60, targetId: 'cluster-a', factor: 3, durationSec: 120, caption: { en: 'Spike' } },
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
      ['vm-t1', 'vm-t4', 'vm-t2', 'vm-t5', 'vm-t3', 'vm-t6'].map((vmId) => ({ type: 'vm.configure', vmId, workload: { pattern: 'constant', cpuBasePct: 20, cpuPeakPct: 20, memActivePct: 30 } })),
    );
    expect(e.world.vmById.get('vm-t1')?.workload.cpuPeakPct).toBe(20);
    expect(run.fired[2]!.commands[0]).toMatchObject({ command: { type: 'host.fail', hostId: 'host-a3' }, ok: true });
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
