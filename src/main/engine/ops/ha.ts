/**
 * Host failure and vSphere HA. A failed host stops at once: its VMs go down (held for HA), running
 * migrations from or to it fail (the VM stays where it was, or goes down with its source), containers
 * on it stop. After the cluster's restart delay HA restarts each down VM on a host chosen by the
 * placement policy, as long as admission allows (otherwise it retries every minute and says why).
 * Without HA the VMs stay powered off. A repaired host reboots and rejoins empty.
 */
import { BOOT_SEC } from '../physics/demand';
import { haAdmissionReasons } from '../scheduling';
import type { World } from '../world/world';
import { endLiveMigration } from './live';
import { freshBook, place, vmRequest } from './requests';
import { finishTask, isActive } from './tasks';

const HA_RETRY_SEC = 60;

export function failHost(w: World, hostId: string): void {
  const host = w.hostById.get(hostId);
  if (!host) return;
  host.state = 'failed';
  host.stateSince = w.timeSec;
  w.haIdle = false;
  w.event('error', 'host.failed', `${host.name} failed (not responding)`, [host.id]);
  for (const t of w.tasks) {
    if (!isActive(t)) continue;
    const op = t.op;
    if (op.kind === 'liveMigrate' && (op.srcHostId === host.id || op.dstHostId === host.id)) {
      endLiveMigration(w, t, op, { ok: false, reason: `${host.name} failed during the migration` });
    } else if (op.kind === 'evacuate' && op.hostId === host.id) {
      finishTask(w, t, 'error', `${host.name} failed`, w.timeSec);
    } else if (op.kind === 'timed' && 'vmId' in op.effect) {
      const vm = w.vmById.get(op.effect.vmId);
      if (vm && vm.hostId === host.id) {
        vm.busyTaskId = null;
        finishTask(w, t, 'error', `${host.name} failed`, w.timeSec);
      }
    }
  }
  for (const vm of w.vms) {
    if (vm.hostId !== host.id || vm.power !== 'poweredOn') continue;
    vm.haPending = true;
    vm.paused = false;
    vm.memSwappedMiB = 0;
    vm.memCompressedMiB = 0;
    w.event('error', 'vm.down', `${vm.name} is down: its host ${host.name} failed`, [vm.id, host.id]);
  }
  for (const ct of w.containers) {
    if (ct.hostId === host.id && ct.state !== 'stopped') {
      ct.state = 'pending';
      w.event('warning', 'container.down', `${ct.name} stopped: its host ${host.name} failed`, [ct.id, host.id]);
    }
  }
}

/** Called every tick: restart VMs whose host failed, per their cluster's HA settings. */
export function haTick(w: World): void {
  if (w.haIdle) return;
  let book: ReturnType<typeof freshBook> | null = null;
  let pending = 0;
  for (const vm of w.vms) {
    if (!vm.haPending) continue;
    pending++;
    const host = w.hostById.get(vm.hostId);
    if (!host) continue;
    if (host.state !== 'failed') {
      // The host came back (repair) before HA could act: the VM boots there again.
      vm.haPending = false;
      vm.poweredOnAt = w.timeSec;
      vm.bootUntil = w.timeSec + BOOT_SEC;
      w.event('info', 'vm.restarted', `${vm.name} restarted on ${host.name} after the host came back`, [vm.id, host.id]);
      continue;
    }
    const cl = w.clusterById.get(host.clusterId);
    if (!cl || !cl.settings.ha.enabled) {
      vm.haPending = false;
      vm.power = 'poweredOff';
      vm.poweredOnAt = null;
      w.event('warning', 'vm.poweredOff', `${vm.name} stays powered off: HA is disabled on ${cl?.name ?? 'its cluster'}`, [vm.id]);
      continue;
    }
    const waited = w.timeSec - host.stateSince;
    if (waited < cl.settings.ha.restartDelaySec) continue;
    // First attempt when the delay has passed, then one attempt per retry interval.
    if ((waited - cl.settings.ha.restartDelaySec) % HA_RETRY_SEC >= w.tickSeconds) continue;
    book ??= freshBook(w);
    const req = vmRequest(w, vm, 'ha', [host.id]);
    const d = place(w, book, req);
    const target = d.hostId !== null ? w.hostById.get(d.hostId) : undefined;
    const extra = target ? haAdmissionReasons(w, book, target, req.guest) : [];
    if (!target || extra.length > 0) {
      const why = d.verdicts.filter((v) => !v.eligible).slice(0, 3).map((v) => `${v.hostName}: ${v.reasons[0] ?? 'refused'}`);
      w.event('error', 'ha.restartFailed', `HA could not restart ${vm.name}: ${[...extra, ...why].join('; ') || 'no host is available'}`, [vm.id]);
      continue;
    }
    book.add(target.id, req.guest, vm.serviceId);
    vm.hostId = target.id;
    w.version++;
    vm.haPending = false;
    vm.poweredOnAt = w.timeSec;
    vm.bootUntil = w.timeSec + BOOT_SEC;
    w.event('warning', 'vm.restarted', `HA restarted ${vm.name} on ${target.name}`, [vm.id, target.id]);
  }
  if (pending === 0) w.haIdle = true;
}
