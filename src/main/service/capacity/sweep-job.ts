/**
 * The console's capacity sweep: one at a time per service, run on worker threads off the service's own
 * thread (./sweep-pool.ts), watched by polling `capacity.sweep.state`, stopped by `capacity.sweep.cancel`.
 */
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';
import type { SweepState } from '../../../shared/contract-capacity';
import type { CapCtx } from './analysis';
import { prepareSweep, SWEEP_DEFAULTS } from './sweep';
import { defaultWorkers, runSweep, SweepCancelled } from './sweep-pool';

export class SweepJob {
  private current: SweepState | null = null;
  private abort: AbortController | null = null;

  state(): SweepState | null {
    return this.current;
  }

  start(ctx: CapCtx, name: string, p: { runs: number; horizonDays: number; seed: number; workers?: number | undefined }): ApiResult<SweepState> {
    if (this.current?.status === 'running') return apiErr('INVALID_STATE', 'A capacity sweep is already running; cancel it or wait for it to finish.');
    const workers = p.workers ?? defaultWorkers();
    const input = prepareSweep(ctx, name, { ...SWEEP_DEFAULTS, runs: p.runs, horizonDays: p.horizonDays, seed: p.seed });
    const abort = new AbortController();
    this.abort = abort;
    const st: SweepState = { status: 'running', runs: p.runs, horizonDays: p.horizonDays, seed: p.seed, workers, progress: 0, error: null, clusters: null };
    this.current = st;
    runSweep(input, { workers, signal: abort.signal, onProgress: (done, total) => (st.progress = total > 0 ? done / total : 1) }).then(
      (r) => {
        st.status = 'done';
        st.progress = 1;
        st.clusters = r.clusters;
      },
      (e: unknown) => {
        st.status = e instanceof SweepCancelled ? 'cancelled' : 'failed';
        st.error = e instanceof SweepCancelled ? null : e instanceof Error ? e.message : String(e);
      },
    );
    return apiOk({ ...st });
  }

  cancel(): SweepState | null {
    if (this.current?.status === 'running') this.abort?.abort();
    return this.current ? { ...this.current } : null;
  }
}
