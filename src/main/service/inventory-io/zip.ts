/**
 * A minimal zip reader for .xlsx files (stored and deflated entries, no ZIP64, no encryption): the
 * central directory gives every entry's offset; entries are inflated on demand with node:zlib.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export class ZipError extends Error {}

export function zipEntries(buf: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('no zip directory found (the file is damaged or not a workbook)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, ZipEntry>();
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new ZipError('the zip directory is damaged');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    out.set(name.replace(/^\//, ''), { name, method, compressedSize, size, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The entry's bytes as text; refuses entries that would inflate beyond `maxBytes` (zip bombs). */
export function zipText(buf: Buffer, e: ZipEntry, maxBytes: number): string {
  if (buf.readUInt32LE(e.offset) !== 0x04034b50) throw new ZipError(`entry ${e.name} is damaged`);
  if (e.size > maxBytes) throw new ZipError(`entry ${e.name} would expand to ${e.size} bytes`);
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return data.toString('utf8');
  if (e.method === 8) return inflateRawSync(data, { maxOutputLength: maxBytes }).toString('utf8');
  throw new ZipError(`entry ${e.name} uses unsupported compression method ${e.method}`);
}
