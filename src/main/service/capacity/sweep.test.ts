import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../../engine';
import { workloadParams } from '../../engine/workload/params';
import { dailyPeaks, forecastPeaks, linearFit } from '../../engine/capacity';
import { continueGrowth, futureSeed } from './sweep';

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

  it('growth stands on the final method: weekends at the end of the history do not bend it; thin history is refused', () => {
    // 21 days of hourly samples, compound growth 5 %/month on weekdays, weekends at 60 %, a little noise;
    // the history ends on a weekend (days 19, 20).
    const points: [number, number][] = [];
    for (let d = 0; d < 21; d++) {
      const peak = 1000 * Math.pow(1.05, d / 30) * (d % 7 >= 5 ? 0.6 : 1) * (1 + 0.01 * Math.sin(d * 2.1));
      for (let h = 1; h <= 24; h++) points.push([d * 86_400 + h * 3600, h === 14 ? peak : peak / 2]);
    }
    const f = forecastPeaks(points, { usable: 1e9, horizonDays: 1 });
    expect(f.growth!.pctPerMonth).toBeGreaterThan(3.5);
    expect(f.growth!.pctPerMonth).toBeLessThan(6.5);
    expect(f.growth!.lowPct).toBeLessThan(5);
    expect(f.growth!.highPct).toBeGreaterThan(5);
    // A plain line through the daily peaks (the sweep's former growth) falls with the closing weekend.
    const peaks = dailyPeaks(points);
    const lin = linearFit(
      peaks.map((p) => p[0]),
      peaks.map((p) => p[1]),
    );
    expect((100 * 30 * lin.slope) / (lin.intercept + lin.slope * 20)).toBeLessThan(3);
    // 7 days: refused, no growth.
    const week = forecastPeaks(
      points.filter(([t]) => t <= 7 * 86_400),
      { usable: 1e9, horizonDays: 1 },
    );
    expect(week.growth).toBeNull();
    expect(week.timeRefusal).toMatchObject({ method: 'timeRemaining', moreDays: 7 });
  });

  it('future seeds are distinct per index and stable', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => futureSeed(7, i)));
    expect(seeds.size).toBe(1000);
    expect(futureSeed(7, 3)).toBe(futureSeed(7, 3));
    expect(futureSeed(7, 3)).not.toBe(futureSeed(8, 3));
  });
});
