/** History queries: series at an automatic resolution, and top-N entities by a metric. */
import { z } from 'zod';
import { f32At } from './codec';
import { metricIndex, resolutions, type QueryContext, type Resolution } from './context';
import { storeErr, storeOk, toStoreError, type StoreResult } from './errors';
import type { SeriesQuery, SeriesResult, TopNQuery, TopNRow } from './types';

const Time = z.number().finite().min(0).max(1e12);

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

const TopNQuerySchema = z
  .object({
    kind: z.enum(['cluster', 'host', 'datastore', 'vm', 'container']),
    metric: z.string().min(1),
    n: z.number().int().min(1).max(10_000),
    from: Time,
    to: Time,
    order: z.enum(['desc', 'asc']).optional(),
    stat: z.enum(['avg', 'max']).optional(),
  })
  .refine((q) => q.from <= q.to, { message: '"from" must not be after "to"', path: ['from'] });

export const DEFAULT_MAX_POINTS = 1000;
/** top-N reads at the finest resolution with at most this many intervals per entity in the range. */
export const TOPN_MAX_BUCKETS = 8;

function invalid(e: z.ZodError): { ok: false; error: { code: 'INVALID_ARGUMENT'; message: string } } {
  const msg = e.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
  return storeErr('INVALID_ARGUMENT', `Invalid history query: ${msg}`) as never;
}

const pointsAt = (r: Resolution, from: number, to: number): number =>
  Math.max(0, Math.floor(to / r.stepSec) - Math.ceil(from / r.stepSec) + 1);

/** Resolutions whose retention still holds data at `from` (the coarsest one when none does). */
function covering(ctx: QueryContext, from: number): Resolution[] {
  const all = resolutions(ctx);
  const c = all.filter((r) => from >= ctx.lastTime - r.keepSec);
  return c.length > 0 ? c : [all[all.length - 1]!];
}

/**
 * The finest resolution that still holds data at `from` and gives at most maxPoints points; when even the
 * coarsest covering one gives more, its points are merged in groups of `group`.
 */
export function chooseResolution(ctx: QueryContext, from: number, to: number, maxPoints: number): { r: Resolution; group: number } {
  const pool = covering(ctx, from);
  for (const r of pool) if (pointsAt(r, from, to) <= maxPoints) return { r, group: 1 };
  const r = pool[pool.length - 1]!;
  return { r, group: Math.ceil(pointsAt(r, from, to) / maxPoints) };
}

const POINTS_SQL = `
  WITH RECURSIVE ts(t) AS (SELECT @first UNION ALL SELECT t + @step FROM ts WHERE t + @step <= @last)
  SELECT m.t, m.n, m.avg, m.max FROM ts CROSS JOIN metrics m ON m.res = @res AND m.t = ts.t AND m.eid = @eid`;

type PointRow = [number, number, Buffer, Buffer | null];

export function querySeries(ctx: QueryContext, q: SeriesQuery): StoreResult<SeriesResult> {
  const parsed = SeriesQuerySchema.safeParse(q);
  if (!parsed.success) return invalid(parsed.error);
  const { from, to, entityIds, metrics } = parsed.data;
  const stat = parsed.data.stat ?? 'avg';
  const targets: { entityId: string; eid: number; metric: string; idx: number }[] = [];
  for (const entityId of entityIds) {
    const info = ctx.byId.get(entityId);
    if (!info) return storeErr('NOT_FOUND', `No history for "${entityId}": the workspace has no such entity.`, { entityId });
    for (const metric of metrics) {
      const idx = metricIndex(ctx, info.kind, metric);
      if (idx < 0) {
        const known = (ctx.catalog[info.kind as keyof typeof ctx.catalog] ?? []).map((d) => d.name).join(', ');
        return storeErr('INVALID_ARGUMENT', `A ${info.kind} has no metric "${metric}". Known: ${known}.`, { entityId, metric });
      }
      targets.push({ entityId, eid: info.eid, metric, idx });
    }
  }
  const { r, group } = chooseResolution(ctx, from, to, parsed.data.maxPoints ?? DEFAULT_MAX_POINTS);
  const step = r.stepSec;
  const first = Math.ceil(from / step) * step;
  const last = Math.floor(to / step) * step;
  try {
    const stmt = ctx.db.prepare(POINTS_SQL).raw();
    const rowsByEid = new Map<number, PointRow[]>();
    const series = targets.map(({ entityId, eid, metric, idx }) => {
      let rows = rowsByEid.get(eid);
      if (!rows) {
        rows = first > last ? [] : (stmt.all({ first, step, last, res: r.res, eid }) as PointRow[]);
        rowsByEid.set(eid, rows);
      }
      const useMax = stat === 'max' && r.res !== 0;
      const points: [number, number][] = [];
      if (group === 1) {
        for (const [t, , avg, max] of rows) {
          const v = f32At(useMax ? max! : avg, idx);
          if (!Number.isNaN(v)) points.push([t, v]);
        }
      } else {
        mergeGroups(rows, idx, useMax, stat, step * group, points);
      }
      return { entityId, metric, points };
    });
    return storeOk({ resolutionSec: step * group, series });
  } catch (e) {
    return { ok: false, error: toStoreError(e, ctx.path, 'read the history') };
  }
}

