/**
 * Save As: a consistent copy of the open workspace (VACUUM INTO reads one snapshot of the database,
 * so it is safe while the simulation runs) plus the history still buffered in memory, written to a
 * temporary name next to the target and renamed into place.
 */
import fs from 'node:fs';
import nodePath from 'node:path';
import type Database from 'better-sqlite3';
import { Batch, Writer } from './batch';
import { storeErr, storeOk, toStoreError, type StoreResult } from './errors';
import { openDatabase } from './sqlite';

export function saveCopy(
  db: Database.Database,
  fromPath: string,
  toPath: string,
  pending: Batch,
  intervals: readonly number[],
  overwrite: boolean,
): StoreResult<void> {
  const target = nodePath.resolve(toPath);
  if (target === nodePath.resolve(fromPath))
    return storeErr('INVALID_ARGUMENT', 'Save As needs a different file than the open one.', {
      path: toPath,
    });
  if (fs.existsSync(target) && !overwrite) {
    return storeErr(
      'INVALID_ARGUMENT',
      `${toPath} already exists; choose another name or allow overwriting.`,
      { path: toPath },
    );
  }
  if (!fs.existsSync(nodePath.dirname(target)))
    return storeErr('NOT_FOUND', `The folder ${nodePath.dirname(target)} does not exist.`, { path: toPath });
  const tmp = `${target}.partial-${process.pid}`;
  const cleanup = (): void => {
    for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(tmp + s, { force: true });
  };
  cleanup();
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    if (!pending.empty) {
      const copy = openDatabase(tmp);
      try {
        copy.transaction(() => new Writer(copy, intervals).write(pending, null))();
      } finally {
        copy.close();
      }
    }
    fs.renameSync(tmp, target);
    return storeOk(undefined);
  } catch (e) {
    cleanup();
    return { ok: false, error: toStoreError(e, toPath, 'save a copy of the workspace') };
  }
}

/**
 * A consistent copy of a workspace file opened by someone else (the service thread, which keeps writing
 * to it): a read-only connection of its own, VACUUM INTO a temporary name, renamed into place. Used off
 * the service thread (what-if branches); the copy holds what was committed when it started.
 */
export function copyWorkspaceFile(fromPath: string, toPath: string): StoreResult<void> {
  const target = nodePath.resolve(toPath);
  if (fs.existsSync(target))
    return storeErr('INVALID_ARGUMENT', `${toPath} already exists; it is not replaced.`, { path: toPath });
  const tmp = `${target}.partial-${process.pid}`;
  const cleanup = (): void => {
    for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(tmp + s, { force: true });
  };
  cleanup();
  try {
    const db = openDatabase(fromPath, { readonly: true, fileMustExist: true });
    try {
      db.prepare('VACUUM INTO ?').run(tmp);
    } finally {
      db.close();
    }
    fs.renameSync(tmp, target);
    return storeOk(undefined);
  } catch (e) {
    cleanup();
    return { ok: false, error: toStoreError(e, toPath, 'copy the workspace') };
  }
}
