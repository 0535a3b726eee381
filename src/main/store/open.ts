/**
 * Creating and opening workspace files. Opening checks the header with node:fs first and then the
 * schema through a READ-ONLY connection; only a file that passed every check is opened for writing
 * (and migrated), so a foreign, newer or damaged file is never modified.
 */
import fs from 'node:fs';
import nodePath from 'node:path';
import os from 'node:os';
import type Database from 'better-sqlite3';
import { storeErr, storeOk, toStoreError, type StoreResult } from './errors';
import { existingSideFiles, readHeader, removeCreatedSideFiles, SIDE_SUFFIXES } from './header';
import {
  initialMeta,
  InitSchema,
  readMeta,
  retentionProblems,
  writeMetaValues,
  type StoredMeta,
} from './meta';
import { latestVersion, migrate, MIGRATIONS, VDC_APPLICATION_ID, type Migration } from './migrations';
import { createLevelTables, missingLevelTables } from './tables';
import type { OpenOptions, WorkspaceInit } from './types';
import { openDatabase } from './sqlite';

/** Files up to this size get PRAGMA quick_check on open by default (about 6 ms per MiB here). */
export const AUTO_CHECK_MAX_BYTES = 256 * 2 ** 20;

export interface OpenedFile {
  db: Database.Database;
  meta: StoredMeta;
  schemaVersion: number;
  readOnly: boolean;
  /** Read-only: the -wal/-shm files that existed before this connection (the others are its own, removed on close). */
  sideFilesBefore?: Set<string>;
  /** Read-only from a folder we cannot write: the connection reads a private copy in this temp folder (removed on close). */
  tempDir?: string;
}

