/**
 * A bit-exact port of Go's math/rand (Go ≤ 1.23 with `Seed` called): the additive lagged Fibonacci
 * source (lags 607/273, 64-bit) and the `Rand` methods the GPU-sharing experiment uses, exactly as Go
 * derives them (Int63, Int, Int31, Uint32, Int31n / Intn, the private Lemire int31n of Shuffle, Perm,
 * Float64). Spec: ../shared/docs/gpu-sharing-model.md §3. Ported from Go's src/math/rand/{rng.go,rand.go},
 * Copyright 2009 The Go Authors, BSD-style licence (docs/gpu-sharing.md).
 *
 * 64-bit words are kept as two unsigned 32-bit halves (no BigInt on the hot path).
 */
import { RNG_COOKED_HEX } from './go-rand-cooked';

const RNG_LEN = 607;
const RNG_TAP = 273;
const INT32_MAX = 2147483647;
const TWO32 = 4294967296;

/** rngCooked as hi/lo halves, parsed once from the embedded hexadecimal table. */
const COOKED_HI = new Uint32Array(RNG_LEN);
const COOKED_LO = new Uint32Array(RNG_LEN);
for (let i = 0; i < RNG_LEN; i++) {
  COOKED_HI[i] = parseInt(RNG_COOKED_HEX.slice(i * 16, i * 16 + 8), 16);
  COOKED_LO[i] = parseInt(RNG_COOKED_HEX.slice(i * 16 + 8, i * 16 + 16), 16);
}

/** One step of Park–Miller (48271, Schrage's method): x in [1, 2^31-1). */
function seedrand(x: number): number {
  const A = 48271;
  const Q = 44488;
  const R = 3399;
  const hi = Math.trunc(x / Q);
  const lo = x % Q;
  x = A * lo - R * hi;
  if (x < 0) x += INT32_MAX;
  return x;
}

/** Exact floor(v·n / 2^32) and (v·n) mod 2^32 for v < 2^32, 0 < n < 2^31 (the 64-bit product of Lemire's method). */
export function mul32(v: number, n: number): { hi: number; lo: number } {
  const a = Math.floor(v / 65536) * n; // < 2^47, exact
  const b = (v % 65536) * n; // < 2^47, exact
  const aHi = Math.floor(a / 65536);
  const rest = (a % 65536) * 65536 + b; // < 2^48, exact
  return { hi: aHi + Math.floor(rest / TWO32), lo: rest % TWO32 };
}

export class GoRand {
  private readonly hi = new Uint32Array(RNG_LEN);
  private readonly lo = new Uint32Array(RNG_LEN);
  private tap = 0;
  private feed = RNG_LEN - RNG_TAP;
  /** High and low halves of the last 64-bit draw (set by next()). */
  private dHi = 0;
  private dLo = 0;
  /** Number of 64-bit draws since seeding (for tests and diagnostics). */
  draws = 0;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** Go's rngSource.Seed (the seed must be a safe integer; Go takes an int64). */
  seed(seed: number): void {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    this.tap = 0;
    this.feed = RNG_LEN - RNG_TAP;
    this.draws = 0;
    let s = seed % INT32_MAX; // truncated remainder, as Go's %
    if (s < 0) s += INT32_MAX;
    if (s === 0) s = 89482311;
    let x = s;
    for (let i = -20; i < RNG_LEN; i++) {
      x = seedrand(x);
      if (i >= 0) {
        // u = x<<40 ^ x'<<20 ^ x'' (int64), then ^ rngCooked[i]; x < 2^31 throughout.
        const x1 = x;
        x = seedrand(x);
        const x2 = x;
        x = seedrand(x);
        const x3 = x;
        // x1<<40: bits 40..63 from x1's low 24 bits; x2<<20: bits 20..50; x3: bits 0..30.
        let hi = ((x1 & 0xffffff) << 8) >>> 0;
        let lo = 0;
        hi = (hi ^ Math.floor(x2 / 4096)) >>> 0; // x2 >> 12 lands in the high word (bits 32..50)
        lo = (lo ^ ((x2 & 0xfff) << 20)) >>> 0;
        lo = (lo ^ x3) >>> 0;
        this.hi[i] = (hi ^ COOKED_HI[i]!) >>> 0;
        this.lo[i] = (lo ^ COOKED_LO[i]!) >>> 0;
      }
    }
  }

