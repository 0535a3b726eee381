/**
 * Backtest of time-remaining forecasts (docs/capacity.md, "Backtest"): forecast from the first days of
 * a run's daily peaks, then score against the day the run actually crossed usable capacity.
 *
 * Days are absolute day indices of the run (day 0 = its first simulated day). History = days
 * 0 … H − 1. "Days remaining" of a day d = d − (H − 1), as in `forecastPeaks` (d − last observed day).
 *
 * Methods compared (each gives a projection with a two-sided `coverage` prediction band):
 *  - linear:   OLS line through the daily peaks, no seasonality.
 *  - seasonal: the console's own forecast (`forecastPeaks`: line + weekday offsets by backfitting).
 *  - final:    robust least squares (Tukey bisquare) on log(peak) with a line, weekday dummies and
 *              one level shift at the change point that minimises the residual sum of squares (kept
 *              only when it lowers BIC): compound growth, weekly cycles, a step change such as a new
 *              project, odd days. Its time remaining is the distribution of the *first day a daily
 *              peak reaches usable* (first passage), simulated from the fit: the predicted day is its
 *              median, the interval its 10 % and 90 % quantiles. The mean line's crossing (the other
 *              methods') is late by construction: noisy daily peaks touch the line before the mean does.
 * Pure: no I/O, no clock.
 */
import { Prng } from '../prng';
import { forecastPeaks } from './forecast';
import { studentTQuantile } from './stats';

export type BacktestMethod = 'linear' | 'seasonal' | 'final';
export const BACKTEST_METHODS: readonly BacktestMethod[] = ['linear', 'seasonal', 'final'];

export interface BandPoint {
  day: number;
  mean: number;
  upper: number;
  lower: number;
}

export interface TimeRemaining {
  /** Days remaining by the mean projection (null: not within the horizon). */
  predictedDays: number | null;
  /** The interval: days until the upper band crosses, and until the lower band does (null: not within the horizon). */
  earliestDays: number | null;
  latestDays: number | null;
}

/** Ordinary least squares with a design matrix: coefficients, residual variance and (XᵀX)⁻¹. */
export interface OlsFit {
  beta: number[];
  /** Residual variance with n − p degrees of freedom (0 when n ≤ p). */
  s2: number;
  df: number;
  inv: number[][];
  sse: number;
}

