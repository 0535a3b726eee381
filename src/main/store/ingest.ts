/** Turns one TickResult into buffered rows: encoded realtime samples and rollup rows that completed. */
import type { TickResult } from '../engine/api';
import type { Batch } from './batch';
import { encodeInto, maxEncodedBytes } from './codec';
import type { KindLayout, Rollups } from './rollup';

/**
 * The eids of a block's ids, reused while a kind's id list is unchanged (the engine sends the same list
 * every tick until the inventory changes): one comparison per entity instead of a registry lookup.
 */
export class EidCache {
  private readonly byKind = new Map<string, { ids: string[]; eids: Int32Array }>();

  eids(kind: string, ids: readonly string[], eidFor: (id: string, kind: string) => number): Int32Array {
    const c = this.byKind.get(kind);
    if (c && c.ids.length === ids.length) {
      let same = true;
      for (let i = 0; i < ids.length && same; i++) same = c.ids[i] === ids[i];
      if (same) return c.eids;
    }
    const eids = Int32Array.from(ids, (id) => eidFor(id, kind));
    this.byKind.set(kind, { ids: ids.slice(), eids });
    return eids;
  }
}

/**
 * Adds a tick's samples to the rollups and its realtime rows to the batch. `encode` false leaves the
 * realtime vectors unencoded (a copy of the block's values) for the writer thread to encode
 * (OpenOptions.writerThread; `encodedSamples`): the same bytes, off the tick's thread.
 */
export function ingestTick(
  result: TickResult,
  batch: Batch,
  rollups: Rollups,
  layouts: ReadonlyMap<string, KindLayout>,
  eidFor: (id: string, kind: string) => number,
  realtime = true,
  cache: EidCache = new EidCache(),
  encode = true,
): void {
  const t = Math.round(result.time);
  rollups.beginTick(t, batch.rollups);
  for (const block of result.blocks) {
    const layout = layouts.get(block.kind);
    if (!layout) continue;
    const nIds = block.ids.length;
    const m = layout.metricCount;
    const src = layout.source ?? null;
    const width = src ? (layout.engineCount ?? m) : m;
    if (block.values.length !== nIds * width) {
      throw new Error(
        `appendTick: ${block.kind} block has ${block.values.length} values, expected ${nIds} × ${width}` +
          (src
            ? ''
            : " (an engine whose metric catalogue differs from the file's must be adopted first: Workspace.adoptCatalog)"),
      );
    }
    // The file's column order; columns the engine no longer provides are 0 (nothing stored).
    const v = src ? remap(block.values, src, nIds) : block.values;
    const eids = cache.eids(block.kind, block.ids, eidFor);
    if (!realtime) {
      for (let e = 0; e < nIds; e++) rollups.add(eids[e]!, layout, v, e, nIds);
      continue;
    }
    if (!encode) {
      // The writer thread encodes (encodedSamples): keep a copy of the values (the engine reuses its blocks).
      for (let e = 0; e < nIds; e++) rollups.add(eids[e]!, layout, v, e, nIds);
      const raw = v === block.values ? v.slice() : v;
      batch.samples.push({ t, kind: block.kind, eids, offsets: null, buf: null, raw, m });
      batch.values += nIds * m;
      continue;
    }
    const ab = new ArrayBuffer(nIds * maxEncodedBytes(m));
    const out = { u8: new Uint8Array(ab), f32: new Float32Array(ab) };
    const offsets = new Int32Array(nIds + 1);
    let pos = 0;
    for (let e = 0; e < nIds; e++) {
      const eid = eids[e]!;
      pos = encodeInto(out, pos, m, v, e, nIds, null);
      offsets[e + 1] = pos;
      rollups.add(eid, layout, v, e, nIds);
    }
    batch.samples.push({ t, kind: block.kind, eids, offsets, buf: Buffer.from(ab, 0, pos) });
    batch.values += nIds * m;
  }
  rollups.endTick(t, batch.rollups);
  for (const ev of result.events) batch.events.push(ev);
  for (const task of result.tasks) batch.tasks.set(task.id, task);
  batch.ticks++;
  batch.lastTick = result.tick;
  batch.lastTime = t;
}

/** A column-major block in the engine's metric order → the file's column order (source[j] = engine metric or -1). */
function remap(values: Float64Array, source: Int32Array, nIds: number): Float64Array {
  const out = new Float64Array(source.length * nIds);
  for (let j = 0; j < source.length; j++) {
    const s = source[j]!;
    if (s >= 0) out.set(values.subarray(s * nIds, (s + 1) * nIds), j * nIds);
  }
  return out;
}
