import { describe, expect, it } from 'vitest';
import { compareByteOrder, vmTypeIndex } from './experiment';
import { runConsolidation, startConsolidation, type TraceInput } from './index';

const flat = (name: string, pct: number): TraceInput => ({
  name,
  samples: Array.from({ length: 288 }, () => pct),
});

function withValues(name: string, base: number, at: Record<number, number>): TraceInput {
  const samples = Array.from({ length: 288 }, () => base);
  for (const [i, v] of Object.entries(at)) samples[Number(i)] = v;
  return { name, samples };
}

describe('experiment set-up', () => {
  it('assigns VM types by index quartile, rounding the quarter up', () => {
    // N = 898: ceil(898 / 4) = 225 -> 225/225/225/223
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 898; i++) counts[vmTypeIndex(i, 898)] = (counts[vmTypeIndex(i, 898)] ?? 0) + 1;
    expect(counts).toEqual([225, 225, 225, 223]);
  });

  it('orders trace names by bytes, as LC_ALL=C sort does', () => {
    const names = ['b', 'B', 'a_1', 'a-1', 'a'];
    expect([...names].sort(compareByteOrder)).toEqual(['B', 'a', 'a-1', 'a_1', 'b']);
  });
});

describe('small runs checked by hand', () => {
  it('NPA charges every host its full power from 0 to 86,100.1 s', () => {
    const r = runConsolidation([flat('a', 10)], { policy: 'npa', hostCount: 2 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.energyKWh).toBeCloseTo(((117 + 135) * 86_100.1) / 3.6e6, 6);
  });

  it('DVFS charges P(u) from the first update on: 286 periods of 300 s', () => {
    // one 2500-MIPS VM at 50 %: first fit skips the G4 (1860 MIPS per core) -> G5 at 1250/5320;
    // P = 101 + 0.4 * (100 * 1250/5320 - 20); the period [0, 300.1] is free (u_prev = 0)
    const u = 1250 / 5320;
    const p = 101 + 0.4 * (u * 100 - 20);
    const r = runConsolidation([flat('a', 50)], { policy: 'dvfs', hostCount: 2 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.energyKWh).toBeCloseTo((p * 286 * 300) / 3.6e6, 6);
    expect(r.value.migrations).toBe(0);
  });

  it('removes a VM at two consecutive zero samples (k >= 1), never at a single zero', () => {
    const traces = [
      withValues('a-two-zeros', 30, { 5: 0, 6: 0 }),
      withValues('b-alternating', 30, { 5: 0, 7: 0, 9: 0 }),
      withValues('c-zero-first', 30, { 0: 0 }),
      withValues('d-zero-last', 30, { 287: 0 }), // d[288] = d[287] = 0 -> removed at 86,100.1
    ];
    const r = runConsolidation(traces, { policy: 'dvfs', hostCount: 4 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.vmsRunningAtEnd).toBe(2);
    const native = runConsolidation(traces, { policy: 'dvfs', hostCount: 4, native: true });
    if (!native.ok) throw new Error(native.error.message);
    expect(native.value.vmsRunningAtEnd).toBe(4);
  });

  it('native mode charges the whole day and NPA over 86,400 s', () => {
    const u = 1250 / 5320;
    const p = 101 + 0.4 * (u * 100 - 20);
    const dvfs = runConsolidation([flat('a', 50)], { policy: 'dvfs', hostCount: 2, native: true });
    if (!dvfs.ok) throw new Error(dvfs.error.message);
    expect(dvfs.value.energyKWh).toBeCloseTo((p * 86_400) / 3.6e6, 6);
    const npa = runConsolidation([flat('a', 50)], { policy: 'npa', hostCount: 2, native: true });
    if (!npa.ok) throw new Error(npa.error.message);
    expect(npa.value.energyKWh).toBeCloseTo(((117 + 135) * 86_400) / 3.6e6, 6);
  });

  it('consolidates idle VMs: a migration policy switches hosts off and reports the metrics', () => {
    const traces = Array.from({ length: 8 }, (_, i) => flat(`t${i}`, 10));
    const r = runConsolidation(traces, { policy: 'thr-mmt', hostCount: 8, timeline: true });
    if (!r.ok) throw new Error(r.error.message);
    // at t = 0 all eight hosts are used (the spreading quirk); the first round evacuates hosts
    expect(r.value.migrations).toBeGreaterThan(0);
    expect(r.value.hostShutdowns).toBeGreaterThan(0);
    const tl = r.value.timeline ?? [];
    expect(tl.length).toBe(287);
    expect((tl[tl.length - 1] as (typeof tl)[number]).activeHosts).toBeLessThan(8);
    expect(r.value.slav).toBeCloseTo(r.value.slatah * r.value.pdm, 15);
    expect(r.value.esv).toBeCloseTo(r.value.energyKWh * r.value.slav, 15);
  });

  it('a stepped run (live display) gives one point per interval and the same result as a whole run', () => {
    const traces = Array.from({ length: 8 }, (_, i) => withValues(`t${i}`, 15 + i * 9, { [i * 30]: 95 }));
    const started = startConsolidation(traces, { policy: 'mad-mmt', hostCount: 8 });
    if (!started.ok) throw new Error(started.error.message);
    const run = started.value;
    const times: number[] = [];
    for (;;) {
      const p = run.step();
      if (!p.ok) throw new Error(p.error.message);
      if (p.value === null) break;
      times.push(p.value.timeSec);
      expect(p.value.activeHosts).toBeLessThanOrEqual(8);
    }
    expect(times.length).toBe(287);
    expect(times[0]).toBeCloseTo(300.1, 9);
    expect(times[286]).toBeCloseTo(86_100.1, 6);
    const whole = runConsolidation(traces, { policy: 'mad-mmt', hostCount: 8 });
    expect(run.finish()).toEqual(whole);
  });

  it('RS runs are reproducible for a seed', () => {
    const traces = Array.from({ length: 12 }, (_, i) => withValues(`t${i}`, 20 + i * 5, { [i * 7]: 90 }));
    const a = runConsolidation(traces, { policy: 'thr-rs', param: 0.5, seed: 3, hostCount: 6 });
    const b = runConsolidation(traces, { policy: 'thr-rs', param: 0.5, seed: 3, hostCount: 6 });
    expect(a).toEqual(b);
  });
});

describe('bad input', () => {
  it('names the policy list for an unknown policy and the range for a bad parameter', () => {
    const unknown = runConsolidation([flat('a', 1)], { policy: 'thr-xyz' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toContain('lrr-rs');
    const range = runConsolidation([flat('a', 1)], { policy: 'thr-mmt', param: 1.5 });
    if (!range.ok) expect(range.error.message).toContain('0 < x <= 1');
    else throw new Error('expected an error');
  });

  it('rejects traces with the wrong length or values outside 0-100, naming the trace and line', () => {
    const short = runConsolidation([{ name: 'x', samples: [1, 2] }], { policy: 'dvfs' });
    if (!short.ok) expect(short.error.message).toContain('x: expected 288 samples, found 2');
    const high = runConsolidation([withValues('y', 1, { 9: 101 })], { policy: 'dvfs' });
    if (!high.ok) expect(high.error.message).toBe('y line 10: 101 is outside 0-100');
    else throw new Error('expected an error');
  });
});
