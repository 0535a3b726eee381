import { describe, expect, it } from 'vitest';
import {
  actualDaysRemaining,
  firstPassage,
  forecastTimeRemaining,
  levelShiftDay,
  median,
  ols,
  projectPeaks,
  scoreCase,
  summarise,
  timeRemaining,
} from './backtest';

describe('backtest scoring (hand-checked)', () => {
  // History: 10 days of y = 10 + 2d (days 0..9, last day 9). Usable 100.
  const hist = Array.from({ length: 10 }, (_, d) => 10 + 2 * d);

  it('the linear method on an exact line predicts the crossing day of the line itself', () => {
    // 10 + 2d ≥ 100 first at d = 45 → 45 − 9 = 36 days remaining; no residuals, so a zero-width interval.
    const tr = forecastTimeRemaining(hist, 'linear', 100, 180);
    expect(tr).toEqual({ predictedDays: 36, earliestDays: 36, latestDays: 36 });
  });

  it('the actual day is the first day from the end of the history whose peak reaches usable', () => {
    // The future grows slower: 28 + 1.6·(d − 9) from day 10 → ≥ 100 first at d = 9 + 45 = 54 → 45 days.
    const run = [...hist, ...Array.from({ length: 100 }, (_, i) => 28 + 1.6 * (i + 1))];
    expect(actualDaysRemaining(run, 10, 100)).toBe(45);
    expect(actualDaysRemaining(run.slice(0, 40), 10, 100)).toBeNull();
  });

  it('scores |predicted − actual| / actual and the interval, and summarises by median and share', () => {
    // Case A: predicted 36, actual 45 → 9/45 = 20 %, outside [36, 36].
    const a = scoreCase({ predictedDays: 36, earliestDays: 36, latestDays: 36 }, 45, 180);
    expect(a.absErrorPct).toBeCloseTo(20, 10);
    expect(a.inInterval).toBe(false);
    // Case B: predicted 50, interval [40, 60], actual 55 → 5/55 = 9.0909 %, inside.
    const b = scoreCase({ predictedDays: 50, earliestDays: 40, latestDays: 60 }, 55, 180);
    expect(b.absErrorPct).toBeCloseTo(100 * (5 / 55), 10);
    expect(b.inInterval).toBe(true);
    // Case C: the forecast saw nothing within 180 days (counts as 181), the interval has no upper end;
    // actual 150 → 31/150 = 20.667 %, inside [170, ∞)? no: 150 < 170.
    const c = scoreCase({ predictedDays: null, earliestDays: 170, latestDays: null }, 150, 180);
    expect(c.absErrorPct).toBeCloseTo(100 * (31 / 150), 10);
    expect(c.inInterval).toBe(false);
    const s = summarise([a, b, c]);
    expect(s.cases).toBe(3);
    // Sorted errors 9.09, 20, 20.67 → median 20.
    expect(s.medianAbsErrorPct).toBeCloseTo(20, 10);
    expect(s.intervalCoverage).toBeCloseTo(1 / 3, 10);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(summarise([]).medianAbsErrorPct).toBeNull();
  });

  it('timeRemaining reads the mean, upper and lower crossings of a band', () => {
    const band = [10, 11, 12, 13].map((day, i) => ({
      day,
      mean: 80 + 10 * i,
      upper: 95 + 10 * i,
      lower: 65 + 10 * i,
    }));
    // last day 9: upper ≥ 100 at day 11 (2 d), mean at day 12 (3 d), lower at no day (null).
    expect(timeRemaining(band, 100, 9)).toEqual({ predictedDays: 3, earliestDays: 2, latestDays: null });
  });
});

describe('forecast methods', () => {
  it('ols solves a small system exactly', () => {
    const f = ols(
      [
        [1, 0],
        [1, 1],
        [1, 2],
        [1, 3],
      ],
      [1, 3, 5, 7],
    )!;
    expect(f.beta[0]).toBeCloseTo(1, 10);
    expect(f.beta[1]).toBeCloseTo(2, 10);
    expect(f.sse).toBeCloseTo(0, 10);
  });

  it('finds a level shift (a new project) and ignores a series without one', () => {
    const ys = Array.from({ length: 28 }, (_, d) => Math.log(100 + d + (d >= 12 ? 30 : 0) + (d % 3)));
    expect(levelShiftDay(ys)).toBe(12);
    const flat = Array.from({ length: 28 }, (_, d) => Math.log(100 + d + (d % 3)));
    expect(levelShiftDay(flat)).toBeNull();
  });

  it('the final method is not fooled by weekends and a step inside the history; linear is', () => {
    // Weekday peaks grow 0.5 %/day; weekends at 40 %; a +25 % step on day 12; usable 2 × the last level.
    const level = (d: number): number =>
      100 * Math.pow(1.005, d) * (d >= 12 ? 1.25 : 1) * (d % 7 >= 5 ? 0.4 : 1);
    const hist = Array.from({ length: 28 }, (_, d) => level(d));
    const usable = 100 * Math.pow(1.005, 27) * 1.25 * 1.5;
    // True first weekday with level ≥ usable: ln 1.5 / ln 1.005 ≈ 81.3 days after day 27 → day 109 (a weekday).
    let truth = 28;
    while (level(truth) < usable) truth++;
    const final = firstPassage(hist, usable, 180);
    expect(Math.abs(final.predictedDays! - (truth - 27))).toBeLessThanOrEqual(2);
    const linear = forecastTimeRemaining(hist, 'linear', usable, 180);
    // Weekends and the step fitted as one line: tens of days off.
    expect(Math.abs((linear.predictedDays ?? 181) - (truth - 27))).toBeGreaterThan(20);
    expect(projectPeaks(hist, 'seasonal', usable, 5)).toHaveLength(5);
  });

  it('the final method is deterministic and never projects a crossing for a falling series', () => {
    const hist = Array.from({ length: 28 }, (_, d) => 100 - d + (d % 2));
    expect(firstPassage(hist, 150, 180)).toEqual({
      predictedDays: null,
      earliestDays: null,
      latestDays: null,
    });
    const grow = Array.from({ length: 28 }, (_, d) => 100 + d + 3 * Math.sin(d));
    expect(firstPassage(grow, 200, 180)).toEqual(firstPassage(grow, 200, 180));
  });
});
