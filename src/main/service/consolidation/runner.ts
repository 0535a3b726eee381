/**
 * Runs the standard consolidation experiment in the background of the service: the pure engine's stepped
 * run advanced in slices of about 20 ms of work (one 300-s interval at least), yielding to the event loop
 * between slices so requests, the workspace clock and pushes keep flowing. Progress goes out through
 * `publish` (the `consolidation` push), at most every pushIntervalMs. Independent of the open workspace.
 * The workload folder (any folder the client names) is read and checked in the task thread
 * (../off-thread/), never on the service thread.
 */
import { performance } from 'node:perf_hooks';
import type {
  ConsolidationFinishedView,
  ConsolidationPoint,
  ConsolidationPush,
  ConsolidationResultView,
  ConsolidationRunView,
  ConsolidationStatus,
} from '../../../shared/contract-consolidation';
import { apiErr, apiOk, type ApiError, type ApiResult } from '../../../shared/errors';
import {
  parsePolicy,
  startConsolidation,
  type ConsolidationResult,
  type ConsolidationRun,
  type TraceInput,
} from '../../engine/consolidation';
import { fromEngineError } from '../errors';
import { runTaskOffThread, type TaskRun } from '../off-thread/run-task';

/** Reads a workload folder somewhere else; `cancel` gives up (the result then answers CONFLICT). */
export type WorkloadReader = (dir: string) => {
  result: Promise<ApiResult<TraceInput[]>>;
  cancel(): void;
};

/** The default: in the task thread (../off-thread/tasks.ts, kind `consolidation.workload`). */
export const readWorkloadOffThread = (dir: string): TaskRun<TraceInput[]> =>
  runTaskOffThread<TraceInput[]>({ kind: 'consolidation.workload', dir });

export interface RunnerOptions {
  publish: (payload: ConsolidationPush) => void;
  /** Work per slice before yielding (default 20 ms). */
  sliceMs?: number;
  /** Least time between two progress pushes (default 100 ms); the end is always pushed. */
  pushIntervalMs?: number;
  /** How many finished runs are kept for comparison (default 100; the oldest go first). */
  keepFinished?: number;
  /** How the workload folder is read (default: in the task thread). */
  readWorkload?: WorkloadReader;
}

export interface StartParams {
  workloadDir: string;
  policy: string;
  param?: number | undefined;
  native?: boolean | undefined;
  seed?: number | undefined;
}

interface Job {
  view: Omit<ConsolidationRunView, 'timeline' | 'status' | 'progress' | 'result' | 'error'>;
  run: ConsolidationRun;
  status: ConsolidationStatus;
  timeline: ConsolidationPoint[];
  result: ConsolidationResultView | null;
  error: ApiError | null;
  /** Milliseconds of work (setup and slices): the run's wallSeconds, comparable with the CLI's. */
  workMs: number;
  pushed: number;
  lastPushMs: number;
  timer: NodeJS.Immediate | null;
}

const SIMULATED_DAY_SEC = 86_400;

function resultView(r: ConsolidationResult, workMs: number): ConsolidationResultView {
  return {
    hosts: r.hosts,
    vms: r.vms,
    energyKWh: r.energyKWh,
    migrations: r.migrations,
    slatah: r.slatah,
    pdm: r.pdm,
    slav: r.slav,
    esv: r.esv,
    hostShutdowns: r.hostShutdowns,
    simulatedSeconds: r.simulatedSeconds,
    wallSeconds: workMs / 1000,
    vmsRunningAtEnd: r.vmsRunningAtEnd,
    vmsCreated: r.vmsCreated,
    meanTimeBeforeShutdownSec: r.meanTimeBeforeShutdownSec,
  };
}

export class ConsolidationRunner {
  private job: Job | null = null;
  private finished: ConsolidationFinishedView[] = [];
  private seq = 0;
  private readonly sliceMs: number;
  private readonly pushIntervalMs: number;
  private readonly keepFinished: number;
  private readonly readWorkload: WorkloadReader;
  /** The workload being read for a start, until the run begins. */
  private reading: { cancel(): void } | null = null;

  constructor(private readonly options: RunnerOptions) {
    this.sliceMs = options.sliceMs ?? 20;
    this.pushIntervalMs = options.pushIntervalMs ?? 100;
    this.keepFinished = options.keepFinished ?? 100;
    this.readWorkload = options.readWorkload ?? readWorkloadOffThread;
  }

  get running(): boolean {
    return this.job?.status === 'running';
  }

