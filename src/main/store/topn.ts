/**
 * Top-N entities of a kind by a metric over a time range. SQLite scans one level's rows in the range
 * and aggregates per entity (vdc_val decodes the metric from the stored vector); only N rows come
 * back unless the level's open bucket (still in memory) falls in the range and must be merged.
 * Level choice: the coarsest level whose interval fits in the range (fewest rows per entity); the
 * range is widened to whole intervals, so edges are approximate by at most one interval. Levels with
 * kind vectors (all but the finest; see kind-vectors.ts) are read from them: one row per bucket and
 * statistic instead of one per entity, so a cold 30-day top-N costs milliseconds. Buckets without
 * vectors (older than their keep, or written before schema 3) are scanned row by row.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { METRIC_ENTITY_KINDS } from '../engine/api';
import { valueAt } from './codec';
import type { QueryContext, Resolution } from './context';
import { storeErr, storeOk, toStoreError, type StoreResult } from './errors';
import { covering, invalid, Time } from './series';
import { tableFor } from './tables';
import { readRealtime, vectorOf } from './realtime';
import {
  addKindVectors,
  bucketsWithoutVectors,
  denseAgg,
  kindVectorLevels,
  type DenseAgg,
} from './kind-vectors';
import type { RollupRow } from './rollup';
import type { TopNQuery, TopNRow } from './types';
import { metricIndex } from './context';

const TopNQuerySchema = z
  .object({
    kind: z.enum(METRIC_ENTITY_KINDS),
    metric: z.string().min(1),
    n: z.number().int().min(1).max(10_000),
    from: Time,
    to: Time,
    order: z.enum(['desc', 'asc']).optional(),
    stat: z.enum(['avg', 'max']).optional(),
  })
  .refine((q) => q.from <= q.to, { message: '"from" must not be after "to"', path: ['from'] });

/** SQL functions decoding one metric of a stored vector (NULL when absent or NaN). */
export function registerSqlFunctions(db: Database.Database): void {
  const num = (x: unknown): number => Number(x);
  db.function('vdc_val', { deterministic: true }, (blob: unknown, m: unknown, i: unknown) => {
    const v = Buffer.isBuffer(blob) ? valueAt(blob, num(m), num(i)) : NaN;
    return Number.isNaN(v) ? null : v;
  });
  db.function('vdc_max', { deterministic: true }, (max: unknown, avg: unknown, m: unknown, i: unknown) => {
    if (!Buffer.isBuffer(avg)) return null;
    const a = valueAt(avg, num(m), num(i));
    const v = Buffer.isBuffer(max) ? valueAt(max, num(m), num(i), a) : a;
    return Number.isNaN(v) ? null : v;
  });
}

interface Agg {
  s: number;
  c: number;
  mx: number;
}

/**
 * Per-entity aggregates of recent top-N queries, per level; a level's entries are dropped when a flush
 * changes that level's rows, so repeated queries (a console polling a 30-day top-10) cost a sort, not a scan.
 */
export class TopNCache {
  private readonly versions = new Map<number, number>();
  private readonly entries = new Map<string, { res: number; version: number; rows: Map<number, Agg> }>();

  changed(res: Iterable<number>): void {
    for (const r of res) this.versions.set(r, (this.versions.get(r) ?? 0) + 1);
  }

  clear(): void {
    this.entries.clear();
  }

  get(key: string, res: number): Map<number, Agg> | null {
    const e = this.entries.get(key);
    return e && e.res === res && e.version === (this.versions.get(res) ?? 0) ? e.rows : null;
  }

  set(key: string, res: number, rows: Map<number, Agg>): void {
    if (this.entries.size >= 16) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { res, version: this.versions.get(res) ?? 0, rows });
  }
}

/** Bucket ends E whose interval (E - step, E] overlaps (from, to]. */
function bucketRange(r: Resolution, from: number, to: number): { lo: number; hi: number } {
  const lo = Math.floor(from / r.stepSec) * r.stepSec + r.stepSec;
  return { lo, hi: Math.max(lo, Math.ceil(to / r.stepSec) * r.stepSec) };
}

/**
 * The level a top-N reads and its bucket ends lo..hi. The range is clamped to the recorded span first,
 * so a far-future `to` costs nothing: it used to choose the level by the requested width and visit
 * every bucket end up to `to` (1e12 s = 11 million daily buckets, 20 s).
 */
export function planTopN(
  ctx: QueryContext,
  from: number,
  to: number,
): { r: Resolution; lo: number; hi: number; buckets: number } {
  const end = Math.max(from, Math.min(to, ctx.lastTime));
  const pool = covering(ctx, from, end);
  const fitting = pool.filter((c) => c.stepSec <= Math.max(end - from, pool[0]!.stepSec));
  const r = fitting[fitting.length - 1] ?? pool[0]!;
  const { lo, hi } = bucketRange(r, from, end);
  return { r, lo, hi, buckets: (hi - lo) / r.stepSec + 1 };
}

