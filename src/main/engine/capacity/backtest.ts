/**
 * Backtest of time-remaining forecasts (docs/capacity.md, "Backtest"): forecast from the first days of
 * a run's daily peaks, then score against the day the run actually crossed usable capacity.
 *
 * Days are absolute day indices of the run (day 0 = its first simulated day). History = days
 * 0 … H − 1. "Days remaining" of a day d = d − (H − 1), as in `forecastPeaks` (d − last observed day).
 *
 * Methods compared (each gives a projection with a two-sided `coverage` prediction band):
 *  - linear:   OLS line through the daily peaks, no seasonality.
 *  - seasonal: the console's former forecast (line + weekday offsets by backfitting), kept here for the
 *              comparison only.
 *  - final:    the forecast every verdict uses (./final.ts): robust least squares (Tukey bisquare) on log(peak) with a line, weekday dummies and
 *              one level shift at the change point that minimises the residual sum of squares (kept
 *              only when it lowers BIC): compound growth, weekly cycles, a step change such as a new
 *              project, odd days. Its time remaining is the distribution of the *first day a daily
 *              peak reaches usable* (first passage), simulated from the fit: the predicted day is its
 *              median, the interval its 10 % and 90 % quantiles. The mean line's crossing (the other
 *              methods') is late by construction: noisy daily peaks touch the line before the mean does.
 * Pure: no I/O, no clock.
 */
import { finalForecast, firstPassage, ols, type OlsFit, type TimeRemaining } from './final';
import { linearFit, studentTQuantile } from './stats';

export {
  FORECAST_COVERAGE,
  GROWTH_RATE_DRIFT,
  finalModel,
  firstPassage,
  levelShiftDay,
  ols,
  robustOls,
  type OlsFit,
  type TimeRemaining,
} from './final';

export type BacktestMethod = 'linear' | 'seasonal' | 'final';
export const BACKTEST_METHODS: readonly BacktestMethod[] = ['linear', 'seasonal', 'final'];

export interface BandPoint {
  day: number;
  mean: number;
  upper: number;
  lower: number;
}

function bandFromFit(
  fit: OlsFit,
  row: (d: number) => number[],
  firstDay: number,
  horizon: number,
  coverage: number,
  back: (v: number) => number,
): BandPoint[] {
  const t = fit.df > 0 ? studentTQuantile(0.5 + coverage / 2, fit.df) : 0;
  const out: BandPoint[] = [];
  for (let d = firstDay; d < firstDay + horizon; d++) {
    const x = row(d);
    const m = x.reduce((s, v, j) => s + v * fit.beta[j]!, 0);
    let q = 0;
    for (let i = 0; i < x.length; i++)
      for (let j = 0; j < x.length; j++) q += x[i]! * fit.inv[i]![j]! * x[j]!;
    const spread = t * Math.sqrt(Math.max(0, fit.s2 * (1 + q)));
    out.push({
      day: d,
      mean: Math.max(0, back(m)),
      upper: Math.max(0, back(m + spread)),
      lower: Math.max(0, back(m - spread)),
    });
  }
  return out;
}

/**
 * The Time remaining tab's former method, kept for the backtest's comparison only: day-of-week offsets
 * (with ≥ 14 days) fitted jointly with a least-squares line by backfitting, a Student-t prediction band
 * with one-sided `confidence`; refused (no projection) under 14 days, as the tab refused it.
 */
function seasonalLine(peaks: readonly number[], horizonDays: number, confidence: number): BandPoint[] {
  const n = peaks.length;
  if (n < 14) return [];
  const xs = peaks.map((_, d) => d);
  let off = [0, 0, 0, 0, 0, 0, 0];
  for (let iter = 0; iter < 60; iter++) {
    const f = linearFit(
      xs,
      peaks.map((v, d) => v - off[d % 7]!),
    );
    const sum = [0, 0, 0, 0, 0, 0, 0];
    const cnt = [0, 0, 0, 0, 0, 0, 0];
    peaks.forEach((v, d) => {
      sum[d % 7]! += v - (f.intercept + f.slope * d);
      cnt[d % 7]!++;
    });
    const raw = sum.map((s, k) => (cnt[k]! > 0 ? s / cnt[k]! : 0));
    const m = raw.reduce((a, b) => a + b, 0) / 7;
    off = raw.map((o) => o - m);
  }
  const fit = linearFit(
    xs,
    peaks.map((v, d) => v - off[d % 7]!),
  );
  const t = studentTQuantile(confidence, n - 2);
  const out: BandPoint[] = [];
  for (let d = n; d < n + horizonDays; d++) {
    const raw = fit.intercept + fit.slope * d + off[d % 7]!;
    const spread =
      fit.sxx > 0 ? t * fit.residualSd * Math.sqrt(1 + 1 / fit.n + (d - fit.xMean) ** 2 / fit.sxx) : 0;
    out.push({
      day: d,
      mean: Math.max(0, raw),
      upper: Math.max(0, raw + spread),
      lower: Math.max(0, raw - spread),
    });
  }
  return out;
}

