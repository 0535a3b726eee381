/**
 * The service's capacity backtest (`capacity.backtest.*`): one at a time, run as a job of the service's
 * job mechanism (../jobs.ts) in a thread of its own (../off-thread: building the scenario's engine and
 * running it are steps the service thread never waits on), so requests and the workspace clock keep
 * flowing; progress and the result are read with `state()`, `cancel()` stops it.
 */
import type { BacktestJobView } from '../../../shared/contract-backtest';
import { builtinScenario, builtinScenarios } from '../../engine';
import type { Jobs } from '../jobs';
import { runTaskJob } from '../off-thread/run-task';
import type { BacktestResult } from './backtest';

export class BacktestJobError extends Error {}

export class BacktestJobs {
  private job: { view: BacktestJobView; jobId: string | null } | null = null;
  private nextId = 1;

  constructor(private readonly jobs: Jobs) {}

  start(p: {
    scenario: string;
    historyDays: number;
    horizonDays: number;
    seed?: number | undefined;
  }): BacktestJobView {
    if (!builtinScenario(p.scenario))
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
    const job: { view: BacktestJobView; jobId: string | null } = { view, jobId: null };
    this.job = job;
    void runTaskJob<BacktestResult>(
      this.jobs,
      'capacity.backtest',
      `Backtest of ${p.scenario}: ${p.historyDays} + ${p.horizonDays} days`,
      {
        kind: 'backtest',
        scenario: p.scenario,
        historyDays: p.historyDays,
        horizonDays: p.horizonDays,
        ...(p.seed === undefined ? {} : { seed: p.seed }),
      },
      { onJob: (id) => (job.jobId = id) },
    ).then((r) => {
      if (job.view.status !== 'running') return;
      if (r.ok) {
        job.view.result = r.value as BacktestJobView['result'];
        job.view.status = 'done';
        job.view.progress = 1;
      } else {
        job.view.status = 'error';
        job.view.error = r.error.message;
      }
    });
    return { ...view };
  }

  state(): BacktestJobView | null {
    const job = this.job;
    if (!job) return null;
    if (job.view.status === 'running' && job.jobId) {
      const j = this.jobs.list().find((x) => x.id === job.jobId);
      if (j) job.view.progress = Math.min(j.progress, 0.999);
    }
    return { ...job.view };
  }

  cancel(): BacktestJobView | null {
    const job = this.job;
    if (!job) return null;
    if (job.view.status === 'running') {
      if (job.jobId) this.jobs.cancel(job.jobId);
      job.view.status = 'cancelled';
    }
    return { ...job.view };
  }

  dispose(): void {
    this.cancel();
  }
}