type ScanRow = { eid: number; s: number; c: number; mx: number | null };

/**
 * The realtime level: per-entity aggregates over the kind's samples at t = lo..hi, read block by block
 * (realtime.ts) and summed in time order, whichever layout stored them. Same rules as the row scan: a
 * missing (NaN) value counts as 0 in the average and is left out of the maximum.
 */
function scanRealtime(
  ctx: QueryContext,
  p: { m: number; idx: number; lo: number; hi: number; kind: string },
  stat: 'avg' | 'max',
): ScanRow[] {
  const acc = new Map<number, ScanRow>();
  for (const b of readRealtime(ctx.db, ctx.realtimeBlocks, p.lo, p.hi, p.kind)) {
    for (let i = 0; i < b.eids.length; i++) {
      const eid = b.eids[i]!;
      if (!ctx.byEid[eid]) continue;
      let row = acc.get(eid);
      if (!row) acc.set(eid, (row = { eid, s: 0, c: 0, mx: null }));
      const v = valueAt(vectorOf(b, i), p.m, p.idx);
      row.c += 1;
      if (Number.isNaN(v)) continue;
      if (stat === 'max') {
        if (row.mx === null || v > row.mx) row.mx = v;
      } else row.s += v;
    }
  }
  return [...acc.values()];
}

/** SQLite aggregates per entity over bucket ends lo..hi of level r (vdc_val decodes the metric per row). */
function scanLevel(
  ctx: QueryContext,
  r: Resolution,
  p: { m: number; idx: number; lo: number; hi: number; kind: string; n: number },
  stat: 'avg' | 'max',
  limit: string,
): ScanRow[] {
  if (r.res === 0) return scanRealtime(ctx, p, stat);
  // A metric missing (NaN) in an interval counts as 0 in the average (the engine reports 0 for idle objects).
  const agg =
    stat === 'max'
      ? '0 AS s, total(x.n) AS c, max(vdc_max(x.max, x.avg, @m, @idx)) AS mx'
      : 'total(vdc_val(x.avg, @m, @idx) * x.n) AS s, total(x.n) AS c, NULL AS mx';
  const sql = `
    SELECT x.eid, ${agg}
    FROM ${tableFor(r.res)} x JOIN entities e ON e.eid = x.eid
    WHERE x.t >= @lo AND x.t <= @hi AND e.kind = @kind
    GROUP BY x.eid ${limit}`;
  return ctx.db.prepare(sql).all(p) as ScanRow[];
}

/** Coarsest level: kind vectors (a few rows per bucket), plus the row scan for buckets written before schema 3. */
function fromKindVectors(
  ctx: QueryContext,
  r: Resolution,
  p: { m: number; idx: number; lo: number; hi: number; kind: string; n: number },
  stat: 'avg' | 'max',
): DenseAgg {
  const size = ctx.byEid.length;
  const d = denseAgg(size);
  const have = addKindVectors(ctx.db, r.res, p.kind, p.idx, p.lo, p.hi, stat, d);
  for (const t of bucketsWithoutVectors(ctx.db, tableFor(r.res), r.res, p.lo, p.hi, have)) {
    for (const row of scanLevel(ctx, r, { ...p, lo: t, hi: t }, stat, '')) {
      if (row.eid >= size) continue;
      d.s[row.eid]! += row.s;
      d.c[row.eid]! += row.c;
      if (row.mx !== null && row.mx > d.mx[row.eid]!) d.mx[row.eid] = row.mx;
    }
  }
  return d;
}

