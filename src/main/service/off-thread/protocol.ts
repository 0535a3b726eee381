/**
 * Heavy steps of long operations run in a worker thread of their own (./task-worker.ts), so the service
 * thread never blocks on them (issue 21: no request blocks the service more than 100 ms): building or
 * restoring a large engine, replaying a recording, copying a workspace file, running a what-if branch,
 * a capacity backtest. The service thread only starts the task, relays its progress and can stop it.
 */
import type { ApiResult } from '../../../shared/errors';
import type { WhatIfChange } from '../../../shared/contract-capacity';
import type { WhatIfLimits } from '../capacity/whatif';
import type { FileTaskInput } from './file-tasks';
import type { CapacityTaskInput } from './capacity-tasks';

export type TaskInput =
  | {
      kind: 'replay';
      scenario: unknown;
      seed: number;
      commands: { tick: number; command: unknown }[];
      untilTick: number;
    }
  | {
      kind: 'whatif.create';
      parentPath: string;
      /** The parent's tick the branch starts from (its history flushed up to it by the service just before). */
      branchTick: number;
      name: string;
      changes: WhatIfChange[];
      limits?: WhatIfLimits;
    }
  | { kind: 'whatif.run'; parentPath: string; id: string; days: number; tickSeconds?: number }
  | {
      kind: 'backtest';
      scenario: string;
      historyDays: number;
      horizonDays: number;
      seed?: number;
    }
  | {
      /** Open (or first create) a workspace and restore its engine, for the service (workspace-load.ts). */
      kind: 'workspace.load';
      path: string;
      /**
       * Create the file first from this scenario (JSON text: an import's is never parsed on the service
       * thread), named `name`, with `seed` if given.
       */
      create?: { scenarioJson: string; name: string; seed?: number };
      /** Open a copy of this workspace made first at `path` (demo.branch; the file is flushed). */
      copyFrom?: string;
    }
  /** Read and check a consolidation workload folder (consolidation.start: any folder, read here). */
  | { kind: 'consolidation.workload'; dir: string }
  | FileTaskInput
  | CapacityTaskInput;

export type TaskKind = TaskInput['kind'];

/** workerData of the task thread. */
export interface TaskWorkerData {
  input: TaskInput;
  /** Int32Array over it: [0] = CONTROL_RUN / CONTROL_STOP / CONTROL_CANCEL, written by the service. */
  control: SharedArrayBuffer;
  /** The desktop's SQLite build for Electron (src/main/store/sqlite.ts), when one is set. */
  sqliteNativeBinding?: string;
}

export const CONTROL_RUN = 0;
/** Finish early and keep what was done (whatif.cancel: the branch keeps the ticks it ran). */
export const CONTROL_STOP = 1;
/** Give up and leave everything as it was (jobs.cancel). */
export const CONTROL_CANCEL = 2;

export type FromTask =
  | { type: 'started'; threadId: number }
  | { type: 'progress'; progress: number; label?: string; done?: number; total?: number }
  | { type: 'result'; result: ApiResult<unknown> };

/** Buffers a task's result hands over by transfer instead of copy (see withTransfer). */
const transfers = new WeakMap<object, ArrayBuffer[]>();

/**
 * Marks `result` (a task's answer) to be posted with `buffers` transferred, not copied: the receiving
 * (service) thread then gets them without a clone of their bytes. The buffers are unusable here after.
 */
export function withTransfer<T extends object>(result: T, buffers: readonly ArrayBufferLike[]): T {
  const own = [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  transfers.set(result, own);
  return result;
}

/** The buffers `withTransfer` marked on `result` (none when it marked nothing). */
export function transferListOf(result: unknown): ArrayBuffer[] {
  return result !== null && typeof result === 'object' ? (transfers.get(result) ?? []) : [];
}
