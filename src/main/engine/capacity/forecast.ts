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
 *  6. time remaining = days until the risk projection first reaches usable capacity (already
 *     exceeded: 0 with exceededSinceSec, the time since when; null when not within the horizon);
 *     refused with fewer than 14 days of history (history.ts); projections are clamped to [0, max];
 *     capacity remaining = max(0, usable − max risk projection over the next 3 days) [A2].
 */
import { linearFit, studentTQuantile } from './stats';
import {
  MIN_HISTORY_DAYS,
  historyBasis,
  needsHistory,
  type HistoryBasis,
  type HistoryRefusal,
} from './history';

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
  /** The physical maximum of the resource (e.g. the cluster's memory): no projection goes above it. */
  max?: number;
  /** History below which time remaining is refused, days (default MIN_HISTORY_DAYS.timeRemaining = 14). */
  minHistoryDays?: number;
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
  /** Days until the risk projection reaches usable; 0 = already (see exceededSinceSec); null = not within the horizon, or refused (timeRefusal). */
  timeRemainingDays: number | null;
  /** null when refused (capacityRefusal). */
  capacityRemaining: number | null;
  capacityRemainingPct: number | null;
  /** Time remaining is refused for lack of history (= timeRefusal !== null). */
  insufficientHistory: boolean;
  /** The history this answer stands on. */
  history: HistoryBasis;
  /** Time remaining refused: "needs N more days of history" (null when answered or already exceeded). */
  timeRefusal: HistoryRefusal | null;
  capacityRefusal: HistoryRefusal | null;
  /** The daily peaks have reached usable since this simulated second (null when they have not). */
  exceededSinceSec: number | null;
}

/** One peak per day from [timeSec, value] samples (a sample at t belongs to day ⌊(t − ε) / 86400⌋: point times are interval ends). */
export function dailyPeaks(
  points: readonly (readonly [number, number])[],
  daySec = DAY_SEC,
): [number, number][] {
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

export function forecastPeaks(
  points: readonly (readonly [number, number])[],
  opts: ForecastOptions,
): Forecast {
  const peaks = dailyPeaks(points);
  const history = historyBasis(points);
  const horizon = opts.horizonDays ?? 365;
  const risk = opts.risk ?? 'conservative';
  const growth = (opts.growthPctPerMonth ?? 0) / 100;
  const usable = opts.usable;
  const max = opts.max ?? Infinity;
  const clamp = (x: number) => Math.min(max, Math.max(0, x));
  const lastPeak = peaks.length > 0 ? peaks[peaks.length - 1]![1] : 0;
  // What is observed needs no method: the daily peaks have been at or above usable since the first day of
  // the run of such days that ends today (the first sample of that day that reached it).
  let exceededSinceSec: number | null = null;
  if (peaks.length > 0 && lastPeak >= usable) {
    let i = peaks.length - 1;
    while (i > 0 && peaks[i - 1]![1] >= usable && peaks[i - 1]![0] === peaks[i]![0] - 1) i--;
    const day = peaks[i]![0];
    exceededSinceSec = Infinity;
    for (const [t, v] of points)
      if (v >= usable && Math.max(0, Math.floor((t - 1e-6) / DAY_SEC)) === day)
        exceededSinceSec = Math.min(exceededSinceSec, t);
    if (!Number.isFinite(exceededSinceSec)) exceededSinceSec = (day + 1) * DAY_SEC;
  }
  const timeRefusal = needsHistory(
    'timeRemaining',
    history,
    opts.minHistoryDays ?? MIN_HISTORY_DAYS.timeRemaining,
  );
  const capRefusal = needsHistory('capacityRemaining', history);
  // The fit uses whole days only: a partial first or last day has a lower peak than a full one (the
  // window started at noon, or it is 2 a.m. now) and would bend the line.
  const whole = peaks.filter(
    ([d]) => d * DAY_SEC >= history.fromSec - 1e-6 && (d + 1) * DAY_SEC <= history.toSec + 1e-6,
  );
  const fitPeaks = whole.length >= 3 ? whole : peaks;
  const insufficient = fitPeaks.length < 3;
  const seasonal = fitPeaks.length >= 14;
  const season = seasonal ? weekdayOffsets(fitPeaks) : [0, 0, 0, 0, 0, 0, 0];
  const xs = fitPeaks.map((p) => p[0]);
  const ys = fitPeaks.map((p) => p[1] - season[p[0] % 7]!);
  const fit = insufficient
    ? { intercept: ys[ys.length - 1] ?? 0, slope: 0, residualSd: 0, n: fitPeaks.length, xMean: 0, sxx: 0 }
    : linearFit(xs, ys);
  // Student-t quantile with n − 2 degrees of freedom (the line's two parameters): on 3–14 days of history the
  // normal quantile (1.645) would understate the uncertainty of both the residual sd and the fitted line.
  const t = fit.n > 2 ? studentTQuantile(opts.confidence ?? CONFIDENCE, fit.n - 2) : 0;
  const lastDay = peaks.length > 0 ? peaks[peaks.length - 1]![0] : -1;
  const projection: ForecastPoint[] = [];
  // Refused: no projection at all (the chart draws none), rather than a line the method cannot support.
  if (!timeRefusal) {
    for (let d = lastDay + 1; d <= lastDay + horizon; d++) {
      const g = Math.pow(1 + growth, (d - lastDay) / 30);
      const raw = (fit.intercept + fit.slope * d + season[d % 7]!) * g;
      const spread =
        fit.n > 2 && fit.sxx > 0
          ? t * fit.residualSd * Math.sqrt(1 + 1 / fit.n + (d - fit.xMean) ** 2 / fit.sxx) * g
          : 0;
      // Demand is never negative and never above what the hardware can hold: clamp all three.
      projection.push({
        day: d,
        timeSec: (d + 1) * DAY_SEC,
        mean: clamp(raw),
        upper: clamp(raw + spread),
        lower: clamp(raw - spread),
      });
    }
  }
  const riskValue = (p: ForecastPoint) => (risk === 'conservative' ? p.upper : (p.upper + p.lower) / 2);
  let timeRemainingDays: number | null = null;
  if (exceededSinceSec !== null) timeRemainingDays = 0;
  else if (!timeRefusal) {
    for (const p of projection) {
      if (riskValue(p) >= usable) {
        timeRemainingDays = p.day - lastDay;
        break;
      }
    }
  }
  // Capacity remaining [A2]: usable − the projected peak of the next 3 days; without a trend (thin history)
  // the highest daily peak of the last 7 days stands in for it (a weekday peak, not a weekend's).
  const recent = peaks.filter(([d]) => d > lastDay - 7).map((p) => p[1]);
  const recentPeak = recent.length > 0 ? Math.max(...recent) : lastPeak;
  const soon = projection.slice(0, 3);
  const next3 = soon.length > 0 ? Math.max(lastPeak, ...soon.map(riskValue)) : recentPeak;
  const capacityRemaining = capRefusal ? null : exceededSinceSec !== null ? 0 : Math.max(0, usable - next3);
  return {
    peaks,
    slopePerDay: timeRefusal ? 0 : fit.slope,
    residualSd: fit.residualSd,
    seasonal: seasonal && !timeRefusal,
    projection,
    usable,
    risk,
    timeRemainingDays,
    capacityRemaining,
    capacityRemainingPct:
      capacityRemaining === null ? null : usable > 0 ? (100 * capacityRemaining) / usable : 0,
    insufficientHistory: timeRefusal !== null,
    history,
    timeRefusal: exceededSinceSec !== null ? null : timeRefusal,
    capacityRefusal: capRefusal,
    exceededSinceSec,
  };
}
