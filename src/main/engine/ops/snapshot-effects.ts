/** What the snapshot tasks do when they finish (ops/snapshots.ts has the model). */
import { haAdmissionReasons } from '../scheduling';
import { LoadBook, vmDemand } from '../world/admission';
import type { World } from '../world/world';
import { msg, reasonList, type Msg } from '../messages';
import {
  deleteAllSnapshots,
  deleteSnapshot,
  findSnapshot,
  mergeIntoBase,
  takeSnapshot,
  tidySnapshots,
} from './snapshots';
import type { TimedEffect } from './task-types';

type SnapEffect = Extract<
  TimedEffect,
  { kind: 'vm.snapshot' | 'vm.revert' | 'vm.snapshotDelete' | 'vm.snapshotDeleteAll' | 'vm.consolidate' }
>;

export function applySnapshotEffect(w: World, e: SnapEffect): string | null {
  const vm = w.vmById.get(e.vmId);
  if (!vm) return 'the VM no longer exists';
  vm.busyTaskId = null;
  switch (e.kind) {
    case 'vm.snapshot': {
      const x = takeSnapshot(vm, e.name, e.description, e.memory, w.timeSec);
      w.event(
        'info',
        'vm.snapshot.created',
        msg(x.memory ? 'ev.snapshotCreatedMem' : 'ev.snapshotCreated', { snapshot: x.name, vm: vm.name }),
        [vm.id],
      );
      return null;
    }
    case 'vm.revert': {
      const x = findSnapshot(vm, e.snapshotId);
      if (!x) return `snapshot ${e.snapshotId} of ${vm.name} no longer exists`;
      const s = vm.snap!;
      s.runningDeltaGiB = 0;
      s.currentId = x.id;
      const target = x.memory ? x.power : 'poweredOff';
      vm.memSwappedMiB = 0;
      vm.memCompressedMiB = 0;
      vm.paused = false;
      if (target === 'poweredOn' && vm.power !== 'poweredOn') {
        const host = w.hostById.get(vm.hostId);
        const book = new LoadBook(w);
        const reasons: (string | Msg)[] = host
          ? [...book.admit(host, vmDemand(vm)), ...haAdmissionReasons(w, book, host, vmDemand(vm))]
          : ['the VM has no host'];
        if (host?.state !== 'connected' || reasons.length > 0) {
          vm.power = 'poweredOff';
          vm.poweredOnAt = null;
          w.event(
            'warning',
            'vm.snapshot.reverted',
            msg('ev.snapshotRevertedOff', {
              vm: vm.name,
              snapshot: x.name,
              reason:
                reasonList(reasons) ||
                msg('reason.hostIs', { state: host ? msg(`hostState.${host.state}` as const) : 'missing' }),
            }),
            [vm.id],
          );
          return null;
        }
        vm.poweredOnAt = w.timeSec;
      }
      if (target !== 'poweredOn') vm.poweredOnAt = null;
      vm.power = target;
      w.event('info', 'vm.snapshot.reverted', msg('ev.snapshotReverted', { vm: vm.name, snapshot: x.name }), [
        vm.id,
      ]);
      return null;
    }
    case 'vm.snapshotDelete': {
      const x = findSnapshot(vm, e.snapshotId);
      if (!x) return `snapshot ${e.snapshotId} of ${vm.name} no longer exists`;
      deleteSnapshot(w, vm, x);
      w.event('info', 'vm.snapshot.deleted', msg('ev.snapshotDeleted', { snapshot: x.name, vm: vm.name }), [
        vm.id,
      ]);
      return null;
    }
    case 'vm.snapshotDeleteAll': {
      deleteAllSnapshots(w, vm);
      w.event('info', 'vm.snapshot.deletedAll', msg('ev.snapshotsDeletedAll', { vm: vm.name }), [vm.id]);
      return null;
    }
    case 'vm.consolidate': {
      const s = vm.snap;
      if (!s || s.orphanGiB <= 0) return null;
      if (!mergeIntoBase(w, vm, s.orphanGiB)) return `the disks of ${vm.name} could not be consolidated`;
      tidySnapshots(vm);
      w.event('info', 'vm.consolidated', msg('ev.vmConsolidated', { vm: vm.name }), [vm.id]);
      return null;
    }
  }
}
