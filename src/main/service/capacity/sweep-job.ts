/**
 * The console's capacity sweep: one at a time per service, run on worker threads off the service's own
 * thread (./sweep-pool.ts) as a job of the service's job mechanism (../jobs.ts: listed by `jobs.list`,
 * pushed as `jobs`, stoppable by `jobs.cancel`). `capacity.sweep.start` answers at once; the console
 * polls `capacity.sweep.state` for the progress and the result, and `capacity.sweep.cancel` stops it.
 */
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';
import type { SweepState } from '../../../shared/contract-capacity';
import type { Jobs } from '../jobs';
import type { CapCtx } from './analysis';
import { prepareSweep, SWEEP_DEFAULTS, type SweepResult } from './sweep';
import { defaultWorkers, runSweep, SweepCancelled } from './sweep-pool';

export class SweepJob {
  private current: SweepState | null = null;
  private abort: AbortController | null = null;

  constructor(private readonly jobs: Jobs) {}

  state(): SweepState | null {
    return this.current ? { ...this.current } : null;
  }

  start(
    ctx: CapCtx,
    name: string,
    p: { runs: number; horizonDays: number; seed: number; workers?: number | undefined },
  ): ApiResult<SweepState> {
    if (this.current?.status === 'running')
      return apiErr(
        'INVALID_STATE',
        'A capacity sweep is already running; cancel it or wait for it to finish.',
      );
    const workers = p.workers ?? defaultWorkers();
    const input = prepareSweep(ctx, name, {
      ...SWEEP_DEFAULTS,
      runs: p.runs,
      horizonDays: p.horizonDays,
      seed: p.seed,
    });
    const abort = new AbortController();
    const st: SweepState = {
      status: 'running',
      runs: p.runs,
      horizonDays: p.horizonDays,
      seed: p.seed,
      workers,
      progress: 0,
      error: null,
      clusters: null,
      startIso: new Date(input.origin.startEpochMs + input.origin.timeSec * 1000).toISOString(),
    };
    const finished = this.jobs.runTask<SweepResult>(
      'capacity.sweep',
      `Capacity sweep: ${p.runs} futures × ${p.horizonDays} days`,
      (progress) => ({
        result: runSweep(input, {
          workers,
          signal: abort.signal,
          onProgress: (done, total) => {
            st.progress = total > 0 ? done / total : 1;
            progress(st.progress);
          },
        }).then(
          (r) => apiOk(r),
          (e: unknown) =>
            e instanceof SweepCancelled
              ? apiErr('CONFLICT', 'cancelled')
              : apiErr('INTERNAL', e instanceof Error ? e.message : String(e)),
        ),
        cancel: () => abort.abort(),
      }),
    );
    void finished.then((r) => {
      if (r.ok) {
        st.status = 'done';
        st.progress = 1;
        st.clusters = r.value.clusters;
      } else if (st.status === 'running') {
        // jobs.cancel and capacity.sweep.cancel both abort; anything else (the job limit, an error) fails.
        st.status = abort.signal.aborted ? 'cancelled' : 'failed';
        st.error = st.status === 'failed' ? r.error.message : null;
      }
    });
    this.abort = abort;
    this.current = st;
    return apiOk({ ...st });
  }

  cancel(): SweepState | null {
    if (this.current?.status === 'running') this.abort?.abort();
    return this.state();
  }
}