/** Merges the open bucket, then picks the n best entities straight from the dense aggregates. */
function bestOfDense(
  ctx: QueryContext,
  d: DenseAgg,
  open: RollupRow[],
  q: { kind: string; idx: number; n: number; stat: 'avg' | 'max'; desc: boolean },
): TopNRow[] {
  const { s, c, mx } = d;
  const size = c.length;
  for (const row of open) {
    if (row.eid >= size || ctx.byEid[row.eid]?.kind !== q.kind) continue;
    const a = row.vals[row.off + q.idx]!;
    const x = row.vals[row.off + row.m + q.idx]!;
    if (!Number.isNaN(a)) s[row.eid]! += a * row.n;
    c[row.eid]! += row.n;
    if (x > mx[row.eid]!) mx[row.eid] = x;
  }
  const value = new Float64Array(size);
  const ids: number[] = [];
  for (let eid = 0; eid < size; eid++) {
    if (!(c[eid]! > 0) || !ctx.byEid[eid]) continue;
    value[eid] = q.stat === 'max' ? mx[eid]! : s[eid]! / c[eid]!;
    ids.push(eid);
  }
  const sign = q.desc ? -1 : 1;
  const byId = (a: number, b: number): number => {
    const x = ctx.byEid[a]!.id;
    const y = ctx.byEid[b]!.id;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const cmp = (a: number, b: number): number => sign * (value[a]! - value[b]!) || byId(a, b);
  let best: number[];
  if (q.n * 8 < ids.length) {
    // Few wanted: keep the best n in order (insertion), no sort of every entity.
    best = [];
    for (const id of ids) {
      if (best.length === q.n && cmp(id, best[q.n - 1]!) >= 0) continue;
      let i = best.length;
      best.push(id);
      while (i > 0 && cmp(best[i - 1]!, id) > 0) {
        best[i] = best[i - 1]!;
        i--;
      }
      best[i] = id;
      if (best.length > q.n) best.pop();
    }
  } else {
    best = ids.sort(cmp).slice(0, q.n);
  }
  return best.map((eid) => ({
    entityId: ctx.byEid[eid]!.id,
    name: ctx.byEid[eid]!.name,
    value: value[eid]!,
  }));
}

export function topN(
  ctx: QueryContext,
  q: TopNQuery,
  cache: TopNCache | null = null,
): StoreResult<TopNRow[]> {
  const parsed = TopNQuerySchema.safeParse(q);
  if (!parsed.success) return invalid(parsed.error);
  const { kind, metric, n, from, to } = parsed.data;
  const stat = parsed.data.stat ?? 'avg';
  const desc = parsed.data.order !== 'asc';
  const idx = metricIndex(ctx, kind, metric);
  if (idx < 0) return storeErr('INVALID_ARGUMENT', `A ${kind} has no metric "${metric}".`, { kind, metric });
  const m = ctx.layouts.get(kind)?.metricCount ?? 0;
  // Nothing is recorded after lastTime (the open buckets end at most one interval later).
  if (from > ctx.lastTime) return storeOk([]);
  const { r, lo, hi } = planTopN(ctx, from, to);
  const openEnd = r.level >= 0 ? ctx.rollups.openBucketEnd(r.level) : null;
  const mergeOpen = openEnd !== null && openEnd >= lo && openEnd <= hi;
  const params = { m, idx, lo, hi, kind, n };
  const vectors = ctx.kindVectors && r.res !== 0 && kindVectorLevels(ctx.rollups.intervals).includes(r.res);
  // Scans of more than 2 intervals per entity are cached (all groups); short ones let SQLite return only n rows.
  const useCache = !vectors && cache !== null && (hi - lo) / r.stepSec + 1 > 2;
  const key = `${r.res}|${lo}|${hi}|${kind}|${idx}|${stat}`;
  const cached = useCache ? cache.get(key, r.res) : null;
  const acc = new Map<number, Agg>();
  try {
    if (vectors) {
      const open = mergeOpen ? ctx.rollups.peek(r.level) : [];
      return storeOk(
        bestOfDense(ctx, fromKindVectors(ctx, r, params, stat), open, { kind, idx, n, stat, desc }),
      );
    } else if (cached) {
      for (const [eid, a] of cached) acc.set(eid, { ...a });
    } else {
      const limit =
        mergeOpen || useCache
          ? ''
          : `HAVING c > 0 ORDER BY ${stat === 'max' ? 'mx' : 's / c'} ${desc ? 'DESC' : 'ASC'}, min(e.id) LIMIT @n`;
      for (const row of scanLevel(ctx, r, params, stat, limit))
        acc.set(row.eid, { s: row.s, c: row.c, mx: row.mx ?? -Infinity });
      if (useCache) {
        const copy = new Map<number, Agg>();
        for (const [eid, a] of acc) copy.set(eid, { ...a });
        cache.set(key, r.res, copy);
      }
    }
  } catch (e) {
    return { ok: false, error: toStoreError(e, ctx.path, 'read the history') };
  }
  if (mergeOpen) {
    for (const row of ctx.rollups.peek(r.level)) {
      if (ctx.byEid[row.eid]?.kind !== kind) continue;
      const a = row.vals[row.off + idx]!;
      const x = row.vals[row.off + row.m + idx]!;
      const cur = acc.get(row.eid) ?? { s: 0, c: 0, mx: -Infinity };
      cur.s += Number.isNaN(a) ? 0 : a * row.n;
      cur.c += row.n;
      if (x > cur.mx) cur.mx = x;
      acc.set(row.eid, cur);
    }
  }
  const out: TopNRow[] = [];
  for (const [eid, a] of acc) {
    if (a.c === 0) continue;
    const info = ctx.byEid[eid]!;
    out.push({ entityId: info.id, name: info.name, value: stat === 'max' ? a.mx : a.s / a.c });
  }
  const sign = desc ? -1 : 1;
  out.sort(
    (a, b) => sign * (a.value - b.value) || (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0),
  );
  return storeOk(out.slice(0, n));
}
