/**
 * One job mechanism for long operations (see src/shared/contract-jobs.ts). A job is a generator that
 * does a small piece of work per step and yields its progress; the runner advances it in slices of about
 * `sliceMs` of work and gives the event loop back between slices (setImmediate), so the clock's ticks,
 * pushes and other requests interleave with it. Cancel takes effect at the next slice. The same pattern
 * as the consolidation experiment's runner (consolidation/runner.ts), for operations answered by a call.
 */
import { performance } from 'node:perf_hooks';
import { apiErr, type ApiResult } from '../../shared/errors';
import type { JobView } from '../../shared/contract-jobs';

/** What a job yields between steps: its progress (0..1) and a caption, or nothing. */
export type JobProgress = { progress: number; label?: string } | void;
export type JobWork<T> = Generator<JobProgress, ApiResult<T>, void>;

interface Job {
  view: JobView;
  cancelled: boolean;
  finishedAt: number | null;
  /** Stops work running elsewhere (a thread) at once. */
  abort?: () => void;
  /** Asks work running elsewhere to finish early, keeping what it did (whatif.cancel). */
  stop?: () => void;
  stopping: boolean;
  /** At most one running job per key (e.g. one run per what-if branch). */
  key?: string;
  /** Units done and in all, for callers that show counts (whatif.progress: ticks). */
  done: number;
  total: number;
  /** The thread the work runs in, for work that runs off this thread. */
  threadId?: () => number | null;
}

/** What off-thread work reports: its fraction done, a caption, and units done of a total. */
export interface TaskReport {
  progress: number;
  label?: string;
  done?: number;
  total?: number;
}

export interface JobOptions {
  /** At most one running job per key; a second is refused with CONFLICT and `busy` as its message. */
  key?: string;
  busy?: string;
  /** Told the new job's id as soon as it is listed. */
  onJob?: (id: string) => void;
}

/** Work running elsewhere, as `runTask` starts it. */
export interface StartedTask<T> {
  result: Promise<ApiResult<T>>;
  cancel(): void;
  stop?(): void;
  readonly threadId?: number | null;
}

export interface JobsOptions {
  publish: (jobs: JobView[]) => void;
  /** Work per slice before yielding (default 20 ms). */
  sliceMs?: number;
  /** Least time between two progress pushes (default 250 ms); start and end are always pushed. */
  pushIntervalMs?: number;
  /** Jobs running at once (default 4); more are refused with CONFLICT. */
  maxRunning?: number;
}

const KEEP_FINISHED_MS = 60_000;

export class Jobs {
  private readonly jobs = new Map<string, Job>();
  private seq = 0;
  private lastPush = 0;
  private disposed = false;
  /** Work per slice before yielding, in ms. */
  readonly sliceMs: number;
  private readonly pushIntervalMs: number;
  private readonly maxRunning: number;
  /** Longest slice so far in ms (the bench reports it). */
  longestSliceMs = 0;

  constructor(private readonly options: JobsOptions) {
    this.sliceMs = options.sliceMs ?? 20;
    this.pushIntervalMs = options.pushIntervalMs ?? 250;
    this.maxRunning = options.maxRunning ?? 4;
  }

  list(): JobView[] {
    const now = performance.now();
    for (const [id, j] of this.jobs)
      if (j.finishedAt !== null && now - j.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
    return [...this.jobs.values()].map((j) => ({ ...j.view }));
  }

  cancel(id: string): JobView | null {
    const job = this.jobs.get(id);
    if (!job) return null;
    if (job.view.status === 'running') {
      job.cancelled = true;
      job.abort?.();
    }
    return { ...job.view };
  }

  /** The running job with this key (see runTask), with its counts. */
  running(key: string): { view: JobView; done: number; total: number; stopping: boolean } | null {
    for (const j of this.jobs.values())
      if (j.key === key && j.view.status === 'running')
        return { view: { ...j.view }, done: j.done, total: j.total, stopping: j.stopping };
    return null;
  }

  /** Asks a running job to finish early and keep what it did; false when it cannot (or is not running). */
  stop(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || job.view.status !== 'running' || !job.stop) return false;
    job.stopping = true;
    job.stop();
    return true;
  }

  /** The thread a job's work runs in (null: this one, or not started yet). */
  threadOf(id: string): number | null {
    return this.jobs.get(id)?.threadId?.() ?? null;
  }

  /** Cancels every running job (service shutdown). */
  dispose(): void {
    this.disposed = true;
    for (const j of this.jobs.values())
      if (j.view.status === 'running') {
        j.cancelled = true;
        j.abort?.();
      }
  }

  /**
   * Runs work that happens off this thread (a worker) as a job: listed, pushed and cancellable like the
   * others; `start` answers the result and how to stop it.
   */
  runTask<T>(
    kind: string,
    label: string,
    start: (progress: (report: TaskReport | number, label?: string) => void) => StartedTask<T>,
    opts: JobOptions = {},
  ): Promise<ApiResult<T>> {
    const refused = this.refusal();
    if (refused) return Promise.resolve(refused);
    if (opts.key !== undefined && this.running(opts.key))
      return Promise.resolve(
        apiErr('CONFLICT', opts.busy ?? `${kind} is already running; wait for it to finish.`),
      );
    const job = this.add(kind, label);
    if (opts.key !== undefined) job.key = opts.key;
    opts.onJob?.(job.view.id);
    // Off-thread work may report its progress; pushed at most every pushIntervalMs like the others.
    const task = start((report, text) => {
      if (job.view.status !== 'running') return;
      const r: TaskReport =
        typeof report === 'number'
          ? { progress: report, ...(text === undefined ? {} : { label: text }) }
          : report;
      job.view.progress = Math.max(0, Math.min(1, r.progress));
      if (r.label !== undefined) job.view.label = r.label;
      if (r.done !== undefined) job.done = r.done;
      if (r.total !== undefined) job.total = r.total;
      this.push(false);
    });
    job.abort = () => task.cancel();
    if (task.stop) job.stop = () => task.stop?.();
    job.threadId = () => task.threadId ?? null;
    return task.result.then(
      (r) => this.end(job, r, kind),
      (e: unknown) =>
        this.end(
          job,
          apiErr('INTERNAL', `${kind} failed: ${e instanceof Error ? e.message : String(e)}.`),
          kind,
        ),
    );
  }

