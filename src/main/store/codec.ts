/**
 * Metric vectors are stored as compact BLOBs in catalog order:
 *   [mask: ceil(m/32)*4 bytes][Float32 LE of every value whose mask bit is set]
 * For an average (or realtime) vector, bit i is set when value i is not 0: zeros, which are common
 * (ballooned, swapped, ready, ... on a healthy cluster), take no space. For a max vector, bit i is
 * set when max i differs from avg i: constant metrics within an interval take no space. NaN is stored.
 */

export const maskBytes = (m: number): number => Math.ceil(m / 32) * 4;

/** Largest encoded size of an m-value vector. */
export const maxEncodedBytes = (m: number): number => maskBytes(m) + 4 * m;

/**
 * Encodes values (value i at src[off + i*stride]) into out at byte offset pos (a multiple of 4), skipping
 * those equal to ref (ref = null: skip zeros). Returns the new byte offset.
 */
export function encodeInto(
  out: { u8: Uint8Array; f32: Float32Array },
  pos: number,
  m: number,
  src: ArrayLike<number>,
  off: number,
  stride: number,
  ref: ArrayLike<number> | null,
  refOff = 0,
): number {
  const mb = maskBytes(m);
  const { u8, f32 } = out; // locals: V8 cannot hoist these loads out of the loop (typed arrays may alias)
  for (let b = pos; b < pos + mb; b++) u8[b] = 0; // (a loop: cheaper than fill() for 4–8 bytes)
  let w = (pos + mb) >> 2;
  for (let i = 0; i < m; i++) {
    const v = src[off + i * stride]!;
    const r = ref === null ? 0 : ref[refOff + i]!;
    if (Math.fround(v) === Math.fround(r)) continue;
    u8[pos + (i >> 3)]! |= 1 << (i & 7);
    f32[w++] = v;
  }
  return w << 2;
}

/**
 * Encodes a column-major block (value i of entity e at values[i * n + e], n entities of m metrics) into
 * one buffer: entity e's vector is buf[offsets[e] .. offsets[e + 1]) (zeros skipped, as encodeInto).
 */
export function encodeBlock(
  values: ArrayLike<number>,
  m: number,
  n: number,
): { buf: Buffer; offsets: Int32Array } {
  const ab = new ArrayBuffer(n * maxEncodedBytes(m));
  const out = { u8: new Uint8Array(ab), f32: new Float32Array(ab) };
  const offsets = new Int32Array(n + 1);
  let pos = 0;
  for (let e = 0; e < n; e++) {
    pos = encodeInto(out, pos, m, values, e, n, null);
    offsets[e + 1] = pos;
  }
  return { buf: Buffer.from(ab, 0, pos), offsets };
}

/** Encodes one vector into its own Buffer. */
export function encodeVector(values: ArrayLike<number>, ref: ArrayLike<number> | null = null): Buffer {
  const m = values.length;
  const ab = new ArrayBuffer(maxEncodedBytes(m));
  const end = encodeInto({ u8: new Uint8Array(ab), f32: new Float32Array(ab) }, 0, m, values, 0, 1, ref);
  return Buffer.from(ab, 0, end);
}

function popcountBefore(blob: Uint8Array, i: number): number {
  let c = 0;
  for (let b = 0; b < i >> 3; b++) {
    let x = blob[b]!;
    while (x) {
      x &= x - 1;
      c++;
    }
  }
  let x = blob[i >> 3]! & ((1 << (i & 7)) - 1);
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

function popcountBytes(blob: Uint8Array, bytes: number): number {
  let c = 0;
  for (let b = 0; b < bytes; b++) {
    let x = blob[b]!;
    while (x) {
      x &= x - 1;
      c++;
    }
  }
  return c;
}

/**
 * Mask length of a stored vector read with the file's current column count m. Columns are only ever
 * appended (docs/store.md, "The metric catalogue"), so a vector written when the kind had fewer columns
 * has a mask of ceil(m_then / 32) · 4 ≤ maskBytes(m) bytes, and its length says which: exactly one
 * mask length L satisfies byteLength = L + 4 · (bits set in the first L bytes), because every longer
 * reading needs at least 4 more bytes. Up to 32 columns every vector has a 4-byte mask.
 */
export function maskLen(blob: Uint8Array, m: number): number {
  const full = maskBytes(m);
  if (full === 4) return 4;
  for (let L = 4; L < full; L += 4) if (blob.byteLength === L + 4 * popcountBytes(blob, L)) return L;
  return full;
}

/** Value i of an encoded vector of m values; `fallback` is what an unset bit means (0, or the avg for a max vector). */
export function valueAt(blob: Buffer, m: number, i: number, fallback = 0): number {
  const mb = maskLen(blob, m);
  if (i >= m || blob.byteLength < mb) return NaN;
  if (i >= mb * 8 || !(blob[i >> 3]! & (1 << (i & 7)))) return fallback;
  const off = mb + 4 * popcountBefore(blob, i);
  return off + 4 <= blob.byteLength ? blob.readFloatLE(off) : NaN;
}

/** Decodes a whole vector; unset bits take ref[i] (or 0 when ref is null). */
export function decodeVector(blob: Buffer, m: number, ref: ArrayLike<number> | null = null): Float32Array {
  const out = new Float32Array(m);
  const mb = maskLen(blob, m);
  let off = mb;
  for (let i = 0; i < m; i++) {
    if (i < mb * 8 && blob[i >> 3]! & (1 << (i & 7))) {
      out[i] = off + 4 <= blob.byteLength ? blob.readFloatLE(off) : NaN;
      off += 4;
    } else {
      out[i] = ref === null ? 0 : ref[i]!;
    }
  }
  return out;
}
