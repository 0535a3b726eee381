/**
 * HA restarts after a host failure: the VMs that were running there restart on surviving hosts in order of
 * restart priority (highest first; vSphere levels highest/high/medium/low/lowest, "disabled" never
 * restarts [V7]), then in inventory order. Each VM is placed once, spread by the DRS load model (failover
 * hosts first); admission control does not block restarts. VMs that no host can take are reported with
 * the reasons, never dropped silently — the caller retries them later.
 */
import type { LoadBook } from '../../world/admission';
import type { VmRec } from '../../world/types';
import type { World } from '../../world/world';
import { vmMemDemandMiB } from '../drs/load';
import { spreadPlacement, spreadShared, type SpreadShared } from '../drs/spread';
import { requestForVm } from '../requests';
import { msg, msgList, msgText, type Msg } from '../../messages';

export type RestartPriority = 'disabled' | 'lowest' | 'low' | 'medium' | 'high' | 'highest';

export const RESTART_RANK: Record<RestartPriority, number> = {
  disabled: 0,
  lowest: 1,
  low: 2,
  medium: 3,
  high: 4,
  highest: 5,
};

/**
 * A VM's restart priority: `haRestartPriority` on the record when present, else an "ha-priority:<level>" tag,
 * else its cluster's default (`settings.ha.restartPriority`, when `w` is given), else medium.
 */
export function restartPriority(vm: VmRec, w?: Readonly<World>): RestartPriority {
  const field: unknown = vm.haRestartPriority;
  if (typeof field === 'string' && field in RESTART_RANK) return field as RestartPriority;
  for (const t of vm.tags) {
    if (!t.startsWith('ha-priority:')) continue;
    const level = t.slice('ha-priority:'.length);
    if (level in RESTART_RANK) return level as RestartPriority;
  }
  if (w) {
    const host = w.hostById.get(vm.hostId);
    const fallback = host ? w.clusterById.get(host.clusterId)?.settings.ha.restartPriority : undefined;
    if (fallback !== undefined && fallback in RESTART_RANK) return fallback;
  }
  return 'medium';
}

export interface HaRestart {
  vmId: string;
  vmName: string;
  priority: RestartPriority;
  hostId: string;
  hostName: string;
}

export interface HaUnplaced {
  vmId: string;
  vmName: string;
  priority: RestartPriority;
  reason: string;
  /** The reason as a message code (the console's languages). */
  reasonMsg: Msg;
}

export interface HaRestartPlan {
  restarts: HaRestart[];
  unplaced: HaUnplaced[];
}

/**
 * Plans the restart of `vmIds` (VMs held for HA). `book` is updated with every planned restart so later
 * VMs see the capacity taken; `exclude` are hosts that must not be used (the failed ones).
 */
export function planHaRestarts(
  w: Readonly<World>,
  book: LoadBook,
  vmIds: readonly string[],
  exclude: readonly string[] = [],
): HaRestartPlan {
  const seen = new Set<string>();
  const vms: VmRec[] = [];
  for (const id of vmIds) {
    if (seen.has(id)) continue;
    seen.add(id);
    const vm = w.vmById.get(id);
    if (vm) vms.push(vm);
  }
  const order = vms.map((vm, i) => ({ vm, i, rank: RESTART_RANK[restartPriority(vm, w)] }));
  order.sort((a, b) => b.rank - a.rank || a.i - b.i);
  const plan: HaRestartPlan = { restarts: [], unplaced: [] };
  // Demand of VMs restarted in this plan, so later ones spread: they count at their new host.
  const promised = new Map<string, { cpu: number; mem: number }>();
  const planned = new Map<string, string>();
  let shared: (SpreadShared & { clusterId: string | null }) | undefined;
  for (const { vm } of order) {
    const priority = restartPriority(vm, w);
    if (priority === 'disabled') {
      const reasonMsg = msg('ha.priorityDisabled');
      plan.unplaced.push({ vmId: vm.id, vmName: vm.name, priority, reason: msgText(reasonMsg), reasonMsg });
      continue;
    }
    const req = requestForVm(w, vm, 'ha', [...new Set([vm.hostId, ...exclude])]);
    shared ??= { ...spreadShared(w, req.clusterId), clusterId: req.clusterId };
    const d = spreadPlacement(
      { world: w, book },
      req,
      'ha-restart',
      promised,
      planned,
      req.clusterId === shared.clusterId ? shared : undefined,
    );
    if (d.hostId === null) {
      const why = d.verdicts
        .filter((v) => !v.eligible)
        .slice(0, 4)
        .map((v) =>
          msg('ha.hostRefused', {
            host: v.hostName,
            reason: v.reasonMsgs?.[0] ?? v.reasons[0] ?? msg('ha.refused'),
          }),
        );
      const reasonMsg = why.length ? msgList(why) : msg('ha.noSurvivor');
      plan.unplaced.push({
        vmId: vm.id,
        vmName: vm.name,
        priority,
        reason: typeof reasonMsg === 'string' ? reasonMsg : msgText(reasonMsg),
        reasonMsg: typeof reasonMsg === 'string' ? msg('filter.text', { text: reasonMsg }) : reasonMsg,
      });
      continue;
    }
    book.add(d.hostId, req.guest, vm.serviceId);
    const p = promised.get(d.hostId) ?? { cpu: 0, mem: 0 };
    p.cpu += req.cpuDemandMHz;
    p.mem += vmMemDemandMiB(vm);
    promised.set(d.hostId, p);
    planned.set(vm.id, d.hostId);
    plan.restarts.push({
      vmId: vm.id,
      vmName: vm.name,
      priority,
      hostId: d.hostId,
      hostName: w.hostById.get(d.hostId)?.name ?? d.hostId,
    });
  }
  return plan;
}
