/** Turns one TickResult into buffered rows: encoded realtime samples and rollup rows that completed. */
import type { TickResult } from '../engine/api';
import type { Batch } from './batch';
import { encodeInto, maxEncodedBytes } from './codec';
import type { KindLayout, Rollups } from './rollup';

export function ingestTick(
  result: TickResult,
  batch: Batch,
  rollups: Rollups,
  layouts: ReadonlyMap<string, KindLayout>,
  eidFor: (id: string, kind: string) => number,
  realtime = true,
): void {
  const t = Math.round(result.time);
  rollups.beginTick(t, batch.rollups);
  for (const block of result.blocks) {
    const layout = layouts.get(block.kind);
    if (!layout) continue;
    const nIds = block.ids.length;
    const m = layout.metricCount;
    if (block.values.length !== nIds * m) {
      throw new Error(
        `appendTick: ${block.kind} block has ${block.values.length} values, expected ${nIds} × ${m}`,
      );
    }
    if (!realtime) {
      for (let e = 0; e < nIds; e++)
        rollups.add(eidFor(block.ids[e]!, block.kind), layout, block.values, e, nIds);
      continue;
    }
    const ab = new ArrayBuffer(nIds * maxEncodedBytes(m));
    const out = { u8: new Uint8Array(ab), f32: new Float32Array(ab) };
    const eids = new Int32Array(nIds);
    const offsets = new Int32Array(nIds + 1);
    const v = block.values;
    let pos = 0;
    for (let e = 0; e < nIds; e++) {
      const eid = eidFor(block.ids[e]!, block.kind);
      eids[e] = eid;
      pos = encodeInto(out, pos, m, v, e, nIds, null);
      offsets[e + 1] = pos;
      rollups.add(eid, layout, v, e, nIds);
    }
    batch.samples.push({ t, eids, offsets, buf: Buffer.from(ab, 0, pos) });
    batch.values += nIds * m;
  }
  rollups.endTick(t, batch.rollups);
  for (const ev of result.events) batch.events.push(ev);
  for (const task of result.tasks) batch.tasks.set(task.id, task);
  batch.ticks++;
  batch.lastTick = result.tick;
  batch.lastTime = t;
}
