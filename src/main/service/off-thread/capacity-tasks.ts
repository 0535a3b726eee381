/**
 * The capacity analyses and the capacity sweep in a task thread (issue 21: no request blocks the service
 * more than 100 ms). The service thread reads the live snapshot in slices (the clock held) and flushes
 * the history; here the snapshot is parsed, the workspace opened read-only with a connection of its own,
 * and the analysis answered as on the service thread (../capacity/requests.ts); a sweep is prepared here
 * and its futures run on the sweep's own worker threads (../capacity/sweep-pool.ts).
 */
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';
import type { EngineSnapshot } from '../../engine';
import { Workspace } from '../../store';
import type { CapCtx } from '../capacity/analysis';
import { answerCapacity, type CapacityRequest } from '../capacity/requests';
import { prepareSweep, type SweepOptions, type SweepResult } from '../capacity/sweep';
import { runSweep, SweepCancelled } from '../capacity/sweep-pool';
import { fromStoreError } from '../errors';
import { CONTROL_CANCEL } from './protocol';
import type { TaskSteps } from './tasks';

/** The live state as the service read it: the snapshot's JSON text in chunks, its time, the workspace file. */
export interface LiveInput {
  snapshotChunks: string[];
  time: number;
  /** The live workspace (its history flushed just before), or null for a simulation without a file. */
  workspacePath: string | null;
}

export type CapacityTaskInput =
  | ({ kind: 'capacity'; request: CapacityRequest } & LiveInput)
  | ({
      kind: 'capacity.sweep';
      /** The workspace's file name, as the sweep's origin names it. */
      name: string;
      options: SweepOptions;
      workers: number;
    } & LiveInput);

/** Answers `use` with the capacity context of the live state; the workspace connection is closed after. */
function withContext<T>(input: LiveInput, use: (ctx: CapCtx) => ApiResult<T>): ApiResult<T> {
  const snapshot = JSON.parse(input.snapshotChunks.join('')) as EngineSnapshot;
  const opened = input.workspacePath
    ? Workspace.open(input.workspacePath, { readOnly: true, check: 'none' })
    : null;
  if (opened && !opened.ok) return { ok: false, error: fromStoreError(opened.error) };
  const ws = opened?.value ?? null;
  try {
    return use({ snapshot, time: input.time, workspace: ws });
  } finally {
    ws?.close();
  }
}

export function* capacityTaskSteps(input: CapacityTaskInput, control: () => number): TaskSteps {
  if (input.kind === 'capacity') {
    yield { progress: 0.1, label: 'Analysing the capacity' };
    return withContext(input, (ctx) => answerCapacity(ctx, input.request));
  }
  yield { progress: 0.02, label: 'Preparing the sweep' };
  const prepared = withContext(input, (ctx) => apiOk(prepareSweep(ctx, input.name, input.options)));
  if (!prepared.ok) return prepared;
  const abort = new AbortController();
  let progress = 0;
  let out: { result: SweepResult } | { error: unknown } | null = null;
  const run = runSweep(prepared.value, {
    workers: input.workers,
    signal: abort.signal,
    onProgress: (done, total) => (progress = total > 0 ? done / total : 1),
  }).then(
    (result) => (out = { result }),
    (error: unknown) => (out = { error }),
  );
  try {
    while (out === null) {
      if (control() === CONTROL_CANCEL) abort.abort();
      // Wakes when the futures are done, or every 100 ms to report their progress.
      yield Promise.race([run, new Promise((r) => setTimeout(r, 100))]);
      yield { progress, label: 'Running the futures' };
    }
  } finally {
    // Ended early (cancelled): the futures' threads stop.
    if (out === null) abort.abort();
  }
  const done = out as { result: SweepResult } | { error: unknown };
  if ('result' in done) return apiOk(done.result);
  const e = done.error;
  return e instanceof SweepCancelled
    ? apiErr('CONFLICT', 'cancelled')
    : apiErr('INTERNAL', e instanceof Error ? e.message : String(e));
}
