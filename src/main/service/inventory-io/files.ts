/**
 * Reading import files from disk (a workbook, a CSV, or a folder of per-sheet CSVs) without reading
 * oversized ones. Every file is opened without blocking and checked with fstat on the open descriptor
 * before a byte is read: only regular files are read (a named pipe used to block the service forever,
 * /dev/zero to eat memory until it died), never more than their size at open nor more than the limit.
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MAX_IMPORT_BYTES, type InputFile } from './types';

export type FilesResult = { ok: true; files: InputFile[] } | { ok: false; message: string };

const tooBig = (name: string, size: number): string =>
  `${name} is ${(size / 2 ** 20).toFixed(0)} MiB; the import reads files up to ${MAX_IMPORT_BYTES / 2 ** 20} MiB. Export fewer tabs from RVTools (vInfo, vHost, vCluster, vDatastore suffice).`;

/** Reads one regular file of at most MAX_IMPORT_BYTES, or says why not. */
export function readImportFile(
  path: string,
): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer (it has no effect on regular files).
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return {
      ok: false,
      message: `${path} cannot be opened: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      const what = st.isFIFO()
        ? 'a named pipe'
        : st.isCharacterDevice() || st.isBlockDevice()
          ? 'a device'
          : st.isSocket()
            ? 'a socket'
            : 'not a file';
      return {
        ok: false,
        message: `${path} is ${what}, not a regular file; the import reads .xlsx and .csv files only.`,
      };
    }
    if (st.size > MAX_IMPORT_BYTES) return { ok: false, message: tooBig(basename(path), st.size) };
    // Read at most the size seen at open (+1 to notice a file still growing).
    const buf = Buffer.allocUnsafe(st.size + 1);
    let got = 0;
    for (;;) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
      if (got > st.size)
        return { ok: false, message: `${path} changed while it was read; try again when it is complete.` };
    }
    return { ok: true, bytes: new Uint8Array(buf.buffer, buf.byteOffset, got) };
  } catch (e) {
    return {
      ok: false,
      message: `${path} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    };
  } finally {
    closeSync(fd);
  }
}

export function filesFromPath(path: string): FilesResult {
  let st;
  try {
    st = statSync(path);
  } catch {
    return { ok: false, message: `${path} does not exist.` };
  }
  const paths = st.isDirectory()
    ? readdirSync(path)
        .filter((f) => /\.(csv|xlsx)$/i.test(f))
        .sort()
        .map((f) => join(path, f))
    : [path];
  if (paths.length === 0) return { ok: false, message: `${path} holds no .xlsx or .csv file.` };
  const files: InputFile[] = [];
  let total = 0;
  for (const p of paths) {
    const read = readImportFile(p);
    if (!read.ok) return read;
    total += read.bytes.byteLength;
    if (total > MAX_IMPORT_BYTES)
      return { ok: false, message: tooBig(`The files in ${basename(path)} together`, total) };
    files.push({ name: basename(p), bytes: read.bytes });
  }
  return { ok: true, files };
}

export function filesFromBase64(list: { name: string; base64: string }[]): InputFile[] {
  return list.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.base64, 'base64')) }));
}
