/**
 * What-if branches: a branch is a copy of the workspace file (so it shares the history up to the branch
 * point), with the planner's changes applied to the engine state at that point. Branches run forward
 * headless — optionally with a coarser tick to cover months quickly — and never touch their parent.
 * A manifest (branches.json) next to the branch files records names, changes and outcomes.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { restoreEngine, type Engine, type EngineSnapshot, type InventoryNode } from '../../engine';
import { copyWorkspaceFile, Workspace } from '../../store';
import { WhatIfChangeSchema, type WhatIfChange } from '../../../shared/contract-capacity';
import { describeZodError } from '../../../shared/errors';
import {
  applyCommandChanges,
  applyOfflineChanges,
  approveEvacuations,
  removedHostIds,
  type ChangeOutcome,
} from './branch-changes';
import { unwrapCheckpoint, wrapCheckpoint } from '../checkpoint';
import type { JobProgress } from '../jobs';
import { Session } from '../session';

export interface Branch {
  id: string;
  name: string;
  path: string;
  parentPath: string;
  branchTime: number;
  ranSec: number;
  tickSeconds: number;
  changes: WhatIfChange[];
  outcomes: ChangeOutcome[];
}

/**
 * Every branch is a full copy of its workspace (300 branches of a 6 MiB file were 1.9 GiB), so their
 * number and disk use are limited per workspace, and a copy must leave some free disk.
 */
export interface WhatIfLimits {
  maxBranches: number;
  /** All branch files of one workspace together, the new copy included. */
  maxTotalBytes: number;
  /** Free disk that must remain after the copy. */
  minFreeBytes: number;
}

export const WHATIF_LIMITS: WhatIfLimits = {
  maxBranches: 32,
  maxTotalBytes: 4 * 1024 ** 3,
  minFreeBytes: 512 * 1024 ** 2,
};

const MiB = (n: number): string => `${Math.ceil(n / 1024 ** 2)} MiB`;

/** Bytes the branch files of a workspace take (with their WAL and shared-memory files). */
export function branchBytes(parentPath: string): number {
  const dir = branchDir(parentPath);
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const f of readdirSync(dir)) {
    if (!/\.vdc(-wal|-shm)?$/.test(f)) continue;
    try {
      total += statSync(join(dir, f)).size;
    } catch {
      // deleted meanwhile
    }
  }
  return total;
}

const fileBytes = (path: string): number =>
  ['', '-wal'].reduce((sum, s) => sum + (existsSync(path + s) ? statSync(path + s).size : 0), 0);

/** Refuses a new branch that would pass a limit, with a message naming it. */
function checkLimits(parentPath: string, count: number, limits: WhatIfLimits): void {
  if (count >= limits.maxBranches)
    throw new BranchError(
      'INVALID_STATE',
      `This workspace already has ${count} what-if branches; the limit is ${limits.maxBranches}. Delete branches you no longer need.`,
    );
  const copy = fileBytes(parentPath);
  const used = branchBytes(parentPath);
  if (used + copy > limits.maxTotalBytes)
    throw new BranchError(
      'INVALID_STATE',
      `A new branch copies the workspace (${MiB(copy)}); its branches already take ${MiB(used)} and the limit is ${MiB(limits.maxTotalBytes)} per workspace. Delete branches you no longer need.`,
    );
  let free = Infinity;
  try {
    const fs = statfsSync(dirname(parentPath));
    free = fs.bavail * fs.bsize;
  } catch {
    // statfs unsupported: the copy itself reports a full disk
  }
  if (free - copy < limits.minFreeBytes)
    throw new BranchError(
      'INVALID_STATE',
      `A new branch copies the workspace (${MiB(copy)}) but only ${MiB(free)} of disk is free; at least ${MiB(limits.minFreeBytes)} must remain free.`,
    );
}

export class BranchError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'INVALID_ARGUMENT' | 'INVALID_STATE' | 'WORKSPACE_ERROR',
    message: string,
  ) {
    super(message);
  }
}