/**
 * Projects days H … H + horizon − 1 from the history `peaks` (index = day, H = peaks.length) with a
 * two-sided `coverage` band (0.8: the 10 % and 90 % quantiles).
 */
export function projectPeaks(
  peaks: readonly number[],
  method: BacktestMethod,
  usable: number,
  horizonDays: number,
  coverage = 0.8,
): BandPoint[] {
  const n = peaks.length;
  if (method === 'seasonal') return seasonalLine(peaks, horizonDays, 0.5 + coverage / 2);
  if (method === 'linear') {
    const fit = ols(
      peaks.map((_, d) => [1, d]),
      peaks,
    );
    if (!fit) return [];
    return bandFromFit(
      fit,
      (d) => [1, d],
      n,
      horizonDays,
      coverage,
      (v) => v,
    );
  }
  // The final method's band (./final.ts), the one the Time remaining tab draws.
  const f = finalForecast(peaks, usable, horizonDays, { coverage, samples: 0 });
  return f ? f.band.map((b) => ({ day: n - 1 + b.ahead, mean: b.mean, upper: b.upper, lower: b.lower })) : [];
}

/** Time remaining by a method: the mean and band crossings of its projection, or (final) the first passage. */
export function forecastTimeRemaining(
  peaks: readonly number[],
  method: BacktestMethod,
  usable: number,
  horizonDays: number,
  coverage = 0.8,
): TimeRemaining {
  if (method === 'final') return firstPassage(peaks, usable, horizonDays, coverage);
  return timeRemaining(projectPeaks(peaks, method, usable, horizonDays, coverage), usable, peaks.length - 1);
}

/** Days remaining until each of the projection's mean, upper and lower lines first reaches `usable`. */
export function timeRemaining(
  projection: readonly BandPoint[],
  usable: number,
  lastDay: number,
): TimeRemaining {
  const first = (pick: (p: BandPoint) => number): number | null => {
    const p = projection.find((q) => pick(q) >= usable);
    return p ? p.day - lastDay : null;
  };
  return {
    predictedDays: first((p) => p.mean),
    earliestDays: first((p) => p.upper),
    latestDays: first((p) => p.lower),
  };
}

/** The first day ≥ `fromDay` whose peak reaches `usable`, as days remaining after `fromDay − 1` (null: never in `peaks`). */
export function actualDaysRemaining(
  peaks: readonly number[],
  fromDay: number,
  usable: number,
): number | null {
  for (let d = fromDay; d < peaks.length; d++) if (peaks[d]! >= usable) return d - (fromDay - 1);
  return null;
}

export interface ScoredCase {
  predictedDays: number | null;
  earliestDays: number | null;
  latestDays: number | null;
  actualDays: number;
  /** |predicted − actual| / actual × 100; a forecast that saw no crossing within the horizon counts as predicted = horizon + 1. */
  absErrorPct: number;
  /** The actual day lies in [earliest, latest] (a missing bound: the horizon's end + 1). */
  inInterval: boolean;
}

export function scoreCase(tr: TimeRemaining, actualDays: number, horizonDays: number): ScoredCase {
  const beyond = horizonDays + 1;
  const predicted = tr.predictedDays ?? beyond;
  const lo = tr.earliestDays ?? beyond;
  const hi = tr.latestDays ?? Infinity;
  return {
    ...tr,
    actualDays,
    absErrorPct: (100 * Math.abs(predicted - actualDays)) / actualDays,
    inInterval: actualDays >= lo && actualDays <= hi,
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function summarise(cases: readonly ScoredCase[]): {
  cases: number;
  medianAbsErrorPct: number | null;
  intervalCoverage: number | null;
} {
  return {
    cases: cases.length,
    medianAbsErrorPct: median(cases.map((c) => c.absErrorPct)),
    intervalCoverage: cases.length > 0 ? cases.filter((c) => c.inInterval).length / cases.length : null,
  };
}