  /** rngSource.Uint64: one draw; the halves are left in dHi/dLo. */
  private next(): void {
    if (--this.tap < 0) this.tap += RNG_LEN;
    if (--this.feed < 0) this.feed += RNG_LEN;
    const f = this.feed;
    const t = this.tap;
    const aLo = this.lo[f]!;
    const lo = (aLo + this.lo[t]!) >>> 0;
    const carry = lo < aLo ? 1 : 0;
    const hi = (this.hi[f]! + this.hi[t]! + carry) >>> 0;
    this.lo[f] = lo;
    this.hi[f] = hi;
    this.dHi = hi;
    this.dLo = lo;
    this.draws++;
  }

  /** Uint64 as a decimal string (tests). */
  uint64String(): string {
    this.next();
    return ((BigInt(this.dHi) << 32n) | BigInt(this.dLo)).toString();
  }

  /** Int63 as a decimal string (tests; the exact 63-bit value). */
  int63String(): string {
    this.next();
    return ((BigInt(this.dHi & 0x7fffffff) << 32n) | BigInt(this.dLo)).toString();
  }

  /** Int31 = Int63 >> 32. */
  int31(): number {
    this.next();
    return this.dHi & 0x7fffffff;
  }

  /** Uint32 = uint32(Int63 >> 31). */
  uint32(): number {
    this.next();
    return (((this.dHi & 0x7fffffff) << 1) | (this.dLo >>> 31)) >>> 0;
  }

  /** Int63 as a float64 (exactly Go's float64(Int63()) conversion: one correctly rounded step). */
  int63Float(): number {
    this.next();
    return (this.dHi & 0x7fffffff) * TWO32 + this.dLo;
  }

  /** Int() on a 64-bit platform = Int63(); only the draw matters to callers that discard it. */
  int(): number {
    return this.int63Float();
  }

  /** Float64 = Int63 / 2^63, drawn again if that rounds to 1. */
  float64(): number {
    for (;;) {
      const f = this.int63Float() / 9223372036854775808;
      if (f !== 1) return f;
    }
  }

  /** Int31n(n), 0 < n ≤ 2^31-1: mask for powers of two, else rejection sampling (Go's Rand.Int31n). */
  int31n(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > INT32_MAX)
      throw new RangeError(`invalid argument to Int31n: ${n}`);
    if ((n & (n - 1)) === 0) return this.int31() & (n - 1);
    const max = INT32_MAX - (2147483648 % n);
    let v = this.int31();
    while (v > max) v = this.int31();
    return v % n;
  }

  /** Intn(n) for n ≤ 2^31-1 (= Int31n on 64-bit platforms). */
  intn(n: number): number {
    return this.int31n(n);
  }

  /** The private int31n of Shuffle: Lemire's multiply-shift with rejection. */
  private lemire31n(n: number): number {
    let p = mul32(this.uint32(), n);
    if (p.lo < n) {
      const thresh = (TWO32 - n) % n;
      while (p.lo < thresh) p = mul32(this.uint32(), n);
    }
    return p.hi;
  }

  /** Shuffle(n, swap) for n < 2^31. */
  shuffle(n: number, swap: (i: number, j: number) => void): void {
    if (n < 0 || n > INT32_MAX) throw new RangeError(`invalid argument to Shuffle: ${n}`);
    for (let i = n - 1; i > 0; i--) swap(i, this.lemire31n(i + 1));
  }

  /** Perm(n): a permutation of 0..n-1 (one Intn(i+1) per element, also for i = 0). */
  perm(n: number): number[] {
    const m = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const j = this.intn(i + 1);
      m[i] = m[j]!;
      m[j] = i;
    }
    return m;
  }
}