function mergeGroups(rows: PointRow[], idx: number, useMax: boolean, stat: 'avg' | 'max', width: number, out: [number, number][]): void {
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
    const a = f32At(avg, idx);
    if (Number.isNaN(a)) continue;
    const m = useMax ? f32At(max!, idx) : a;
    sum += a * n;
    cnt += n;
    if (m > mx) mx = m;
  }
  push();
}

/** Bucket ends E whose interval (E - step, E] overlaps (from, to]. */
function bucketRange(r: Resolution, from: number, to: number): { lo: number; hi: number; count: number } {
  const lo = Math.floor(from / r.stepSec) * r.stepSec + r.stepSec;
  const hi = Math.max(lo, Math.ceil(to / r.stepSec) * r.stepSec);
  return { lo, hi, count: (hi - lo) / r.stepSec + 1 };
}

export function topN(ctx: QueryContext, q: TopNQuery): StoreResult<TopNRow[]> {
  const parsed = TopNQuerySchema.safeParse(q);
  if (!parsed.success) return invalid(parsed.error);
  const { kind, metric, n, from, to } = parsed.data;
  const stat = parsed.data.stat ?? 'avg';
  const idx = metricIndex(ctx, kind, metric);
  if (idx < 0) return storeErr('INVALID_ARGUMENT', `A ${kind} has no metric "${metric}".`, { kind, metric });
  const pool = covering(ctx, from);
  const r = pool.find((c) => bucketRange(c, from, to).count <= TOPN_MAX_BUCKETS) ?? pool[pool.length - 1]!;
  const { lo, hi } = bucketRange(r, from, to);
  const size = ctx.byEid.length;
  const sum = new Float64Array(size);
  const cnt = new Float64Array(size);
  const mx = new Float64Array(size).fill(-Infinity);
  const useMax = stat === 'max' && r.res !== 0;
  const add = (eid: number, nSamples: number, a: number, m: number): void => {
    if (Number.isNaN(a)) return;
    sum[eid]! += a * nSamples;
    cnt[eid]! += nSamples;
    if (m > mx[eid]!) mx[eid] = m;
  };
  try {
    const col = useMax ? 'max' : 'avg';
    const stmt = ctx.db
      .prepare(`SELECT eid, n, substr(avg, @off, 4), substr(${col}, @off, 4) FROM metrics WHERE res = @res AND t >= @lo AND t <= @hi`)
      .raw();
    for (const row of stmt.iterate({ off: idx * 4 + 1, res: r.res, lo, hi }) as Iterable<[number, number, Buffer, Buffer]>) {
      const info = ctx.byEid[row[0]];
      if (!info || info.kind !== kind || row[2].byteLength < 4) continue;
      add(row[0], row[1], row[2].readFloatLE(0), row[3].readFloatLE(0));
    }
  } catch (e) {
    return { ok: false, error: toStoreError(e, ctx.path, 'read the history') };
  }
  const openEnd = r.level >= 0 ? ctx.rollups.openBucketEnd(r.level) : null;
  if (openEnd !== null && openEnd >= lo && openEnd <= hi) {
    for (const row of ctx.rollups.peek(r.level)) {
      if (ctx.byEid[row.eid]?.kind !== kind) continue;
      add(row.eid, row.n, row.avg[idx]!, useMax ? row.max[idx]! : row.avg[idx]!);
    }
  }
  const out: TopNRow[] = [];
  for (let eid = 0; eid < size; eid++) {
    if (cnt[eid]! === 0) continue;
    const info = ctx.byEid[eid]!;
    out.push({ entityId: info.id, name: info.name, value: stat === 'max' ? mx[eid]! : sum[eid]! / cnt[eid]! });
  }
  const sign = parsed.data.order === 'asc' ? 1 : -1;
  out.sort((a, b) => sign * (a.value - b.value) || (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));
  return storeOk(out.slice(0, n));
}