export function ols(rows: readonly (readonly number[])[], ys: readonly number[]): OlsFit | null {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  if (n === 0 || p === 0) return null;
  // Normal equations, augmented with the identity, solved by Gauss–Jordan with partial pivoting.
  const a: number[][] = [];
  for (let i = 0; i < p; i++) {
    const row = new Array<number>(2 * p).fill(0);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += rows[k]![i]! * rows[k]![j]!;
      row[j] = s;
    }
    row[p + i] = 1;
    a.push(row);
  }
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
    if (Math.abs(a[piv]![c]!) < 1e-12) return null;
    [a[c], a[piv]] = [a[piv]!, a[c]!];
    const d = a[c]![c]!;
    for (let j = 0; j < 2 * p; j++) a[c]![j]! /= d;
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      if (f === 0) continue;
      for (let j = 0; j < 2 * p; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  const inv = a.map((r) => r.slice(p));
  const xty = new Array<number>(p).fill(0);
  for (let k = 0; k < n; k++) for (let i = 0; i < p; i++) xty[i]! += rows[k]![i]! * ys[k]!;
  const beta = inv.map((r) => r.reduce((s, v, j) => s + v * xty[j]!, 0));
  let sse = 0;
  for (let k = 0; k < n; k++) {
    const r = ys[k]! - rows[k]!.reduce((s, v, j) => s + v * beta[j]!, 0);
    sse += r * r;
  }
  const df = n - p;
  return { beta, s2: df > 0 ? sse / df : 0, df, inv, sse };
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
 * Robust least squares: iteratively reweighted with Tukey's bisquare (c = 4.685 × MAD / 0.6745), so one
 * odd day (a start-up transient, an outage) neither tilts the trend nor widens the band. The returned
 * fit is the last weighted fit; its s2 is Σ w·r² / (n − p).
 */
export function robustOls(
  rows: readonly (readonly number[])[],
  ys: readonly number[],
  iterations = 10,
): OlsFit | null {
  let fit = ols(rows, ys);
  if (!fit) return null;
  for (let it = 0; it < iterations; it++) {
    const f = fit;
    const res = ys.map((y, k) => y - rows[k]!.reduce((s, v, j) => s + v * f.beta[j]!, 0));
    const abs = res.map(Math.abs).sort((a, b) => a - b);
    const mad =
      abs.length % 2 === 1
        ? abs[(abs.length - 1) / 2]!
        : (abs[abs.length / 2 - 1]! + abs[abs.length / 2]!) / 2;
    const c = (4.685 * mad) / 0.6745;
    if (!(c > 0)) break;
    const w = res.map((r) => (Math.abs(r) < c ? (1 - (r / c) ** 2) ** 2 : 0));
    const sw = w.map(Math.sqrt);
    const next = ols(
      rows.map((r, k) => r.map((v) => v * sw[k]!)),
      ys.map((y, k) => y * sw[k]!),
    );
    if (!next) break;
    fit = next;
  }
  return fit;
}

const weekdayDummies = (d: number): number[] => [1, 2, 3, 4, 5, 6].map((k) => (d % 7 === k ? 1 : 0));

/** Change point of the final method: the day from which the level shifts (null: none kept). */
export function levelShiftDay(ys: readonly number[], minSegment = 5, minShift = 0.05): number | null {
  const n = ys.length;
  const base = (d: number): number[] => [1, d, ...(n >= 14 ? weekdayDummies(d) : [])];
  const fit0 = ols(
    ys.map((_, d) => base(d)),
    ys,
  );
  if (!fit0) return null;
  let best: { k: number; sse: number } | null = null;
  for (let k = minSegment; k <= n - minSegment; k++) {
    const f = ols(
      ys.map((_, d) => [...base(d), d >= k ? 1 : 0]),
      ys,
    );
    if (f && (best === null || f.sse < best.sse)) best = { k, sse: f.sse };
  }
  if (!best || fit0.sse <= 0) return null;
  const shift = ols(
    ys.map((_, d) => [...base(d), d >= best!.k ? 1 : 0]),
    ys,
  )!.beta.at(-1)!;
  if (Math.abs(shift) < minShift) return null;
  // BIC with the change point counted as two parameters (its day and its height).
  const bic0 = n * Math.log(fit0.sse / n);
  const bic1 = n * Math.log(Math.max(best.sse, 1e-300) / n) + 2 * Math.log(n);
  return bic1 < bic0 ? best.k : null;
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
  if (method === 'seasonal') {
    // The console's forecast: its one-sided confidence c gives the (2c − 1) two-sided band.
    const f = forecastPeaks(
      peaks.map((v, d) => [(d + 1) * 86_400, v] as [number, number]),
      { usable, horizonDays, confidence: 0.5 + coverage / 2 },
    );
    return f.projection.map((p) => ({ day: p.day, mean: p.mean, upper: p.upper, lower: p.lower }));
  }
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
  const logs = peaks.map((v) => Math.log(Math.max(v, 1e-9)));
  const row = finalDesign(n, levelShiftDay(logs));
  const fit = robustOls(
    peaks.map((_, d) => row(d)),
    logs,
  );
  if (!fit) return [];
  return bandFromFit(fit, row, n, horizonDays, coverage, Math.exp);
}

function cholesky(m: number[][]): number[][] | null {
  const p = m.length;
  const l = m.map(() => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (s < -1e-12) return null;
        l[i]![i] = Math.sqrt(Math.max(0, s));
      } else l[i]![j] = l[j]![j]! > 0 ? s / l[j]![j]! : 0;
    }
  }
  return l;
}

/**
 * Uncertainty of the growth rate that a few weeks of history cannot show (workload mixes change, growth
 * slows or speeds up): the final method draws the daily growth rate with at least this relative
 * standard deviation on top of its statistical uncertainty. Calibrated by `vdc capacity backtest` on the
 * growth scenario (docs/capacity.md, "Backtest"); 0 gives intervals that cover about a third of the cases.
 */
export const GROWTH_RATE_DRIFT = 0.15;

/** Standard normal from a sequential generator (Box–Muller, one value per call). */
function normal(r: Prng): number {
  const u = Math.max(r.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next());
}

/**
 * The final method's fit on log(peak):
 *  1. a change point (levelShiftDay); when at least 10 days follow it, only those days are used (the
 *     mix of workloads, and so the growth rate, changed with it); otherwise a level-shift dummy;
 *  2. with ≥ 14 days, the busy weekdays (fitted offset within 5 % of the busiest one): the days whose
 *     peaks reach the line first. The trend is fitted on them alone, so quiet weekends whose load grows
 *     at another rate do not bend it;
 *  3. robust least squares (bisquare) of a line + one dummy per further busy weekday;
 *  4. the coefficients' covariance is inflated by (1 + ρ) / (1 − ρ), ρ the lag-1 autocorrelation of
 *     the residuals (smooth series such as consumed memory are not independent day to day).
 */
