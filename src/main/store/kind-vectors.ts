/**
 * Kind vectors (schema 3): for every closed bucket of the coarsest rollup level, one row per
 * (bucket, kind) with the eids and sample counts of its entities, and one row per (bucket, kind, metric)
 * with every entity's avg and max as Float32 arrays in that order. A top-N over 30 days then reads
 * 30 small rows per statistic instead of 30 × entities vector rows (see topn.ts).
 */
import type Database from 'better-sqlite3';
import type { RollupRow } from './rollup';

/**
 * Levels with kind vectors: every rollup level but the finest (30 min, 2 h and 1 day by default). The
 * coarsest keeps them as long as its rows; the others for the next level's interval (30 min: 2 h, 2 h:
 * 1 day), the longest range top-N answers from them (a longer range uses the next level). Older buckets
 * of those levels are read by the row scan. Keeping them as long as their rows would cost ~1 MiB per
 * bucket for 11,000 entities (0.7 GB for a 30-day file).
 */
export const kindVectorLevels = (intervals: readonly number[]): number[] =>
  intervals.length > 1 ? intervals.slice(1) : [...intervals];

/** How long a level's kind vectors are kept (levels: the retention's, finest first). */
export function kindVectorKeepSec(
  levels: readonly { intervalSec: number; keepSec: number }[],
  res: number,
): number {
  const i = levels.findIndex((l) => l.intervalSec === res);
  if (i < 0) return 0;
  const next = levels[i + 1];
  return next ? Math.min(levels[i]!.keepSec, next.intervalSec) : levels[i]!.keepSec;
}

const EMPTY = Buffer.alloc(0);

/** Schema 3 tables exist (files are migrated on open; the migration tests build older files with this code). */
export const hasKindVectors = (db: Database.Database): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kind_buckets'").get() !==
  undefined;

/** A typed array's bytes as a Buffer (no copy). */
const bytes = (a: Int32Array | Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** A BLOB as a Float32Array / Int32Array: a view when aligned, else a copy. */
const aligned = (buf: Buffer): Uint8Array =>
  buf.byteOffset % 4 === 0 ? buf : Uint8Array.from(buf.subarray(0, buf.byteLength - (buf.byteLength % 4)));
export function f32Of(buf: Buffer): Float32Array {
  const b = aligned(buf);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength >> 2);
}
export function i32Of(buf: Buffer): Int32Array {
  const b = aligned(buf);
  return new Int32Array(b.buffer, b.byteOffset, b.byteLength >> 2);
}

export class KindVectorWriter {
  private readonly insertBucket: Database.Statement;
  private readonly insertVector: Database.Statement;
  private readonly deleteBuckets: Database.Statement;
  private readonly deleteVectors: Database.Statement;

  private readonly levels: Set<number>;

