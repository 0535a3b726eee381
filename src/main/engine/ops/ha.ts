/**
 * Host failure and vSphere HA. A failed host stops at once: its VMs go down (held for HA), running
 * migrations from or to it fail (the VM stays where it was, or goes down with its source), containers
 * on it stop. After the cluster's restart delay HA restarts the down VMs of each cluster in order of
 * restart priority (scheduling/ha/restart.ts: spread, admission control never blocks a restart); a VM no
 * host can take is reported with its reason and retried every minute. Without HA (or with restart priority
 * "disabled") a VM stays powered off, except a service replica, which its service replaces. Containers
 * that ran directly on the host restart elsewhere. A repaired host reboots and rejoins empty.
 */
import { BOOT_SEC } from '../physics/demand';
import { planHaRestarts } from '../scheduling';
import type { LoadBook } from '../world/admission';
import type { VmRec } from '../world/types';
import type { World } from '../world/world';
import { chooseContainerTarget } from './container-place';
import { queueContainerStart } from './create';
import { removeVm } from './inventory';
import { endLiveMigration } from './live';
import { freshBook } from './requests';
import { finishTask, isActive } from './tasks';
import { msg, type Msg } from '../messages';

const HA_RETRY_SEC = 60;

export function failHost(w: World, hostId: string): void {
  const host = w.hostById.get(hostId);
  if (!host) return;
  host.state = 'failed';
  host.stateSince = w.timeSec;
  w.haIdle = false;
  w.event('error', 'host.failed', msg('ev.hostFailed', { host: host.name }), [host.id]);
  for (const t of w.tasks) {
    if (!isActive(t)) continue;
    const op = t.op;
    if (op.kind === 'liveMigrate' && (op.srcHostId === host.id || op.dstHostId === host.id)) {
      endLiveMigration(w, t, op, {
        ok: false,
        reason: msg('reason.hostFailedDuringMigration', { host: host.name }),
      });
    } else if (op.kind === 'evacuate' && op.hostId === host.id) {
      finishTask(w, t, 'error', msg('reason.hostFailed', { host: host.name }), w.timeSec);
    } else if (op.kind === 'timed' && 'vmId' in op.effect) {
      const vm = w.vmById.get(op.effect.vmId);
      if (vm && vm.hostId === host.id) {
        vm.busyTaskId = null;
        finishTask(w, t, 'error', msg('reason.hostFailed', { host: host.name }), w.timeSec);
      }
    }
  }
  for (const vm of w.vms) {
    if (vm.hostId !== host.id || vm.power !== 'poweredOn') continue;
    vm.haPending = true;
    vm.paused = false;
    vm.memSwappedMiB = 0;
    vm.memCompressedMiB = 0;
    w.event('error', 'vm.down', msg('ev.vmDown', { vm: vm.name, host: host.name }), [vm.id, host.id]);
  }
  for (const ct of w.containers) {
    if (ct.hostId === host.id && ct.state !== 'stopped') {
      ct.state = 'pending';
      w.event('warning', 'container.down', msg('ev.containerDown', { ct: ct.name, host: host.name }), [
        ct.id,
        host.id,
      ]);
    }
  }
}

/** Called every tick: restart VMs whose host failed, per their cluster's HA settings, by restart priority. */
export function haTick(w: World): void {
  if (w.haIdle) return;
  let busy = false;
  // Cluster id → VMs due for a restart attempt this tick, and the failed hosts they were on.
  const due = new Map<string, { vmIds: string[]; failed: Set<string> }>();
  for (const vm of [...w.vms]) {
    if (!vm.haPending) continue;
    busy = true;
    const host = w.hostById.get(vm.hostId);
    if (!host) continue;
    if (host.state !== 'failed') {
      // The host came back (repair) before HA could act: the VM boots there again.
      bootOn(w, vm, host.id);
      w.event('info', 'vm.restarted', msg('ev.vmRestartedHostBack', { vm: vm.name, host: host.name }), [
        vm.id,
        host.id,
      ]);
      continue;
    }
    const cl = w.clusterById.get(host.clusterId);
    if (!cl || !cl.settings.ha.enabled) {
      giveUp(w, vm, cl ? msg('ha.disabledOn', { cluster: cl.name }) : msg('ha.disabledOnIts'));
      continue;
    }
    if (cl.settings.ha.hostMonitoring === false) {
      giveUp(w, vm, msg('ha.monitoringOff', { cluster: cl.name }));
      continue;
    }
    if (!attemptNow(w, host.stateSince, cl.settings.ha.restartDelaySec)) continue;
    const entry = due.get(cl.id) ?? { vmIds: [], failed: new Set<string>() };
    entry.vmIds.push(vm.id);
    entry.failed.add(host.id);
    due.set(cl.id, entry);
  }
  if (due.size > 0) {
    // One book for the round; planHaRestarts never applies HA admission control (restarts are never blocked).
    const book = freshBook(w);
    for (const [, entry] of [...due].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const plan = planHaRestarts(w, book, entry.vmIds, [...entry.failed]);
      for (const r of plan.restarts) {
        const vm = w.vmById.get(r.vmId);
        if (!vm || !vm.haPending) continue;
        bootOn(w, vm, r.hostId);
        w.event(
          'warning',
          'vm.restarted',
          msg('ev.haRestarted', {
            vm: vm.name,
            host: r.hostName,
            priority: msg(`haPriority.${r.priority}` as const),
          }),
          [vm.id, r.hostId],
        );
      }
      for (const u of plan.unplaced) {
        const vm = w.vmById.get(u.vmId);
        if (!vm) continue;
        if (u.priority === 'disabled') giveUp(w, vm, msg('ha.givenUpPriority'));
        else
          w.event(
            'error',
            'ha.restartFailed',
            msg('ev.haRestartFailed', {
              vm: vm.name,
              priority: msg(`haPriority.${u.priority}` as const),
              reason: u.reasonMsg,
              sec: HA_RETRY_SEC,
            }),
            [vm.id],
          );
      }
    }
  }
  if (rescheduleContainers(w)) busy = true;
  if (!busy) w.haIdle = true;
}

