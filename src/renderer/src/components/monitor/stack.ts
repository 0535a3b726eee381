/** Builds "top N + other" stacked series from per-entity series (aligned on their timestamps). */
import type { Point } from '@renderer/stores/live';

export interface EntitySeries {
  id: string;
  label: string;
  points: Point[];
}

export function mean(points: Point[]): number {
  if (!points.length) return 0;
  let s = 0;
  for (const p of points) s += p.y;
  return s / points.length;
}

/** Ranks by mean value; the rest are summed per timestamp into one "other" series. */
export function topNPlusOther(
  all: EntitySeries[],
  n: number,
  otherLabel: string,
): { top: EntitySeries[]; other: EntitySeries | null } {
  const ranked = all
    .slice()
    .sort((a, b) => mean(b.points) - mean(a.points) || a.label.localeCompare(b.label));
  const top = ranked.slice(0, n);
  const rest = ranked.slice(n);
  if (!rest.length) return { top, other: null };
  const sum = new Map<number, number>();
  for (const s of rest) for (const p of s.points) sum.set(p.x, (sum.get(p.x) ?? 0) + p.y);
  const points = [...sum.entries()].sort((a, b) => a[0] - b[0]).map(([x, y]) => ({ x, y }));
  return { top, other: { id: 'other', label: otherLabel, points } };
}
