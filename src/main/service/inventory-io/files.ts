/** Reading import files from disk (a workbook, a CSV, or a folder of per-sheet CSVs) without reading oversized ones. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MAX_IMPORT_BYTES, type InputFile } from './types';

export type FilesResult = { ok: true; files: InputFile[] } | { ok: false; message: string };

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
  for (const p of paths) {
    const size = statSync(p).size;
    if (size > MAX_IMPORT_BYTES) return { ok: false, message: `${basename(p)} is ${(size / 2 ** 20).toFixed(0)} MiB; the import reads files up to ${MAX_IMPORT_BYTES / 2 ** 20} MiB. Export fewer tabs from RVTools (vInfo, vHost, vCluster, vDatastore suffice).` };
    files.push({ name: basename(p), bytes: new Uint8Array(readFileSync(p)) });
  }
  return { ok: true, files };
}

export function filesFromBase64(list: { name: string; base64: string }[]): InputFile[] {
  return list.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.base64, 'base64')) }));
}
