/**
 * Deterministic randomness. Two kinds:
 * - `Prng`: a sequential generator (mulberry32) whose whole state is one 32-bit integer, so it snapshots trivially.
 * - `noise01(seed, stream, tick)`: a stateless counter-based hash, so each guest's noise depends only on
 *   (seed, guest, tick) and never on how many other guests exist or the order they are visited in.
 */

export class Prng {
  constructor(public state: number) {
    this.state = state >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    const v = items[Math.floor(this.next() * items.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  }
}

/** 32-bit avalanche mix (the finaliser of MurmurHash3). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// The seed's own mix is the same for every call of a run: memoised (as an int32, which V8 keeps unboxed).
let memoSeed = 0;
let memoSeedMix = mix32((0 ^ 0x9e3779b9) >>> 0) | 0;

/**
 * The 32 hash bits behind `noise01` / `noiseNormal`, as an int32 (a small integer to V8: no heap number
 * is allocated when a call is not inlined, unlike a double or a uint32 above 2^31).
 */
function noiseBits(seed: number, stream: number, counter: number): number {
  if (seed !== memoSeed) {
    memoSeed = seed;
    memoSeedMix = mix32((seed ^ 0x9e3779b9) >>> 0) | 0;
  }
  let h = mix32((memoSeedMix ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0);
  h = mix32((h ^ Math.imul(counter + 1, 0x165667b1)) >>> 0);
  return h | 0;
}

/** Stateless uniform in [0, 1) for (seed, stream, counter). */
export function noise01(seed: number, stream: number, counter: number): number {
  return (noiseBits(seed, stream, counter) >>> 0) / 4294967296;
}

/**
 * Stateless approximately standard-normal value: Irwin–Hall sum of four 16-bit uniforms taken from
 * two hashes (mean 2, variance 4/12), rescaled to unit variance. The first hash is the one `noise01`
 * divides by 2^32 for the same arguments.
 */
export function noiseNormal(seed: number, stream: number, counter: number): number {
  return (noiseNormalSum(seed, stream, counter) / 65536 - 2) * NORMAL_SCALE;
}

/** √3: scales the Irwin–Hall sum of four uniforms (variance 4/12) to unit variance. */
export const NORMAL_SCALE = 1.7320508075688772;

/**
 * The integer sum of the four 16-bit parts behind `noiseNormal` (0 … 262140):
 * noiseNormal = (sum / 65536 − 2) · NORMAL_SCALE. Hot callers take this integer (no heap number when the
 * call is not inlined) and scale it themselves.
 */
export function noiseNormalSum(seed: number, stream: number, counter: number): number {
  const a = noiseBits(seed, stream, counter) >>> 0;
  const b = mix32((a ^ 0x68e31da4) >>> 0);
  return (a & 0xffff) + (a >>> 16) + (b & 0xffff) + (b >>> 16);
}

/** FNV-1a 32-bit over a string, as 8 hex digits. */
export function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
