/** Batched history reads for the capacity analyses (the store answers at most 500 entities per query). */
import type { Workspace } from '../../store';

export type PointMap = Map<string, Map<string, [number, number][]>>;

export function readSeries(
  ws: Workspace,
  ids: readonly string[],
  metrics: string[],
  from: number,
  to: number,
  maxPoints: number,
  stat: 'avg' | 'max',
): PointMap {
  const out: PointMap = new Map();
  const known = ids.filter((id) => ws.entity(id) !== null);
  for (let i = 0; i < known.length; i += 500) {
    const r = ws.querySeries({ entityIds: known.slice(i, i + 500), metrics, from, to, maxPoints, stat });
    if (!r.ok) continue;
    for (const s of r.value.series) {
      let m = out.get(s.entityId);
      if (!m) out.set(s.entityId, (m = new Map()));
      m.set(s.metric, s.points);
    }
  }
  return out;
}

export function peakOf(points: readonly [number, number][] | undefined): number | undefined {
  if (!points || points.length === 0) return undefined;
  let m = -Infinity;
  for (const [, v] of points) if (v > m) m = v;
  return Number.isFinite(m) ? m : undefined;
}

/** Sums several series point-wise by time (e.g. the used space of a cluster's datastores). */
export function sumByTime(list: readonly (readonly [number, number][])[]): [number, number][] {
  const acc = new Map<number, number>();
  for (const pts of list) for (const [t, v] of pts) acc.set(t, (acc.get(t) ?? 0) + v);
  return [...acc.entries()].sort((a, b) => a[0] - b[0]);
}
