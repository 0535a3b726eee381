/**
 * The realtime level (one sample per entity per tick, kept for `retention.realtimeSec`).
 *
 * Schema 5 stores it as one row per (tick, kind) in `realtime_blocks`: the kind's entity ids (`eids`,
 * Int32 LE), the byte offsets of each entity's vector in `data` (`offs`, Int32 LE, count + 1 of them)
 * and the vectors themselves, encoded as every other metric vector (codec.ts), concatenated. That is the
 * block the writer builds anyway (`SampleBlock`); one row of ~100 KB per kind and tick costs SQLite far
 * less than the ~3,700 rows of 60 bytes per tick of the enterprise scenario it replaces (docs/store.md).
 *
 * Files of schema 1–4 hold one row per (t, eid) in `samples`; migration 005 converts them. Workspaces
 * opened with an older migration list (tests of upgrades) keep that layout: the writer and every reader
 * here work on both, and answer the same blocks from either (entities of a kind in eid order for rows).
 */
import type Database from 'better-sqlite3';
import { i32Of } from './kind-vectors';

export const REALTIME_BLOCKS = 'realtime_blocks';

export const hasRealtimeBlocks = (db: Database.Database): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(REALTIME_BLOCKS) !==
  undefined;

/** The table that holds the realtime level of this file. */
export const realtimeTable = (blocks: boolean): string => (blocks ? REALTIME_BLOCKS : 'samples');

/** One kind's realtime samples at one tick: entity eids[i]'s vector is data[offs[i] .. offs[i + 1]). */
export interface RealtimeBlock {
  t: number;
  kind: string;
  eids: Int32Array;
  offs: Int32Array;
  data: Buffer;
}

export const vectorOf = (b: RealtimeBlock, i: number): Buffer => b.data.subarray(b.offs[i]!, b.offs[i + 1]!);

/**
 * Realtime blocks with lo <= t <= hi (of one kind, or of every kind), in time order (then kind). For a
 * file in the row layout the blocks are assembled from its rows (entities of a kind in eid order).
 */
export function* readRealtime(
  db: Database.Database,
  blocks: boolean,
  lo: number,
  hi: number,
  kind: string | null = null,
): Generator<RealtimeBlock> {
  if (blocks) {
    const sql = `SELECT t, kind, eids, offs, data FROM ${REALTIME_BLOCKS} WHERE t >= ? AND t <= ?${
      kind === null ? '' : ' AND kind = ?'
    } ORDER BY t, kind`;
    const args = kind === null ? [lo, hi] : [lo, hi, kind];
    for (const [t, k, eids, offs, data] of db
      .prepare(sql)
      .raw()
      .iterate(...args) as Iterable<[number, string, Buffer, Buffer, Buffer]>) {
      yield { t, kind: k, eids: i32Of(eids), offs: i32Of(offs), data };
    }
    return;
  }
  const sql = `SELECT s.t, e.kind, s.eid, s.v FROM samples s JOIN entities e ON e.eid = s.eid
    WHERE s.t >= ? AND s.t <= ?${kind === null ? '' : ' AND e.kind = ?'} ORDER BY s.t, e.kind, s.eid`;
  const args = kind === null ? [lo, hi] : [lo, hi, kind];
  let cur: { t: number; kind: string; eids: number[]; vs: Buffer[] } | null = null;
  const done = (c: { t: number; kind: string; eids: number[]; vs: Buffer[] }): RealtimeBlock => {
    const offs = new Int32Array(c.vs.length + 1);
    for (let i = 0; i < c.vs.length; i++) offs[i + 1] = offs[i]! + c.vs[i]!.length;
    return { t: c.t, kind: c.kind, eids: Int32Array.from(c.eids), offs, data: Buffer.concat(c.vs) };
  };
  for (const [t, k, eid, v] of db
    .prepare(sql)
    .raw()
    .iterate(...args) as Iterable<[number, string, number, Buffer]>) {
    if (cur && (cur.t !== t || cur.kind !== k)) {
      yield done(cur);
      cur = null;
    }
    cur ??= { t, kind: k, eids: [], vs: [] };
    cur.eids.push(eid);
    cur.vs.push(v);
  }
  if (cur) yield done(cur);
}

/**
 * Where an eid sits in a block, for blocks that usually share one entity list (the engine sends the
 * same list every tick until the inventory changes): the index is rebuilt only when the list changes.
 */
export class BlockIndex {
  private eids: Int32Array | null = null;
  private readonly at = new Map<number, number>();

  /** Index of eid in block b, or -1. */
  find(b: RealtimeBlock, eid: number): number {
    if (!this.same(b.eids)) {
      this.eids = b.eids;
      this.at.clear();
      for (let i = 0; i < b.eids.length; i++) this.at.set(b.eids[i]!, i);
    }
    return this.at.get(eid) ?? -1;
  }

  private same(eids: Int32Array): boolean {
    const a = this.eids;
    if (!a || a.length !== eids.length) return false;
    if (a === eids) return true;
    for (let i = 0; i < a.length; i++) if (a[i] !== eids[i]) return false;
    return true;
  }
}

/** Number of entity samples, first and last t of the realtime level (for `info`). */
export function realtimeSpan(
  db: Database.Database,
  blocks: boolean,
): { c: number; lo: number | null; hi: number | null } {
  const sql = blocks
    ? `SELECT coalesce(sum(length(eids)) / 4, 0) AS c, min(t) AS lo, max(t) AS hi FROM ${REALTIME_BLOCKS}`
    : 'SELECT count(*) AS c, min(t) AS lo, max(t) AS hi FROM samples';
  return db.prepare(sql).get() as { c: number; lo: number | null; hi: number | null };
}
