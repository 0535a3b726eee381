import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../../engine';
import { workloadParams } from '../../engine/workload/params';
import { continueGrowth, futureSeed, growthInterval } from './sweep';

const MONTH = 30 * 86_400;
/** The engine's level × growth factor at time t (profile.ts): what continueGrowth must keep continuous. */
const level = (spec: Parameters<typeof workloadParams>[0], t: number) => {
  const p = workloadParams(spec, 'vm');
  return {
    cpu: p.cpuPeakPct * Math.pow(1 + p.growthPctPerMonth / 100, t / MONTH),
    mem: p.memActivePct * Math.pow(1 + p.growthPctPerMonth / 100, t / MONTH),
  };
};

describe('sweep building blocks', () => {
  it('growth applied at day 40 continues from the level reached, instead of jumping by (1 + g)^(40/30)', () => {
    const vm = builtinScenario('small-lab')!.vms!.find((v) => v.workload.pattern !== 'trace')!;
    const before = { ...vm.workload, growthPctPerMonth: 5 };
    const now = 40 * 86_400;
    const after = continueGrowth(before, 20, now);
    expect(after.growthPctPerMonth).toBe(20);
    expect(level(after, now).cpu).toBeCloseTo(level(before, now).cpu, 4);
    expect(level(after, now).mem).toBeCloseTo(level(before, now).mem, 4);
    // From then on it grows 20 %/month.
    expect(level(after, now + MONTH).cpu / level(after, now).cpu).toBeCloseTo(1.2, 6);
    // Naively setting the rate would have stepped up at once.
    expect(level({ ...before, growthPctPerMonth: 20 }, now).cpu / level(before, now).cpu).toBeCloseTo(
      Math.pow(1.2 / 1.05, 40 / 30),
      6,
    );
  });

  it('growth interval: the slope ± t·se as % of the level per month; none on fewer than 3 days', () => {
    expect(
      growthInterval([
        [0, 100],
        [1, 101],
      ]),
    ).toEqual({ fitted: 0, low: 0, high: 0, historyDays: 2 });
    const exact = growthInterval(Array.from({ length: 10 }, (_, d) => [d, 100 + d] as [number, number]));
    expect(exact.fitted).toBeCloseTo((100 * 30 * 1) / 109, 2);
    expect(exact.low).toBeCloseTo(exact.fitted, 6);
    const noisy = growthInterval(
      Array.from({ length: 10 }, (_, d) => [d, 100 + d + (d % 2 ? 3 : -3)] as [number, number]),
    );
    expect(noisy.low).toBeLessThan(noisy.fitted);
    expect(noisy.high).toBeGreaterThan(noisy.fitted);
  });

  it('future seeds are distinct per index and stable', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => futureSeed(7, i)));
    expect(seeds.size).toBe(1000);
    expect(futureSeed(7, 3)).toBe(futureSeed(7, 3));
    expect(futureSeed(7, 3)).not.toBe(futureSeed(8, 3));
  });
});
