/**
 * The final forecast method (docs/capacity.md, "Time remaining"): the one behind every statement of time
 * remaining — the console's Time remaining tab, `vdc capacity`, the report, what-if compare — and the
 * method `vdc capacity backtest` scores as _final_ (one implementation).
 *
 * Robust least squares (Tukey bisquare) on log(daily peak) with a line, weekday dummies and one level
 * shift at the change point that minimises the residual sum of squares (kept only when it lowers BIC):
 * compound growth, weekly cycles, a step change such as a new project, odd days. Its time remaining is
 * the distribution of the *first day a daily peak reaches usable* (first passage), simulated from the
 * fit: the likely day is its median, the interval its (1 − coverage)/2 and (1 + coverage)/2 quantiles.
 *
 * Days are numbers (x, ascending, e.g. days since the first day of history); a weekday is x mod 7.
 * Pure: no I/O, no clock; deterministic (seeded PRNG).
 */
import { Prng, noise01 } from '../prng';
import { studentTQuantile } from './stats';

export interface TimeRemaining {
  /** Days remaining by the median (null: not within the horizon). */
  predictedDays: number | null;
  /** The interval: earliest and latest days (null: not within the horizon). */
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

const ascending = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/**
 * Change point of the final method: the day from which the level shifts (null: none kept). `xs` are the
 * days of `ys` (default 0, 1, 2, …).
 */
export function levelShiftDay(
  ys: readonly number[],
  minSegment = 5,
  minShift = 0.05,
  xs: readonly number[] = ascending(ys.length),
): number | null {
  const n = ys.length;
  const base = (d: number): number[] => [1, d, ...(n >= 14 ? weekdayDummies(d) : [])];
  const fit0 = ols(xs.map(base), ys);
  if (!fit0) return null;
  let best: { k: number; sse: number } | null = null;
  for (let k = minSegment; k <= n - minSegment; k++) {
    const f = ols(
      xs.map((d) => [...base(d), d >= xs[k]! ? 1 : 0]),
      ys,
    );
    if (f && (best === null || f.sse < best.sse)) best = { k, sse: f.sse };
  }
  if (!best || fit0.sse <= 0) return null;
  const kDay = xs[best.k]!;
  const shift = ols(
    xs.map((d) => [...base(d), d >= kDay ? 1 : 0]),
    ys,
  )!.beta.at(-1)!;
  if (Math.abs(shift) < minShift) return null;
  // BIC with the change point counted as two parameters (its day and its height).
  const bic0 = n * Math.log(fit0.sse / n);
  const bic1 = n * Math.log(Math.max(best.sse, 1e-300) / n) + 2 * Math.log(n);
  return bic1 < bic0 ? kDay : null;
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

/** The two-sided coverage of the stated interval (the one the backtest checks: ≥ 80 % of actual days inside). */
export const FORECAST_COVERAGE = 0.8;

/** Simulated futures per first-passage estimate (deterministic PRNG, seed 1). */
export const FIRST_PASSAGE_SAMPLES = 2000;

/** Standard normal from a sequential generator (Box–Muller, one value per call). */
function normal(r: Prng): number {
  const u = Math.max(r.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next());
}

export interface FinalModel {
  fit: OlsFit;
  /** The design row of day x. */
  row: (d: number) => number[];
  /** The busy weekdays (x mod 7) the trend is fitted on. */
  busy: Set<number>;
  /** Covariance inflation (1 + ρ)/(1 − ρ) for lag-1 autocorrelation ρ of the residuals. */
  inflate: number;
}

/**
 * The final method's fit on log(peak) of days `xs` (default 0 … n − 1):
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
  xs: readonly number[] = ascending(logs.length),
): FinalModel | null {
  const n = logs.length;
  const k = levelShiftDay(logs, 5, 0.05, xs);
  const kIdx = k === null ? -1 : xs.indexOf(k);
  const startIdx = k !== null && n - kIdx >= 10 ? kIdx : 0;
  const step = k !== null && startIdx === 0 ? k : null;
  const idx = Array.from({ length: n - startIdx }, (_, i) => startIdx + i);
  let busy = new Set([0, 1, 2, 3, 4, 5, 6]);
  if (idx.length >= 14) {
    const pre = ols(
      idx.map((i) => finalDesign(n, step)(xs[i]!)),
      idx.map((i) => logs[i]!),
    );
    if (pre) {
      // Offsets relative to weekday 0 (coefficients 2..7 are weekdays 1..6).
      const off = [0, ...[1, 2, 3, 4, 5, 6].map((w) => pre.beta[1 + w]!)];
      const top = Math.max(...off);
      const chosen = new Set(off.map((o, w) => (o >= top - 0.05 ? w : -1)).filter((w) => w >= 0));
      // A trend needs points: with fewer than 10 busy days (one odd day made its weekday look busiest
      // on two weeks of history) the trend stands on every day, with weekday dummies.
      if (idx.filter((i) => chosen.has(xs[i]! % 7)).length >= 10) busy = chosen;
    }
  }
  // Under 14 days no weekday effect is fitted (each weekday must be seen twice): one level for all days.
  const order = idx.length >= 14 ? [...busy].sort((a, b) => a - b) : [0];
  const row = (d: number): number[] => [
    1,
    d,
    ...order.slice(1).map((w) => (d % 7 === w ? 1 : 0)),
    ...(step === null ? [] : [d >= step ? 1 : 0]),
  ];
  const used = idx.filter((i) => busy.has(xs[i]! % 7));
  const fit = robustOls(
    used.map((i) => row(xs[i]!)),
    used.map((i) => logs[i]!),
  );
  if (!fit) return null;
  const res = used.map((i) => logs[i]! - row(xs[i]!).reduce((s, v, j) => s + v * fit.beta[j]!, 0));
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

export interface FinalOptions {
  /** Two-sided coverage of the interval (default FORECAST_COVERAGE = 0.8). */
  coverage?: number;
  /** Extra compound growth the planner assumes, % per 30-day month (default 0). */
  growthPctPerMonth?: number;
  /** The physical maximum of the resource: no projection goes above it (default none). */
  max?: number;
  samples?: number;
  seed?: number;
}

export interface FinalBandPoint {
  /** Days after the last day of history (1, 2, …). */
  ahead: number;
  /** The median projection (the fitted line, back from log). */
  mean: number;
  /** The interval's upper and lower quantiles of that day's peak. */
  upper: number;
  lower: number;
}

export interface FinalForecast extends TimeRemaining {
  /** One point per day ahead, 1 … horizon: the projected peak of a busy day and its interval. */
  band: FinalBandPoint[];
  /** Growth per day at today's level (units of the peaks per day), i.e. b·exp(line(today)). */
  slopePerDay: number;
  /** Residual standard deviation of log(peak) (relative spread of a day's peak). */
  residualSdLog: number;
  /** The busy weekdays (x mod 7) the trend stands on. */
  busyWeekdays: number[];
}

/**
 * The inverse of the standard normal CDF (P. J. Acklam's rational approximation, relative error
 * < 1.15·10⁻⁹): 1.2816 for 0.9, 1.6449 for 0.95.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return Number.NaN;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo || p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(p < lo ? p : 1 - p));
    const x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
    return p < lo ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** Box–Muller's largest value: u is kept ≥ 10⁻¹², so |z| ≤ √(−2 ln 10⁻¹²) ≈ 7.43. */
const Z_MAX = Math.sqrt(-2 * Math.log(1e-12));

/** The standard normal draw of future `sample` on day `ahead` (stateless, so a day that cannot be a hit is skipped without drawing). */
function dayNormal(seed: number, sample: number, ahead: number): number {
  const u = Math.max(noise01(seed, 2 * sample, ahead), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * noise01(seed, 2 * sample + 1, ahead));
}

/**
 * The final method's forecast from daily peaks `peaks` on days `xs` (default 0 … n − 1): the projection
 * band for the next `horizonDays` days and the first-passage time remaining. `samples` simulated
 * futures each draw the coefficients from their estimated distribution (β̂ + L·z, L Cholesky of
 * s²(XᵀX)⁻¹ × inflation), a growth-rate drift, and each busy day's peak with the residual spread; the
 * day each future first reaches `usable`. Predicted = median, interval = the (1 − coverage)/2 and
 * (1 + coverage)/2 quantiles; null where that quantile lies beyond the horizon. Null when fewer than 3
 * days or nothing can be fitted.
 */
export function finalForecast(
  peaks: readonly number[],
  usable: number,
  horizonDays: number,
  opts: FinalOptions = {},
  xs: readonly number[] = ascending(peaks.length),
): FinalForecast | null {
  const n = peaks.length;
  if (n < 3) return null;
  const coverage = opts.coverage ?? FORECAST_COVERAGE;
  const samples = opts.samples ?? FIRST_PASSAGE_SAMPLES;
  const max = opts.max ?? Infinity;
  const gLog = Math.log(1 + (opts.growthPctPerMonth ?? 0) / 100) / 30;
  const logs = peaks.map((v) => Math.log(Math.max(v, 1e-9)));
  const model = finalModel(logs, xs);
  if (!model) return null;
  const { fit, row, busy, inflate } = model;
  const lastX = xs[n - 1]!;
  const cov = fit.inv.map((r) => r.map((v) => v * fit.s2 * inflate));
  const sd = Math.sqrt(fit.s2);
  const p = fit.beta.length;
  const drift = GROWTH_RATE_DRIFT * Math.abs(fit.beta[1]!);
  // The band: each day's peak is log-normal in the simulation below (coefficients, drift and residual
  // all normal in log), so its quantiles are exp(m ± z·σ) with σ² = xᵀΣx + (drift·x)² + s².
  // Student's t with the fit's degrees of freedom (s is estimated): the marginal of the draws below.
  const zq = fit.df > 0 ? studentTQuantile(0.5 + coverage / 2, fit.df) : normalQuantile(0.5 + coverage / 2);
  const clamp = (v: number) => Math.min(max, Math.max(0, v));
  const band: FinalBandPoint[] = [];
  const rows: (number[] | null)[] = [];
  let reachable = false;
  for (let i = 0; i < horizonDays; i++) {
    const x = row(lastX + 1 + i);
    rows.push(busy.has((lastX + 1 + i) % 7) ? x : null);
    let m = 0;
    let q = 0;
    for (let a = 0; a < p; a++) {
      m += x[a]! * fit.beta[a]!;
      for (let b = 0; b < p; b++) q += x[a]! * cov[a]![b]! * x[b]!;
    }
    m += gLog * (i + 1);
    const sigma = Math.sqrt(Math.max(0, q + (drift * x[1]!) ** 2 + fit.s2));
    band.push({
      ahead: i + 1,
      mean: clamp(Math.exp(m)),
      upper: clamp(Math.exp(m + zq * sigma)),
      lower: clamp(Math.exp(m - zq * sigma)),
    });
    // Could a simulated peak reach usable on this day at all (beyond 5 σ: probability < 3·10⁻⁷)?
    if (m + 5 * sigma >= Math.log(usable)) reachable = true;
  }
  const lastLine = row(lastX).reduce((s, v, j) => s + v * fit.beta[j]!, 0);
  const out: FinalForecast = {
    predictedDays: null,
    earliestDays: null,
    latestDays: null,
    band,
    slopePerDay: fit.beta[1]! * Math.exp(lastLine),
    residualSdLog: sd,
    busyWeekdays: [...busy].sort((a, b) => a - b),
  };
  // Nothing to simulate: usable is above what the hardware can hold, or no day comes near it.
  if (!(usable > 0) || usable > max || !reachable || samples <= 0) return out;
  const l = cholesky(cov) ?? fit.inv.map((r) => r.map(() => 0));
  const target = Math.log(usable);
  const seed = opts.seed ?? 1;
  const rng = new Prng(seed);
  const days: number[] = [];
  const b = new Array<number>(p);
  const z = new Array<number>(p);
  // A future day's line is its weekday's first future day's line + slope × the days between (the rows of
  // one weekday differ only in x): one dot product per weekday and sample instead of one per day.
  const firstOf = new Int32Array(7).fill(-1);
  for (let i = 0; i < horizonDays; i++) {
    const w = (lastX + 1 + i) % 7;
    if (rows[i] && firstOf[w]! < 0) firstOf[w] = i;
  }
  const lineAt = new Float64Array(7);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < p; i++) z[i] = normal(rng);
    const dr = drift * normal(rng);
    // The residual variance is estimated on df degrees of freedom: each future draws its own σ² =
    // s²·df/χ²(df), so coefficients and daily peaks are Student-t distributed, not normal.
    let chi = 0;
    for (let k = 0; k < fit.df; k++) chi += normal(rng) ** 2;
    const scale = fit.df > 0 && chi > 0 ? Math.sqrt(fit.df / chi) : 1;
    for (let i = 0; i < p; i++) {
      let v = fit.beta[i]!;
      for (let j = 0; j <= i; j++) v += scale * l[i]![j]! * z[j]!;
      b[i] = i === 1 ? v + dr : v;
    }
    for (let w = 0; w < 7; w++) {
      const i = firstOf[w]!;
      if (i < 0) continue;
      let m = 0;
      for (let j = 0; j < p; j++) m += rows[i]![j]! * b[j]!;
      lineAt[w] = m - b[1]! * (lastX + 1 + i);
    }
    let hit = Infinity;
    // Only the busy weekdays can be the first to reach the line; the others are skipped (never a hit),
    // and so is a day whose line lies more than the largest possible draw below usable (exact: the draws
    // are per (future, day), not sequential, so skipping one changes no other).
    for (let i = 0; i < horizonDays; i++) {
      if (!rows[i]) continue;
      const d = lastX + 1 + i;
      const m = lineAt[d % 7]! + b[1]! * d + gLog * (i + 1);
      if (m + scale * sd * Z_MAX < target) continue;
      if (m + scale * sd * dayNormal(seed, s, i) >= target) {
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
  out.predictedDays = q(0.5);
  out.earliestDays = q((1 - coverage) / 2);
  out.latestDays = q((1 + coverage) / 2);
  return out;
}

/** The final method's time remaining alone (the backtest's form): days 0 … n − 1 of history. */
export function firstPassage(
  peaks: readonly number[],
  usable: number,
  horizonDays: number,
  coverage = FORECAST_COVERAGE,
  samples = FIRST_PASSAGE_SAMPLES,
  seed = 1,
): TimeRemaining {
  const f = finalForecast(peaks, usable, horizonDays, { coverage, samples, seed });
  return f
    ? { predictedDays: f.predictedDays, earliestDays: f.earliestDays, latestDays: f.latestDays }
    : { predictedDays: null, earliestDays: null, latestDays: null };
}

/** The final method's growth rate, % per 30-day month, and its two-sided interval. */
export interface FinalGrowth {
  /** exp(30·b̂) − 1 in %, b̂ the fitted slope of log(peak) per day (on the busy weekdays). */
  pctPerMonth: number;
  lowPct: number;
  highPct: number;
  /** The interval's two-sided coverage. */
  coverage: number;
}

/**
 * The growth the final method fits to daily peaks `peaks` on days `xs` (the same fit as finalForecast:
 * change point, busy weekdays, robust, autocorrelation-inflated covariance): b̂ ± t·σ_b, t the Student-t
 * quantile with the fit's degrees of freedom and σ_b² = Var(b̂) + (GROWTH_RATE_DRIFT·b̂)² (the drift its
 * first passage draws), as compound % per 30-day month. Null with fewer than 3 days or no fit. The
 * callers refuse thin history first (history.ts: 14 days, as time remaining).
 */
export function finalGrowth(
  peaks: readonly number[],
  xs: readonly number[] = ascending(peaks.length),
  coverage = 0.95,
): FinalGrowth | null {
  if (peaks.length < 3) return null;
  const model = finalModel(
    peaks.map((v) => Math.log(Math.max(v, 1e-9))),
    xs,
  );
  if (!model) return null;
  const { fit, inflate } = model;
  const b = fit.beta[1]!;
  const sd = Math.sqrt(Math.max(0, fit.inv[1]![1]! * fit.s2 * inflate + (GROWTH_RATE_DRIFT * b) ** 2));
  const t = fit.df > 0 ? studentTQuantile(0.5 + coverage / 2, fit.df) : normalQuantile(0.5 + coverage / 2);
  const pct = (x: number) => 100 * Math.expm1(30 * x);
  return { pctPerMonth: pct(b), lowPct: pct(b - t * sd), highPct: pct(b + t * sd), coverage };
}
