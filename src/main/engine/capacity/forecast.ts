/**
 * Forecast of daily peaks (Aria Operations capacity engine [A1][A2], with the method the backtest
 * validates; docs/capacity.md, "Time remaining"):
 *  1. the history is reduced to one peak per simulated day (whole days only);
 *  2. refused with fewer than 14 days (history.ts); what is observed needs no method: peaks already at
 *     or above usable say "exceeded since" (exceededSinceSec), never "0 days";
 *  3. the final method (./final.ts, the one `vdc capacity backtest` scores): robust fit of log(peak)
 *     with a change point and the busy weekdays; projection = its median line and the 80 % band of a
 *     day's peak, × (1 + growth)^(days ahead / 30), clamped to [0, max];
 *  4. time remaining from the first passage of simulated daily peaks: likely = the median day, interval =
 *     the 10 % and 90 % quantiles; risk: conservative states the earliest day, aggressive the likely one;
 *  5. capacity remaining = max(0, usable − max risk projection over the next 3 days) [A2] (conservative:
 *     the band's upper line, aggressive: its median).
 */
import { FORECAST_COVERAGE, finalForecast, finalGrowth, type FinalGrowth } from './final';
import {
  MIN_HISTORY_DAYS,
  historyBasis,
  needsHistory,
  type HistoryBasis,
  type HistoryRefusal,
} from './history';

export const DAY_SEC = 86_400;
export { FORECAST_COVERAGE } from './final';

export type Risk = 'conservative' | 'aggressive';

export interface ForecastOptions {
  usable: number;
  /** Days to project (Aria: 1 year). */
  horizonDays?: number;
  risk?: Risk;
  /** Extra compound growth the planner assumes, % per 30-day month. */
  growthPctPerMonth?: number;
  /** Two-sided coverage of the interval, default FORECAST_COVERAGE (0.8, the coverage the backtest checks). */
  coverage?: number;
  /** Simulated futures of the first passage (default 2000). */
  samples?: number;
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
  /** Growth per day at today's level (the final method fits log(peak)); 0 when refused. */
  slopePerDay: number;
  /** Residual standard deviation of log(peak): a day's relative spread. */
  residualSd: number;
  /** Weekday effects were fitted (≥ 14 days: the trend stands on the busy weekdays). */
  seasonal: boolean;
  /** Future points, one per day, from the day after the last observed one. */
  projection: ForecastPoint[];
  usable: number;
  risk: Risk;
  /** Days until usable is reached by the risk (conservative: earliestDays, aggressive: likelyDays); 0 = already (see exceededSinceSec); null = not within the horizon, or refused (timeRefusal). */
  timeRemainingDays: number | null;
  /** The median day a daily peak first reaches usable (null: beyond the horizon, refused or exceeded). */
  likelyDays: number | null;
  /** The interval's earliest and latest day (10 % and 90 % quantiles with the default coverage). */
  earliestDays: number | null;
  latestDays: number | null;
  /** The interval's two-sided coverage (0.8). */
  coverage: number;
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
  /** The growth rate the fit stands on and its 95 % interval (null when refused: timeRefusal). */
  growth: FinalGrowth | null;
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

export function forecastPeaks(
  points: readonly (readonly [number, number])[],
  opts: ForecastOptions,
): Forecast {
  const peaks = dailyPeaks(points);
  const history = historyBasis(points);
  const horizon = opts.horizonDays ?? 365;
  const risk = opts.risk ?? 'conservative';
  const usable = opts.usable;
  const max = opts.max ?? Infinity;
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
  const lastDay = peaks.length > 0 ? peaks[peaks.length - 1]![0] : -1;
  const coverage = opts.coverage ?? FORECAST_COVERAGE;
  // Refused: no projection at all (the chart draws none), rather than a line the method cannot support.
  // Days count from the first fitted day; a weekday is (day − first) mod 7, consistently.
  const x0 = fitPeaks[0]?.[0] ?? 0;
  const final = timeRefusal
    ? null
    : finalForecast(
        fitPeaks.map((p) => p[1]),
        usable,
        horizon + (lastDay - (fitPeaks.at(-1)?.[0] ?? lastDay)),
        {
          coverage,
          growthPctPerMonth: opts.growthPctPerMonth,
          max,
          // Already exceeded: the chart still gets its projection, but there is no first passage to time.
          samples: exceededSinceSec !== null ? 0 : opts.samples,
        },
        fitPeaks.map((p) => p[0] - x0),
      );
  // The fit may end before the last (partial) day: the projection starts the day after the last peak.
  const skip = final ? lastDay - fitPeaks.at(-1)![0] : 0;
  const projection: ForecastPoint[] = (final?.band ?? []).slice(skip).map((b) => {
    const day = fitPeaks.at(-1)![0] + b.ahead;
    return { day, timeSec: (day + 1) * DAY_SEC, mean: b.mean, upper: b.upper, lower: b.lower };
  });
  const ahead = (v: number | null) => (v === null ? null : v - skip >= 1 ? v - skip : 1);
  const exceeded = exceededSinceSec !== null;
  const likelyDays = final && !exceeded ? ahead(final.predictedDays) : null;
  const earliestDays = final && !exceeded ? ahead(final.earliestDays) : null;
  const latestDays = final && !exceeded ? ahead(final.latestDays) : null;
  const riskValue = (p: ForecastPoint) => (risk === 'conservative' ? p.upper : p.mean);
  let timeRemainingDays: number | null = null;
  if (exceeded) timeRemainingDays = 0;
  else if (final) timeRemainingDays = risk === 'conservative' ? earliestDays : likelyDays;
  // Capacity remaining [A2]: usable − the projected peak of the next 3 days; without a trend (thin history)
  // the highest daily peak of the last 7 days stands in for it (a weekday peak, not a weekend's).
  const recent = peaks.filter(([d]) => d > lastDay - 7).map((p) => p[1]);
  const recentPeak = recent.length > 0 ? Math.max(...recent) : lastPeak;
  const soon = projection.slice(0, 3);
  const next3 = soon.length > 0 ? Math.max(lastPeak, ...soon.map(riskValue)) : recentPeak;
  const capacityRemaining = capRefusal ? null : exceededSinceSec !== null ? 0 : Math.max(0, usable - next3);
  const growth = final
    ? finalGrowth(
        fitPeaks.map((p) => p[1]),
        fitPeaks.map((p) => p[0] - x0),
      )
    : null;
  return {
    peaks,
    slopePerDay: final ? final.slopePerDay : 0,
    residualSd: final ? final.residualSdLog : 0,
    seasonal: final !== null && fitPeaks.length >= 14,
    projection,
    usable,
    risk,
    timeRemainingDays,
    likelyDays,
    earliestDays,
    latestDays,
    coverage,
    capacityRemaining,
    capacityRemainingPct:
      capacityRemaining === null ? null : usable > 0 ? (100 * capacityRemaining) / usable : 0,
    insufficientHistory: timeRefusal !== null || final === null,
    history,
    timeRefusal: exceededSinceSec !== null ? null : timeRefusal,
    capacityRefusal: capRefusal,
    exceededSinceSec,
    growth,
  };
}