  /**
   * Validates everything first (a bad input starts nothing; the folder is read off this thread), then
   * runs in the background; answers when the run has started.
   */
  async start(p: StartParams): Promise<ApiResult<ConsolidationRunView>> {
    if (this.reading)
      return apiErr(
        'CONFLICT',
        'A consolidation workload is being read for another start; wait for it or cancel it.',
      );
    if (this.running) {
      const j = this.job!;
      return apiErr(
        'CONFLICT',
        `A consolidation run (${j.view.policy}, ${Math.round(this.progress(j) * 100)} %) is in progress; cancel it or wait for it to finish.`,
        { runId: j.view.runId },
      );
    }
    const spec = parsePolicy(p.policy, p.param);
    if (!spec.ok) return { ok: false, error: fromEngineError(spec.error) };
    const t0 = performance.now();
    const reading = this.readWorkload(p.workloadDir);
    this.reading = reading;
    let read: ApiResult<TraceInput[]>;
    try {
      read = await reading.result;
    } finally {
      this.reading = null;
    }
    if (!read.ok) return read;
    const seed = p.seed ?? 1;
    const started = startConsolidation(read.value, {
      policy: p.policy,
      param: p.param,
      seed,
      native: p.native === true,
    });
    if (!started.ok) return { ok: false, error: fromEngineError(started.error) };
    const run = started.value;
    this.seq += 1;
    const job: Job = {
      view: {
        runId: `run-${this.seq}`,
        policy: run.policy,
        policyName: p.policy.trim().toLowerCase(),
        param: spec.value.kind === 'migration' ? spec.value.param : null,
        mode: run.mode,
        seed,
        workloadDir: p.workloadDir,
        hosts: run.hosts,
        vms: run.vms,
      },
      run,
      status: 'running',
      timeline: [],
      result: null,
      error: null,
      workMs: performance.now() - t0,
      pushed: 0,
      lastPushMs: 0,
      timer: null,
    };
    this.job = job;
    this.schedule(job);
    return apiOk(this.viewOf(job));
  }

  state(): { run: ConsolidationRunView | null; finished: ConsolidationFinishedView[] } {
    return {
      run: this.job ? this.viewOf(this.job) : null,
      finished: this.finished.map((f) => ({ ...f, result: { ...f.result } })),
    };
  }

  /** Stops a running experiment; answers the (last) run, or null when there never was one. */
  cancel(): ConsolidationRunView | null {
    // A start still reading its workload ends with CONFLICT "cancelled" and starts nothing.
    this.reading?.cancel();
    const job = this.job;
    if (!job) return null;
    if (job.status === 'running') {
      if (job.timer) clearImmediate(job.timer);
      job.timer = null;
      job.status = 'cancelled';
      this.push(job);
    }
    return this.viewOf(job);
  }

  clear(): void {
    this.finished = [];
  }

  dispose(): void {
    this.reading?.cancel();
    if (this.job?.timer) clearImmediate(this.job.timer);
    if (this.job?.status === 'running') this.job.status = 'cancelled';
  }

  private schedule(job: Job): void {
    job.timer = setImmediate(() => this.slice(job));
    // A run in progress never keeps a process alive on its own (tests, CLI shutdown).
    job.timer.unref();
  }

  private slice(job: Job): void {
    job.timer = null;
    if (job.status !== 'running' || this.job !== job) return;
    const t0 = performance.now();
    try {
      do {
        const r = job.run.step();
        if (!r.ok) {
          job.status = 'failed';
          job.error = fromEngineError(r.error);
          break;
        }
        if (r.value === null) {
          const res = job.run.finish();
          job.workMs += performance.now() - t0;
          if (!res.ok) {
            job.status = 'failed';
            job.error = fromEngineError(res.error);
          } else {
            job.status = 'done';
            job.result = resultView(res.value, job.workMs);
            this.finished.push({ ...job.view, result: job.result });
            if (this.finished.length > this.keepFinished)
              this.finished.splice(0, this.finished.length - this.keepFinished);
          }
          this.push(job);
          return;
        }
        job.timeline.push(r.value);
      } while (performance.now() - t0 < this.sliceMs);
    } catch (e) {
      job.status = 'failed';
      job.error = {
        code: 'INTERNAL',
        message: `The consolidation run stopped: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
    job.workMs += performance.now() - t0;
    if (job.status !== 'running') {
      this.push(job);
      return;
    }
    const now = performance.now();
    if (now - job.lastPushMs >= this.pushIntervalMs) this.push(job);
    this.schedule(job);
  }

  private push(job: Job): void {
    job.lastPushMs = performance.now();
    const from = job.pushed;
    job.pushed = job.timeline.length;
    this.options.publish({
      runId: job.view.runId,
      status: job.status,
      progress: this.progress(job),
      from,
      points: job.timeline.slice(from),
      result: job.result,
      error: job.error,
    });
  }

  private progress(job: Job): number {
    if (job.status === 'done') return 1;
    const last = job.timeline[job.timeline.length - 1];
    return last ? Math.min(1, last.timeSec / SIMULATED_DAY_SEC) : 0;
  }

  private viewOf(job: Job): ConsolidationRunView {
    return {
      ...job.view,
      status: job.status,
      progress: this.progress(job),
      timeline: job.timeline.slice(),
      result: job.result,
      error: job.error,
    };
  }
}
