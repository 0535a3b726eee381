/**
 * Rebuilds the open (partial) rollup buckets after opening or truncating a workspace: level 0's open
 * bucket from realtime rows, every coarser level from the finer level's stored rows plus the finer
 * level's open bucket. Retention guarantees the finer rows are still there (see retentionProblems).
 */
import { decodeF32 } from './codec';
import type { QueryContext } from './context';
import { bucketEnd } from './rollup';

export function recoverOpenBuckets(ctx: QueryContext): void {
  const { rollups, lastTime, db } = ctx;
  rollups.clear();
  if (lastTime <= 0) return;
  const stmt = db.prepare('SELECT t, eid, n, avg, max FROM metrics WHERE res = ? AND t > ? AND t <= ? ORDER BY t, eid').raw();
  const intervals = rollups.intervals;
  for (let l = 0; l < intervals.length; l++) {
    const r = intervals[l]!;
    const end = bucketEnd(lastTime, r);
    if (end === lastTime) continue; // the bucket ending now was completed and stored
    const finerRes = l === 0 ? 0 : intervals[l - 1]!;
    for (const [, eid, n, avg, max] of stmt.iterate(finerRes, end - r, lastTime) as Iterable<
      [number, number, number, Buffer, Buffer | null]
    >) {
      const info = ctx.byEid[eid];
      const layout = info ? ctx.layouts.get(info.kind) : undefined;
      if (!layout) continue;
      rollups.mergeRow(l, end, eid, layout, n, decodeF32(avg), max ? decodeF32(max) : null);
    }
    if (l > 0 && rollups.openBucketEnd(l - 1) !== null) rollups.mergeOpen(l - 1, l, end);
    else if (rollups.openBucketEnd(l) === null) rollups.setOpen(l, end);
  }
}
