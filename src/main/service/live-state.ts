/**
 * Reading the whole live state — its run hash, its snapshot — takes long on a large simulation (issue
 * 21: `recording.verify` hashed the enterprise scenario in one 387-ms step on the service thread). It is
 * read in slices instead (jobs.ts), with the state the same from the first slice to the last: the clock
 * is held (no tick runs; `clock.step` waits) and a command that changes the simulation in between starts
 * the reading again. What needs the live state and then heavy work goes on in a task thread
 * (`runLiveTaskJob`).
 */
import type { Engine } from '../engine';
import { apiErr, apiOk, type ApiResult } from '../../shared/errors';
import { advanceInSlices, type JobProgress, type JobWork, type Jobs, type JobOptions } from './jobs';
import type { Session } from './session';
import { runTaskOffThread, type TaskRun } from './off-thread/run-task';
import type { TaskInput } from './off-thread/protocol';

/** Readings started again because a command changed the simulation meanwhile, before giving up. */
export const MAX_READ_RESTARTS = 5;

/** Watches a session for changes (a tick, an accepted command, a rebuilt engine) until `stop()`. */
export function watchChanges(session: Session): { changed(): boolean; reset(): void; stop(): void } {
  let changed = false;
  let engine = session.engine;
  const stop = session.listen({
    afterTick: () => (changed = true),
    afterCommand: (_c, r) => {
      if (r.ok) changed = true;
    },
  });
  return {
    changed: () => changed || session.engine !== engine,
    reset: () => {
      changed = false;
      engine = session.engine;
    },
    stop,
  };
}

/**
 * Reads the live engine with `read` (a generator yielding its fraction done) in slices, the clock held,
 * then calls `finish` in the same slice as the last step (so it sees the same state). `isOpen()` false
 * (the workspace was closed or replaced meanwhile) ends it with CONFLICT.
 */
export function* readLive<T, R>(
  session: Session,
  label: string,
  read: (engine: Engine) => Generator<number, T, void>,
  finish: (value: T, engine: Engine) => ApiResult<R>,
  isOpen: () => boolean,
): JobWork<R> {
  const release = session.clock.hold();
  const watch = watchChanges(session);
  try {
    for (let attempt = 0; ; attempt++) {
      watch.reset();
      const engine = session.engine;
      const steps = read(engine);
      let r = steps.next();
      let restart = false;
      while (!r.done) {
        yield { progress: r.value, label };
        if (!isOpen())
          return apiErr('CONFLICT', 'The workspace was closed while it was being read; nothing was done.');
        if (watch.changed()) {
          restart = true;
          break;
        }
        r = steps.next();
      }
      if (!restart) return finish(r.value as T, engine);
      if (attempt >= MAX_READ_RESTARTS)
        return apiErr(
          'CONFLICT',
          `The simulation changed ${attempt + 1} times while it was being read (commands); nothing was done. Try again.`,
        );
    }
  } finally {
    watch.stop();
    release();
  }
}

/** Flat strings of about this many characters: handed to a thread without one big copy or join here. */
const CHUNK_CHARS = 256 * 1024;

/**
 * The engine's snapshot as JSON text, read in pieces (yielding an estimate of the fraction done), in
 * chunks of about CHUNK_CHARS: their concatenation is `snapshotJson()`. Joining a large snapshot into
 * one string (or posting a rope of thousands of pieces) would itself block; a thread joins the chunks.
 */
export function* snapshotJsonSteps(engine: Engine): Generator<number, string[], void> {
  const w = engine.world;
  const total =
    1 +
    w.vms.length +
    w.hosts.length +
    w.containers.length +
    w.datastores.length +
    w.networks.length +
    w.traces.length +
    w.tasks.length +
    w.services.length +
    w.clusters.length +
    w.datacenters.length;
  const chunks: string[] = [];
  let buf: string[] = [];
  let size = 0;
  let n = 0;
  for (const piece of engine.snapshotJsonPieces()) {
    buf.push(piece);
    size += piece.length;
    if (size >= CHUNK_CHARS) {
      chunks.push(buf.join(''));
      buf = [];
      size = 0;
    }
    // The scenario's records count as much again as the live ones: an estimate for the progress.
    if (++n % 16 === 0) yield Math.min(0.99, n / (2 * total));
  }
  chunks.push(buf.join(''));
  return chunks;
}

/**
 * A job in two parts: `prepare` on this thread in slices (reading the live state, see readLive), then,
 * with what it answered, `input`'s task in a thread of its own. Progress: the first part counts for
 * `share`. Answers what both parts answered; cancel stops whichever part runs.
 */
export function runLiveTaskJob<P, T>(
  jobs: Jobs,
  kind: string,
  label: string,
  prepare: () => JobWork<P>,
  input: (prepared: P) => { task: TaskInput; label: string },
  opts: JobOptions & { share?: number } = {},
): Promise<ApiResult<{ prepared: P; result: T }>> {
  const share = opts.share ?? 0.2;
  return jobs.runTask<{ prepared: P; result: T }>(
    kind,
    label,
    (progress) => {
      let cancelled = false;
      let run: TaskRun<T> | null = null;
      const result = (async (): Promise<ApiResult<{ prepared: P; result: T }>> => {
        const first = await advanceInSlices(prepare(), {
          sliceMs: jobs.sliceMs,
          cancelled: () => cancelled,
          progress: (p: Exclude<JobProgress, void>) => progress(p.progress * share, p.label),
          sliced: (ms) => (jobs.longestSliceMs = Math.max(jobs.longestSliceMs, ms)),
        });
        if (first === null || cancelled) return apiErr('CONFLICT', 'cancelled');
        if (!first.ok) return first;
        const next = input(first.value);
        progress(share, next.label);
        run = runTaskOffThread<T>(next.task, (p) =>
          progress({ ...p, progress: share + (1 - share) * p.progress }),
        );
        const r = await run.result;
        return r.ok ? apiOk({ prepared: first.value, result: r.value }) : r;
      })();
      return {
        result,
        cancel: () => {
          cancelled = true;
          run?.cancel();
        },
        get threadId() {
          return run?.threadId ?? null;
        },
      };
    },
    opts,
  );
}
