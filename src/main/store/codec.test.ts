import { describe, expect, it } from 'vitest';
import { decodeVector, encodeVector, maskBytes, valueAt } from './codec';

describe('vector codec', () => {
  it('stores only non-zero values after a bit mask', () => {
    const v = [0, 1.5, 0, 0, -2, 0];
    const b = encodeVector(v);
    expect(b.byteLength).toBe(maskBytes(6) + 2 * 4);
    expect(b[0]).toBe(0b10010);
    expect(Array.from(decodeVector(b, 6))).toEqual(v);
    expect(v.map((_, i) => valueAt(b, 6, i))).toEqual(v);
  });

  it('stores a max vector as the differences from its average vector', () => {
    const avg = [10, 20, 30];
    const max = [10, 25, 30];
    const b = encodeVector(max, avg);
    expect(b.byteLength).toBe(4 + 4);
    expect(Array.from(decodeVector(b, 3, Float32Array.from(avg)))).toEqual(max);
    expect([0, 1, 2].map((i) => valueAt(b, 3, i, avg[i]))).toEqual(max);
  });

  it('handles more than 32 metrics, NaN, and rounds to 32-bit floats', () => {
    const v = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 0 : i === 35 ? NaN : i + 0.1));
    const b = encodeVector(v);
    expect(maskBytes(40)).toBe(8);
    const back = Array.from(decodeVector(b, 40));
    v.forEach((x, i) => (Number.isNaN(x) ? expect(back[i]).toBeNaN() : expect(back[i]).toBe(Math.fround(x))));
    expect(valueAt(b, 40, 38)).toBe(Math.fround(38.1));
    expect(valueAt(b, 40, 40)).toBeNaN(); // out of range
  });

  it('reads BLOBs that are not 4-byte aligned (as SQLite hands them back)', () => {
    const b = encodeVector([1, 2, 3]);
    const raw = Buffer.alloc(b.byteLength + 1); // not from the pool: byteOffset 0
    b.copy(raw, 1);
    const shifted = raw.subarray(1);
    expect(shifted.byteOffset % 4).not.toBe(0);
    expect(Array.from(decodeVector(shifted, 3))).toEqual([1, 2, 3]);
  });

  it('reads a vector written when the kind had fewer columns, across a mask-size boundary (columns are only appended)', () => {
    for (const [mOld, mNow] of [
      [19, 21],
      [19, 40],
      [32, 33],
      [33, 70],
      [1, 100],
    ] as const) {
      for (const fill of [0, 0.5, 1]) {
        const v = Array.from({ length: mOld }, (_, i) => (i % 3 === 0 && fill < 1 ? 0 : i + fill + 1));
        const b = encodeVector(v);
        const back = Array.from(decodeVector(b, mNow));
        expect(back.slice(0, mOld)).toEqual(v.map((x) => Math.fround(x)));
        expect(back.slice(mOld)).toEqual(new Array(mNow - mOld).fill(0)); // masked out: the store marks them missing
        expect(valueAt(b, mNow, mOld - 1)).toBe(Math.fround(v[mOld - 1]!));
        expect(valueAt(b, mNow, mNow - 1)).toBe(0);
      }
    }
  });
});
