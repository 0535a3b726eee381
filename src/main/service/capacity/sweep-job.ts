/**
 * The console's capacity sweep: one at a time per service, run off the service's own thread as a job of
 * the service's job mechanism (../jobs.ts: listed by `jobs.list`, pushed as `jobs`, stoppable by
 * `jobs.cancel`). The live snapshot is read in slices (the clock held; ./live-analysis.ts); a task thread
 * prepares the sweep from it (the growth fits read the history) and runs the futures on the sweep's
 * worker threads (./sweep-pool.ts). `capacity.sweep.start` answers at once; the console polls
 * `capacity.sweep.state` for the progress and the result, and `capacity.sweep.cancel` stops it.
 */
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';
import type { SweepState } from '../../../shared/contract-capacity';
import type { Jobs } from '../jobs';
import type { TaskRun } from '../off-thread/run-task';
import type { Session } from '../session';
import type { LiveAnalysis } from './live-analysis';
import { SWEEP_DEFAULTS, type SweepResult } from './sweep';
import { defaultWorkers } from './sweep-pool';

const isoAt = (startEpochMs: number, timeSec: number) =>
  new Date(startEpochMs + timeSec * 1000).toISOString();

export class SweepJob {
  private current: SweepState | null = null;
  private jobId: string | null = null;

  constructor(
    private readonly jobs: Jobs,
    private readonly live: LiveAnalysis,
  ) {}

  state(): SweepState | null {
    return this.current ? { ...this.current } : null;
  }

  start(
    session: Session,
    name: string,
    p: { runs: number; horizonDays: number; seed: number; workers?: number | undefined },
  ): ApiResult<SweepState> {
    if (this.current?.status === 'running')
      return apiErr(
        'INVALID_STATE',
        'A capacity sweep is already running; cancel it or wait for it to finish.',
      );
    const workers = p.workers ?? defaultWorkers();
    const options = { ...SWEEP_DEFAULTS, runs: p.runs, horizonDays: p.horizonDays, seed: p.seed };
    const startEpochMs = session.engine.startEpochMs;
    const st: SweepState = {
      status: 'running',
      runs: p.runs,
      horizonDays: p.horizonDays,
      seed: p.seed,
      workers,
      progress: 0,
      error: null,
      clusters: null,
      // The time the snapshot is read at (set again then: a tick may run before the reading starts).
      startIso: isoAt(startEpochMs, session.engine.time),
    };
    let cancelled = false;
    this.jobId = null;
    const finished = this.jobs.runTask<SweepResult>(
      'capacity.sweep',
      `Capacity sweep: ${p.runs} futures × ${p.horizonDays} days`,
      (progress) => {
        let run: TaskRun<SweepResult> | null = null;
        const result = this.live.inThread<SweepResult>(
          session,
          (live) => {
            st.startIso = isoAt(startEpochMs, live.time);
            return { kind: 'capacity.sweep', name, options, workers, ...live };
          },
          (fraction) => {
            st.progress = fraction;
            progress(fraction);
          },
          (r) => {
            run = r;
            if (cancelled) r.cancel();
          },
        );
        return {
          result,
          cancel: () => {
            cancelled = true;
            run?.cancel();
          },
        };
      },
      { onJob: (id) => (this.jobId = id) },
    );
    void finished.then((r) => {
      if (r.ok) {
        st.status = 'done';
        st.progress = 1;
        st.clusters = r.value.clusters;
      } else if (st.status === 'running') {
        // jobs.cancel and capacity.sweep.cancel both cancel the job; anything else (the job limit, an error) fails.
        st.status = cancelled ? 'cancelled' : 'failed';
        st.error = st.status === 'failed' ? r.error.message : null;
      }
    });
    this.current = st;
    return apiOk({ ...st });
  }

  cancel(): SweepState | null {
    if (this.current?.status === 'running' && this.jobId !== null) this.jobs.cancel(this.jobId);
    return this.state();
  }
}
