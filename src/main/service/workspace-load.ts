/**
 * Opening or creating a workspace without blocking the service (issue 21: no request blocks it more than
 * 100 ms). Restoring a big workspace's engine took seconds on the service thread (reading and parsing
 * the checkpoint, validating and copying it, replaying the ticks after it, one step of a copy for the
 * values shown while paused). Now:
 *  1. a task thread (off-thread/) creates the file (workspace.new, import.apply) or opens it, restores
 *     its engine exactly as `Session.open` does (replay and alarms included), steps a copy for the
 *     current values, and hands over the engine's snapshot cut into pieces (json-pieces.ts);
 *  2. the service thread opens the file and restores the engine from the pieces in slices of about
 *     20 ms (`restoreEngineSteps`, trusted: validated by the thread), the event loop free in between;
 *  3. only then, in one step, the new session replaces the old one. Until that step the old workspace
 *     answers every request; a failure or cancel leaves it as it was (a file this job created is removed).
 * The whole is one job (jobs.ts: listed, pushed with progress, cancellable). The CLI and the service's
 * start keep the one-shot path (`Session.open` / `Session.create`).
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { apiErr, apiOk, type ApiResult } from '../../shared/errors';
import { restoreEngineSteps, type MetricBlock } from '../engine';
import { Session, type SessionHooks } from './session';
import { parseAlarmState } from './alarms';
import { fromFsError, fromStoreError } from './errors';
import { copyWorkspaceFile } from '../store';
import {
  createWorkspaceFile,
  openWorkspaceFile,
  openWorkspaceFileSteps,
  removeWorkspaceFile,
  workspaceDisplayName,
} from './workspaces';
import {
  assembleJson,
  packPieces,
  PIECE_CHARS,
  splitJson,
  unpackPieces,
  type PackedPieces,
} from './off-thread/json-pieces';
import { runTaskOffThread } from './off-thread/run-task';
import { withTransfer, type TaskInput } from './off-thread/protocol';
import type { Jobs, StartedTask } from './jobs';

export type LoadInput = Extract<TaskInput, { kind: 'workspace.load' }>;

/** What the thread hands over: everything the service thread needs to build the session. */
export interface LoadedWorkspace {
  path: string;
  /** The engine's snapshot (after the replay), in pieces packed into one transferred buffer. */
  pieces: PackedPieces;
  /** The engine's scenario hash (part of the run hash), not computed again. */
  scenarioHash: string;
  /** The last command the engine includes. */
  commandSeq: number;
  /** The alarm evaluator's state after the replay (alarms.ts AlarmState), as JSON. */
  alarmsJson: string;
  /** The metric values shown for "now" (the last replayed tick, or one step of a copy). */
  latest: MetricBlock[];
}

const noHooks: SessionHooks = { onTick: () => undefined, onClockChange: () => undefined };

/** Thread side: create or open the file, restore and replay, and cut the result for the service thread. */
export function* loadWorkspaceSteps(
  input: LoadInput,
): Generator<{ progress: number; label?: string } | void, ApiResult<LoadedWorkspace>, void> {
  let session: Session | null = null;
  try {
    const name = input.create?.name ?? workspaceDisplayName(input.path);
    if (input.create) {
      yield { progress: 0.02, label: `Building the simulation "${name}"` };
      const c = input.create;
      let scenario: unknown;
      try {
        scenario = JSON.parse(c.scenarioJson);
      } catch (e) {
        return apiErr('INVALID_ARGUMENT', `The scenario is not valid JSON: ${(e as Error).message}`);
      }
      const created = Session.create({
        scenario,
        ...(c.seed === undefined ? {} : { seed: c.seed }),
        path: input.path,
        name,
        hooks: noHooks,
        createWorkspace: (file, engine, n) =>
          createWorkspaceFile(file, engine, n, c.seed ?? (engine.scenario as { seed?: number }).seed ?? 1),
      });
      if (!created.ok) return created;
      session = created.value;
    } else {
      if (input.copyFrom !== undefined) {
        yield { progress: 0.01, label: `Copying "${workspaceDisplayName(input.copyFrom)}"` };
        const copied = copyWorkspaceFile(input.copyFrom, input.path);
        if (!copied.ok) return { ok: false, error: fromStoreError(copied.error) };
      }
      yield { progress: 0.02, label: `Reading "${name}"` };
      const ws = openWorkspaceFile(input.path);
      if (!ws.ok) return ws;
      const opened = Session.open(ws.value, noHooks);
      if (!opened.ok) {
        ws.value.close();
        return opened;
      }
      session = opened.value;
    }
    session.clock.dispose();
    yield { progress: 0.3, label: `Preparing "${name}"` };
    const engine = session.engine;
    const kept = engine.latestBlocks();
    const latest = kept.length > 0 ? kept : (engine.primeLatest() ?? []);
    yield { progress: 0.4 };
    const json = engine.snapshotJson();
    const pieces = packPieces(splitJson(JSON.parse(json), PIECE_CHARS, json));
    // Handed over without a copy: the snapshot's bytes and the value arrays (tens of MB for 30,000 VMs).
    const latestCopy = latest.map((b) => ({ ...b, values: b.values.slice() }));
    return withTransfer(
      apiOk<LoadedWorkspace>({
        path: input.path,
        pieces,
        scenarioHash: engine.scenarioHash,
        commandSeq: session.lastCommandSeq,
        alarmsJson: JSON.stringify(session.alarms.state()),
        latest: latestCopy,
      }),
      [pieces.bytes.buffer, ...latestCopy.map((b) => b.values.buffer)],
    );
  } catch (e) {
    // A file-system error (ENAMETOOLONG, EACCES…) is a typed error naming its path, as on the service thread.
    const fsError = fromFsError(e);
    if (fsError) return { ok: false, error: fsError };
    throw e;
  } finally {
    // Closed without a checkpoint: nothing of the file changes here but what open/create wrote.
    session?.workspace?.close();
  }
}