export const branchDir = (parentPath: string) => `${parentPath}.branches`;
const manifestPath = (parentPath: string) => join(branchDir(parentPath), 'branches.json');
/** A branch's file: always `<parent>.branches/<id>.vdc`, whatever the manifest says. */
export const branchFile = (parentPath: string, id: string) => join(branchDir(parentPath), `${id}.vdc`);

const BRANCH_ID = /^branch-[1-9][0-9]{0,5}$/;

/** branches.json as written by saveManifest; validated on every read (the file may have been edited). */
const ManifestSchema = z.object({
  version: z.literal(1),
  branches: z
    .array(
      z.object({
        id: z.string().regex(BRANCH_ID, { message: 'must be "branch-<number>"' }),
        name: z.string().min(1).max(200),
        path: z.string().max(4096),
        parentPath: z.string().max(4096),
        branchTime: z.number().finite().min(0),
        ranSec: z.number().finite().min(0),
        tickSeconds: z.number().int().min(1).max(86_400),
        changes: z.array(WhatIfChangeSchema).max(50),
        outcomes: z
          .array(z.object({ change: z.number().int(), ok: z.boolean(), message: z.string().max(2000) }))
          .max(50),
      }),
    )
    .max(1000),
});

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** The branches folder must be a real folder (a symlink would move deletes and writes elsewhere). */
function checkBranchFolder(parentPath: string): void {
  const st = lstatOrNull(branchDir(parentPath));
  if (st && !st.isDirectory())
    throw new BranchError(
      'WORKSPACE_ERROR',
      `${branchDir(parentPath)} is not a plain folder (a link or a file); what-if branches are not used from it.`,
    );
}

/**
 * The branches of a workspace, from its manifest. Each branch's file is resolved inside the branches folder
 * from its id; an entry whose recorded file is anything else is refused, naming the entry.
 */
export function listBranches(parentPath: string): Branch[] {
  const p = manifestPath(parentPath);
  if (!existsSync(p)) return [];
  checkBranchFolder(parentPath);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(p, 'utf8'));
  } catch (e) {
    throw new BranchError(
      'WORKSPACE_ERROR',
      `${p} cannot be read as JSON (${(e as Error).message}); fix or delete it.`,
    );
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new BranchError(
      'WORKSPACE_ERROR',
      `${p} is not a valid branch list: ${describeZodError(parsed.error)}.`,
    );
  return parsed.data.branches.map((b, i) => {
    const file = branchFile(parentPath, b.id);
    if (basename(b.path) !== `${b.id}.vdc`)
      throw new BranchError(
        'WORKSPACE_ERROR',
        `${p}: branches.${i}.path "${b.path}" is not the branch's own file (${b.id}.vdc in ${branchDir(parentPath)}); the list was edited. Fix or delete it.`,
      );
    return { ...b, path: file, parentPath };
  });
}

function saveManifest(parentPath: string, branches: Branch[]): void {
  mkdirSync(branchDir(parentPath), { recursive: true });
  checkBranchFolder(parentPath);
  writeFileSync(manifestPath(parentPath), JSON.stringify({ version: 1, branches }, null, 2));
}

export function getBranch(parentPath: string, id: string): Branch {
  const b = listBranches(parentPath).find((x) => x.id === id);
  if (!b) throw new BranchError('NOT_FOUND', `There is no what-if branch "${id}" of ${parentPath}.`);
  const st = lstatOrNull(b.path);
  if (st && !st.isFile())
    throw new BranchError(
      'WORKSPACE_ERROR',
      `${b.path} is not a plain file (a link or a folder); it is not used as a branch.`,
    );
  return b;
}

function walk(
  nodes: InventoryNode[],
  out: { id: string; kind: string; name: string; parentId: string | null }[],
): typeof out {
  for (const n of nodes) {
    out.push({ id: n.id, kind: n.kind, name: n.name, parentId: n.parentId });
    if (n.children) walk(n.children, out);
  }
  return out;
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }, what: string): T {
  if (!r.ok) throw new BranchError('WORKSPACE_ERROR', `${what}: ${r.error.message}`);
  return r.value;
}

