/**
 * In-memory rollup accumulators: every realtime sample is added to the open bucket of every level;
 * a bucket is emitted as a row (avg and max vectors) when simulated time reaches its end. Exact: each
 * level is computed from the raw samples, not from rounded finer rows. After a restart the open
 * buckets are rebuilt from the rows of the next finer level (see Workspace.recover).
 */

export interface KindLayout {
  kind: string;
  metricCount: number;
  /** 1 where the metric's rollup is 'last' (the bucket keeps its latest value instead of the average). */
  lastMask: Uint8Array;
  /**
   * Where the engine's block holds file column j: engine metric source[j], or -1 for a column the engine
   * no longer provides (written as 0, read as missing after its `until`). Null: the engine's catalogue is
   * the file's (the usual case), values are taken as they come.
   */
  source?: Int32Array | null;
  /** Metrics per entity in the engine's block (= metricCount when source is null). */
  engineCount?: number;
  /** Per column: values at times <= since[j] are missing (the column was added at since[j]); null: none. */
  since?: Float64Array | null;
}

/** Marks as missing (NaN) the values of a vector at time t that predate their column (see KindLayout.since). */
export function markMissing(layout: KindLayout, t: number, v: Float32Array): void {
  const since = layout.since;
  if (!since) return;
  for (let i = 0; i < since.length && i < v.length; i++) if (t <= since[i]!) v[i] = NaN;
}

/**
 * One closed (or peeked) bucket of one entity: avg i is vals[off + i], max i is vals[off + m + i]
 * (m = metric count). Rows emitted together share one `vals` slab: no typed array per row.
 */
export interface RollupRow {
  res: number;
  kind: string;
  t: number;
  eid: number;
  n: number;
  m: number;
  vals: Float32Array;
  off: number;
}

/** A row's avg / max vectors as views (for the rare paths that want arrays). */
export const avgOf = (r: RollupRow): Float32Array => r.vals.subarray(r.off, r.off + r.m);
export const maxOf = (r: RollupRow): Float32Array => r.vals.subarray(r.off + r.m, r.off + 2 * r.m);

/**
 * One entity's accumulators, per level l and metric i (k = l·m + i): n[l] samples; `sm` holds sum and max
 * side by side (sm[2k], sm[2k + 1]: the hot loop touches one contiguous run of memory per entity);
 * `nan[k]` the samples where the metric was missing, so the count of values is n[l] − nan[k]; `last[k]`
 * the latest value, kept for metrics whose rollup is 'last' only (the others never read it).
 */
class EntityAcc {
  readonly n: Int32Array;
  readonly sm: Float64Array;
  readonly nan: Float64Array;
  readonly last: Float64Array;
  constructor(
    readonly eid: number,
    readonly layout: KindLayout,
    levels: number,
  ) {
    const size = levels * layout.metricCount;
    this.n = new Int32Array(levels);
    this.sm = new Float64Array(2 * size);
    for (let k = 1; k < 2 * size; k += 2) this.sm[k] = -Infinity;
    this.nan = new Float64Array(size);
    this.last = new Float64Array(size).fill(NaN);
  }
}

/** Values (not missing) of metric slot k = l·m + i at level l. */
const countOf = (acc: EntityAcc, l: number, k: number): number => acc.n[l]! - acc.nan[k]!;

/** Adds level `from`'s accumulators (a bucket that just closed) into level `to`'s open bucket. */
function carry(acc: EntityAcc, from: number, to: number, m: number): void {
  const { sm, nan, last } = acc;
  const nFrom = acc.n[from]!;
  acc.n[to]! += nFrom;
  for (let i = 0; i < m; i++) {
    const f = from * m + i;
    const k = to * m + i;
    nan[k]! += nan[f]!;
    if (nFrom - nan[f]! === 0) continue;
    sm[2 * k]! += sm[2 * f]!;
    if (sm[2 * f + 1]! > sm[2 * k + 1]!) sm[2 * k + 1] = sm[2 * f + 1]!;
    last[k] = last[f]!;
  }
}

/** Bucket end (seconds) of the interval (end - res, end] holding time t. */
export const bucketEnd = (t: number, res: number): number => Math.ceil(t / res) * res;

