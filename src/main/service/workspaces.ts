/** Creating and opening workspace files for the service. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import type { Engine } from '../engine';
import { Workspace } from '../store';
import type { ApiResult } from '../../shared/errors';
import { apiErr, apiOk } from '../../shared/errors';
import { fromStoreError } from './errors';

export const WORKSPACE_EXT = '.vdc';

export function createWorkspaceFile(path: string, engine: Engine, name: string, seed: number): ApiResult<Workspace> {
  if (!path.endsWith(WORKSPACE_EXT)) return apiErr('INVALID_ARGUMENT', `A workspace file name ends with ${WORKSPACE_EXT}: "${path}".`);
  if (existsSync(path)) return apiErr('CONFLICT', `${path} already exists. Open it, or choose another file name.`);
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    return apiErr('WORKSPACE_ERROR', `Cannot create the folder for ${path}: ${(e as Error).message}`);
  }
  const created = Workspace.create(path, {
    name,
    scenario: engine.scenario,
    seed,
    tickSeconds: engine.tickSeconds,
    startEpochMs: engine.startEpochMs,
    catalog: engine.catalog(),
  });
  return created.ok ? apiOk(created.value) : { ok: false, error: fromStoreError(created.error) };
}

export function openWorkspaceFile(path: string): ApiResult<Workspace> {
  if (!existsSync(path)) return apiErr('NOT_FOUND', `No workspace at ${path}.`);
  const opened = Workspace.open(path);
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
