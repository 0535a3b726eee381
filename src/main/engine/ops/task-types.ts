/** Task records: the public TaskInfo plus the serialisable state of the operation it carries out. */
import type { TaskInfo } from '../api';

/** The effect applied when a timed task finishes. Plain data so tasks snapshot as JSON. */
export type TimedEffect =
  | { kind: 'vm.powerOn'; vmId: string }
  | { kind: 'vm.powerOff'; vmId: string }
  | { kind: 'vm.suspend'; vmId: string }
  | { kind: 'vm.reset'; vmId: string }
  | { kind: 'vm.ready'; vmId: string; powerOn: boolean }
  | { kind: 'vm.delete'; vmId: string }
  | { kind: 'vm.reconfigure'; vmId: string }
  | { kind: 'vm.coldMigrate'; vmId: string; hostId: string }
  | { kind: 'vm.storageMigrate'; vmId: string; datastoreId: string }
  | { kind: 'container.start'; containerId: string }
  | { kind: 'host.ready'; hostId: string }
  | { kind: 'none' }
  // VM snapshots (ops/snapshots.ts)
  | { kind: 'vm.snapshot'; vmId: string; name: string; description: string; memory: boolean }
  | { kind: 'vm.revert'; vmId: string; snapshotId: string }
  | { kind: 'vm.snapshotDelete'; vmId: string; snapshotId: string }
  | { kind: 'vm.snapshotDeleteAll'; vmId: string }
  | { kind: 'vm.consolidate'; vmId: string };

export interface TimedOp {
  kind: 'timed';
  durationSec: number;
  elapsedSec: number;
  effect: TimedEffect;
}

/** Pre-copy live migration state [docs/model.md § Live migration]. */
export interface LiveMigrationOp {
  kind: 'liveMigrate';
  vmId: string;
  srcHostId: string;
  dstHostId: string;
  /** When the disks move too (migration without shared storage). */
  dstDatastoreId: string | null;
  storageLeftMiB: number;
  round: number;
  /** MiB still to send in the current round. */
  roundLeftMiB: number;
  /** Seconds spent in the current round (pages dirtied meanwhile form the next round). */
  roundSec: number;
  elapsedSec: number;
  copiedMiB: number;
  transferredMiB: number;
  downtimeTargetMs: number;
  maxRounds: number;
  /** Bandwidth granted in the last tick, MiB/s (for display and prediction). */
  lastMiBps: number;
  /** Set by maintenance evacuation: the parent task id. */
  parentTaskId: string | null;
}

export interface EvacuateOp {
  kind: 'evacuate';
  hostId: string;
  childTaskIds: string[];
  elapsedSec: number;
  /** Give up when the host is still not empty after this long. */
  timeoutSec: number;
}

export type TaskOp = TimedOp | LiveMigrationOp | EvacuateOp;

export interface TaskRec extends TaskInfo {
  op: TaskOp;
}