  constructor(db: Database.Database, levels: readonly number[]) {
    this.levels = new Set(levels);
    this.insertBucket = db.prepare(
      'INSERT OR REPLACE INTO kind_buckets (res, t, kind, eids, n) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertVector = db.prepare(
      'INSERT OR REPLACE INTO kind_vectors (res, t, kind, metric, avg, max) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.deleteBuckets = db.prepare('DELETE FROM kind_buckets WHERE res = ? AND t <= ?');
    this.deleteVectors = db.prepare('DELETE FROM kind_vectors WHERE res = ? AND t <= ?');
  }

  /** Writes the kind vectors of every bucket of a kind-vector level among `rows` (a bucket's rows come together). */
  write(rows: readonly RollupRow[]): void {
    const groups = new Map<string, RollupRow[]>();
    for (const row of rows) {
      if (!this.levels.has(row.res)) continue;
      const key = `${row.res}|${row.t}|${row.kind}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(row);
    }
    for (const g of groups.values()) this.writeGroup(g);
  }

  private writeGroup(g: RollupRow[]): void {
    let sorted = true;
    for (let e = 1; e < g.length && sorted; e++) sorted = g[e - 1]!.eid < g[e]!.eid;
    if (!sorted) g.sort((a, b) => a.eid - b.eid);
    const { res, t, kind } = g[0]!;
    const count = g.length;
    const m = g[0]!.m;
    const eids = new Int32Array(count);
    const ns = new Int32Array(count);
    for (let e = 0; e < count; e++) {
      eids[e] = g[e]!.eid;
      ns[e] = g[e]!.n;
    }
    this.insertBucket.run(res, t, kind, bytes(eids), bytes(ns));
    // Transpose row by row (sequential reads) into one buffer per statistic: metric i at [i·count, (i+1)·count).
    const avgT = new Float32Array(m * count);
    const maxT = new Float32Array(m * count);
    const zero = new Uint8Array(m).fill(1);
    const same = new Uint8Array(m).fill(1);
    for (let e = 0; e < count; e++) {
      const { vals, off } = g[e]!;
      for (let i = 0; i < m; i++) {
        const a = vals[off + i]!;
        const x = vals[off + m + i]!;
        avgT[i * count + e] = a;
        maxT[i * count + e] = x;
        if (a !== 0) zero[i] = 0;
        if (a !== x && !(a !== a && x !== x)) same[i] = 0; // NaN equals NaN here
      }
    }
    for (let i = 0; i < m; i++) {
      const avg = avgT.subarray(i * count, (i + 1) * count);
      const max = maxT.subarray(i * count, (i + 1) * count);
      this.insertVector.run(res, t, kind, i, zero[i] ? EMPTY : bytes(avg), same[i] ? null : bytes(max));
    }
  }

  /** Deletes level res's kind vectors of buckets ending at or before cutoff. */
  prune(res: number, cutoff: number): void {
    this.deleteVectors.run(res, cutoff);
    this.deleteBuckets.run(res, cutoff);
  }
}

/** Per-entity aggregates indexed by eid (dense): sum of avg·n, sample count, max. */
export interface DenseAgg {
  s: Float64Array;
  c: Float64Array;
  mx: Float64Array;
}

export function denseAgg(size: number): DenseAgg {
  return { s: new Float64Array(size), c: new Float64Array(size), mx: new Float64Array(size).fill(-Infinity) };
}

/**
 * Adds the kind vectors of level `res`, kind, metric idx over bucket ends lo..hi into agg (avg: s and c;
 * max: c and mx). Answers the bucket ends that had kind vectors (other buckets need the row scan).
 */
export function addKindVectors(
  db: Database.Database,
  res: number,
  kind: string,
  idx: number,
  lo: number,
  hi: number,
  stat: 'avg' | 'max',
  agg: DenseAgg,
): Set<number> {
  const members = new Map<number, { eids: Int32Array; n: Int32Array }>();
  for (const r of db
    .prepare('SELECT t, eids, n FROM kind_buckets WHERE res = ? AND kind = ? AND t >= ? AND t <= ?')
    .raw()
    .iterate(res, kind, lo, hi) as Iterable<[number, Buffer, Buffer]>) {
    members.set(r[0], { eids: i32Of(r[1]), n: i32Of(r[2]) });
  }
  const { s, c, mx } = agg;
  for (const [t, avgBuf, maxBuf] of db
    .prepare(
      'SELECT t, avg, max FROM kind_vectors WHERE res = ? AND kind = ? AND metric = ? AND t >= ? AND t <= ?',
    )
    .raw()
    .iterate(res, kind, idx, lo, hi) as Iterable<[number, Buffer, Buffer | null]>) {
    const mem = members.get(t);
    if (!mem) continue;
    const { eids, n } = mem;
    const avg = avgBuf.byteLength === 0 ? null : f32Of(avgBuf);
    if (stat === 'avg') {
      for (let e = 0; e < eids.length; e++) {
        const eid = eids[e]!;
        const a = avg === null ? 0 : avg[e]!;
        if (!Number.isNaN(a)) s[eid]! += a * n[e]!;
        c[eid]! += n[e]!;
      }
    } else {
      const max = maxBuf === null ? avg : f32Of(maxBuf);
      for (let e = 0; e < eids.length; e++) {
        const eid = eids[e]!;
        const x = max === null ? 0 : max[e]!;
        if (x > mx[eid]!) mx[eid] = x;
        c[eid]! += n[e]!;
      }
    }
  }
  return new Set(members.keys());
}

/** Bucket ends in lo..hi (step res) that have no kind vectors at all (written before schema 3) but have rows. */
export function bucketsWithoutVectors(
  db: Database.Database,
  table: string,
  res: number,
  lo: number,
  hi: number,
  have: ReadonlySet<number>,
): number[] {
  const anyVector = db.prepare('SELECT 1 FROM kind_buckets WHERE res = ? AND t = ? LIMIT 1').pluck();
  const anyRow = db.prepare(`SELECT 1 FROM ${table} WHERE t = ? LIMIT 1`).pluck();
  const out: number[] = [];
  for (let t = lo; t <= hi; t += res) {
    if (have.has(t) || anyVector.get(res, t) !== undefined) continue;
    if (anyRow.get(t) !== undefined) out.push(t);
  }
  return out;
}
