/**
 * Capacity per pool (tenant quotas): what each pool's subtree holds (VMs, vCPUs, memory configured) against
 * its reservation and limit, and what it reserves, is entitled to and uses now. The root row of a cluster
 * is its capacity. Used by `vdc capacity --show pools` and the console's capacity table.
 */
import type { World } from '../world/world';
import { effectivePool } from './divide';
import { poolViews } from './view';

export interface PoolQuotaRow {
  clusterId: string;
  clusterName: string;
  poolId: string;
  /** Names from the cluster down, joined by " / ". */
  path: string;
  kind: 'root' | 'pool' | 'vapp';
  /** In the whole subtree. */
  vms: number;
  runningVms: number;
  vcpus: number;
  memConfiguredMiB: number;
  cpu: QuotaRes;
  mem: QuotaRes;
}

export interface QuotaRes {
  reservation: number;
  limit: number | null;
  reservationUsed: number;
  unreserved: number;
  entitlement: number;
  usage: number;
  /** usage / limit × 100 (null: no limit). */
  limitUsedPct: number | null;
}

export function poolQuotas(w: World): PoolQuotaRow[] {
  const views = poolViews(w);
  const byId = new Map(views.map((v) => [v.id, v]));
  const sub = new Map<string, { vms: number; running: number; vcpus: number; mem: number }>();
  for (const vm of w.vms) {
    if (vm.template) continue;
    const h = w.hostById.get(vm.hostId);
    if (!h || !byId.has(h.clusterId)) continue;
    // Count the VM in its pool and every ancestor up to the root.
    for (let id: string | null = effectivePool(w, vm)?.id ?? h.clusterId; id !== null;) {
      const e = sub.get(id) ?? { vms: 0, running: 0, vcpus: 0, mem: 0 };
      e.vms++;
      if (vm.power === 'poweredOn') e.running++;
      e.vcpus += vm.vcpus;
      e.mem += vm.memMiB;
      sub.set(id, e);
      id = byId.get(id)?.parentId ?? null;
    }
  }
  const path = (id: string): string => {
    const v = byId.get(id)!;
    return v.parentId === null ? v.name : `${path(v.parentId)} / ${v.name}`;
  };
  return views.map((v) => {
    const s = sub.get(v.id) ?? { vms: 0, running: 0, vcpus: 0, mem: 0 };
    const res = (r: typeof v.cpu): QuotaRes => ({
      reservation: r.reservation,
      limit: v.kind === 'root' ? null : r.limit,
      reservationUsed: r.reservationUsed,
      unreserved: r.unreserved,
      entitlement: r.entitlement,
      usage: r.usage,
      limitUsedPct: v.kind === 'root' || r.limit === null || r.limit <= 0 ? null : (r.usage / r.limit) * 100,
    });
    return {
      clusterId: v.clusterId,
      clusterName: w.clusterById.get(v.clusterId)?.name ?? v.clusterId,
      poolId: v.id,
      path: path(v.id),
      kind: v.kind,
      vms: s.vms,
      runningVms: s.running,
      vcpus: s.vcpus,
      memConfiguredMiB: s.mem,
      cpu: res(v.cpu),
      mem: res(v.mem),
    };
  });
}
