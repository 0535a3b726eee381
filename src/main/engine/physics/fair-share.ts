/**
 * Max-min fair division of a capacity among consumers with demand, reservation and shares
 * (the vSphere resource-allocation rule [V8]): every consumer first gets min(demand, reservation);
 * the rest is divided in proportion to shares, no consumer getting more than its demand, and what a
 * satisfied consumer does not need is redistributed ("water filling").
 *
 * Works in place on caller-owned scratch arrays so a tick allocates nothing.
 */

export interface FairShareScratch {
  order: Int32Array;
  key: Float64Array;
}

export function newFairShareScratch(): FairShareScratch {
  return { order: new Int32Array(16), key: new Float64Array(16) };
}

/**
 * @param n number of consumers (entries 0..n-1 of the arrays are used)
 * @param capacity total to divide (≥ 0)
 * @param demand each consumer's demand (already capped by its own limit)
 * @param reservation each consumer's guaranteed minimum (Σ reservation ≤ capacity is the caller's admission rule)
 * @param shares each consumer's weight (> 0)
 * @param out receives each consumer's grant; Σ out ≤ capacity and out[i] ≤ demand[i]
 */
export function fairShare(
  n: number,
  capacity: number,
  demand: ArrayLike<number>,
  reservation: ArrayLike<number>,
  shares: ArrayLike<number>,
  out: Float64Array | number[],
  scratch: FairShareScratch,
): void {
  let total = 0;
  for (let i = 0; i < n; i++) total += demand[i] ?? 0;
  if (total <= capacity) {
    for (let i = 0; i < n; i++) out[i] = demand[i] ?? 0;
    return;
  }
  if (scratch.key.length < n) {
    scratch.key = new Float64Array(Math.max(n, scratch.key.length * 2));
    scratch.order = new Int32Array(scratch.key.length);
  }
  const key = scratch.key;
  const order = scratch.order;
  let m = 0;
  let left = capacity;
  let sharesLeft = 0;
  for (let i = 0; i < n; i++) {
    const d = demand[i] ?? 0;
    const g = Math.min(d, reservation[i] ?? 0);
    out[i] = g;
    left -= g;
    if (d > g) {
      const s = Math.max(1e-9, shares[i] ?? 1);
      key[i] = (d - g) / s;
      order[m++] = i;
      sharesLeft += s;
    }
  }
  if (left <= 0) {
    // Reservations alone use the capacity (only possible if admission was bypassed): scale them down.
    const scale = capacity / (capacity - left);
    for (let i = 0; i < n; i++) out[i] = (out[i] ?? 0) * scale;
    return;
  }
  // Serve consumers in order of the water level at which they are satisfied (ties by index: a total order,
  // so any correct sort gives the same sequence); sorted in place, no allocation.
  if (m <= 32) insertionSort(order, m, key);
  else heapSort(order, m, key);
  for (let k = 0; k < m; k++) {
    const i = order[k] as number;
    const s = Math.max(1e-9, shares[i] ?? 1);
    const level = left / sharesLeft;
    const want = (demand[i] ?? 0) - (out[i] ?? 0);
    const give = Math.min(want, level * s);
    out[i] = (out[i] ?? 0) + give;
    left -= give;
    sharesLeft -= s;
    if (sharesLeft <= 0) break;
  }
}

/** (key, index) order of consumers a and b: a comes before b. */
function before(key: Float64Array, a: number, b: number): boolean {
  const ka = key[a]!;
  const kb = key[b]!;
  return ka < kb || (ka === kb && a < b);
}

/** Sorts order[0..m) by (key, index) ascending, in place. */
function insertionSort(order: Int32Array, m: number, key: Float64Array): void {
  for (let k = 1; k < m; k++) {
    const i = order[k]!;
    let j = k - 1;
    while (j >= 0 && before(key, i, order[j]!)) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = i;
  }
}

/** Sorts order[0..m) by (key, index) ascending, in place (heapsort: the order is total, so stability is moot). */
function heapSort(order: Int32Array, m: number, key: Float64Array): void {
  for (let k = (m >> 1) - 1; k >= 0; k--) sift(order, key, k, m);
  for (let end = m - 1; end > 0; end--) {
    const t = order[0]!;
    order[0] = order[end]!;
    order[end] = t;
    sift(order, key, 0, end);
  }
}

/** Moves order[root] down the max-heap order[0..end). */
function sift(order: Int32Array, key: Float64Array, root: number, end: number): void {
  for (;;) {
    let child = 2 * root + 1;
    if (child >= end) return;
    if (child + 1 < end && before(key, order[child]!, order[child + 1]!)) child++;
    if (!before(key, order[root]!, order[child]!)) return;
    const t = order[root]!;
    order[root] = order[child]!;
    order[child] = t;
    root = child;
  }
}
