import { describe, expect, it } from 'vitest';
import { DAY_SEC, dailyPeaks, forecastPeaks } from './forecast';
import { firstPassage, normalQuantile } from './final';
import { percentile, linearFit, studentTCdf, studentTQuantile } from './stats';

/** Samples every hour; the daily peak at 14:00 follows `peak(day)`, other hours sit at half of it. */
function hourly(days: number, peak: (d: number) => number): [number, number][] {
  const out: [number, number][] = [];
  for (let d = 0; d < days; d++)
    for (let h = 1; h <= 24; h++) out.push([d * DAY_SEC + h * 3600, h === 14 ? peak(d) : peak(d) / 2]);
  return out;
}

describe('stats', () => {
  it('nearest-rank percentile and least squares by hand', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 95)).toBe(5);
    expect(percentile([5, 1, 4, 2, 3], 20)).toBe(1);
    const f = linearFit([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(f.slope).toBeCloseTo(2, 12);
    expect(f.intercept).toBeCloseTo(1, 12);
    expect(f.residualSd).toBeCloseTo(0, 12);
  });
});

describe('Student-t quantile', () => {
  // Values from the standard t table (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2), 3 decimals.
  const table: [p: number, df: number, t: number][] = [
    [0.95, 1, 6.314],
    [0.95, 2, 2.92],
    [0.95, 3, 2.353],
    [0.95, 5, 2.015],
    [0.95, 10, 1.812],
    [0.95, 12, 1.782],
    [0.95, 30, 1.697],
    [0.95, 100, 1.66],
    [0.975, 1, 12.706],
    [0.975, 4, 2.776],
    [0.975, 10, 2.228],
    [0.975, 20, 2.086],
    [0.99, 7, 2.998],
    [0.995, 15, 2.947],
    [0.9, 6, 1.44],
  ];
  it.each(table)('t(%s, %s) = %s', (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 3);
    expect(studentTQuantile(1 - p, df)).toBeCloseTo(-t, 3);
    expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
  });
  it('tends to the normal quantile with many degrees of freedom, NaN outside its domain', () => {
    expect(studentTQuantile(0.95, 1e6)).toBeCloseTo(1.6449, 3);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(1, 7)).toBeNaN();
    expect(studentTQuantile(0.95, 0)).toBeNaN();
  });
});

