/**
 * The work of each off-thread task (./protocol.ts), as generators: each yields its progress after a small
 * step, so the thread running it can report progress and honour a stop or cancel between steps. Run by
 * ./task-worker.ts in a worker thread; never on the service thread.
 */
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';
import { builtinScenario, builtinScenarios } from '../../engine';
import { replayLogSteps } from '../demo/headless';
import { createBranchFromCopySteps, runBranchSteps, BranchError } from '../capacity/whatif';
import { startBacktest } from '../capacity/backtest';
import { loadWorkspaceSteps } from '../workspace-load';
import { CONTROL_STOP, type TaskInput } from './protocol';
import { fileTaskSteps } from './file-tasks';
import { loadWorkloadFolder, workloadResult } from '../consolidation/workload-folder';
import { capacityTaskSteps } from './capacity-tasks';

/** Progress with a tick count (whatif.progress shows done/total ticks). */
export type TaskProgress = { progress: number; label?: string; done?: number; total?: number };
/** A step may yield a promise (async work such as writing a workbook): the thread waits for it. */
export type TaskSteps = Generator<TaskProgress | void | Promise<unknown>, ApiResult<unknown>, void>;

const branchErr = (e: unknown): ApiResult<never> => {
  if (e instanceof BranchError) return apiErr(e.code, e.message);
  throw e;
};

/** `control()` reads the service's request: CONTROL_RUN, CONTROL_STOP or CONTROL_CANCEL. */
export function* taskSteps(input: TaskInput, control: () => number): TaskSteps {
  switch (input.kind) {
    case 'replay': {
      const replay = yield* replayLogSteps(
        input.scenario as never,
        input.seed,
        input.commands,
        input.untilTick,
      );
      if (!replay.ok) return replay;
      return apiOk({ runHash: replay.value.runHash() });
    }
    case 'whatif.create':
      try {
        return apiOk(
          yield* createBranchFromCopySteps(
            input.parentPath,
            input.branchTick,
            input.name,
            input.changes,
            input.limits,
          ),
        );
      } catch (e) {
        return branchErr(e);
      }
    case 'whatif.run': {
      // A stop (whatif.cancel) ends the run at the next tick and keeps what it ran.
      const stop = new AbortController();
      let total = 0;
      try {
        const steps = runBranchSteps(
          input.parentPath,
          input.id,
          input.days,
          input.tickSeconds,
          (_done, t) => (total = t),
          stop.signal,
        );
        for (;;) {
          if (control() === CONTROL_STOP) stop.abort();
          const r = steps.next();
          if (r.done) return apiOk(r.value);
          if (r.value) {
            const done = total > 0 ? Math.round(r.value.progress * total) : 0;
            yield { ...r.value, done, total };
          }
        }
      } catch (e) {
        return branchErr(e);
      }
    }
    case 'backtest': {
      const scenario = builtinScenario(input.scenario);
      if (!scenario)
        return apiErr(
          'INVALID_ARGUMENT',
          `Unknown scenario "${input.scenario}"; built-ins: ${builtinScenarios.map((b) => b.id).join(', ')}.`,
        );
      yield { progress: 0, label: 'Building the scenario' };
      let run;
      try {
        run = startBacktest({
          scenario,
          scenarioName: input.scenario,
          historyDays: input.historyDays,
          horizonDays: input.horizonDays,
          seed: input.seed,
        });
      } catch (e) {
        return apiErr('INVALID_ARGUMENT', e instanceof Error ? e.message : String(e));
      }
      while (!run.advance(6)) yield { progress: run.doneTicks / run.totalTicks };
      return apiOk(run.result());
    }
    case 'workspace.load':
      return yield* loadWorkspaceSteps(input);
    case 'consolidation.workload':
      return workloadResult(loadWorkloadFolder(input.dir));
    case 'report':
    case 'inventory.export':
    case 'workspace.copy':
      return yield* fileTaskSteps(input);
    case 'capacity':
    case 'capacity.sweep':
      return yield* capacityTaskSteps(input, control);
  }
}
