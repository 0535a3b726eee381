/** Starting live migrations and finishing them (the VM ends on exactly one host either way). */
import { diskFootprintGiB } from './snapshots';
import type { VmRec } from '../world/types';
import type { World } from '../world/world';
import { finishTask, newTask } from './tasks';
import type { LiveMigrationOp, TaskRec } from './task-types';
import { msg, type Msg } from '../messages';

export function queueLiveMigration(
  w: World,
  vm: VmRec,
  dstHostId: string,
  dstDatastoreId: string | null,
  parentTaskId: string | null,
): TaskRec {
  const dst = w.hostById.get(dstHostId);
  const cl = w.clusterOfHost(dstHostId);
  const storageMiB = dstDatastoreId === null ? 0 : diskFootprintGiB(vm) * 1024;
  const op: LiveMigrationOp = {
    kind: 'liveMigrate',
    vmId: vm.id,
    srcHostId: vm.hostId,
    dstHostId,
    dstDatastoreId,
    storageLeftMiB: storageMiB,
    round: 0,
    roundLeftMiB: Math.max(1, vm.memWantMiB || vm.memMiB),
    roundSec: 0,
    elapsedSec: 0,
    copiedMiB: 0,
    transferredMiB: 0,
    downtimeTargetMs: cl?.settings.migration.downtimeTargetMs ?? 500,
    maxRounds: cl?.settings.migration.maxRounds ?? 30,
    lastMiBps: 0,
    parentTaskId,
  };
  const t = newTask(
    w,
    'vm.migrate',
    msg(dstDatastoreId ? 'task.migrateStorage' : 'task.migrate', {
      vm: vm.name,
      host: dst?.name ?? dstHostId,
    }),
    vm.id,
    op,
  );
  vm.busyTaskId = t.id;
  vm.migratingTo = dstHostId;
  return t;
}

/** Ends a migration: success moves the VM, failure leaves it on the source. */
export function endLiveMigration(
  w: World,
  t: TaskRec,
  op: LiveMigrationOp,
  outcome: { ok: true; downtimeMs: number } | { ok: false; reason: string | Msg; cancelled?: boolean },
): void {
  const vm = w.vmById.get(op.vmId);
  if (vm) {
    vm.busyTaskId = null;
    vm.migratingTo = null;
  }
  if (outcome.ok && vm) {
    const src = w.hostById.get(op.srcHostId);
    const dst = w.hostById.get(op.dstHostId);
    vm.hostId = op.dstHostId;
    if (op.dstDatastoreId !== null) for (const d of vm.disks) d.datastoreId = op.dstDatastoreId;
    w.version++;
    const reason = msg('reason.migratedSent', {
      sec: op.elapsedSec.toFixed(1),
      rounds: op.round,
      sent: msg('unit.MiB', { v: Number(op.transferredMiB.toFixed(0)) }),
      downtime: outcome.downtimeMs.toFixed(0),
    });
    finishTask(w, t, 'success', reason, w.timeSec + w.tickSeconds);
    w.event(
      'info',
      'vm.migrated',
      msg('ev.vmMigrated', {
        vm: vm.name,
        from: src?.name ?? op.srcHostId,
        to: dst?.name ?? op.dstHostId,
        result: reason,
      }),
      [vm.id, op.srcHostId, op.dstHostId],
    );
  } else {
    const cancelled = !outcome.ok && outcome.cancelled === true;
    finishTask(
      w,
      t,
      cancelled ? 'cancelled' : 'error',
      outcome.ok ? msg('reason.vmGone') : outcome.reason,
      w.timeSec + w.tickSeconds,
    );
  }
}
