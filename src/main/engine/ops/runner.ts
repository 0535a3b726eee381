/**
 * Runs tasks each tick: starts queued ones within the concurrent-operation limits of vCenter [V6]
 * (per host a budget of 8 cost units; vMotion costs 1, with storage 4; 1 GbE hosts allow 4 vMotions),
 * advances timed tasks and live migrations (using the bandwidth the network physics granted), and
 * drives maintenance evacuations.
 */
import type { TickScratch } from '../physics/scratch';
import type { World } from '../world/world';
import { applyEffect } from './effects';
import { evacuateStep } from './evacuate';
import { endLiveMigration } from './live';
import { advancePreCopy, MBPS_TO_MIBPS } from './migration';
import { finishTask, setProgress, startTask } from './tasks';
import type { TaskRec } from './task-types';
import { msg } from '../messages';

const HOST_BUDGET = 8;

function cost(t: TaskRec): number {
  return t.op.kind === 'liveMigrate' ? (t.op.dstDatastoreId !== null ? 4 : 1) : 0;
}

function hostLimit(w: World, hostId: string): number {
  const h = w.hostById.get(hostId);
  const cl = w.clusterOfHost(hostId);
  const nicLimit = h && h.nicMbps < 10000 ? 4 : 8;
  return Math.min(HOST_BUDGET, nicLimit, cl?.settings.migration.maxConcurrentPerHost ?? HOST_BUDGET);
}

export function startQueued(w: World): void {
  const used = new Map<string, number>();
  const add = (id: string, c: number): void => {
    used.set(id, (used.get(id) ?? 0) + c);
  };
  for (const t of w.tasks) {
    if (t.state === 'running' && t.op.kind === 'liveMigrate') {
      add(t.op.srcHostId, cost(t));
      add(t.op.dstHostId, cost(t));
    }
  }
  for (const t of w.tasks) {
    if (t.state !== 'queued') continue;
    if (t.op.kind === 'liveMigrate') {
      const c = cost(t);
      const { srcHostId, dstHostId } = t.op;
      if (
        (used.get(srcHostId) ?? 0) + c > hostLimit(w, srcHostId) ||
        (used.get(dstHostId) ?? 0) + c > hostLimit(w, dstHostId)
      )
        continue;
      add(srcHostId, c);
      add(dstHostId, c);
    }
    startTask(w, t, w.timeSec);
  }
}

export function advanceTasks(w: World, s: TickScratch): void {
  const dt = w.tickSeconds;
  const end = w.timeSec + dt;
  for (const t of w.tasks) {
    if (t.state !== 'running') continue;
    const op = t.op;
    switch (op.kind) {
      case 'timed': {
        op.elapsedSec += dt;
        if (op.elapsedSec + 1e-9 >= op.durationSec) {
          const problem = applyEffect(w, op.effect);
          if (problem === null)
            finishTask(w, t, 'success', msg('reason.completedIn', { sec: op.durationSec.toFixed(0) }), end);
          else finishTask(w, t, 'error', problem, end);
        } else setProgress(w, t, op.elapsedSec / op.durationSec);
        break;
      }
      case 'liveMigrate': {
        const vm = w.vmById.get(op.vmId);
        const src = w.hostIndex.get(op.srcHostId);
        const dst = w.hostIndex.get(op.dstHostId);
        if (!vm || src === undefined || dst === undefined) {
          if (vm) endLiveMigration(w, t, op, { ok: false, reason: 'a host of the migration was removed' });
          else finishTask(w, t, 'error', msg('reason.vmGone'), end);
          break;
        }
        const mbps = Math.min(s.hostMigMbps[src] ?? 0, s.hostMigMbps[dst] ?? 0);
        let storageMiBps = Infinity;
        if (op.dstDatastoreId !== null) {
          const a = w.datastoreById.get(vm.disks[0]?.datastoreId ?? '');
          const b = w.datastoreById.get(op.dstDatastoreId);
          storageMiBps = Math.min(a?.copyMiBps ?? 400, b?.copyMiBps ?? 400);
        }
        const step = advancePreCopy(op, vm, mbps * MBPS_TO_MIBPS, storageMiBps, dt);
        if (step.kind === 'done') endLiveMigration(w, t, op, { ok: true, downtimeMs: step.downtimeMs });
        else if (step.kind === 'failed') endLiveMigration(w, t, op, { ok: false, reason: step.reason });
        else {
          const memTotal = Math.max(1, vm.memWantMiB || vm.memMiB);
          setProgress(w, t, Math.min(0.99, (op.round + op.copiedMiB / memTotal) / (op.round + 2)));
        }
        break;
      }
      case 'evacuate':
        evacuateStep(w, t, op);
        break;
      default: {
        const never: never = op;
        throw new Error(`unknown task op ${JSON.stringify(never)}`);
      }
    }
  }
}
