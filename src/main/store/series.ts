/** History queries: series at an automatic resolution, and top-N entities by a metric. */
import { z } from 'zod';
import { valueAt } from './codec';
import { tableFor } from './tables';
import { BlockIndex, readRealtime, vectorOf } from './realtime';
import { recordedOver } from './coarse';
import { metricIndex, resolutions, type QueryContext, type Resolution } from './context';
import { storeErr, storeOk, toStoreError, type StoreResult } from './errors';
import type { SeriesQuery, SeriesResult } from './types';

export const Time = z.number().finite().min(0).max(1e12);

const SeriesQuerySchema = z
  .object({
    entityIds: z.array(z.string().min(1)).min(1).max(500),
    metrics: z.array(z.string().min(1)).min(1).max(100),
    from: Time,
    to: Time,
    maxPoints: z.number().int().min(1).max(100_000).optional(),
    stat: z.enum(['avg', 'max']).optional(),
  })
  .refine((q) => q.from <= q.to, { message: '"from" must not be after "to"', path: ['from'] });

export const DEFAULT_MAX_POINTS = 1000;

export function invalid(e: z.ZodError): { ok: false; error: { code: 'INVALID_ARGUMENT'; message: string } } {
  const msg = e.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
  return storeErr('INVALID_ARGUMENT', `Invalid history query: ${msg}`) as never;
}

/** Points a resolution can have in [from, to]: interval ends after 0 and not after the last recorded time. */
const pointsAt = (r: Resolution, from: number, to: number, lastTime: number): number =>
  Math.max(0, Math.floor(Math.min(to, lastTime) / r.stepSec) - Math.max(1, Math.ceil(from / r.stepSec)) + 1);

/** Recorded resolutions whose retention still holds data at `from` (the coarsest one when none does). */
export function covering(ctx: QueryContext, from: number, to = Infinity): Resolution[] {
  // Coarse recording: only the levels actually written over the range (see coarse.ts).
  const all = resolutions(ctx).filter((r) => recordedOver(ctx, r, from, to));
  const c = all.filter((r) => from >= ctx.lastTime - r.keepSec);
  return c.length > 0 ? c : [all[all.length - 1]!];
}

/**
 * The finest resolution that still holds data at `from` and gives at most maxPoints points; when even the
 * coarsest covering one gives more, its points are merged in groups of `group`.
 */
export function chooseResolution(
  ctx: QueryContext,
  from: number,
  to: number,
  maxPoints: number,
): { r: Resolution; group: number } {
  const pool = covering(ctx, from, to);
  for (const r of pool) if (pointsAt(r, from, to, ctx.lastTime) <= maxPoints) return { r, group: 1 };
  const r = pool[pool.length - 1]!;
  return { r, group: Math.max(1, Math.ceil(pointsAt(r, from, to, ctx.lastTime) / maxPoints)) };
}

/** Point lookups on (t, eid) for every step in the range: cost grows with points, not with fleet size. */
const pointsSql = (res: number): string => `
  WITH RECURSIVE ts(t) AS (SELECT @first UNION ALL SELECT t + @step FROM ts WHERE t + @step <= @last)
  SELECT m.t, m.n, m.avg, m.max FROM ts CROSS JOIN ${tableFor(res)} m
  ON m.t = ts.t AND m.eid = @eid`;

type PointRow = [number, number, Buffer, Buffer | null];

/**
 * Realtime points of the given entities (all of one kind) at the steps first, first + step, … last: one
 * read of the kind's blocks in the range (at most the realtime retention, 180 ticks by default).
 */
function realtimePoints(
  ctx: QueryContext,
  kind: string,
  eids: readonly number[],
  first: number,
  step: number,
  last: number,
): Map<number, PointRow[]> {
  const out = new Map<number, PointRow[]>(eids.map((e) => [e, []]));
  const index = new BlockIndex();
  for (const b of readRealtime(ctx.db, ctx.realtimeBlocks, first, last, kind)) {
    if ((b.t - first) % step !== 0) continue;
    for (const eid of eids) {
      const i = index.find(b, eid);
      if (i >= 0) out.get(eid)!.push([b.t, 1, vectorOf(b, i), null]);
    }
  }
  return out;
}

/**
 * Most point lookups one series query may do (steps × entities): about 0.3 s of SQLite work. Any
 * valid query stays under it: maxPoints is lowered for many entities, and a range is first clamped
 * to the recorded span, so a far-future `to` costs nothing (it used to scan every 20-s step up to it).
 */
export const SERIES_LOOKUP_BUDGET = 1_000_000;

export interface SeriesPlan {
  r: Resolution;
  group: number;
  /** First and last step end read (first > last: nothing recorded in the range). */
  first: number;
  last: number;
  /** Point lookups the query does: steps in [first, last] × entities. */
  lookups: number;
}

/**
 * What a series query will read: the range clamped to the recorded span (0, lastTime], the resolution
 * for it, and the steps looked up. Refuses (never runs) a query whose lookups exceed SERIES_LOOKUP_BUDGET.
 */