/** True on the first tick after the restart delay, then once per retry interval. */
function attemptNow(w: World, failedSinceSec: number, delaySec: number): boolean {
  const waited = w.timeSec - failedSinceSec;
  if (waited < delaySec) return false;
  return (waited - delaySec) % HA_RETRY_SEC < w.tickSeconds;
}

function bootOn(w: World, vm: VmRec, hostId: string): void {
  if (vm.hostId !== hostId) {
    vm.hostId = hostId;
    w.version++;
  }
  vm.haPending = false;
  vm.poweredOnAt = w.timeSec;
  vm.bootUntil = w.timeSec + BOOT_SEC;
}

/** HA will not restart this VM: a service replica is replaced by its service, any other VM stays off. */
function giveUp(w: World, vm: VmRec, why: Msg): void {
  vm.haPending = false;
  vm.power = 'poweredOff';
  vm.poweredOnAt = null;
  const svc = vm.serviceId !== null ? w.serviceById.get(vm.serviceId) : undefined;
  if (svc && vm.busyTaskId === null) {
    removeVm(w, vm);
    w.event(
      'warning',
      'vm.deleted',
      msg('ev.replicaRemoved', { vm: vm.name, reason: why, service: svc.name }),
      [vm.id, svc.id],
    );
    return;
  }
  w.event('warning', 'vm.poweredOff', msg('ev.vmStaysOff', { vm: vm.name, reason: why }), [vm.id]);
}

/**
 * Containers that ran directly on a failed host (not service replicas: the service controller replaces
 * those) start again on another host of the cluster after the restart delay. Returns whether any wait.
 */
function rescheduleContainers(w: World): boolean {
  let waiting = false;
  let book: LoadBook | null = null;
  for (const ct of w.containers) {
    if (ct.state !== 'pending' || ct.hostId === null || ct.serviceId !== null) continue;
    const host = w.hostById.get(ct.hostId);
    if (!host || host.state !== 'failed') continue;
    waiting = true;
    const cl = w.clusterById.get(host.clusterId);
    if (!cl || !attemptNow(w, host.stateSince, cl.settings.ha.restartDelaySec)) continue;
    book ??= freshBook(w);
    const need = {
      cpuRequestMilli: ct.cpuRequestMilli,
      memRequestMiB: ct.memRequestMiB,
      clusterId: cl.id,
      antiAffinityServiceId: null,
    };
    const { target, why } = chooseContainerTarget(w, need, book);
    if (!target) {
      w.event(
        'error',
        'container.rescheduleFailed',
        msg('ev.ctRescheduleFailed', { ct: ct.name, host: host.name, reason: why, sec: HA_RETRY_SEC }),
        [ct.id, host.id],
      );
      continue;
    }
    if ('hostId' in target) {
      ct.hostId = target.hostId;
      book.add(
        target.hostId,
        {
          vcpus: 0,
          memMiB: ct.memRequestMiB,
          cpuReservationMHz: 0,
          memReservationMiB: ct.memRequestMiB,
          requestMilli: ct.cpuRequestMilli,
          isContainer: true,
        },
        null,
      );
    } else {
      ct.hostId = null;
      ct.vmId = target.vmId;
    }
    w.version++;
    const where =
      'hostId' in target
        ? (w.hostById.get(target.hostId)?.name ?? target.hostId)
        : (w.vmById.get(target.vmId)?.name ?? target.vmId);
    w.event(
      'warning',
      'container.rescheduled',
      msg('ev.ctRescheduled', { ct: ct.name, host: host.name, where }),
      [ct.id, host.id],
    );
    queueContainerStart(w, ct);
  }
  return waiting;
}