export function finalModel(
  logs: readonly number[],
): { fit: OlsFit; row: (d: number) => number[]; busy: Set<number>; inflate: number } | null {
  const n = logs.length;
  const k = levelShiftDay(logs);
  const start = k !== null && n - k >= 10 ? k : 0;
  const step = k !== null && start === 0 ? k : null;
  const days = Array.from({ length: n - start }, (_, i) => start + i);
  let busy = new Set([0, 1, 2, 3, 4, 5, 6]);
  if (days.length >= 14) {
    const pre = ols(
      days.map((d) => finalDesign(n, step)(d)),
      days.map((d) => logs[d]!),
    );
    if (pre) {
      // Offsets relative to weekday 0 (coefficients 2..7 are weekdays 1..6).
      const off = [0, ...[1, 2, 3, 4, 5, 6].map((w) => pre.beta[1 + w]!)];
      const top = Math.max(...off);
      busy = new Set(off.map((o, w) => (o >= top - 0.05 ? w : -1)).filter((w) => w >= 0));
    }
  }
  const order = [...busy].sort((a, b) => a - b);
  const row = (d: number): number[] => [
    1,
    d,
    ...order.slice(1).map((w) => (d % 7 === w ? 1 : 0)),
    ...(step === null ? [] : [d >= step ? 1 : 0]),
  ];
  const used = days.filter((d) => busy.has(d % 7));
  const fit = robustOls(
    used.map(row),
    used.map((d) => logs[d]!),
  );
  if (!fit) return null;
  const res = used.map((d) => logs[d]! - row(d).reduce((s, v, j) => s + v * fit.beta[j]!, 0));
  let num = 0;
  let den = 0;
  for (let i = 0; i < res.length; i++) {
    den += res[i]! ** 2;
    if (i > 0) num += res[i]! * res[i - 1]!;
  }
  const rho = den > 0 ? Math.min(0.9, Math.max(0, num / den)) : 0;
  return { fit, row, busy, inflate: (1 + rho) / (1 - rho) };
}

/** Rows of the final method's design for a history of n days (change point k or none). */
function finalDesign(n: number, k: number | null): (d: number) => number[] {
  return (d) => [1, d, ...(n >= 14 ? weekdayDummies(d) : []), ...(k === null ? [] : [d >= k ? 1 : 0])];
}

/**
 * The final method's time remaining: `samples` simulated futures, each drawing the coefficients from
 * their estimated distribution (β̂ + L·z, L Cholesky of s²(XᵀX)⁻¹) and each day's peak with the residual
 * spread; the day each future first reaches usable. Predicted = median, interval = the (1 − coverage)/2
 * and (1 + coverage)/2 quantiles; null where that quantile lies beyond the horizon. Deterministic (seed).
 */
export function firstPassage(
  peaks: readonly number[],
  usable: number,
  horizonDays: number,
  coverage = 0.8,
  samples = 2000,
  seed = 1,
): TimeRemaining {
  const n = peaks.length;
  const none: TimeRemaining = { predictedDays: null, earliestDays: null, latestDays: null };
  if (n < 3 || !(usable > 0)) return none;
  const logs = peaks.map((v) => Math.log(Math.max(v, 1e-9)));
  const model = finalModel(logs);
  if (!model) return none;
  const { fit, row, busy, inflate } = model;
  const l =
    cholesky(fit.inv.map((r) => r.map((v) => v * fit.s2 * inflate))) ?? fit.inv.map((r) => r.map(() => 0));
  const sd = Math.sqrt(fit.s2);
  const target = Math.log(usable);
  // Only the busy weekdays can be the first to reach the line; the others are skipped (never a hit).
  const rows = Array.from({ length: horizonDays }, (_, i) => (busy.has((n + i) % 7) ? row(n + i) : null));
  const rng = new Prng(seed);
  const p = fit.beta.length;
  const days: number[] = [];
  const b = new Array<number>(p);
  const z = new Array<number>(p);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < p; i++) z[i] = normal(rng);
    const drift = GROWTH_RATE_DRIFT * Math.abs(fit.beta[1]!) * normal(rng);
    for (let i = 0; i < p; i++) {
      let v = fit.beta[i]!;
      for (let j = 0; j <= i; j++) v += l[i]![j]! * z[j]!;
      b[i] = i === 1 ? v + drift : v;
    }
    let hit = Infinity;
    for (let i = 0; i < horizonDays; i++) {
      const x = rows[i];
      if (!x) continue;
      let m = 0;
      for (let j = 0; j < p; j++) m += x[j]! * b[j]!;
      if (m + sd * normal(rng) >= target) {
        hit = i + 1;
        break;
      }
    }
    days.push(hit);
  }
  days.sort((a, c) => a - c);
  const q = (f: number): number | null => {
    const v = days[Math.min(days.length - 1, Math.max(0, Math.ceil(f * days.length) - 1))]!;
    return Number.isFinite(v) ? v : null;
  };
  return { predictedDays: q(0.5), earliestDays: q((1 - coverage) / 2), latestDays: q((1 + coverage) / 2) };
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
