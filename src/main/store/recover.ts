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
import { tableFor } from './tables';
import { readRealtime, vectorOf } from './realtime';

export function recoverOpenBuckets(ctx: QueryContext): void {
  const steps = recoverOpenBucketsSteps(ctx);
  while (!steps.next().done);
}

/** Rows merged between two yields of recoverOpenBucketsSteps. */
const ROWS_PER_STEP = 512;

/**
 * recoverOpenBuckets in steps (a yield every ROWS_PER_STEP rows), for an open that
 * must not block the service thread (issue 21); driven to the end it does exactly what recoverOpenBuckets
 * does. Abandoning it midway leaves the rollups half-rebuilt: the caller then closes the workspace.
 */
export function* recoverOpenBucketsSteps(ctx: QueryContext): Generator<void, void, void> {
  const { rollups, lastTime, db } = ctx;
  rollups.clear();
  const coarse = ctx.coarseFrom;
  const active = coarse && coarse.until === undefined;
  rollups.setFirstLevel(active ? firstRecordedLevel(rollups.intervals, coarse.tickSeconds) : 0);
  if (lastTime <= 0) return;
  // Coarse recording writes no finer rows to rebuild from: use the open buckets saved with the checkpoint.
  if (coarse && lastTime > coarse.time && ctx.kindVectors && loadOpenBuckets(ctx)) return;
  let rows = 0;
  const intervals = rollups.intervals;
  for (let l = 0; l < intervals.length; l++) {
    const r = intervals[l]!;
    const end = bucketEnd(lastTime, r);
    if (end === lastTime) continue; // the bucket ending now was completed and stored
    const merge = (t: number, eid: number, n: number, avg: Buffer, max: Buffer | null): void => {
      const info = ctx.byEid[eid];
      const layout = info ? ctx.layouts.get(info.kind) : undefined;
      if (!layout) return;
      const m = layout.metricCount;
      const a = decodeVector(avg, m);
      const x = max ? decodeVector(max, m, a) : null;
      markMissing(layout, t, a);
      if (x) markMissing(layout, t, x);
      rollups.mergeRow(l, end, eid, layout, n, a, x);
    };
    if (l === 0) {
      // Level 0 from the realtime samples (t integer: t > end - r is t >= end - r + 1).
      for (const b of readRealtime(db, ctx.realtimeBlocks, Math.floor(end - r) + 1, lastTime)) {
        for (let i = 0; i < b.eids.length; i++) {
          merge(b.t, b.eids[i]!, 1, vectorOf(b, i), null);
          if (++rows >= ROWS_PER_STEP) {
            rows = 0;
            yield;
          }
        }
      }
    } else {
      const stmt = db
        .prepare(
          `SELECT t, eid, n, avg, max FROM ${tableFor(intervals[l - 1]!)} WHERE t > ? AND t <= ? ORDER BY t, eid`,
        )
        .raw();
      for (const [t, eid, n, avg, max] of stmt.iterate(end - r, lastTime) as Iterable<
        [number, number, number, Buffer, Buffer]
      >) {
        merge(t, eid, n, avg, max);
        if (++rows >= ROWS_PER_STEP) {
          rows = 0;
          yield;
        }
      }
    }
    // The finer level's open bucket stays there: it is carried up when it closes (see Rollups.emit).
    if (rollups.openBucketEnd(l) === null) rollups.setOpen(l, end);
  }
}