/**
 * Creates a branch of the parent workspace at `snapshot` (the parent's current state, already
 * checkpointed into the parent file by the caller).
 */
export function createBranch(
  parent: Workspace,
  snapshot: EngineSnapshot,
  name: string,
  changes: WhatIfChange[],
  limits: WhatIfLimits = WHATIF_LIMITS,
): Branch {
  const steps = createBranchSteps(parent, snapshot, name, changes, limits);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * createBranch in steps for a job (src/main/service/jobs.ts): the copy of the parent is taken in the
 * first step (with the snapshot the caller just took, so the copy holds exactly the history up to it);
 * restoring, applying the changes and saving the branch point follow in later steps. A cancelled or
 * failed creation removes the partial branch file.
 */
export function* createBranchSteps(
  parent: Workspace,
  snapshot: EngineSnapshot,
  name: string,
  changes: WhatIfChange[],
  limits: WhatIfLimits = WHATIF_LIMITS,
): Generator<JobProgress, Branch, void> {
  const parentPath = parent.path;
  const { id, path } = newBranchFile(parentPath, limits);
  unwrap(parent.saveAs(path), 'Copying the workspace for the branch failed');
  // Commands the parent logged up to the branch point are already in the state; a reopened branch must not replay them.
  const commandSeq = unwrapCheckpoint(parent.latestSnapshot()?.snapshot)?.commandSeq ?? 0;
  return yield* finishBranch(parentPath, id, path, snapshot, commandSeq, name, changes);
}

/**
 * createBranchSteps for a thread of its own (service/off-thread): the parent stays open in the service,
 * which has just flushed its history up to `branchTick` into it. This copies the file with a connection
 * of its own, cuts the copy back to `branchTick` (the parent may have recorded more ticks meanwhile) and
 * rebuilds the engine at that tick as a reopen does (last checkpoint + logged commands and ticks; the run
 * is deterministic, so it is the parent's state at the branch point) — the service saves no checkpoint.
 */
export function* createBranchFromCopySteps(
  parentPath: string,
  branchTick: number,
  name: string,
  changes: WhatIfChange[],
  limits: WhatIfLimits = WHATIF_LIMITS,
): Generator<JobProgress, Branch, void> {
  const { id, path } = newBranchFile(parentPath, limits);
  yield { progress: 0, label: 'Copying the workspace' };
  let handedOver = false;
  try {
    unwrap(copyWorkspaceFile(parentPath, path), 'Copying the workspace for the branch failed');
    yield { progress: 0.2, label: 'Rebuilding the branch point' };
    const ws = unwrap(Workspace.open(path), 'Opening the branch file failed');
    let point: { snapshot: EngineSnapshot; commandSeq: number } | null = null;
    try {
      unwrap(ws.truncateAfter(branchTick), 'Cutting the branch back to its branch point failed');
      const session = Session.open(ws, { onTick: () => undefined, onClockChange: () => undefined });
      if (!session.ok)
        throw new BranchError(
          'WORKSPACE_ERROR',
          `The branch point cannot be rebuilt: ${session.error.message}`,
        );
      session.value.clock.dispose();
      if (session.value.engine.tick === branchTick)
        point = {
          snapshot: session.value.engine.snapshot(),
          // Every command the copy still logs is in that state; a reopened branch must not replay them.
          commandSeq: ws.commandsAfter(0).at(-1)?.seq ?? 0,
        };
    } finally {
      ws.close();
    }
    if (!point)
      throw new BranchError(
        'WORKSPACE_ERROR',
        `The copy of ${parentPath} does not reach tick ${branchTick} to branch from.`,
      );
    handedOver = true;
    return yield* finishBranch(parentPath, id, path, point.snapshot, point.commandSeq, name, changes);
  } finally {
    if (!handedOver) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
}

/** Checks the limits and picks the new branch's id and file (not created yet). */
function newBranchFile(parentPath: string, limits: WhatIfLimits): { id: string; path: string } {
  const existing = listBranches(parentPath);
  checkLimits(parentPath, existing.length, limits);
  let n = existing.length + 1;
  while (
    existing.some((b) => b.id === `branch-${n}`) ||
    existsSync(join(branchDir(parentPath), `branch-${n}.vdc`))
  )
    n++;
  const id = `branch-${n}`;
  mkdirSync(branchDir(parentPath), { recursive: true });
  checkBranchFolder(parentPath);
  return { id, path: branchFile(parentPath, id) };
}

/**
 * The branch file at `path` holds the parent's history up to the branch point: applies the changes to
 * `snapshot`, saves the branch point into the file and adds the branch to the manifest. A cancelled or
 * failed creation removes the file.
 */
function* finishBranch(
  parentPath: string,
  id: string,
  path: string,
  snapshot: EngineSnapshot,
  commandSeq: number,
  name: string,
  changes: WhatIfChange[],
): Generator<JobProgress, Branch, void> {
  let complete = false;
  try {
    yield { progress: 0.4, label: 'Applying the changes' };
    const outcomes: ChangeOutcome[] = [];
    const snap = JSON.parse(JSON.stringify(snapshot)) as EngineSnapshot;
    applyOfflineChanges(snap, changes, outcomes);
    yield { progress: 0.5 };
    const engine = unwrap(restoreEngine(snap), 'The branch point cannot be restored');
    applyCommandChanges(engine, changes, outcomes);
    outcomes.sort((a, b) => a.change - b.change);
    yield { progress: 0.7, label: 'Saving the branch point' };
    const ws = unwrap(Workspace.open(path), 'Opening the branch file failed');
    try {
      ws.registerEntities(walk(engine.inventory(), []));
      yield { progress: 0.8 };
      unwrap(
        ws.saveSnapshot(engine.tick, engine.time, wrapCheckpoint(engine.snapshot(), commandSeq)),
        'Saving the branch point failed',
      );
    } finally {
      ws.close();
    }
    const branch: Branch = {
      id,
      name,
      path,
      parentPath,
      branchTime: engine.time,
      ranSec: 0,
      tickSeconds: engine.tickSeconds,
      changes,
      outcomes,
    };
    saveManifest(parentPath, [...listBranches(parentPath), branch]);
    complete = true;
    return branch;
  } finally {
    if (!complete) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
}

const isInventoryEvent = (type: string) => /created|deleted|added|removed|cloned|restarted|scaled/.test(type);

/** Re-expresses a snapshot with another tick length (time moves forward to the next whole tick). */
export function retick(snap: EngineSnapshot, tickSeconds: number): EngineSnapshot {
  if (snap.tickSeconds === tickSeconds) return snap;
  const time = snap.tick * snap.tickSeconds;
  return { ...snap, tickSeconds, tick: Math.ceil(time / tickSeconds) };
}

/** Runs a branch forward `days` simulated days, recording history into the branch file. */
export async function runBranch(
  parentPath: string,
  id: string,
  days: number,
  tickSeconds?: number,
  onProgress?: (done: number, total: number) => void,
  /** Cancel: the run stops at the next check (every 200 ticks) and keeps what it ran so far (ranSec says how much). */
  signal?: AbortSignal,
): Promise<Branch> {
  const steps = runBranchSteps(parentPath, id, days, tickSeconds, onProgress, signal);
  for (let i = 1; ; i++) {
    const r = steps.next();
    if (r.done) return r.value;
    if (i % 200 === 0) {
      if (r.value) onProgress?.(r.value.progress, 1);
      await new Promise((res) => setImmediate(res));
    }
  }
}

/** runBranch one tick per step, for a job: yields its progress; a cancelled run keeps the ticks it flushed. */
export function* runBranchSteps(
  parentPath: string,
  id: string,
  days: number,
  tickSeconds?: number,
  onProgress?: (done: number, total: number) => void,
  /** Stop: the run ends at the next tick and keeps what it ran so far (ranSec says how much); a cancelled job instead discards it. */
  signal?: AbortSignal,
): Generator<JobProgress, Branch, void> {
  const branch = getBranch(parentPath, id);
  const ws = unwrap(Workspace.open(branch.path), `Opening ${branch.path} failed`);
  const startTick = ws.latestSnapshot()?.tick;
  let complete = false;
  try {
    // A run whose thread or process was ended before it could clean up left ticks past the branch's last
    // checkpoint: drop them, so this run continues from the checkpoint without overlap.
    if (startTick !== undefined)
      unwrap(ws.truncateAfter(startTick), `Rolling ${branch.path} back to its last checkpoint failed`);
    const latest = unwrapCheckpoint(ws.latestSnapshot()?.snapshot);
    if (!latest)
      throw new BranchError(
        'WORKSPACE_ERROR',
        `${branch.path} has no engine checkpoint this version understands.`,
      );
    const base = ws.meta().tickSeconds;
    const tick = tickSeconds ?? branch.tickSeconds;
    if (tick % base !== 0)
      throw new BranchError(
        'INVALID_ARGUMENT',
        `tickSeconds must be a multiple of the workspace tick (${base} s); got ${tick}.`,
      );
    yield { progress: 0, label: 'Restoring the branch point' };
    const engine: Engine = unwrap(
      restoreEngine(retick(latest.engine, tick)),
      'The branch cannot be restored',
    );
    unwrap(ws.adoptCatalog(engine.catalog()), "The branch cannot take this version's metric catalogue");
    yield { progress: 0 };
    // At ticks longer than the workspace's, finer levels would repeat every sample: record only the longer levels.
    if (tick > base) unwrap(ws.recordCoarseLevels(tick), 'Preparing the branch history failed');
    const total = Math.max(1, Math.round((days * 86_400) / engine.tickSeconds));
    // Hosts the plan removes from a manual DRS cluster: keep approving their evacuation until they are empty.
    let leaving = removedHostIds(branch.changes);
    onProgress?.(0, total);
    for (let i = 0; i < total; i++) {
      if (signal?.aborted) break;
      if (leaving.length > 0 && !approveEvacuations(engine, leaving)) leaving = [];
      const r = engine.step();
      // The file keeps the workspace's tick numbering, whatever tick length the branch runs at.
      ws.appendTick(engine.tickSeconds === base ? r : { ...r, tick: Math.round(r.time / base) - 1 });
      if (r.events.some((e) => isInventoryEvent(e.type))) ws.registerEntities(walk(engine.inventory(), []));
      if (i % 200 === 199 || i === total - 1) {
        unwrap(ws.flush(), 'Writing the branch history failed');
        onProgress?.(i + 1, total);
      }
      yield { progress: (i + 1) / total };
    }
    // The branch file reopens at the workspace's tick: record every level again from here on.
    unwrap(ws.recordAllLevels(), 'Finishing the branch history failed');
    yield { progress: 1, label: 'Saving the branch state' };
    const end = retick(engine.snapshot(), base);
    unwrap(
      ws.saveSnapshot(end.tick, engine.time, wrapCheckpoint(end, latest.commandSeq)),
      'Saving the branch state failed',
    );
    const updated: Branch = {
      ...branch,
      ranSec: engine.time - branch.branchTime,
      tickSeconds: engine.tickSeconds,
    };
    saveManifest(
      parentPath,
      listBranches(parentPath).map((b) => (b.id === id ? updated : b)),
    );
    complete = true;
    return updated;
  } finally {
    // A cancelled or failed run leaves the branch as it was: its history ends at its last checkpoint.
    if (!complete && startTick !== undefined) ws.truncateAfter(startTick);
    ws.close();
  }
}

export function deleteBranch(parentPath: string, id: string): void {
  const branch = getBranch(parentPath, id);
  // branch.path is <parent>.branches/<id>.vdc (listBranches), never a path taken from the manifest.
  for (const suffix of ['', '-wal', '-shm']) rmSync(branch.path + suffix, { force: true });
  saveManifest(
    parentPath,
    listBranches(parentPath).filter((b) => b.id !== id),
  );
}
