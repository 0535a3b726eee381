/**
 * Maintenance mode: the host stops admitting guests at once; its powered-on VMs leave by live
 * migration (placement picks each target; vCenter's concurrency limits queue the rest), powered-off
 * and suspended VMs are re-registered on another host, containers running directly on it are
 * rescheduled (service replicas) or stopped. The task ends when no VM runs on the host. In a manual or
 * partially automated DRS cluster the running VMs are not moved: DRS lists their moves as priority-1
 * recommendations (scheduling/drs/maintenance.ts) and the task waits, without timeout, until the user
 * applies them (or cancels it).
 */
import type { World } from '../world/world';
import { queueLiveMigration } from './live';
import { freshBook, place, vmRequest } from './requests';
import { evacuationIsManual } from '../scheduling/drs/maintenance';
import { finishTask, isActive, setProgress } from './tasks';
import type { EvacuateOp, TaskRec } from './task-types';
import { msg } from '../messages';

export function evacuateStep(w: World, t: TaskRec, op: EvacuateOp): void {
  const host = w.hostById.get(op.hostId);
  const end = w.timeSec + w.tickSeconds;
  if (!host) {
    finishTask(w, t, 'error', msg('reason.hostRemoved'), end);
    return;
  }
  if (host.state !== 'maintenance') {
    finishTask(w, t, 'cancelled', msg('reason.leftMaintenance', { state: host.state }), end);
    return;
  }
  op.elapsedSec += w.tickSeconds;
  const book = freshBook(w);
  const stuck: string[] = [];
  let remaining = 0;
  const waitForUser = evacuationIsManual(w, host.clusterId);
  for (const vm of w.vms) {
    if (vm.hostId !== host.id) continue;
    if (vm.busyTaskId !== null) {
      remaining++;
      continue;
    }
    if (vm.power !== 'poweredOn' || vm.haPending) {
      // Registered but not running: move the registration (no data copy with shared storage).
      const req = vmRequest(w, vm, 'evacuate', [host.id]);
      req.guest = { ...req.guest, cpuReservationMHz: 0, memReservationMiB: 0 };
      const d = place(w, book, req);
      if (d.hostId !== null) {
        vm.hostId = d.hostId;
        w.version++;
        w.event(
          'info',
          'vm.migrated',
          msg('ev.vmReregistered', { vm: vm.name, host: w.hostById.get(d.hostId)?.name ?? d.hostId }),
          [vm.id, d.hostId],
        );
      }
      continue;
    }
    remaining++;
    if (waitForUser) continue;
    const d = place(w, book, vmRequest(w, vm, 'evacuate', [host.id]));
    if (d.hostId === null) {
      stuck.push(vm.name);
      continue;
    }
    book.add(d.hostId, vmRequest(w, vm, 'evacuate', []).guest, vm.serviceId);
    const child = queueLiveMigration(w, vm, d.hostId, null, t.id);
    op.childTaskIds.push(child.id);
  }
  const active = op.childTaskIds.filter((id) => {
    const c = w.taskById.get(id);
    return c !== undefined && isActive(c);
  }).length;
  if (remaining === 0) {
    finishTask(
      w,
      t,
      'success',
      msg('reason.inMaintenance', { host: host.name, count: op.childTaskIds.length }),
      end,
    );
    w.event('info', 'host.maintenance', msg('ev.hostInMaintenance', { host: host.name }), [host.id]);
    return;
  }
  // Waiting for the user has no timeout (as vCenter's task): apply the recommendations or cancel the task.
  if (op.elapsedSec >= op.timeoutSec && active === 0 && !waitForUser) {
    finishTask(
      w,
      t,
      'error',
      stuck.length
        ? msg('reason.notEvacuatedNoHost', { count: remaining, vms: stuck.slice(0, 5).join(', ') })
        : msg('reason.notEvacuated', { count: remaining }),
      end,
    );
    return;
  }
  const total = Math.max(1, op.childTaskIds.length + stuck.length);
  setProgress(w, t, Math.min(0.95, 1 - remaining / total));
}
