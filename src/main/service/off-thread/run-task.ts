/**
 * Starts an off-thread task (./protocol.ts) in a worker thread of its own and relays its progress. The
 * service thread only posts the input and receives small messages; it can ask the task to stop (keep what
 * it did) or cancel (leave everything as it was) — the task checks between steps — and terminates the
 * thread if it does not end within CANCEL_GRACE_MS of a cancel (service shutdown never waits on it long).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { apiErr, type ApiResult } from '../../../shared/errors';
import type { JobOptions, Jobs } from '../jobs';
import { sqliteNativeBinding } from '../../store';
import { CONTROL_CANCEL, CONTROL_STOP, type FromTask, type TaskInput, type TaskWorkerData } from './protocol';

const CANCEL_GRACE_MS = 2000;

/** The worker's entry: the bundled file beside this code in a build, the TypeScript source under tsx/vitest. */
function makeTaskWorker(data: TaskWorkerData): Worker {
  const bundled = [join(__dirname, 'task-worker.js'), join(__dirname, '..', 'task-worker.js')].find((f) =>
    existsSync(f),
  );
  if (bundled) return new Worker(bundled, { workerData: data });
  const source = join(__dirname, 'task-worker.ts');
  if (existsSync(source))
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, {
      eval: true,
      workerData: data,
    });
  throw new Error(
    `Cannot find the task worker (looked for task-worker.js beside ${__dirname} and for ${source}).`,
  );
}

export interface TaskProgressReport {
  progress: number;
  label?: string;
  done?: number;
  total?: number;
}

export interface TaskRun<T> {
  result: Promise<ApiResult<T>>;
  /** Finish early and keep what was done (only tasks that can: whatif.run). */
  stop(): void;
  /** Give up; the result answers CONFLICT "cancelled". */
  cancel(): void;
  /** The thread the task runs in, once it started (never the service's). */
  readonly threadId: number | null;
}

export function runTaskOffThread<T>(
  input: TaskInput,
  onProgress: (p: TaskProgressReport) => void = () => undefined,
): TaskRun<T> {
  const control = new SharedArrayBuffer(4);
  const flag = new Int32Array(control);
  const binding = sqliteNativeBinding();
  let worker: Worker | null = null;
  let threadId: number | null = null;
  let killTimer: NodeJS.Timeout | null = null;
  const result = new Promise<ApiResult<T>>((resolve) => {
    try {
      worker = makeTaskWorker({ input, control, ...(binding ? { sqliteNativeBinding: binding } : {}) });
    } catch (e) {
      resolve(apiErr('INTERNAL', e instanceof Error ? e.message : String(e)));
      return;
    }
    let done = false;
    const finish = (r: ApiResult<T>) => {
      if (done) return;
      done = true;
      if (killTimer) clearTimeout(killTimer);
      resolve(r);
      void worker?.terminate();
    };
    const w = worker;
    w.on('message', (m: FromTask) => {
      if (m.type === 'started') threadId = m.threadId;
      else if (m.type === 'progress') onProgress(m);
      else finish(m.result as ApiResult<T>);
    });
    w.once('error', (e: Error) =>
      finish(apiErr('INTERNAL', `${input.kind} failed in its thread: ${e.message}`)),
    );
    w.once('exit', () =>
      finish(
        Atomics.load(flag, 0) === CONTROL_CANCEL
          ? apiErr('CONFLICT', 'cancelled')
          : apiErr('INTERNAL', `${input.kind} stopped unexpectedly.`),
      ),
    );
  });
  return {
    result,
    get threadId() {
      return threadId;
    },
    stop: () => {
      if (Atomics.load(flag, 0) === 0) Atomics.store(flag, 0, CONTROL_STOP);
    },
    cancel: () => {
      Atomics.store(flag, 0, CONTROL_CANCEL);
      if (killTimer) return;
      // A task stuck in one long step (a huge file copy) is terminated; it has written nothing it needed to undo yet, or SQLite rolls it back.
      killTimer = setTimeout(() => void worker?.terminate(), CANCEL_GRACE_MS);
      killTimer.unref();
    },
  };
}

/**
 * Runs an off-thread task as a job of the service's one job mechanism (../jobs.ts): listed, pushed and
 * cancellable like every job; `key` keeps one running job per key (e.g. per what-if branch).
 */
export function runTaskJob<T>(
  jobs: Jobs,
  kind: string,
  label: string,
  input: TaskInput,
  opts: JobOptions = {},
): Promise<ApiResult<T>> {
  return jobs.runTask<T>(kind, label, (progress) => runTaskOffThread<T>(input, progress), opts);
}
