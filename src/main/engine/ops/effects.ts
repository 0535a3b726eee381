/** What a timed task does when it finishes. Returns an error reason, or null on success. */
import { haAdmissionReasons } from '../scheduling';
import { LoadBook, vmDemand } from '../world/admission';
import { invalidateDemandFrame } from '../world/demand-frame';
import type { World } from '../world/world';
import { BOOT_SEC } from '../physics/demand';
import { removeVm } from './inventory';
import type { TimedEffect } from './task-types';
import { applySnapshotEffect } from './snapshot-effects';
import { msg, msgList, type Msg } from '../messages';

export function applyEffect(w: World, e: TimedEffect): string | Msg | null {
  // A guest may change power or state here, after this tick's physics sampled it for DRS/DPM.
  invalidateDemandFrame(w);
  switch (e.kind) {
    case 'vm.powerOn':
    case 'vm.ready': {
      const vm = w.vmById.get(e.vmId);
      if (!vm) return 'the VM no longer exists';
      vm.busyTaskId = null;
      if (e.kind === 'vm.ready' && !e.powerOn) return null;
      const host = w.hostById.get(vm.hostId);
      if (!host) return 'the VM has no host';
      const book = new LoadBook(w);
      const reasons = [...book.admit(host, vmDemand(vm)), ...haAdmissionReasons(w, book, host, vmDemand(vm))];
      if (reasons.length > 0)
        return msg('refuse.powerOnFailed', { vm: vm.name, host: host.name, reasons: msgList(reasons) });
      // A cold power-on boots the guest; resuming a suspended VM does not.
      if (vm.power !== 'suspended') vm.bootUntil = w.timeSec + w.tickSeconds + BOOT_SEC;
      vm.power = 'poweredOn';
      vm.poweredOnAt = w.timeSec;
      w.event('info', 'vm.poweredOn', msg('ev.vmPoweredOn', { vm: vm.name, host: host.name }), [
        vm.id,
        host.id,
      ]);
      return null;
    }
    case 'vm.powerOff':
    case 'vm.suspend': {
      const vm = w.vmById.get(e.vmId);
      if (!vm) return 'the VM no longer exists';
      vm.busyTaskId = null;
      vm.power = e.kind === 'vm.powerOff' ? 'poweredOff' : 'suspended';
      vm.poweredOnAt = null;
      vm.paused = false;
      vm.memSwappedMiB = 0;
      vm.memCompressedMiB = 0;
      w.event(
        'info',
        e.kind === 'vm.powerOff' ? 'vm.poweredOff' : 'vm.suspended',
        msg(e.kind === 'vm.powerOff' ? 'ev.vmPoweredOff' : 'ev.vmSuspended', { vm: vm.name }),
        [vm.id],
      );
      return null;
    }
    case 'vm.reset': {
      const vm = w.vmById.get(e.vmId);
      if (!vm) return 'the VM no longer exists';
      vm.busyTaskId = null;
      vm.poweredOnAt = w.timeSec;
      vm.bootUntil = w.timeSec + w.tickSeconds + BOOT_SEC;
      vm.memSwappedMiB = 0;
      vm.memCompressedMiB = 0;
      w.event('info', 'vm.reset', msg('ev.vmReset', { vm: vm.name }), [vm.id]);
      return null;
    }
    case 'vm.delete': {
      const vm = w.vmById.get(e.vmId);
      if (!vm) return 'the VM no longer exists';
      removeVm(w, vm);
      w.event('info', 'vm.deleted', msg('ev.vmDeleted', { vm: vm.name }), [vm.id]);
      return null;
    }
    case 'vm.reconfigure': {
      const vm = w.vmById.get(e.vmId);
      if (vm) vm.busyTaskId = null;
      return null;
    }
    case 'vm.coldMigrate': {
      const vm = w.vmById.get(e.vmId);
      const host = w.hostById.get(e.hostId);
      if (!vm || !host) return 'the VM or the destination host no longer exists';
      vm.busyTaskId = null;
      if (host.state === 'failed') return `${host.name} failed`;
      vm.hostId = host.id;
      w.version++;
      w.event('info', 'vm.migrated', msg('ev.vmMovedCold', { vm: vm.name, host: host.name }), [
        vm.id,
        host.id,
      ]);
      return null;
    }
    case 'vm.storageMigrate': {
      const vm = w.vmById.get(e.vmId);
      const ds = w.datastoreById.get(e.datastoreId);
      if (!vm || !ds) return 'the VM or the destination datastore no longer exists';
      vm.busyTaskId = null;
      for (const d of vm.disks) d.datastoreId = ds.id;
      w.version++;
      vm.paused = false;
      w.event('info', 'vm.relocated', msg('ev.vmDisksMoved', { vm: vm.name, ds: ds.name }), [vm.id, ds.id]);
      return null;
    }
    case 'container.start': {
      const ct = w.containerById.get(e.containerId);
      if (!ct) return 'the container no longer exists';
      if (ct.state === 'pending') ct.state = 'running';
      return null;
    }
    case 'host.ready': {
      const h = w.hostById.get(e.hostId);
      if (!h) return 'the host no longer exists';
      h.state = 'connected';
      h.stateSince = w.timeSec;
      w.event('info', 'host.connected', msg('ev.hostConnected', { host: h.name }), [h.id]);
      // Containers that stopped with the host start again.
      for (const c of w.containers)
        if (c.hostId === h.id && c.state === 'pending' && c.createdAt < h.stateSince) c.state = 'running';
      return null;
    }
    case 'none':
      return null;
    case 'vm.snapshot':
    case 'vm.revert':
    case 'vm.snapshotDelete':
    case 'vm.snapshotDeleteAll':
    case 'vm.consolidate':
      return applySnapshotEffect(w, e);
    default: {
      const never: never = e;
      return `unknown effect ${JSON.stringify(never)}`;
    }
  }
}