function dirWritable(path: string): boolean {
  try {
    fs.accessSync(nodePath.dirname(path), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * SQLite cannot read a WAL-mode file whose folder we cannot write unless its -shm already exists (it
 * must create one). Such a file is read through a private copy in the temp folder instead.
 */
function readThroughCopy(
  path: string,
  opts: OpenOptions,
  migrations: readonly Migration[],
): StoreResult<OpenedFile> {
  let tempDir: string;
  try {
    tempDir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'vdc-read-'));
    const copy = nodePath.join(tempDir, nodePath.basename(path));
    fs.copyFileSync(path, copy);
    if (fs.existsSync(`${path}-wal`)) fs.copyFileSync(`${path}-wal`, `${copy}-wal`);
    const r = openFile(copy, { ...opts, readOnly: true }, migrations);
    if (!r.ok) {
      fs.rmSync(tempDir, { recursive: true, force: true });
      const message = r.error.message.split(copy).join(path);
      return { ok: false, error: { ...r.error, message, details: { ...(r.error.details ?? {}), path } } };
    }
    return storeOk({ ...r.value, tempDir, sideFilesBefore: new Set(SIDE_SUFFIXES) });
  } catch (e) {
    return { ok: false, error: toStoreError(e, path, 'read the workspace') };
  }
}

/** The connection settings of every writing connection (the writer thread's too). */
export function configure(db: Database.Database, opts: Pick<OpenOptions, 'maxFileBytes'>): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  if (opts.maxFileBytes !== undefined) {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(opts.maxFileBytes / pageSize))}`);
  }
}

function removeFiles(path: string): void {
  for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(path + s, { force: true });
}

export function createFile(
  path: string,
  init: WorkspaceInit,
  opts: OpenOptions = {},
  migrations: readonly Migration[] = MIGRATIONS,
): StoreResult<OpenedFile> {
  const parsed = InitSchema.safeParse(init);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
    return storeErr('INVALID_ARGUMENT', `Cannot create the workspace: ${msg}`, { path });
  }
  if (init.retention) {
    const problems = retentionProblems(init.retention, init.tickSeconds);
    if (problems.length)
      return storeErr('INVALID_ARGUMENT', `Invalid retention: ${problems.join('; ')}`, { path });
  }
  if (fs.existsSync(path)) {
    return storeErr('INVALID_ARGUMENT', `${path} already exists; choose another name or open it instead.`, {
      path,
    });
  }
  if (!fs.existsSync(nodePath.dirname(path))) {
    return storeErr('NOT_FOUND', `The folder ${nodePath.dirname(path)} does not exist.`, { path });
  }
  let db: Database.Database | null = null;
  try {
    db = openDatabase(path);
    configure(db, opts);
    const m = migrate(db, migrations, path);
    if (!m.ok) throw Object.assign(new Error(m.error.message), { storeError: m.error });
    const meta = initialMeta(init, Date.now());
    db.transaction(() => {
      writeMetaValues(db!, meta);
      createLevelTables(db!, meta.retention);
    })();
    // Put application_id and user_version into the main file's header right away.
    db.pragma('wal_checkpoint(TRUNCATE)');
    return storeOk({ db, meta, schemaVersion: latestVersion(migrations), readOnly: false });
  } catch (e) {
    db?.close();
    removeFiles(path);
    const se = (e as { storeError?: unknown }).storeError;
    return { ok: false, error: se ? (se as never) : toStoreError(e, path, 'create the workspace') };
  }
}

/** Checks through a read-only connection; leaves no new side files behind. */
function inspect(path: string, opts: OpenOptions, latest: number): StoreResult<{ version: number }> {
  const before = existingSideFiles(path);
  const r = inspectWith(path, opts, latest);
  // A refused file is left as it was found; an accepted one keeps its side files for the connection that follows.
  if (!r.ok) removeCreatedSideFiles(path, before);
  return r;
}

function inspectWith(path: string, opts: OpenOptions, latest: number): StoreResult<{ version: number }> {
  let ro: Database.Database | null = null;
  try {
    ro = openDatabase(path, { readonly: true, fileMustExist: true });
    const appId = ro.pragma('application_id', { simple: true }) as number;
    if (appId !== VDC_APPLICATION_ID) {
      return storeErr('NOT_A_WORKSPACE', `${path} is an SQLite database but not a VDC Studio workspace.`, {
        path,
      });
    }
    const version = ro.pragma('user_version', { simple: true }) as number;
    if (version > latest) {
      return storeErr(
        'NEWER_VERSION',
        `${path} was written by a newer VDC Studio (workspace schema ${version}; this version understands up to ${latest}). Update VDC Studio to open it.`,
        { path, fileVersion: version, supportedVersion: latest },
      );
    }
    const check = opts.check ?? (fs.statSync(path).size <= AUTO_CHECK_MAX_BYTES ? 'quick' : 'none');
    if (check !== 'none') {
      const rows = ro.pragma(check === 'full' ? 'integrity_check(20)' : 'quick_check(20)') as Record<
        string,
        string
      >[];
      const msgs = rows.map((r) => Object.values(r)[0] ?? '');
      if (msgs.length !== 1 || msgs[0] !== 'ok') {
        return storeErr(
          'CORRUPT',
          `${path} is damaged: ${msgs.slice(0, 3).join('; ')}. Open a backup or an earlier copy.`,
          {
            path,
            problems: msgs,
          },
        );
      }
    }
    if (version === latest) {
      const meta = readMeta(ro);
      if (!meta.ok)
        return storeErr('CORRUPT', `${path} has damaged workspace settings (${meta.problem}).`, { path });
      const missing = missingLevelTables(ro, meta.meta.retention);
      if (missing.length)
        return storeErr('CORRUPT', `${path} is missing history tables (${missing.join(', ')}).`, { path });
    }
    return storeOk({ version });
  } catch (e) {
    const se = toStoreError(e, path, 'open the workspace');
    return {
      ok: false,
      error:
        se.code === 'IO'
          ? {
              ...se,
              code: 'CORRUPT',
              message: `${path} cannot be read as a workspace: ${se.details?.cause ?? se.message}`,
            }
          : se,
    };
  } finally {
    ro?.close();
  }
}

function isWritable(path: string): boolean {
  try {
    fs.accessSync(path, fs.constants.W_OK);
    fs.accessSync(nodePath.dirname(path), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function openFile(
  path: string,
  opts: OpenOptions = {},
  migrations: readonly Migration[] = MIGRATIONS,
): StoreResult<OpenedFile> {
  if (!fs.existsSync(path)) return storeErr('NOT_FOUND', `${path} does not exist.`, { path });
  const header = readHeader(path);
  if (!header.ok) return header;
  const latest = latestVersion(migrations);
  if (header.value.applicationId !== VDC_APPLICATION_ID) {
    return storeErr('NOT_A_WORKSPACE', `${path} is an SQLite database but not a VDC Studio workspace.`, {
      path,
    });
  }
  if (header.value.userVersion > latest) {
    return storeErr(
      'NEWER_VERSION',
      `${path} was written by a newer VDC Studio (workspace schema ${header.value.userVersion}; this version understands up to ${latest}). Update VDC Studio to open it.`,
      { path, fileVersion: header.value.userVersion, supportedVersion: latest },
    );
  }
  const readOnly = opts.readOnly === true || !isWritable(path);
  if (readOnly && !dirWritable(path) && !fs.existsSync(`${path}-shm`))
    return readThroughCopy(path, opts, migrations);
  const sideFilesBefore = readOnly ? existingSideFiles(path) : undefined;
  const inspected = opts.inspectedJustNow
    ? storeOk({ version: header.value.userVersion })
    : inspect(path, opts, latest);
  if (!inspected.ok) return inspected;
  if (readOnly && inspected.value.version < latest) {
    return storeErr(
      'READ_ONLY',
      `${path} uses an older workspace schema (${inspected.value.version}) and must be upgraded, but it is opened read-only. Open it writable or copy it somewhere writable.`,
      { path },
    );
  }
  let db: Database.Database | null = null;
  try {
    db = readOnly
      ? openDatabase(path, { readonly: true, fileMustExist: true })
      : openDatabase(path, { fileMustExist: true });
    if (!readOnly) {
      configure(db, opts);
      const m = migrate(db, migrations, path);
      if (!m.ok) {
        db.close();
        return m;
      }
      if (m.value.applied.length > 0) db.pragma('wal_checkpoint(TRUNCATE)');
    }
    const meta = readMeta(db, { deferScenario: opts.deferScenario === true });
    if (!meta.ok) {
      db.close();
      return storeErr('CORRUPT', `${path} has damaged workspace settings (${meta.problem}).`, { path });
    }
    return storeOk({
      db,
      meta: meta.meta,
      schemaVersion: latest,
      readOnly,
      ...(sideFilesBefore ? { sideFilesBefore } : {}),
    });
  } catch (e) {
    db?.close();
    return { ok: false, error: toStoreError(e, path, 'open the workspace') };
  }
}