/** Service-thread side: the file opened here, the engine restored from the pieces in steps, the session. */
export function* adoptSteps(
  loaded: LoadedWorkspace,
  hooks: SessionHooks,
): Generator<number | void, ApiResult<{ session: Session; latest: MetricBlock[] }>, void> {
  // The thread has just opened (and checked) this very file: no second inspection here; the connection,
  // the entity list and the open rollup buckets are read in steps.
  const opened = yield* openWorkspaceFileSteps(loaded.path, {
    check: 'none',
    inspectedJustNow: true,
    deferScenario: true,
  });
  if (!opened.ok) return opened;
  const ws = opened.value;
  let handedOver = false;
  try {
    yield 0.05;
    const parts = assembleJson(unpackPieces(loaded.pieces));
    let snapshot: unknown;
    for (;;) {
      const r = parts.next();
      if (r.done) {
        snapshot = r.value;
        break;
      }
      yield 0.05 + 0.75 * r.value;
    }
    const restored = yield* restoreEngineSteps(snapshot, {
      trusted: true,
      scenarioHash: loaded.scenarioHash,
    });
    if (!restored.ok)
      return apiErr(
        'WORKSPACE_ERROR',
        `The checkpoint in ${loaded.path} cannot be restored: ${restored.error.message}`,
      );
    const engine = restored.value;
    engine.keepLatest(loaded.latest);
    yield 0.95;
    const session = Session.adopt({
      engine,
      workspace: ws,
      hooks,
      commandSeq: loaded.commandSeq,
      alarms: parseAlarmState(JSON.parse(loaded.alarmsJson)),
    });
    if (!session.ok) return session;
    handedOver = true;
    return apiOk({ session: session.value, latest: loaded.latest });
  } finally {
    if (!handedOver) ws.close();
  }
}

/**
 * Drives a generator in slices of about `sliceMs` of work with the event loop free in between (as
 * Jobs.run does), until it ends or `cancelled()` turns true (it is then ended: its cleanup runs).
 * `onSlice` hears each slice's length.
 */
export function driveInSlices<T>(
  gen: Generator<number | void, ApiResult<T>, void>,
  opts: {
    cancelled: () => boolean;
    progress: (fraction: number) => void;
    onSlice?: (ms: number) => void;
    sliceMs?: number;
  },
): Promise<ApiResult<T>> {
  const sliceMs = opts.sliceMs ?? 20;
  return new Promise((resolve) => {
    const slice = () => {
      if (opts.cancelled()) {
        try {
          gen.return(apiErr('CONFLICT', 'cancelled'));
        } catch {
          // its cleanup failed; it is cancelled all the same
        }
        resolve(apiErr('CONFLICT', 'cancelled'));
        return;
      }
      const t0 = performance.now();
      try {
        for (;;) {
          const r = gen.next();
          if (r.done) {
            opts.onSlice?.(performance.now() - t0);
            resolve(r.value);
            return;
          }
          if (typeof r.value === 'number') opts.progress(r.value);
          if (performance.now() - t0 >= sliceMs) break;
        }
      } catch (e) {
        const fsError = fromFsError(e);
        resolve(
          fsError
            ? { ok: false, error: fsError }
            : apiErr('INTERNAL', e instanceof Error ? e.message : String(e)),
        );
        return;
      }
      opts.onSlice?.(performance.now() - t0);
      setImmediate(slice);
    };
    setImmediate(slice);
  });
}

