/**
 * Capacity analyses without a long step on the service thread (issue 21 finding 4): building their context
 * (`capCtx`: a snapshot of the live engine and a flushed history) took 0.2–0.45 s on the enterprise
 * scenario, and some analyses run for seconds (a simulated failover restores the engine per host). For a
 * large simulation the live snapshot is read in slices with the clock held (live-state.ts readLive),
 * shared by the requests that come while the simulation has not changed, and the analysis runs in a task
 * thread (../off-thread/capacity-tasks.ts) on that snapshot and a read-only connection to the workspace.
 * A small simulation is answered here at once (a thread's start would cost more than the analysis).
 * Both give the same answer (requests.ts answers on either thread; tested against each other).
 */
import { apiErr, type ApiResult } from '../../../shared/errors';
import { advanceInSlices } from '../jobs';
import { readLive, snapshotJsonSteps, watchChanges } from '../live-state';
import { runTaskOffThread, type TaskRun } from '../off-thread/run-task';
import type { TaskInput } from '../off-thread/protocol';
import type { LiveInput } from '../off-thread/capacity-tasks';
import type { Session } from '../session';
import { capCtx } from './analysis';
import { answerCapacity, type CapacityAnswers, type CapacityMethod, type CapacityRequest } from './requests';

/**
 * Simulations with at most this many VMs, hosts and containers are analysed on the service thread: the
 * small built-in labs take a few ms there; the enterprise scenario (≈ 1,500 VMs) took 0.2–0.45 s.
 */
export const INLINE_MAX_OBJECTS = 300;

/** Analyses running in threads at once; more wait for one to end (each thread holds a parsed snapshot). */
const MAX_THREADS = 2;

export interface LiveAnalysisOptions {
  /** The session the service runs now (a read of another ends with CONFLICT). */
  current: () => Session | null;
  /** Work per slice of the snapshot's reading, in ms. */
  sliceMs: number;
  /** Told each slice's length (the bench reports the longest). */
  sliced?: (ms: number) => void;
  /** See INLINE_MAX_OBJECTS (-1: always in a thread). */
  inlineMax?: number;
}

export class LiveAnalysis {
  private cached: {
    session: Session;
    watch: ReturnType<typeof watchChanges>;
    value: Promise<ApiResult<LiveInput>>;
  } | null = null;
  private running = 0;
  private waiting: (() => void)[] = [];
  private readonly runs = new Set<TaskRun<unknown>>();
  private disposed = false;

  constructor(private readonly o: LiveAnalysisOptions) {}

  /** Whether `session` is analysed on this thread (small) or in a thread. */
  inline(session: Session): boolean {
    const max = this.o.inlineMax ?? INLINE_MAX_OBJECTS;
    if (max < 0) return false;
    const w = session.engine.world;
    return w.vms.length + w.hosts.length + w.containers.length <= max;
  }

  /** Answers `request` for the live state of `session`. */
  answer<M extends CapacityMethod>(
    session: Session,
    request: Extract<CapacityRequest, { method: M }>,
  ): ApiResult<CapacityAnswers[M]> | Promise<ApiResult<CapacityAnswers[M]>> {
    if (this.inline(session)) return answerCapacity(capCtx(session.engine, session.workspace), request);
    return this.inThread<CapacityAnswers[M]>(session, (live) => ({ kind: 'capacity', request, ...live }));
  }

  /**
   * Runs the task `input` builds from the live state of `session` (read in slices, or the reading still
   * valid) in a thread of its own; answers what it answered.
   */
  async inThread<T>(
    session: Session,
    input: (live: LiveInput) => TaskInput,
    onProgress?: (progress: number) => void,
    onRun?: (run: TaskRun<T>) => void,
  ): Promise<ApiResult<T>> {
    const live = await this.live(session);
    if (!live.ok) return live;
    await this.slot();
    try {
      if (this.disposed) return apiErr('INVALID_STATE', 'The service is shutting down.');
      const run = runTaskOffThread<T>(input(live.value), (p) => onProgress?.(p.progress));
      this.runs.add(run as TaskRun<unknown>);
      onRun?.(run);
      try {
        return await run.result;
      } finally {
        this.runs.delete(run as TaskRun<unknown>);
      }
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Stops every analysis thread (service shutdown). */
  dispose(): void {
    this.disposed = true;
    for (const r of this.runs) r.cancel();
    this.cached?.watch.stop();
    this.cached = null;
  }

  private async slot(): Promise<void> {
    while (this.running >= MAX_THREADS) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
  }

  /** The live snapshot's JSON text in chunks and its time, the history flushed: read again only after a change. */
  private live(session: Session): Promise<ApiResult<LiveInput>> {
    const c = this.cached;
    if (c && c.session === session && !c.watch.changed()) return c.value;
    c?.watch.stop();
    const watch = watchChanges(session);
    const isOpen = () => this.o.current() === session && !this.disposed;
    const value = advanceInSlices(
      readLive(
        session,
        'Reading the live simulation',
        snapshotJsonSteps,
        (snapshotChunks, engine): ApiResult<LiveInput> => {
          // The reading is of the state as it is now: a change from here on makes it stale.
          watch.reset();
          if (session.workspace) {
            const f = session.flush();
            if (!f.ok) return f;
          }
          return {
            ok: true,
            value: { snapshotChunks, time: engine.time, workspacePath: session.workspace?.path ?? null },
          };
        },
        isOpen,
      ),
      {
        sliceMs: this.o.sliceMs,
        cancelled: () => !isOpen(),
        ...(this.o.sliced ? { sliced: this.o.sliced } : {}),
      },
    ).then(
      (r) => r ?? apiErr('CONFLICT', 'The workspace was closed while it was being read; nothing was done.'),
    );
    this.cached = { session, watch, value };
    // A failed reading is not kept.
    void value.then((r) => {
      if (!r.ok && this.cached?.value === value) {
        this.cached.watch.stop();
        this.cached = null;
      }
    });
    return value;
  }
}