  private refusal(): ApiResult<never> | null {
    const running = [...this.jobs.values()].filter((j) => j.view.status === 'running').length;
    if (this.disposed) return apiErr('INVALID_STATE', 'The service is shutting down.');
    if (running >= this.maxRunning)
      return apiErr(
        'CONFLICT',
        `${running} long operations are running; the limit is ${this.maxRunning}. Wait for one to finish or cancel it (jobs.cancel).`,
      );
    return null;
  }

  private add(kind: string, label: string): Job {
    const job: Job = {
      view: { id: `job-${++this.seq}`, kind, status: 'running', progress: 0, label },
      cancelled: false,
      finishedAt: null,
      stopping: false,
      done: 0,
      total: 0,
    };
    this.jobs.set(job.view.id, job);
    this.push(true);
    return job;
  }

  private end<T>(job: Job, result: ApiResult<T>, kind: string): ApiResult<T> {
    const r = job.cancelled
      ? apiErr('CONFLICT', `${kind} was cancelled; nothing was changed.`, { jobId: job.view.id })
      : result;
    job.view.status = job.cancelled ? 'cancelled' : r.ok ? 'done' : 'failed';
    if (job.view.status === 'done') job.view.progress = 1;
    job.finishedAt = performance.now();
    this.push(true);
    return r;
  }

  /** Runs `work` as a job; answers its result when it ends (CONFLICT when cancelled). */
  run<T>(kind: string, label: string, work: () => JobWork<T>): Promise<ApiResult<T>> {
    const refused = this.refusal();
    if (refused) return Promise.resolve(refused);
    const job = this.add(kind, label);
    let gen: JobWork<T>;
    return new Promise<ApiResult<T>>((resolve) => {
      const end = (status: JobView['status'], result: ApiResult<T>) => {
        job.view.status = status;
        if (status === 'done') job.view.progress = 1;
        job.finishedAt = performance.now();
        this.push(true);
        resolve(result);
      };
      const slice = () => {
        if (job.cancelled) {
          try {
            gen?.return(apiErr('CONFLICT', 'cancelled'));
          } catch {
            // the job's cleanup failed; it is cancelled all the same
          }
          end(
            'cancelled',
            apiErr('CONFLICT', `${kind} was cancelled; nothing was changed.`, { jobId: job.view.id }),
          );
          return;
        }
        const t0 = performance.now();
        try {
          gen ??= work();
          for (;;) {
            const r = gen.next();
            if (r.done) {
              this.longestSliceMs = Math.max(this.longestSliceMs, performance.now() - t0);
              end(r.value.ok ? 'done' : 'failed', r.value);
              return;
            }
            if (r.value) {
              job.view.progress = Math.max(0, Math.min(1, r.value.progress));
              if (r.value.label !== undefined) job.view.label = r.value.label;
            }
            if (performance.now() - t0 >= this.sliceMs) break;
          }
        } catch (e) {
          end('failed', apiErr('INTERNAL', `${kind} failed: ${e instanceof Error ? e.message : String(e)}.`));
          return;
        }
        this.longestSliceMs = Math.max(this.longestSliceMs, performance.now() - t0);
        this.push(false);
        setImmediate(slice);
      };
      setImmediate(slice);
    });
  }

  private push(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastPush < this.pushIntervalMs) return;
    this.lastPush = now;
    this.options.publish(this.list());
  }
}

/**
 * Advances `work` in slices of about `sliceMs` with the event loop free between them (as `Jobs.run`
 * does), for a part of a longer job (e.g. reading the live state before work in a thread). Answers its
 * result, or null when `cancelled()` turned true between slices (its finally blocks have run then).
 */
export function advanceInSlices<T>(
  work: JobWork<T>,
  opts: {
    sliceMs: number;
    cancelled: () => boolean;
    progress?: (p: { progress: number; label?: string }) => void;
    /** Told each slice's length in ms (the bench reports the longest). */
    sliced?: (ms: number) => void;
  },
): Promise<ApiResult<T> | null> {
  return new Promise((resolve, reject) => {
    const slice = () => {
      if (opts.cancelled()) {
        try {
          work.return(apiErr('CONFLICT', 'cancelled'));
        } catch {
          // its cleanup failed; cancelled all the same
        }
        resolve(null);
        return;
      }
      const t0 = performance.now();
      try {
        for (;;) {
          const r = work.next();
          if (r.done) {
            opts.sliced?.(performance.now() - t0);
            resolve(r.value);
            return;
          }
          if (r.value) opts.progress?.(r.value);
          if (performance.now() - t0 >= opts.sliceMs) break;
        }
        opts.sliced?.(performance.now() - t0);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      setImmediate(slice);
    };
    setImmediate(slice);
  });
}
