/**
 * Writing a file the user chose (through a grant): never creates folders, never replaces an existing file
 * unless the user confirmed it, never writes through a symlink, and never leaves a half-written file.
 */
import { closeSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';
import type { Granted } from './grants';

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** Refuses an existing target unless `overwrite`; refuses anything but a regular file even then. */
export function checkTarget(target: Granted, where: string): ApiResult<null> {
  const st = lstatOrNull(target.path);
  if (!st) return apiOk(null);
  if (!target.overwrite)
    return apiErr(
      'CONFLICT',
      `${where}: ${target.path} already exists and replacing it was not confirmed; choose another name or confirm replacing it.`,
    );
  if (!st.isFile())
    return apiErr('CONFLICT', `${where}: ${target.path} is not a regular file; it is never replaced.`);
  return apiOk(null);
}

export function writeGrantedFile(
  target: Granted,
  data: Uint8Array | string,
  where: string,
): ApiResult<{ path: string; bytes: number }> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const ok = checkTarget(target, where);
  if (!ok.ok) return ok;
  const folder = dirname(target.path);
  const dir = lstatOrNull(folder);
  if (!dir?.isDirectory()) return apiErr('NOT_FOUND', `${where}: the folder ${folder} does not exist.`);
  const tmp = join(folder, `.${basename(target.path)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    // 'wx': a fresh file of our own, never an existing one or a symlink's target.
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (target.overwrite) renameSync(tmp, target.path);
    else {
      // No replace: re-check right before the rename (the rename itself would replace silently).
      if (lstatOrNull(target.path)) {
        rmSync(tmp, { force: true });
        return apiErr('CONFLICT', `${where}: ${target.path} appeared while writing; it was left as it is.`);
      }
      renameSync(tmp, target.path);
    }
    return apiOk({ path: target.path, bytes: bytes.byteLength });
  } catch (e) {
    rmSync(tmp, { force: true });
    return apiErr('INVALID_ARGUMENT', `${where}: cannot write ${target.path}: ${(e as Error).message}`);
  }
}
