/**
 * Max-min fair division of a capacity among consumers with demand, reservation and shares
 * (the vSphere resource-allocation rule [V8]): every consumer first gets min(demand, reservation);
 * the rest is divided in proportion to shares, no consumer getting more than its demand, and what a
 * satisfied consumer does not need is redistributed ("water filling").
 *
 * Works in place on caller-owned scratch arrays so a tick allocates nothing.
 */

export interface FairShareScratch {
  order: number[];
  key: Float64Array;
}

export function newFairShareScratch(): FairShareScratch {
  return { order: [], key: new Float64Array(16) };
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
  if (scratch.key.length < n) scratch.key = new Float64Array(Math.max(n, scratch.key.length * 2));
  const key = scratch.key;
  const order = scratch.order;
  order.length = 0;
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
      order.push(i);
      sharesLeft += s;
    }
  }
  if (left <= 0) {
    // Reservations alone use the capacity (only possible if admission was bypassed): scale them down.
    const scale = capacity / (capacity - left);
    for (let i = 0; i < n; i++) out[i] = (out[i] ?? 0) * scale;
    return;
  }
  // Serve consumers in order of the water level at which they are satisfied.
  order.sort((a, b) => (key[a] ?? 0) - (key[b] ?? 0) || a - b);
  for (let k = 0; k < order.length; k++) {
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
