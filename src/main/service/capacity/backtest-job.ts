/**
 * The service's capacity backtest (`capacity.backtest.*`): one job at a time, run in slices of about 20 ms
 * of work that yield to the event loop between them (as the consolidation runner does), so requests and
 * the workspace clock keep flowing; progress and the result are read with `state()`, `cancel()` stops it.
 */
import { performance } from 'node:perf_hooks';
import type { BacktestJobView } from '../../../shared/contract-backtest';
import { builtinScenario, builtinScenarios } from '../../engine';
import { startBacktest, type BacktestRun } from './backtest';

export class BacktestJobError extends Error {}

export class BacktestJobs {
  private job: { view: BacktestJobView; run: BacktestRun | null; timer: NodeJS.Immediate | null } | null =
    null;
  private nextId = 1;

  constructor(private readonly sliceMs = 20) {}

  start(p: {
    scenario: string;
    historyDays: number;
    horizonDays: number;
    seed?: number | undefined;
  }): BacktestJobView {
    const scenario = builtinScenario(p.scenario);
    if (!scenario)
      throw new BacktestJobError(
        `Unknown scenario "${p.scenario}"; built-ins: ${builtinScenarios.map((b) => b.id).join(', ')}.`,
      );
    if (this.job?.view.status === 'running') this.cancel();
    const view: BacktestJobView = {
      id: this.nextId++,
      scenario: p.scenario,
      historyDays: p.historyDays,
      horizonDays: p.horizonDays,
      status: 'running',
      progress: 0,
      result: null,
      error: null,
    };
    const job: { view: BacktestJobView; run: BacktestRun | null; timer: NodeJS.Immediate | null } = {
      view,
      run: null,
      timer: null,
    };
    let created = false;
    this.job = job;
    const slice = (): void => {
      job.timer = null;
      if (this.job !== job || job.view.status !== 'running') return;
      const t0 = performance.now();
      try {
        // The engine is built in the first slice, not in the request (the enterprise scenario takes about
        // 0.5 s to build); every later slice stops after about sliceMs (at least one tick).
        if (!created) {
          created = true;
          job.run = startBacktest({
            scenario,
            scenarioName: p.scenario,
            historyDays: p.historyDays,
            horizonDays: p.horizonDays,
            seed: p.seed,
          });
          job.timer = setImmediate(slice);
          return;
        }
        if (!job.run) return;
        let done = false;
        while (!done && performance.now() - t0 < this.sliceMs) done = job.run.advance(6);
        job.view.progress = job.run.doneTicks / job.run.totalTicks;
        if (done) {
          job.view.result = job.run.result();
          job.view.status = 'done';
          job.view.progress = 1;
          job.run = null;
          return;
        }
      } catch (e) {
        job.view.status = 'error';
        job.view.error = e instanceof Error ? e.message : String(e);
        job.run = null;
        return;
      }
      job.timer = setImmediate(slice);
    };
    job.timer = setImmediate(slice);
    return { ...view };
  }

  state(): BacktestJobView | null {
    return this.job ? { ...this.job.view } : null;
  }

  cancel(): BacktestJobView | null {
    const job = this.job;
    if (!job) return null;
    if (job.view.status === 'running') {
      if (job.timer) clearImmediate(job.timer);
      job.timer = null;
      job.run = null;
      job.view.status = 'cancelled';
    }
    return { ...job.view };
  }

  dispose(): void {
    this.cancel();
  }
}