/** The one job per service that opens or creates a workspace (a second is refused while it runs). */
export const OPEN_JOB_KEY = 'workspace.load';

/** What a load answers before the switch: the new session, complete, and the values shown for "now". */
export interface Adopted {
  session: Session;
  latest: MetricBlock[];
}

/**
 * Starts loading a workspace without switching to it: the thread (progress 0..0.5), then the adoption here
 * in slices (0.5..1). Answers the complete new session (its file open, its clock stopped), or a failure
 * or cancel after which nothing is left open. The caller switches to it (or closes it: `session.close()`).
 */
export function startLoad(args: {
  input: LoadInput;
  hooks: SessionHooks;
  progress: (report: { progress: number; label?: string }) => void;
  /** Told each slice's length (the bench reports the longest). */
  onSlice?: (ms: number) => void;
  sliceMs?: number;
}): StartedTask<Adopted> {
  const { input } = args;
  let cancelled = false;
  const task = runTaskOffThread<LoadedWorkspace>(input, (p) =>
    args.progress({ progress: 0.5 * p.progress, ...(p.label === undefined ? {} : { label: p.label }) }),
  );
  const result = task.result.then((loaded): Promise<ApiResult<Adopted>> | ApiResult<Adopted> => {
    if (!loaded.ok) return loaded;
    if (cancelled) return apiErr('CONFLICT', 'cancelled');
    args.progress({ progress: 0.5, label: `Loading "${workspaceDisplayName(input.path)}"` });
    return driveInSlices(adoptSteps(loaded.value, args.hooks), {
      cancelled: () => cancelled,
      progress: (f) => args.progress({ progress: 0.5 + 0.5 * f }),
      ...(args.onSlice ? { onSlice: args.onSlice } : {}),
      ...(args.sliceMs === undefined ? {} : { sliceMs: args.sliceMs }),
    })
      .then(
        // The caller's switch gets a turn of the event loop of its own (not the last slice's).
        (adopted) => new Promise<ApiResult<Adopted>>((resolve) => setImmediate(() => resolve(adopted))),
      )
      .then((adopted) => {
        if (!adopted.ok) return adopted;
        if (cancelled) {
          adopted.value.session.close();
          return apiErr('CONFLICT', 'cancelled');
        }
        return adopted;
      });
  });
  return {
    result,
    cancel: () => {
      cancelled = true;
      task.cancel();
    },
    get threadId() {
      return task.threadId;
    },
  };
}

/**
 * Runs the whole opening as one job of `jobs` (startLoad). `commit` switches the service to the new
 * session; it runs in the same step as the adoption's last slice, so no request ever sees a half-built
 * engine, and a cancel either comes before it (nothing changed) or after the job ended. On failure or
 * cancel, a file this job created is removed.
 */
export function loadWorkspaceJob<T>(args: {
  jobs: Jobs;
  kind: string;
  label: string;
  input: LoadInput;
  hooks: SessionHooks;
  commit: (session: Session, latest: MetricBlock[]) => ApiResult<T> | Promise<ApiResult<T>>;
  /** Work per slice of the restore here (default 20 ms). */
  sliceMs?: number;
}): Promise<ApiResult<T>> {
  const { jobs, input } = args;
  // A file to create or copy to that exists is refused by the thread; only a file this job made is removed.
  const removeOnFailure =
    (input.create !== undefined || input.copyFrom !== undefined) && !existsSync(input.path);
  return jobs.runTask<T>(
    args.kind,
    args.label,
    (progress) => {
      const load = startLoad({
        input,
        hooks: args.hooks,
        progress,
        onSlice: (ms) => (jobs.longestSliceMs = Math.max(jobs.longestSliceMs, ms)),
        ...(args.sliceMs === undefined ? {} : { sliceMs: args.sliceMs }),
      });
      const result = load.result
        .then((adopted) => (adopted.ok ? args.commit(adopted.value.session, adopted.value.latest) : adopted))
        .then((r) => {
          if (!r.ok && removeOnFailure)
            try {
              removeWorkspaceFile(input.path);
            } catch {
              // a path that cannot even be named (ENAMETOOLONG) holds no file
            }
          return r;
        });
      return {
        result,
        cancel: () => load.cancel(),
        get threadId() {
          return load.threadId ?? null;
        },
      };
    },
    { key: OPEN_JOB_KEY, busy: 'A workspace is being opened; wait for it to finish or cancel it.' },
  );
}