export class Rollups {
  private readonly accs = new Map<number, EntityAcc>();
  /** The same accumulators indexed by eid (lookups on the hot path without hashing). */
  private readonly byEid: (EntityAcc | undefined)[] = [];
  /** One entity's sample, read once from the strided block and reused for every level. */
  private scratch = new Float64Array(64);
  /** End time of the open bucket per level, or null when none is open. */
  private readonly openEnd: (number | null)[];
  /** Levels below this one are no longer fed (coarse recording, see coarse.ts). */
  private firstLevel = 0;

  constructor(readonly intervals: readonly number[]) {
    this.openEnd = intervals.map(() => null);
  }

  /** Stops feeding levels below `level`; their open buckets are emitted by the next beginTick. */
  setFirstLevel(level: number): void {
    this.firstLevel = Math.max(0, Math.min(level, this.intervals.length - 1));
  }

  get first(): number {
    return this.firstLevel;
  }

  openBucketEnd(level: number): number | null {
    return this.openEnd[level] ?? null;
  }

  /** Starts a tick at time t: closes buckets that t no longer belongs to. */
  beginTick(t: number, out: RollupRow[]): void {
    for (let l = 0; l < this.intervals.length; l++) {
      const end = bucketEnd(t, this.intervals[l]!);
      const open = this.openEnd[l];
      if (open !== null && open !== undefined && (open !== end || l < this.firstLevel)) this.emit(l, out);
      this.openEnd[l] = l < this.firstLevel ? null : end;
    }
  }

  /** Adds one entity's sample: value i is values[offset + i * stride]. */
  add(eid: number, layout: KindLayout, values: ArrayLike<number>, offset: number, stride: number): void {
    const acc = this.accFor(eid, layout);
    const m = layout.metricCount;
    if (this.scratch.length < m) this.scratch = new Float64Array(m);
    const x = this.scratch;
    for (let i = 0; i < m; i++) x[i] = values[offset + i * stride]!;
    const { sm, nan, last } = acc;
    const lastMask = layout.lastMask;
    // Only the finest fed level: a closing bucket is carried into the next level (see emit).
    const l = this.firstLevel;
    acc.n[l]! += 1;
    const base = l * m;
    for (let i = 0; i < m; i++) {
      const v = x[i]!;
      const k = base + i;
      if (v !== v) {
        nan[k]! += 1; // missing
        continue;
      }
      const j = 2 * k;
      sm[j]! += v;
      if (v > sm[j + 1]!) sm[j + 1] = v;
      if (lastMask[i]) last[k] = v;
    }
  }

  /** Ends a tick at time t: emits every bucket whose end has been reached. */
  endTick(t: number, out: RollupRow[]): void {
    for (let l = 0; l < this.intervals.length; l++) {
      const open = this.openEnd[l];
      if (open !== null && open !== undefined && t >= open) {
        this.emit(l, out);
        this.openEnd[l] = null;
      }
    }
  }

  /**
   * Recovery: merges a stored row (n samples, their avg and max) into level `level`'s open bucket
   * ending at `end`. Rows must be merged in time order.
   */
  mergeRow(
    level: number,
    end: number,
    eid: number,
    layout: KindLayout,
    n: number,
    avg: Float32Array,
    max: Float32Array | null,
  ): void {
    this.openEnd[level] = end;
    const acc = this.accFor(eid, layout);
    const m = layout.metricCount;
    const base = level * m;
    acc.n[level]! += n;
    const { sm } = acc;
    for (let i = 0; i < m; i++) {
      const k = base + i;
      const a = i < avg.length ? avg[i]! : NaN; // a shorter stored vector: the metric is missing
      if (Number.isNaN(a)) {
        acc.nan[k]! += n;
        continue;
      }
      const hi = max ? max[i]! : a;
      sm[2 * k]! += a * n;
      if (hi > sm[2 * k + 1]!) sm[2 * k + 1] = hi;
      acc.last[k] = a;
    }
  }

  setOpen(level: number, end: number): void {
    this.openEnd[level] = end;
  }

  /**
   * The open bucket of a level as rows (not reset), e.g. to show the partial interval: the level's own
   * accumulators (finer buckets already closed) plus the finer levels' open buckets.
   */
  peek(level: number): RollupRow[] {
    const end = this.openEnd[level];
    if (end === null || end === undefined) return [];
    const out: RollupRow[] = [];
    for (const acc of this.accs.values()) {
      let n = 0;
      for (let j = 0; j <= level; j++) n += acc.n[j]!;
      if (n > 0) out.push(this.rowOf(acc, level, end, 0));
    }
    return out;
  }