describe('daily peaks forecast', () => {
  it('is the final method: the same time remaining as the backtest scores (one implementation)', () => {
    // 28 days of noisy compound growth with a weekly cycle, as daily peaks of day 0..27.
    const peak = (d: number) => 100 * 1.01 ** d * (d % 7 >= 5 ? 0.6 : 1) * (1 + 0.03 * Math.sin(3 * d));
    const f = forecastPeaks(hourly(28, peak), { usable: 220, horizonDays: 180 });
    const tr = firstPassage(
      Array.from({ length: 28 }, (_, d) => peak(d)),
      220,
      180,
    );
    expect(tr.predictedDays).not.toBeNull();
    expect(f.likelyDays).toBe(tr.predictedDays);
    expect(f.earliestDays).toBe(tr.earliestDays);
    expect(f.latestDays).toBe(tr.latestDays);
    expect(f.coverage).toBe(0.8);
    expect(f.earliestDays!).toBeLessThan(f.likelyDays!);
    expect(f.latestDays!).toBeGreaterThan(f.likelyDays!);
  });

  it("states the median projection and the 80 % band of a day's peak (normal in log)", () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815516, 6);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536, 6);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263479, 6);
    const peak = (d: number) => 100 * 1.01 ** d * (1 + 0.02 * Math.sin(5 * d));
    const f = forecastPeaks(hourly(21, peak), { usable: 1e6 });
    for (const p of f.projection.slice(0, 30)) {
      // Symmetric in log: the median is the geometric mean of the bounds.
      expect(Math.sqrt(p.upper * p.lower)).toBeCloseTo(p.mean, 6);
      expect(p.upper).toBeGreaterThan(p.mean);
    }
    // The band widens with the distance from the history.
    const w = (p: { upper: number; lower: number }) => Math.log(p.upper / p.lower);
    expect(w(f.projection[60]!)).toBeGreaterThan(w(f.projection[0]!));
  });

  it('keeps one peak per day; a point at exactly 24:00 belongs to the day it ends', () => {
    expect(
      dailyPeaks([
        [DAY_SEC, 7],
        [DAY_SEC / 2, 3],
        [DAY_SEC + 60, 2],
      ]),
    ).toEqual([
      [0, 7],
      [1, 2],
    ]);
  });

  it('projects exact compound growth: the median line and the likely day by hand', () => {
    // peaks 100·1.02^d on days 0..27, usable 1.5× the last peak: the line reaches it after
    // ln 1.5 / ln 1.02 = 20.5 days, i.e. on day 21 after the last; no noise, so the interval is the
    // growth-rate drift alone (15 % of the rate) around it.
    const last = 100 * 1.02 ** 27;
    const f = forecastPeaks(
      hourly(28, (d) => 100 * 1.02 ** d),
      { usable: 1.5 * last },
    );
    expect(f.peaks).toHaveLength(28);
    expect(f.residualSd).toBeCloseTo(0, 9);
    expect(f.projection[0]!.mean).toBeCloseTo(100 * 1.02 ** 28, 6);
    expect(f.slopePerDay).toBeCloseTo(last * Math.log(1.02), 6);
    expect(f.likelyDays).toBe(21);
    // Drift ±15 % of the rate: 20.5 × (1 ± 1.28 × 0.15)/… → about 13 to 32 days.
    expect(f.earliestDays!).toBeGreaterThanOrEqual(12);
    expect(f.earliestDays!).toBeLessThan(21);
    expect(f.latestDays!).toBeGreaterThan(21);
    expect(f.latestDays!).toBeLessThanOrEqual(34);
    // Conservative (the default) states the earliest day.
    expect(f.timeRemainingDays).toBe(f.earliestDays);
    // Capacity remaining: usable − the upper band's highest of the next 3 days.
    const next3 = Math.max(...f.projection.slice(0, 3).map((p) => p.upper));
    expect(f.capacityRemaining).toBeCloseTo(1.5 * last - next3, 6);
  });

  it('the conservative risk (earliest day) runs out sooner than the aggressive one (likely day)', () => {
    // alternating ±10 around a rising line gives a non-zero residual spread.
    const peak = (d: number) => 100 + 5 * d + (d % 2 === 0 ? 10 : -10);
    const cons = forecastPeaks(hourly(21, peak), { usable: 300, risk: 'conservative' });
    const aggr = forecastPeaks(hourly(21, peak), { usable: 300, risk: 'aggressive' });
    expect(cons.residualSd).toBeGreaterThan(0);
    expect(cons.timeRemainingDays).toBe(cons.earliestDays);
    expect(aggr.timeRemainingDays).toBe(aggr.likelyDays);
    expect(cons.timeRemainingDays!).toBeLessThan(aggr.timeRemainingDays!);
    expect(cons.capacityRemaining!).toBeLessThan(aggr.capacityRemaining!);
  });

  it('says since when the peaks exceed usable (not "0 days"), null when never within the horizon', () => {
    // peaks 100 on days 0–2, then 500 from day 3 on (the peak hour is 14:00): exceeded since day 3, 14:00.
    const over = forecastPeaks(
      hourly(5, (d) => (d >= 3 ? 500 : 100)),
      { usable: 300 },
    );
    expect(over.exceededSinceSec).toBe(3 * DAY_SEC + 14 * 3600);
    expect(over.timeRefusal).toBeNull();
    expect(over.timeRemainingDays).toBe(0);
    expect(over.capacityRemaining).toBe(0);
    // A day below usable in between ends the run: since day 4 only.
    const gap = forecastPeaks(
      hourly(6, (d) => (d === 2 || d >= 4 ? 500 : 100)),
      { usable: 300 },
    );
    expect(gap.exceededSinceSec).toBe(4 * DAY_SEC + 14 * 3600);
    const flat = forecastPeaks(
      hourly(5, () => 100),
      { usable: 300, horizonDays: 365, minHistoryDays: 0 },
    );
    expect(flat.timeRemainingDays).toBeNull();
    expect(flat.capacityRemaining).toBeCloseTo(200, 9);
  });

  it('applies the planner growth assumption on top of the trend', () => {
    // flat 100 for 3 weeks, +100 % per month: 100 × 2^(d/30) reaches 200 after 30 days.
    const f = forecastPeaks(
      hourly(21, () => 100),
      { usable: 200, growthPctPerMonth: 100 },
    );
    expect(f.timeRemainingDays).toBe(30);
    expect(f.projection[29]!.mean).toBeCloseTo(200, 6);
  });

  it('a weekly pattern: the trend stands on the busy weekdays, the weekend dip is not a fall', () => {
    // four weeks: day-of-week 5 and 6 (weekend) peak at 50, weekdays at 100, no trend.
    const peak = (d: number) => (d % 7 >= 5 ? 50 : 100);
    const f = forecastPeaks(hourly(28, peak), { usable: 1000 });
    expect(f.seasonal).toBe(true);
    expect(f.slopePerDay).toBeCloseTo(0, 9);
    // The projection is the busy days' peak (the days that reach the line first).
    for (const p of f.projection.slice(0, 14)) expect(p.mean).toBeCloseTo(100, 6);
    expect(f.timeRemainingDays).toBeNull();
  });

  it('with fewer than 3 days (method forced): no projection and no time remaining', () => {
    const f = forecastPeaks(
      hourly(2, (d) => 100 + 50 * d),
      { usable: 300, minHistoryDays: 0 },
    );
    expect(f.projection).toEqual([]);
    expect(f.timeRemainingDays).toBeNull();
    expect(f.insufficientHistory).toBe(true);
  });
});

