/**
 * The history an answer stands on, and the minimum each method needs (docs/capacity.md, "Minimum
 * history"). A verdict that lacks it is refused with a typed refusal — the consoles translate it
 * ("needs N more days of history"), nothing answers "0 days" or "idle" from two hours.
 */

const DAY = 86_400;

/** The span, number of points and resolution of the history a verdict uses. */
export interface HistoryBasis {
  /** Start of the first interval, simulated seconds (a point's time is the end of its interval). */
  fromSec: number;
  /** End of the last interval. */
  toSec: number;
  /** (toSec − fromSec) / 86 400. */
  spanDays: number;
  points: number;
  /** Seconds between consecutive points (the median spacing; 0 with fewer than two points). */
  resolutionSec: number;
}

/** The verdicts that depend on history. */
export type HistoryMethod = 'timeRemaining' | 'capacityRemaining' | 'rightsize' | 'consolidation';

/** "needs N more days of history": typed, with its parameters, so every shell can translate it. */
export interface HistoryRefusal {
  code: 'needsHistory';
  method: HistoryMethod;
  needDays: number;
  haveDays: number;
  /** ⌈needDays − haveDays⌉, at least 1. */
  moreDays: number;
}

/**
 * Minimum history per method, in days:
 *  - time remaining: 14 — the trend is fitted jointly with day-of-week offsets, which needs every
 *    weekday seen at least twice; a line through one week bends on its weekend dip;
 *  - capacity remaining: 1 — a full daily cycle, so the peak is a daily peak and not an hour's;
 *  - right-sizing / idle: the window it claims (default 7 days), and never less than 1 day;
 *  - consolidation estimate: 1 — the peak of a full daily cycle.
 */
export const MIN_HISTORY_DAYS: Record<HistoryMethod, number> = {
  timeRemaining: 14,
  capacityRemaining: 1,
  rightsize: 7,
  consolidation: 1,
};

/** Basis of a set of [time, value] points (sorted or not). Empty → span 0. */
export function historyBasis(points: readonly (readonly [number, number])[]): HistoryBasis {
  if (points.length === 0) return { fromSec: 0, toSec: 0, spanDays: 0, points: 0, resolutionSec: 0 };
  const ts = points.map((p) => p[0]).sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < ts.length; i++) if (ts[i]! > ts[i - 1]!) gaps.push(ts[i]! - ts[i - 1]!);
  gaps.sort((a, b) => a - b);
  const res = gaps.length > 0 ? gaps[Math.floor(gaps.length / 2)]! : 0;
  const fromSec = Math.max(0, ts[0]! - res);
  const toSec = ts[ts.length - 1]!;
  return { fromSec, toSec, spanDays: (toSec - fromSec) / DAY, points: points.length, resolutionSec: res };
}

/** Merges the bases of several series of the same answer: the widest span, all points, the coarsest resolution. */
export function mergeBases(list: readonly HistoryBasis[]): HistoryBasis {
  const some = list.filter((b) => b.points > 0);
  if (some.length === 0) return { fromSec: 0, toSec: 0, spanDays: 0, points: 0, resolutionSec: 0 };
  const fromSec = Math.min(...some.map((b) => b.fromSec));
  const toSec = Math.max(...some.map((b) => b.toSec));
  return {
    fromSec,
    toSec,
    spanDays: (toSec - fromSec) / DAY,
    points: some.reduce((a, b) => a + b.points, 0),
    resolutionSec: Math.max(...some.map((b) => b.resolutionSec)),
  };
}

/** A refusal when the basis spans less than `needDays` (a margin of one resolution step is forgiven), else null. */
export function needsHistory(
  method: HistoryMethod,
  basis: HistoryBasis,
  needDays: number = MIN_HISTORY_DAYS[method],
): HistoryRefusal | null {
  const have = basis.spanDays + basis.resolutionSec / DAY / 2;
  if (basis.points > 0 && have + 1e-9 >= needDays) return null;
  const haveDays = Math.round(basis.spanDays * 100) / 100;
  return {
    code: 'needsHistory',
    method,
    needDays,
    haveDays,
    moreDays: Math.max(1, Math.ceil(needDays - basis.spanDays - 1e-9)),
  };
}

/** "needs N more days of history" (a table cell). */
export function refusalShort(r: HistoryRefusal): string {
  return `needs ${r.moreDays} more day${r.moreDays === 1 ? '' : 's'} of history`;
}

/** English text of a refusal (CLI, report in English); the console translates the code. */
export function refusalText(r: HistoryRefusal): string {
  const what = {
    timeRemaining: 'time remaining',
    capacityRemaining: 'capacity remaining',
    rightsize: 'right-sizing',
    consolidation: 'the consolidation estimate',
  }[r.method];
  return `needs ${r.moreDays} more day${r.moreDays === 1 ? '' : 's'} of history (${what} needs ${r.needDays} day${r.needDays === 1 ? '' : 's'}, has ${r.haveDays})`;
}