  /** A level's own accumulators as rows (what a restart must restore; see coarse.ts). */
  own(level: number): RollupRow[] {
    const end = this.openEnd[level];
    if (end === null || end === undefined) return [];
    const out: RollupRow[] = [];
    for (const acc of this.accs.values()) if (acc.n[level]! > 0) out.push(this.rowOf(acc, level, end));
    return out;
  }

  clear(): void {
    this.accs.clear();
    this.byEid.length = 0;
    this.openEnd.fill(null);
  }

  private emit(level: number, out: RollupRow[]): void {
    const end = this.openEnd[level]!;
    const next = level + 1 < this.intervals.length ? level + 1 : -1;
    // One Float32 slab for every emitted row's avg and max: a small typed array of its own (> 64 bytes)
    // gets an off-heap backing store, which costs about a microsecond to allocate and free.
    let size = 0;
    for (const acc of this.accs.values()) if (acc.n[level]! > 0) size += 2 * acc.layout.metricCount;
    const slab = new Float32Array(size);
    let pos = 0;
    for (const acc of this.accs.values()) {
      if (acc.n[level]! === 0) continue;
      out.push(this.rowOf(acc, level, end, level, slab, pos));
      pos += 2 * acc.layout.metricCount;
      const m = acc.layout.metricCount;
      if (next >= 0) carry(acc, level, next, m);
      acc.n[level] = 0;
      const { sm, nan, last } = acc;
      for (let k = level * m; k < level * m + m; k++) {
        nan[k] = 0;
        sm[2 * k] = 0;
        sm[2 * k + 1] = -Infinity;
        last[k] = NaN;
      }
    }
    if (level === this.intervals.length - 1) {
      for (const [eid, acc] of this.accs) {
        if (!acc.n.every((x) => x === 0)) continue;
        this.accs.delete(eid);
        this.byEid[eid] = undefined;
      }
    }
  }

  /** Row of level `level` from the accumulators of levels from..level (default: the level's own). */
  private rowOf(
    acc: EntityAcc,
    level: number,
    end: number,
    from = level,
    slab: Float32Array | null = null,
    pos = 0,
  ): RollupRow {
    const m = acc.layout.metricCount;
    const vals = slab ?? new Float32Array(2 * m);
    const off = slab ? pos : 0;
    const { sm, last } = acc;
    const lastMask = acc.layout.lastMask;
    if (from === level) {
      // A closing bucket: the level's own accumulators only.
      const base = level * m;
      for (let i = 0; i < m; i++) {
        const k = base + i;
        const c = countOf(acc, level, k);
        vals[off + i] = c === 0 ? NaN : lastMask[i] ? last[k]! : sm[2 * k]! / c;
        vals[off + m + i] = c === 0 ? NaN : sm[2 * k + 1]!;
      }
      return {
        res: this.intervals[level]!,
        kind: acc.layout.kind,
        t: end,
        eid: acc.eid,
        n: acc.n[level]!,
        m,
        vals,
        off,
      };
    }
    let n = 0;
    for (let j = from; j <= level; j++) n += acc.n[j]!;
    for (let i = 0; i < m; i++) {
      let c = 0;
      let s = 0;
      let hi = -Infinity;
      let lastV = NaN;
      // Coarser accumulators hold older samples: the last value comes from the finest level that has one.
      for (let j = level; j >= from; j--) {
        const k = j * m + i;
        const ck = countOf(acc, j, k);
        if (ck === 0) continue;
        c += ck;
        s += sm[2 * k]!;
        if (sm[2 * k + 1]! > hi) hi = sm[2 * k + 1]!;
        lastV = last[k]!;
      }
      vals[off + i] = c === 0 ? NaN : acc.layout.lastMask[i] ? lastV : s / c;
      vals[off + m + i] = c === 0 ? NaN : hi;
    }
    return {
      res: this.intervals[level]!,
      kind: acc.layout.kind,
      t: end,
      eid: acc.eid,
      n,
      m,
      vals,
      off,
    };
  }

  private accFor(eid: number, layout: KindLayout): EntityAcc {
    let acc = this.byEid[eid];
    if (!acc || acc.layout !== layout) {
      acc = new EntityAcc(eid, layout, this.intervals.length);
      this.accs.set(eid, acc);
      this.byEid[eid] = acc;
    }
    return acc;
  }
}