export function planSeries(
  ctx: QueryContext,
  from: number,
  to: number,
  maxPoints: number,
  entities: number,
): StoreResult<SeriesPlan> {
  const hi = Math.min(to, ctx.lastTime);
  const lo = Math.min(from, hi);
  const perEntity = Math.max(
    1,
    Math.min(maxPoints, Math.floor(SERIES_LOOKUP_BUDGET / Math.max(1, entities))),
  );
  const { r, group } = chooseResolution(ctx, lo, hi, perEntity);
  const step = r.stepSec;
  const first = Math.max(step, Math.ceil(from / step) * step);
  const last = Math.floor(hi / step) * step;
  const steps = first > last ? 0 : (last - first) / step + 1;
  const lookups = steps * entities;
  if (lookups > SERIES_LOOKUP_BUDGET) {
    return storeErr(
      'INVALID_ARGUMENT',
      `This history query would read ${steps} points for each of ${entities} entities; the limit is ${SERIES_LOOKUP_BUDGET} points per query. Ask for a shorter range or fewer entities.`,
      { steps, entities, limit: SERIES_LOOKUP_BUDGET },
    );
  }
  return storeOk({ r, group, first, last, lookups });
}

export function querySeries(ctx: QueryContext, q: SeriesQuery): StoreResult<SeriesResult> {
  const parsed = SeriesQuerySchema.safeParse(q);
  if (!parsed.success) return invalid(parsed.error);
  const { from, to, entityIds, metrics } = parsed.data;
  const stat = parsed.data.stat ?? 'avg';
  const targets: {
    entityId: string;
    eid: number;
    metric: string;
    idx: number;
    m: number;
    since: number;
    until: number;
  }[] = [];
  for (const entityId of entityIds) {
    const info = ctx.byId.get(entityId);
    if (!info)
      return storeErr('NOT_FOUND', `No history for "${entityId}": the workspace has no such entity.`, {
        entityId,
      });
    for (const metric of metrics) {
      const idx = metricIndex(ctx, info.kind, metric);
      if (idx < 0) {
        const known = (ctx.catalog[info.kind as keyof typeof ctx.catalog] ?? [])
          .map((d) => d.name)
          .join(', ');
        return storeErr('INVALID_ARGUMENT', `A ${info.kind} has no metric "${metric}". Known: ${known}.`, {
          entityId,
          metric,
        });
      }
      // A column added later has no values up to its `since`; one the engine dropped none after its `until`.
      const def = ctx.catalog[info.kind as keyof typeof ctx.catalog]?.[idx];
      targets.push({
        entityId,
        eid: info.eid,
        metric,
        idx,
        m: ctx.layouts.get(info.kind)?.metricCount ?? 0,
        since: def?.since ?? -Infinity,
        until: def?.until ?? Infinity,
      });
    }
  }
  const plan = planSeries(
    ctx,
    from,
    to,
    parsed.data.maxPoints ?? DEFAULT_MAX_POINTS,
    new Set(targets.map((t) => t.eid)).size,
  );
  if (!plan.ok) return { ok: false, error: plan.error };
  const { r, group, first, last } = plan.value;
  const step = r.stepSec;
  try {
    const rowsByEid = new Map<number, PointRow[]>();
    if (r.res === 0 && first <= last) {
      const byKind = new Map<string, number[]>();
      for (const { eid } of targets) {
        const kind = ctx.byEid[eid]!.kind;
        const list = byKind.get(kind) ?? [];
        if (!list.includes(eid)) list.push(eid);
        byKind.set(kind, list);
      }
      for (const [kind, eids] of byKind)
        for (const [eid, rows] of realtimePoints(ctx, kind, eids, first, step, last))
          rowsByEid.set(eid, rows);
    }
    const stmt = r.res === 0 ? null : ctx.db.prepare(pointsSql(r.res)).raw();
    const series = targets.map(({ entityId, eid, metric, idx, m, since, until }) => {
      let all = rowsByEid.get(eid);
      if (!all) {
        all = first > last || !stmt ? [] : (stmt.all({ first, step, last, eid }) as PointRow[]);
        rowsByEid.set(eid, all);
      }
      // a row covers (t - step, t]: keep it when that interval overlaps the column's lifetime (since, until]
      const rows =
        since === -Infinity && until === Infinity ? all : all.filter(([t]) => t > since && t - step < until);
      const useMax = stat === 'max' && r.res !== 0;
      const points: [number, number][] = [];
      if (group === 1) {
        for (const [t, , avg, max] of rows) {
          const a = valueAt(avg, m, idx);
          const v = useMax ? valueAt(max!, m, idx, a) : a;
          if (!Number.isNaN(v)) points.push([t, v]);
        }
      } else {
        mergeGroups(rows, m, idx, useMax, stat, step * group, points);
      }
      return { entityId, metric, points };
    });
    return storeOk({ resolutionSec: step * group, series });
  } catch (e) {
    return { ok: false, error: toStoreError(e, ctx.path, 'read the history') };
  }
}

function mergeGroups(
  rows: PointRow[],
  metricCount: number,
  idx: number,
  useMax: boolean,
  stat: 'avg' | 'max',
  width: number,
  out: [number, number][],
): void {
  let end = -1;
  let sum = 0;
  let cnt = 0;
  let mx = -Infinity;
  const push = (): void => {
    if (cnt > 0) out.push([end, stat === 'max' ? mx : sum / cnt]);
  };
  for (const [t, n, avg, max] of rows) {
    const e = Math.ceil(t / width) * width;
    if (e !== end) {
      push();
      end = e;
      sum = 0;
      cnt = 0;
      mx = -Infinity;
    }
    const a = valueAt(avg, metricCount, idx);
    if (Number.isNaN(a)) continue;
    const m = useMax ? valueAt(max!, metricCount, idx, a) : a;
    sum += a * n;
    cnt += n;
    if (m > mx) mx = m;
  }
  push();
}
