/**
 * Forecast of daily peaks (Aria Operations capacity engine [A1][A2], simplified and documented in
 * docs/capacity.md):
 *  1. the history is reduced to one peak per simulated day;
 *  2. with ≥ 14 days, a day-of-week seasonal offset is estimated (mean detrended residual per weekday,
 *     centred on 0) and removed;
 *  3. a least-squares line is fitted to the (de-seasonalised) peaks;
 *  4. projection(d) = (a + b·d + season[d mod 7]) × (1 + growth)^((d − today)/30)
 *     upper/lower(d) = projection ± t · s · √(1 + 1/n + (d − x̄)²/Sxx)   (prediction interval, t the
 *     one-sided 95 % Student-t quantile with n − 2 degrees of freedom: 2.353 on 5 days, 1.771 on 15)
 *  5. risk: conservative uses the upper bound, aggressive the mean of upper and lower [A1];
 *  6. time remaining = days until the risk projection first reaches usable capacity (0 if the last
 *     peak already does, null when not within the horizon);
 *     capacity remaining = max(0, usable − max risk projection over the next 3 days) [A2].
 */
import { linearFit, studentTQuantile } from './stats';

export const DAY_SEC = 86_400;
/** The prediction interval's one-sided confidence (95 %). */
export const CONFIDENCE = 0.95;

export type Risk = 'conservative' | 'aggressive';

export interface ForecastOptions {
  usable: number;
  /** Days to project (Aria: 1 year). */
  horizonDays?: number;
  risk?: Risk;
  /** Extra compound growth the planner assumes, % per 30-day month. */
  growthPctPerMonth?: number;
  /** One-sided confidence of the prediction interval, default 0.95. */
  confidence?: number;
}

export interface ForecastPoint {
  day: number;
  /** End of the day in simulated seconds. */
  timeSec: number;
  mean: number;
  upper: number;
  lower: number;
}

export interface Forecast {
  /** Observed daily peaks: [day index, peak]. */
  peaks: [number, number][];
  slopePerDay: number;
  residualSd: number;
  seasonal: boolean;
  /** Future points, one per day, from the day after the last observed one. */
  projection: ForecastPoint[];
  usable: number;
  risk: Risk;
  /** Days until the risk projection reaches usable; 0 = already; null = not within the horizon. */
  timeRemainingDays: number | null;
  capacityRemaining: number;
  capacityRemainingPct: number;
  /** Fewer than 3 days of history: the trend is a flat line through the last peak. */
  insufficientHistory: boolean;
}

/** One peak per day from [timeSec, value] samples (a sample at t belongs to day ⌊(t − ε) / 86400⌋: point times are interval ends). */
export function dailyPeaks(points: readonly (readonly [number, number])[], daySec = DAY_SEC): [number, number][] {
  const byDay = new Map<number, number>();
  for (const [t, v] of points) {
    if (!Number.isFinite(v)) continue;
    const d = Math.max(0, Math.floor((t - 1e-6) / daySec));
    const cur = byDay.get(d);
    if (cur === undefined || v > cur) byDay.set(d, v);
  }
  return [...byDay.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * Day-of-week offsets (centred on 0) fitted jointly with the linear trend by backfitting: alternately
 * fit the line to the de-seasonalised peaks and the offsets to the detrended ones. This converges to the
 * least-squares fit of "line + weekday dummies".
 */
function weekdayOffsets(peaks: [number, number][]): number[] {
  const xs = peaks.map((p) => p[0]);
  let off = [0, 0, 0, 0, 0, 0, 0];
  for (let iter = 0; iter < 60; iter++) {
    const fit = linearFit(
      xs,
      peaks.map((p) => p[1] - off[p[0] % 7]!),
    );
    const sum = [0, 0, 0, 0, 0, 0, 0];
    const cnt = [0, 0, 0, 0, 0, 0, 0];
    for (const [d, v] of peaks) {
      sum[d % 7]! += v - (fit.intercept + fit.slope * d);
      cnt[d % 7]!++;
    }
    const raw = sum.map((s, k) => (cnt[k]! > 0 ? s / cnt[k]! : 0));
    const m = raw.reduce((a, b) => a + b, 0) / 7;
    off = raw.map((o) => o - m);
  }
  return off;
}

export function forecastPeaks(points: readonly (readonly [number, number])[], opts: ForecastOptions): Forecast {
  const peaks = dailyPeaks(points);
  const horizon = opts.horizonDays ?? 365;
  const risk = opts.risk ?? 'conservative';
  const growth = (opts.growthPctPerMonth ?? 0) / 100;
  const usable = opts.usable;
  const insufficient = peaks.length < 3;
  const seasonal = peaks.length >= 14;
  const season = seasonal ? weekdayOffsets(peaks) : [0, 0, 0, 0, 0, 0, 0];
  const xs = peaks.map((p) => p[0]);
  const ys = peaks.map((p) => p[1] - season[p[0] % 7]!);
  const fit = insufficient
    ? { intercept: ys[ys.length - 1] ?? 0, slope: 0, residualSd: 0, n: peaks.length, xMean: 0, sxx: 0 }
    : linearFit(xs, ys);
  // Student-t quantile with n − 2 degrees of freedom (the line's two parameters): on 3–14 days of history the
  // normal quantile (1.645) would understate the uncertainty of both the residual sd and the fitted line.
  const t = fit.n > 2 ? studentTQuantile(opts.confidence ?? CONFIDENCE, fit.n - 2) : 0;
  const lastDay = peaks.length > 0 ? peaks[peaks.length - 1]![0] : -1;
  const projection: ForecastPoint[] = [];
  for (let d = lastDay + 1; d <= lastDay + horizon; d++) {
    const g = Math.pow(1 + growth, (d - lastDay) / 30);
    const mean = (fit.intercept + fit.slope * d + season[d % 7]!) * g;
    const spread = fit.n > 2 && fit.sxx > 0 ? t * fit.residualSd * Math.sqrt(1 + 1 / fit.n + (d - fit.xMean) ** 2 / fit.sxx) * g : 0;
    projection.push({ day: d, timeSec: (d + 1) * DAY_SEC, mean, upper: mean + spread, lower: Math.max(0, mean - spread) });
  }
  const riskValue = (p: ForecastPoint) => (risk === 'conservative' ? p.upper : (p.upper + p.lower) / 2);
  const lastPeak = peaks.length > 0 ? peaks[peaks.length - 1]![1] : 0;
  let timeRemainingDays: number | null = null;
  if (lastPeak >= usable) timeRemainingDays = 0;
  else {
    for (const p of projection) {
      if (riskValue(p) >= usable) {
        timeRemainingDays = p.day - lastDay;
        break;
      }
    }
  }
  const soon = projection.slice(0, 3);
  const next3 = soon.length > 0 ? Math.max(...soon.map(riskValue)) : lastPeak;
  const capacityRemaining = lastPeak >= usable ? 0 : Math.max(0, usable - next3);
  return {
    peaks,
    slopePerDay: fit.slope,
    residualSd: fit.residualSd,
    seasonal,
    projection,
    usable,
    risk,
    timeRemainingDays,
    capacityRemaining,
    capacityRemainingPct: usable > 0 ? (100 * capacityRemaining) / usable : 0,
    insufficientHistory: insufficient,
  };
}
