/**
 * Rebuilds the open (partial) rollup buckets after opening or truncating a workspace: level 0's open
 * bucket from realtime rows, every coarser level from the finer level's stored rows plus the finer
 * level's open bucket. Retention guarantees the finer rows are still there (see retentionProblems).
 * Workspaces that record coarse levels only restore the open buckets saved with their last checkpoint.
 */
import { decodeVector } from './codec';
import type { QueryContext } from './context';
import { bucketEnd, markMissing } from './rollup';
import { firstRecordedLevel, loadOpenBuckets } from './coarse';
import { readColumns, tableFor } from './tables';

export function recoverOpenBuckets(ctx: QueryContext): void {
  const { rollups, lastTime, db } = ctx;
  rollups.clear();
  const coarse = ctx.coarseFrom;
  const active = coarse && coarse.until === undefined;
  rollups.setFirstLevel(active ? firstRecordedLevel(rollups.intervals, coarse.tickSeconds) : 0);
  if (lastTime <= 0) return;
  // Coarse recording writes no finer rows to rebuild from: use the open buckets saved with the checkpoint.
  if (coarse && lastTime > coarse.time && ctx.kindVectors && loadOpenBuckets(ctx)) return;
  const intervals = rollups.intervals;
  for (let l = 0; l < intervals.length; l++) {
    const r = intervals[l]!;
    const end = bucketEnd(lastTime, r);
    if (end === lastTime) continue; // the bucket ending now was completed and stored
    const finerRes = l === 0 ? 0 : intervals[l - 1]!;
    const stmt = db
      .prepare(
        `SELECT ${readColumns(finerRes)} FROM ${tableFor(finerRes)} WHERE t > ? AND t <= ? ORDER BY t, eid`,
      )
      .raw();
    for (const [t, eid, n, avg, max] of stmt.iterate(end - r, lastTime) as Iterable<
      [number, number, number, Buffer, Buffer | null]
    >) {
      const info = ctx.byEid[eid];
      const layout = info ? ctx.layouts.get(info.kind) : undefined;
      if (!layout) continue;
      const m = layout.metricCount;
      const a = decodeVector(avg, m);
      const x = max ? decodeVector(max, m, a) : null;
      markMissing(layout, t, a);
      if (x) markMissing(layout, t, x);
      rollups.mergeRow(l, end, eid, layout, n, a, x);
    }
    // The finer level's open bucket stays there: it is carried up when it closes (see Rollups.emit).
    if (rollups.openBucketEnd(l) === null) rollups.setOpen(l, end);
  }
}
