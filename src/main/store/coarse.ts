/**
 * Coarse recording, for what-if branches that run at long ticks (e.g. 1 h): from a point in simulated
 * time on, only the rollup levels whose interval is longer than the run's tick are written; realtime
 * rows and finer levels would hold one row per tick identical to the sample. Queries then use the
 * finest level actually recorded for a range. Because the finer rows that normally rebuild the open
 * buckets after a restart are not written, checkpoints save the open buckets (table open_buckets).
 */
import type Database from 'better-sqlite3';
import { decodeVector, encodeVector } from './codec';
import type { QueryContext, Resolution } from './context';
import { avgOf, markMissing, maxOf, type Rollups } from './rollup';

/** Index of the first level recorded at `tickSeconds`: the first interval longer than the tick (else the coarsest). */
export function firstRecordedLevel(intervals: readonly number[], tickSeconds: number): number {
  const i = intervals.findIndex((s) => s > tickSeconds);
  return i >= 0 ? i : intervals.length - 1;
}

/** Whether resolution r holds data over (from, to] (every level does outside the coarse segment). */
export function recordedOver(
  ctx: Pick<QueryContext, 'coarseFrom' | 'rollups'>,
  r: Resolution,
  from: number,
  to: number,
): boolean {
  const c = ctx.coarseFrom;
  if (!c || to <= c.time || (c.until !== undefined && from >= c.until)) return true;
  return r.level >= firstRecordedLevel(ctx.rollups.intervals, c.tickSeconds);
}

/** Replaces the saved open buckets with the current ones (levels >= first) at simulated time `time`. */
export function saveOpenBuckets(db: Database.Database, rollups: Rollups, first: number, time: number): void {
  db.prepare('DELETE FROM open_buckets').run();
  const ins = db.prepare(
    'INSERT INTO open_buckets (res, eid, time, t, n, avg, max) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (let l = first; l < rollups.intervals.length; l++) {
    for (const row of rollups.own(l)) {
      const avg = avgOf(row);
      ins.run(row.res, row.eid, time, row.t, row.n, encodeVector(avg), encodeVector(maxOf(row), avg));
    }
  }
}

/**
 * Restores the open buckets saved at exactly ctx.lastTime (answers false when there are none, e.g. after
 * a crash between checkpoints: the open buckets are then rebuilt from what the file holds).
 */
export function loadOpenBuckets(ctx: QueryContext): boolean {
  const rows = ctx.db
    .prepare('SELECT res, eid, t, n, avg, max FROM open_buckets WHERE time = ? ORDER BY res, eid')
    .raw()
    .all(ctx.lastTime) as [number, number, number, number, Buffer, Buffer][];
  if (rows.length === 0) return false;
  for (const [res, eid, t, n, avg, max] of rows) {
    const level = ctx.rollups.intervals.indexOf(res);
    const info = ctx.byEid[eid];
    const layout = info ? ctx.layouts.get(info.kind) : undefined;
    if (level < 0 || !layout) continue;
    const a = decodeVector(avg, layout.metricCount);
    const x = decodeVector(max, layout.metricCount, a);
    markMissing(layout, ctx.lastTime, a);
    markMissing(layout, ctx.lastTime, x);
    ctx.rollups.mergeRow(level, t, eid, layout, n, a, x);
  }
  return true;
}
