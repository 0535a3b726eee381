/**
 * The per-percent tables of the published analysis (merge_alloc_discrete.py, merge_frag_discrete.py;
 * ../shared/docs/gpu-sharing-model.md §9): every scheduling event is binned by the integer percent of
 * arrived GPU workload; each cell is the mean of the events in its bin (or, when the bin is empty, in the
 * bins k-1..k+1), rounded to two decimals. Python's and numpy's rounding and numpy's pairwise summation are
 * reproduced exactly, because the published cells depend on them.
 */

/** The grid: 0, 1, …, 130 % of the cluster's GPU capacity arrived. */
export const GRID_MAX_PCT = 130;

/** Round half to even to an integer (C rint in the default rounding mode). */
export function rint(y: number): number {
  const r = Math.round(y); // half up
  return r - y === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Python's round(x, 0) for finite x ≥ 0: correctly rounded, ties to even. */
export function pyRound0(x: number): number {
  return rint(x);
}

/**
 * Python's round(x, 2) for finite x ≥ 0: the exact binary value of x rounded to two decimals, ties to
 * even. toFixed rounds the exact value too but sends ties up; a tie needs x·100 to end in exactly .5,
 * i.e. x an odd multiple of 1/8.
 */
export function pyRound2(x: number): number {
  const e = x * 8;
  if (Number.isInteger(e) && e % 2 === 1) return rint(x * 100) / 100;
  return Number(x.toFixed(2));
}

/** numpy.round(x, 2): rint(x · 100) / 100 (not correctly rounded, exactly as numpy does it). */
export function npRound2(x: number): number {
  return rint(x * 100) / 100;
}

/** numpy's pairwise summation of a float64 array (as np.add.reduce: blocks of 8 accumulators up to 128). */
export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= 128) {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let j = 0; j < 8; j++) r[j] = a[start + j]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j]! += a[start + i + j]!;
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.trunc(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/** numpy/pandas mean: pairwise sum divided by the count. */
export function npMean(values: readonly number[]): number {
  return pairwiseSum(values) / values.length;
}

/**
 * Bins events into the 0..130 grid. `bin[e]` is the event's integer percent; `value[e]` what is averaged.
 * Returns per cell the values (in event order) that the published script averages, or [] when empty.
 */
export function binCells(bin: ArrayLike<number>, value: ArrayLike<number>, events: number): number[][] {
  const exact: number[][] = Array.from({ length: GRID_MAX_PCT + 1 }, () => []);
  // Events with bins just outside the grid still feed the k±1 fallback of the edge cells.
  const byBin = new Map<number, number[]>();
  for (let e = 0; e < events; e++) {
    const b = bin[e]!;
    if (b < -1 || b > GRID_MAX_PCT + 1) continue;
    let list = byBin.get(b);
    if (!list) byBin.set(b, (list = []));
    list.push(e);
  }
  for (let k = 0; k <= GRID_MAX_PCT; k++) {
    const own = byBin.get(k);
    if (own && own.length > 0) {
      exact[k] = own.map((e) => value[e]!);
      continue;
    }
    // Fallback: the events with k-1 <= bin <= k+1, in event order.
    const near = [...(byBin.get(k - 1) ?? []), ...(byBin.get(k + 1) ?? [])].sort((x, y) => x - y);
    exact[k] = near.map((e) => value[e]!);
  }
  return exact;
}

/** Arrived and allocated GPU milli per event → the published `allocationPct` and `fragmentationPct` rows. */
export function percentTables(
  arrivedMilli: ArrayLike<number>,
  allocatedMilli: ArrayLike<number>,
  fragMilli: ArrayLike<number>,
  events: number,
  totalGpus: number,
): { allocationPct: (number | null)[]; fragmentationPct: (number | null)[] } {
  const bin = new Float64Array(events);
  const alloc = new Float64Array(events);
  for (let e = 0; e < events; e++) {
    bin[e] = pyRound0(arrivedMilli[e]! / totalGpus / 10);
    alloc[e] = pyRound2(allocatedMilli[e]! / totalGpus / 10);
  }
  const allocCells = binCells(bin, alloc, events);
  const fragCells = binCells(bin, fragMilli, events);
  return {
    allocationPct: allocCells.map((v) => (v.length ? npRound2(npMean(v)) : null)),
    fragmentationPct: fragCells.map((v) =>
      v.length ? npRound2((100 * npMean(v)) / 1000 / totalGpus) : null,
    ),
  };
}
