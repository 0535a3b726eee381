/**
 * Maintenance mode in a manual or partially automated DRS cluster [V4]: vCenter does not migrate the VMs
 * of a host entering maintenance mode by itself; it lists migration recommendations the user applies, and
 * the enter-maintenance task waits until the host runs no VM. `evacuationIsManual` tells the engine's
 * evacuation (ops/evacuate.ts) to wait; `maintenanceMoves` gives DRS those recommendations (priority 1,
 * kind "evacuate"), spread with the same policy a fully automated evacuation uses (spread.ts), so
 * applying them gives the same result as automatic evacuation. Fully automated clusters, and clusters
 * with DRS disabled (no DRS to recommend), evacuate by themselves as before.
 */
import { LoadBook } from '../../world/admission';
import type { World } from '../../world/world';
import { requestForVm } from '../requests';
import { hostCpuCapMHz, hostMemCapMiB } from '../capacity';
import { pct } from './balancer';
import type { MigrationBudget } from './concurrency';
import { hostLoadOf, vmMemDemandMiB, type ClusterLoad } from './load';
import { spreadPlacement, spreadShared } from './spread';
import type { DrsRecommendation } from './types';
import { msg, msgText } from '../../messages';

/** True when the cluster's DRS is enabled and not fully automated: maintenance evacuation waits for the user. */
export function evacuationIsManual(w: Readonly<World>, clusterId: string): boolean {
  const drs = w.clusterById.get(clusterId)?.settings.drs;
  return drs !== undefined && drs.enabled && drs.automation !== 'full';
}

/** Hosts of the cluster entering maintenance mode: in maintenance with an evacuation task under way. */
function enteringMaintenance(w: Readonly<World>, clusterId: string): string[] {
  const out: string[] = [];
  for (const t of w.tasks) {
    if (t.op.kind !== 'evacuate' || (t.state !== 'running' && t.state !== 'queued')) continue;
    const h = w.hostById.get(t.op.hostId);
    if (h && h.clusterId === clusterId && h.state === 'maintenance' && !out.includes(h.id)) out.push(h.id);
  }
  return out;
}

/**
 * Priority-1 recommendations that empty the hosts entering maintenance mode (manual / partial clusters
 * only). Each VM goes where the spread policy puts it, counting the moves decided before it; a VM no host
 * can take, or whose hosts have no migration slot left, is reported in `deferred`. The chosen targets'
 * demand in `cl` grows by each move, so balancing afterwards sees the hosts as they will be.
 */
export function maintenanceMoves(
  w: Readonly<World>,
  cl: ClusterLoad,
  sigma: number,
  budget: MigrationBudget,
  deferred: { vmId: string; toHostId: string; reason: string }[],
): DrsRecommendation[] {
  const recs: DrsRecommendation[] = [];
  if (!evacuationIsManual(w, cl.clusterId)) return recs;
  const hostIds = enteringMaintenance(w, cl.clusterId);
  if (hostIds.length === 0) return recs;
  const book = new LoadBook(w as World);
  const extra = new Map<string, { cpu: number; mem: number }>();
  const planned = new Map<string, string>();
  const shared = spreadShared(w, cl.clusterId);
  for (const srcId of hostIds) {
    const src = w.hostById.get(srcId)!;
    const srcCap = { cpuCapMHz: hostCpuCapMHz(src), memCapMiB: hostMemCapMiB(src) };
    let srcCpu = 0;
    let srcMem = 0;
    for (const vm of w.vms) {
      if (vm.hostId !== srcId || vm.power !== 'poweredOn' || vm.haPending) continue;
      srcCpu += vm.cpuDemandMHz;
      srcMem += vmMemDemandMiB(vm);
    }
    for (const vm of w.vms) {
      if (
        vm.hostId !== srcId ||
        vm.power !== 'poweredOn' ||
        vm.haPending ||
        vm.busyTaskId !== null ||
        vm.migratingTo !== null
      )
        continue;
      const req = requestForVm(w, vm, 'evacuate', [srcId]);
      const d = spreadPlacement({ world: w, book }, req, 'drs-spread', extra, planned, shared);
      if (d.hostId === null) {
        deferred.push({
          vmId: vm.id,
          toHostId: '',
          reason: `maintenance of ${src.name}: no host can take ${vm.name}`,
        });
        continue;
      }
      const blocked = budget.blocked(srcId, d.hostId);
      if (blocked) {
        deferred.push({ vmId: vm.id, toHostId: d.hostId, reason: blocked });
        continue;
      }
      budget.take(srcId, d.hostId);
      book.add(d.hostId, req.guest, vm.serviceId);
      const cpu = vm.cpuDemandMHz;
      const mem = vmMemDemandMiB(vm);
      const e = extra.get(d.hostId) ?? { cpu: 0, mem: 0 };
      e.cpu += cpu;
      e.mem += mem;
      extra.set(d.hostId, e);
      planned.set(vm.id, d.hostId);
      const t = cl.hostIndex.get(d.hostId);
      const dst = t !== undefined ? cl.hosts[t]! : null;
      const before = dst ? hostLoadOf(dst.cpuMHz, dst.memMiB, dst) : 0;
      if (dst) {
        dst.cpuMHz += cpu;
        dst.memMiB += mem;
      }
      const after = dst ? hostLoadOf(dst.cpuMHz, dst.memMiB, dst) : 0;
      const srcBefore = hostLoadOf(srcCpu, srcMem, srcCap);
      srcCpu -= cpu;
      srcMem -= mem;
      const dstName = w.hostById.get(d.hostId)?.name ?? d.hostId;
      const reasonMsg = msg('drs.evacuate', {
        host: src.name,
        vm: vm.name,
        to: dstName,
        before: pct(before),
        after: pct(after),
      });
      recs.push({
        vmId: vm.id,
        vmName: vm.name,
        fromHostId: srcId,
        fromHostName: src.name,
        toHostId: d.hostId,
        toHostName: dstName,
        priority: 1,
        kind: 'evacuate',
        reason: msgText(reasonMsg),
        reasonMsg,
        predicted: {
          sourceBefore: srcBefore,
          sourceAfter: hostLoadOf(srcCpu, srcMem, srcCap),
          targetBefore: before,
          targetAfter: after,
          imbalanceBefore: sigma,
          imbalanceAfter: sigma,
        },
      });
    }
  }
  return recs;
}