/** Weekdays peak at 100, the weekend (day-of-week 5 and 6) at 40: the enterprise's business-hours shape. */
const weekly = (d: number) => (d % 7 >= 5 ? 40 : 100);

describe('honest forecasts: minimum history, clamping, exceeded since', () => {
  it("a linear trend through one week's weekend dip: refused, never negative", () => {
    const pts = hourly(7, weekly);
    // The method forced onto 7 days: a fit of log(peak) never projects below zero, whatever the dip.
    const forced = forecastPeaks(pts, { usable: 500, minHistoryDays: 0 });
    expect(forced.projection.length).toBeGreaterThan(0);
    for (const p of forced.projection) {
      expect(p.mean).toBeGreaterThan(0);
      expect(p.lower).toBeGreaterThan(0);
      expect(p.upper).toBeGreaterThan(0);
    }
    // The default: 7 days are too few for a weekly pattern; time remaining is refused with parameters.
    const f = forecastPeaks(pts, { usable: 500 });
    expect(f.timeRefusal).toEqual({
      code: 'needsHistory',
      method: 'timeRemaining',
      needDays: 14,
      haveDays: 7,
      moreDays: 7,
    });
    expect(f.timeRemainingDays).toBeNull();
    expect(f.projection).toEqual([]);
    // Capacity remaining needs one full day; it stands on the highest weekday peak, not the weekend's.
    expect(f.capacityRefusal).toBeNull();
    expect(f.capacityRemaining).toBeCloseTo(400, 9);
    expect(f.history).toEqual({
      fromSec: 0,
      toSec: 7 * DAY_SEC,
      spanDays: 7,
      points: 168,
      resolutionSec: 3600,
    });
  });

  it('two hours of history: every verdict refused, nothing says 0 days', () => {
    const pts: [number, number][] = [
      [3600, 900],
      [7200, 950],
    ];
    const f = forecastPeaks(pts, { usable: 1000 });
    expect(f.timeRefusal?.moreDays).toBe(14);
    expect(f.capacityRefusal).toMatchObject({ method: 'capacityRemaining', needDays: 1, moreDays: 1 });
    expect(f.capacityRemaining).toBeNull();
    expect(f.timeRemainingDays).toBeNull();
  });

  it('three weeks of weekday/weekend cycles with slow growth: the trend is the growth, not the dip', () => {
    // +1 per day on top of the weekly shape; the series ends on a Sunday (a weekend dip).
    const pts = hourly(21, (d) => weekly(d) + d);
    const f = forecastPeaks(pts, { usable: 1000 });
    expect(f.timeRefusal).toBeNull();
    expect(f.seasonal).toBe(true);
    // Compound growth fitted to a linear one: ≈ 1 a day, and the next Monday ≈ 100 + 21.
    expect(f.slopePerDay).toBeCloseTo(1, 0);
    expect(f.projection[0]!.mean).toBeGreaterThan(119);
    expect(f.projection[0]!.mean).toBeLessThan(123);
    expect(Math.min(...f.projection.map((p) => p.lower))).toBeGreaterThanOrEqual(0);
  });

  it('a partial last day does not bend the trend', () => {
    // 20 full days of flat weekday/weekend peaks, then 2 hours of the night of day 20.
    const pts = [...hourly(20, weekly), [20 * DAY_SEC + 3600, 20], [20 * DAY_SEC + 7200, 20]] as [
      number,
      number,
    ][];
    const f = forecastPeaks(pts, { usable: 1000 });
    expect(f.slopePerDay).toBeCloseTo(0, 6);
  });

  it('never projects above the physical maximum', () => {
    const f = forecastPeaks(
      hourly(21, (d) => 100 + 20 * d),
      { usable: 900, max: 1000 },
    );
    expect(f.timeRemainingDays).toBeGreaterThan(0);
    for (const p of f.projection) expect(p.upper).toBeLessThanOrEqual(1000);
    expect(f.projection[f.projection.length - 1]!.mean).toBe(1000);
  });
});
