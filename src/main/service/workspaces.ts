/** Creating and opening workspace files for the service. */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, basename, relative, isAbsolute, resolve } from 'node:path';
import type { Engine } from '../engine';
import { Workspace, type OpenOptions } from '../store';
import type { ApiResult } from '../../shared/errors';
import { apiErr, apiOk } from '../../shared/errors';
import { fromStoreError } from './errors';

export const WORKSPACE_EXT = '.vdc';

export function createWorkspaceFile(
  path: string,
  engine: Engine,
  name: string,
  seed: number,
  opts: OpenOptions = {},
): ApiResult<Workspace> {
  if (!path.endsWith(WORKSPACE_EXT))
    return apiErr('INVALID_ARGUMENT', `A workspace file name ends with ${WORKSPACE_EXT}: "${path}".`);
  if (existsSync(path))
    return apiErr('CONFLICT', `${path} already exists. Open it, or choose another file name.`);
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    return apiErr('WORKSPACE_ERROR', `Cannot create the folder for ${path}: ${(e as Error).message}`);
  }
  const created = Workspace.create(
    path,
    {
      name,
      scenario: engine.scenario,
      seed,
      tickSeconds: engine.tickSeconds,
      startEpochMs: engine.startEpochMs,
      catalog: engine.catalog(),
    },
    opts,
  );
  return created.ok ? apiOk(created.value) : { ok: false, error: fromStoreError(created.error) };
}

export function openWorkspaceFile(path: string, opts: OpenOptions = {}): ApiResult<Workspace> {
  if (!existsSync(path)) return apiErr('NOT_FOUND', `No workspace at ${path}.`);
  const opened = Workspace.open(path, opts);
  return opened.ok ? apiOk(opened.value) : { ok: false, error: fromStoreError(opened.error) };
}

/** openWorkspaceFile in steps (Workspace.openSteps), for the service thread. */
export function* openWorkspaceFileSteps(
  path: string,
  opts: OpenOptions = {},
): Generator<void, ApiResult<Workspace>, void> {
  if (!existsSync(path)) return apiErr('NOT_FOUND', `No workspace at ${path}.`);
  const opened = yield* Workspace.openSteps(path, opts);
  return opened.ok ? apiOk(opened.value) : { ok: false, error: fromStoreError(opened.error) };
}

/** A free file name like "<dir>/Small lab 2.vdc". */
export function freeWorkspacePath(dir: string, base: string): string {
  const clean = base.replace(/[^\p{L}\p{N} _.-]+/gu, '').trim() || 'Workspace';
  let candidate = join(dir, `${clean}${WORKSPACE_EXT}`);
  for (let i = 2; existsSync(candidate); i++) candidate = join(dir, `${clean} ${i}${WORKSPACE_EXT}`);
  return candidate;
}

export function workspaceDisplayName(path: string): string {
  return basename(path, WORKSPACE_EXT);
}

/** Whether `path` lies inside `dir` (after resolving `..`; the folder itself does not count). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The workspaces in the data folder, newest first (regular .vdc files only). */
export function listDataWorkspaces(
  dir: string,
): { path: string; name: string; bytes: number; modifiedMs: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: { path: string; name: string; bytes: number; modifiedMs: number }[] = [];
  for (const n of names) {
    if (!n.endsWith(WORKSPACE_EXT) || n.startsWith('.')) continue;
    const path = join(dir, n);
    try {
      const st = statSync(path);
      if (st.isFile())
        out.push({
          path,
          name: workspaceDisplayName(path),
          bytes: st.size,
          modifiedMs: Math.round(st.mtimeMs),
        });
    } catch {
      // vanished meanwhile
    }
  }
  return out.sort((a, b) => b.modifiedMs - a.modifiedMs || a.name.localeCompare(b.name));
}

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Stores an uploaded workspace file in the data folder under a free name (never replacing one) and answers
 * its path. Refuses anything that is not one SQLite file named *.vdc.
 */
export function storeUploadedWorkspace(
  dir: string,
  files: readonly { name: string; bytes: Uint8Array }[],
): ApiResult<string> {
  const f = files[0];
  if (files.length !== 1 || !f)
    return apiErr('INVALID_ARGUMENT', 'workspace.open: upload exactly one .vdc file.');
  if (!f.name.toLowerCase().endsWith(WORKSPACE_EXT))
    return apiErr('INVALID_ARGUMENT', `workspace.open: "${f.name}" is not a workspace file (*.vdc).`);
  if (Buffer.from(f.bytes.subarray(0, 16)).toString('latin1') !== SQLITE_HEADER)
    return apiErr(
      'WORKSPACE_ERROR',
      `workspace.open: "${f.name}" is not a VDC Studio workspace (not an SQLite database).`,
    );
  mkdirSync(dir, { recursive: true });
  const path = freeWorkspacePath(dir, basename(f.name).slice(0, -WORKSPACE_EXT.length));
  try {
    writeFileSync(path, f.bytes, { flag: 'wx' });
  } catch (e) {
    return apiErr(
      'WORKSPACE_ERROR',
      `workspace.open: cannot store the upload in ${dir}: ${(e as Error).message}`,
    );
  }
  return apiOk(path);
}

/** Deletes a stored upload that did not open (with SQLite's side files). */
export function removeWorkspaceFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}
