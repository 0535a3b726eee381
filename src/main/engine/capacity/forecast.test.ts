import { describe, expect, it } from 'vitest';
import { DAY_SEC, dailyPeaks, forecastPeaks } from './forecast';
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
  it('bounds the projection with the Student-t prediction interval on n − 2 degrees of freedom', () => {
    const peak = (d: number) => 100 + 5 * d + (d % 2 === 0 ? 10 : -10);
    for (const days of [3, 5, 9, 13]) {
      const f = forecastPeaks(hourly(days, peak), { usable: 1e9, minHistoryDays: 0 });
      const xs = f.peaks.map((p) => p[0]);
      const fit = linearFit(
        xs,
        f.peaks.map((p) => p[1]),
      );
      const p = f.projection[0]!;
      const se = fit.residualSd * Math.sqrt(1 + 1 / fit.n + (p.day - fit.xMean) ** 2 / fit.sxx);
      expect((p.upper - p.mean) / se).toBeCloseTo(studentTQuantile(0.95, days - 2), 9);
    }
  });

  it('widens the interval on thin history (t with few degrees of freedom > the normal 1.645)', () => {
    const peak = (d: number) => 100 + 5 * d + (d % 2 === 0 ? 10 : -10);
    const factor = (days: number) => {
      const f = forecastPeaks(hourly(days, peak), { usable: 1e9, minHistoryDays: 0 });
      const fit = linearFit(
        f.peaks.map((p) => p[0]),
        f.peaks.map((p) => p[1]),
      );
      const p = f.projection[0]!;
      return (
        (p.upper - p.mean) / (fit.residualSd * Math.sqrt(1 + 1 / fit.n + (p.day - fit.xMean) ** 2 / fit.sxx))
      );
    };
    expect(factor(3)).toBeCloseTo(6.314, 3);
    expect(factor(5)).toBeCloseTo(2.353, 3);
    expect(factor(12)).toBeCloseTo(1.812, 3);
    expect(factor(5)).toBeGreaterThan(factor(12));
    expect(factor(12)).toBeGreaterThan(1.645);
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

  it('projects a perfect linear trend: time and capacity remaining by hand', () => {
    // peaks 100, 110, … 190 on days 0..9; usable 300 → reaches 300 on day 20 → 11 days after day 9.
    const f = forecastPeaks(
      hourly(10, (d) => 100 + 10 * d),
      { usable: 300, minHistoryDays: 0 },
    );
    expect(f.peaks).toHaveLength(10);
    expect(f.slopePerDay).toBeCloseTo(10, 9);
    expect(f.residualSd).toBeCloseTo(0, 9);
    expect(f.timeRemainingDays).toBe(11);
    // next three days peak at 200, 210, 220 → 300 − 220 = 80.
    expect(f.capacityRemaining).toBeCloseTo(80, 6);
    expect(f.capacityRemainingPct).toBeCloseTo(80 / 3, 6);
  });

  it('the conservative upper bound runs out sooner than the aggressive mean', () => {
    // alternating ±10 around a rising line gives a non-zero residual spread.
    const peak = (d: number) => 100 + 5 * d + (d % 2 === 0 ? 10 : -10);
    const cons = forecastPeaks(hourly(10, peak), { usable: 300, risk: 'conservative', minHistoryDays: 0 });
    const aggr = forecastPeaks(hourly(10, peak), { usable: 300, risk: 'aggressive', minHistoryDays: 0 });
    expect(cons.residualSd).toBeGreaterThan(0);
    expect(cons.timeRemainingDays!).toBeLessThan(aggr.timeRemainingDays!);
    const p = cons.projection[0]!;
    expect(p.upper).toBeGreaterThan(p.mean);
    expect((p.upper + p.lower) / 2).toBeCloseTo(p.mean, 9);
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
    // flat 100, +100 % per month: 100 × 2^(d/30) reaches 200 after 30 days.
    const f = forecastPeaks(
      hourly(5, () => 100),
      { usable: 200, growthPctPerMonth: 100, minHistoryDays: 0 },
    );
    expect(f.timeRemainingDays).toBe(30);
  });

  it('learns a weekly pattern of daily peaks', () => {
    // four weeks: day-of-week 5 and 6 (weekend) peak at 50, weekdays at 100, no trend.
    const peak = (d: number) => (d % 7 >= 5 ? 50 : 100);
    const f = forecastPeaks(hourly(28, peak), { usable: 1000 });
    expect(f.seasonal).toBe(true);
    expect(f.slopePerDay).toBeCloseTo(0, 9);
    const byDow = new Map(f.projection.slice(0, 7).map((p) => [p.day % 7, p.mean]));
    expect(byDow.get(5)).toBeCloseTo(50, 6);
    expect(byDow.get(1)).toBeCloseTo(100, 6);
  });

  it('with fewer than 3 days (method forced) keeps a flat line through the last peak', () => {
    const f = forecastPeaks(
      hourly(2, (d) => 100 + 50 * d),
      { usable: 300, minHistoryDays: 0 },
    );
    expect(f.projection[0]!.mean).toBe(150);
  });
});

/** Weekdays peak at 100, the weekend (day-of-week 5 and 6) at 40: the enterprise's business-hours shape. */
const weekly = (d: number) => (d % 7 >= 5 ? 40 : 100);

describe('honest forecasts: minimum history, clamping, exceeded since', () => {
  it("a linear trend through one week's weekend dip: refused, never negative", () => {
    const pts = hourly(7, weekly);
    // The method forced onto 7 days (what the code did before): the line falls through the weekend dip.
    const forced = forecastPeaks(pts, { usable: 500, minHistoryDays: 0 });
    expect(forced.slopePerDay).toBeLessThan(-5);
    // ... and the projection never goes below zero (day 49 and beyond would be negative unclamped).
    for (const p of forced.projection) {
      expect(p.mean).toBeGreaterThanOrEqual(0);
      expect(p.lower).toBeGreaterThanOrEqual(0);
      expect(p.upper).toBeGreaterThanOrEqual(0);
    }
    expect(forced.projection.find((p) => p.day === 49)!.mean).toBe(0);
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
    expect(f.slopePerDay).toBeCloseTo(1, 6);
    // The next Monday is a weekday again: ≈ 100 + 21.
    expect(f.projection[0]!.mean).toBeCloseTo(121, 4);
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
