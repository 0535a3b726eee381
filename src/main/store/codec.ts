/** Metric vectors are stored as little-endian Float32 BLOBs in catalog order (4 bytes per value). */

export function encodeF32(values: Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** A Float32Array over a BLOB read from SQLite (copied when the bytes are not 4-byte aligned). */
export function decodeF32(blob: Uint8Array): Float32Array {
  if (blob.byteOffset % 4 === 0) return new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength >> 2);
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer, 0, blob.byteLength >> 2);
}

/** Reads value i of a Float32 BLOB without building an array (NaN when the BLOB is shorter). */
export function f32At(blob: Buffer, i: number): number {
  const off = i * 4;
  return off + 4 <= blob.byteLength ? blob.readFloatLE(off) : NaN;
}
