/**
 * Schema migrations on PRAGMA user_version: an ordered list, one migration per file, applied in one
 * transaction. A file from a newer version is refused; an older one is brought up to date with its data.
 */
import type Database from 'better-sqlite3';
import { storeErr, storeOk, toStoreError, type StoreResult } from '../errors';

export interface Migration {
  /** 1, 2, 3 ... in order; the file's user_version after this migration ran. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Throws on a programming error in the list itself (gaps, duplicates, wrong order). */
export function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(
        `Migration list out of order: position ${i} holds version ${m.version} (${m.name}), expected ${i + 1}`,
      );
    }
  });
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
}

export interface MigrationOutcome {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Applies every migration newer than the file's user_version in ONE transaction (all or nothing).
 * A file whose version is newer than the newest migration answers NEWER_VERSION and is not touched.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  path: string,
): StoreResult<MigrationOutcome> {
  assertOrdered(migrations);
  const latest = latestVersion(migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    return storeErr(
      'NEWER_VERSION',
      `${path} was written by a newer VDC Studio (workspace schema ${current}; this version understands up to ${latest}). Update VDC Studio to open it.`,
      { path, fileVersion: current, supportedVersion: latest },
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return storeOk({ from: current, to: current, applied: [] });
  try {
    db.transaction(() => {
      for (const m of pending) {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }
    })();
  } catch (e) {
    return {
      ok: false,
      error: toStoreError(e, path, `upgrade the workspace from schema ${current} to ${latest}`),
    };
  }
  return storeOk({ from: current, to: latest, applied: pending.map((m) => `${m.version}-${m.name}`) });
}
