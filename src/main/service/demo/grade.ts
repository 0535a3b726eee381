/**
 * Offline grading of a lab workspace (`vdc lab check`): replay the workspace's command log on the lab
 * with its checks evaluated after every tick, up to where the recording ends.
 */
import { existsSync } from 'node:fs';
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';
import type { Command } from '../../engine';
import { runLab, type Lab, type LabProgress } from '../../engine/labs';
import { Workspace } from '../../store';
import { fromStoreError } from '../errors';
import { builtinLab, builtinLabs } from './builtin';
import { engineFor } from './headless';
import { loadLab, readJsonFile } from './load';

/** Marks a lab workspace: its name ends with "[<lab id>]". */
export const labWorkspaceName = (lab: Lab): string => `Lab: ${lab.title.en} [${lab.id}]`;

export function labIdFromWorkspaceName(name: string): string | null {
  return /\[([a-z0-9][a-z0-9-]*)\]\s*$/.exec(name)?.[1] ?? null;
}

/** A built-in lab id or a lab file path. */
export function resolveLab(arg: string): ApiResult<Lab> {
  const builtin = builtinLab(arg);
  if (builtin) return apiOk(builtin);
  if (!existsSync(arg))
    return apiErr(
      'NOT_FOUND',
      `"${arg}" is neither a lab file nor a built-in lab (${builtinLabs()
        .map((l) => l.id)
        .join(', ')}).`,
    );
  const json = readJsonFile(arg);
  if (!json.ok) return json;
  const loaded = loadLab(json.value, arg);
  return loaded.ok ? apiOk(loaded.value.lab) : loaded;
}

export interface LabGrade {
  workspace: string;
  labId: string;
  lastTick: number;
  lastTime: number;
  progress: LabProgress;
}

export function gradeLabWorkspace(path: string, labArg?: string): ApiResult<LabGrade> {
  if (!existsSync(path)) return apiErr('NOT_FOUND', `No workspace at ${path}.`);
  const opened = Workspace.open(path, { readOnly: true });
  if (!opened.ok) return { ok: false, error: fromStoreError(opened.error) };
  const ws = opened.value;
  try {
    const meta = ws.meta();
    const labId = labArg ?? labIdFromWorkspaceName(meta.name);
    if (!labId)
      return apiErr(
        'INVALID_ARGUMENT',
        `${path} ("${meta.name}") was not started as a lab; say which lab to grade it against with --lab <id or file>.`,
      );
    const lab = resolveLab(labId);
    if (!lab.ok) return lab;
    const engine = engineFor(meta.scenario as never, meta.seed, meta.tickSeconds);
    if (!engine.ok) return engine;
    const log = ws.commandsAfter(0).map((c) => ({ tick: c.tick, command: c.command as Command }));
    const lastTick = Math.max(0, meta.lastTick);
    const progress = runLab(engine.value, lab.value, log, { untilTick: lastTick });
    return apiOk({ workspace: path, labId: lab.value.id, lastTick, lastTime: engine.value.time, progress });
  } finally {
    ws.close();
  }
}
