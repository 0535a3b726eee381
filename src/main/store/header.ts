/**
 * Pre-flight checks on the raw file header, done with node:fs BEFORE SQLite touches the file, so a
 * foreign, garbage or newer file is refused without ever being opened (and so never modified).
 * SQLite header layout: https://www.sqlite.org/fileformat.html#the_database_header
 */
import fs from 'node:fs';
import { storeErr, storeOk, toStoreError, type StoreResult } from './errors';

const MAGIC = 'SQLite format 3\u0000';

export interface FileHeader {
  pageSize: number;
  userVersion: number;
  applicationId: number;
  /** 2 when the file is in WAL mode. */
  writeVersion: number;
}

export function readHeader(path: string): StoreResult<FileHeader> {
  let fd: number | null = null;
  try {
    const st = fs.statSync(path);
    if (st.isDirectory())
      return storeErr('NOT_A_WORKSPACE', `${path} is a folder, not a workspace file.`, { path });
    fd = fs.openSync(path, 'r');
    const buf = Buffer.alloc(100);
    const n = fs.readSync(fd, buf, 0, 100, 0);
    if (n < 100 || buf.toString('latin1', 0, 16) !== MAGIC) {
      return storeErr(
        'NOT_A_WORKSPACE',
        `${path} is not a VDC Studio workspace (it is not an SQLite database).`,
        {
          path,
        },
      );
    }
    const rawPage = buf.readUInt16BE(16);
    return storeOk({
      pageSize: rawPage === 1 ? 65536 : rawPage,
      writeVersion: buf.readUInt8(18),
      userVersion: buf.readUInt32BE(60),
      applicationId: buf.readUInt32BE(68),
    });
  } catch (e) {
    return { ok: false, error: toStoreError(e, path, 'read the workspace file') };
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Files SQLite keeps next to a WAL database. */
export const SIDE_SUFFIXES = ['-wal', '-shm'] as const;

export function existingSideFiles(path: string): Set<string> {
  return new Set(SIDE_SUFFIXES.filter((s) => fs.existsSync(path + s)));
}

/**
 * Removes the -wal/-shm files a read-only check of a REFUSED file created (they did not exist before;
 * a non-empty -wal is kept). Never used on a file that is accepted and may be in use.
 */
export function removeCreatedSideFiles(path: string, before: Set<string>): void {
  for (const s of SIDE_SUFFIXES) {
    if (before.has(s)) continue;
    try {
      if (s === '-wal' && fs.statSync(path + s).size > 0) continue;
      fs.unlinkSync(path + s);
    } catch {
      // already gone
    }
  }
}
