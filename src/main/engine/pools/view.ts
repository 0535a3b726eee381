/** What the console, the CLI and capacity reports show of the pool trees (pools.list). */
import type { World } from '../world/world';
import { reservationTree, unreserved, type ReservationTree } from './admission';
import { effectivePool, poolShownFigures, type PoolShownFigures } from './divide';
import type { PoolAlloc, PoolRec } from './types';

export interface PoolResourceView {
  shares: number;
  sharesLevel: string;
  reservation: number;
  limit: number | null;
  expandable: boolean;
  /** Reserved by its running VMs (with overhead memory) and child pools. */
  reservationUsed: number;
  /** What a child could still reserve without borrowing (own reservation − used; for the root, capacity − used). */
  unreserved: number;
  demand: number;
  entitlement: number;
  usage: number;
}

export interface PoolView {
  /** The pool's id, or the cluster's id for the root pool. */
  id: string;
  name: string;
  kind: 'root' | 'pool' | 'vapp';
  clusterId: string;
  /** Parent pool id; the cluster id for a pool directly under the cluster; null for the root. */
  parentId: string | null;
  cpu: PoolResourceView;
  mem: PoolResourceView;
  /** VMs directly in the pool, and those of them running. */
  vmIds: string[];
  runningVms: number;
  childIds: string[];
  /** A vApp's start order, and whether a power-on in order is under way. */
  startOrder: { vmId: string; delaySec: number }[] | null;
  poweringOn: boolean;
}

const ROOT_ALLOC = (capacity: number): PoolAlloc => ({
  shares: 0,
  sharesLevel: 'normal',
  reservation: capacity,
  limit: capacity,
  expandable: false,
});

/** Every cluster that has pools, with its root and pools (parents before children); `clusterId` to narrow. */
export function poolViews(w: World, clusterId?: string): PoolView[] {
  const out: PoolView[] = [];
  const fig = w.pools.length > 0 ? poolShownFigures(w) : null;
  for (const cl of w.clusters) {
    if (clusterId !== undefined && cl.id !== clusterId) continue;
    const pools = w.pools.filter((p) => p.clusterId === cl.id);
    if (pools.length === 0 && clusterId === undefined) continue;
    const t = reservationTree(w, cl.id);
    const vmsOf = new Map<string, { ids: string[]; running: number }>();
    const sums = { cpuD: 0, cpuU: 0, memD: 0, memU: 0 };
    for (const vm of w.vms) {
      const h = w.hostById.get(vm.hostId);
      if (!h || h.clusterId !== cl.id || vm.template) continue;
      const key = effectivePool(w, vm)?.id ?? '';
      const e = vmsOf.get(key) ?? { ids: [], running: 0 };
      e.ids.push(vm.id);
      if (vm.power === 'poweredOn') {
        e.running++;
        sums.cpuD += vm.cpuDemandMHz;
        sums.cpuU += vm.cpuUsageMHz;
        sums.memD += vm.memWantMiB;
        sums.memU += vm.memGrantedMiB;
      }
      vmsOf.set(key, e);
    }
    const rootUsed = t.used.get('') ?? { cpu: 0, mem: 0 };
    const rootFree = unreserved(w, t, null);
    const rootVms = vmsOf.get('') ?? { ids: [], running: 0 };
    const rk = fig?.nodeOf.get(cl.id);
    const rootMemEnt = rk === undefined ? Math.min(sums.memD, t.capacity.mem) : fig!.memEnt[rk]!;
    out.push({
      id: cl.id,
      name: cl.name,
      kind: 'root',
      clusterId: cl.id,
      parentId: null,
      cpu: res(
        ROOT_ALLOC(t.capacity.cpu),
        rootUsed.cpu,
        rootFree.cpu,
        sums.cpuD,
        Math.min(sums.cpuD, t.capacity.cpu),
        sums.cpuU,
      ),
      mem: res(ROOT_ALLOC(t.capacity.mem), rootUsed.mem, rootFree.mem, sums.memD, rootMemEnt, sums.memU),
      vmIds: rootVms.ids,
      runningVms: rootVms.running,
      childIds: pools.filter((p) => p.parentId === null).map((p) => p.id),
      startOrder: null,
      poweringOn: false,
    });
    for (const p of pools)
      out.push(poolView(w, t, p, pools, vmsOf.get(p.id) ?? { ids: [], running: 0 }, fig!));
  }
  return out;
}

function res(
  a: PoolAlloc,
  used: number,
  free: number,
  demand: number,
  ent: number,
  usage: number,
): PoolResourceView {
  return {
    shares: a.shares,
    sharesLevel: a.sharesLevel,
    reservation: a.reservation,
    limit: a.limit,
    expandable: a.expandable,
    reservationUsed: used,
    unreserved: free,
    demand,
    entitlement: ent,
    usage,
  };
}

function poolView(
  w: World,
  t: ReservationTree,
  p: PoolRec,
  pools: PoolRec[],
  vms: { ids: string[]; running: number },
  fig: PoolShownFigures,
): PoolView {
  const used = t.used.get(p.id) ?? { cpu: 0, mem: 0 };
  const free = unreserved(w, t, p.id);
  const k = fig.nodeOf.get(p.id);
  const f = (a: Float64Array) => (k === undefined ? 0 : a[k]!);
  return {
    id: p.id,
    name: p.name,
    kind: p.vapp ? 'vapp' : 'pool',
    clusterId: p.clusterId,
    parentId: p.parentId ?? p.clusterId,
    cpu: res(p.cpu, used.cpu, free.cpu, p.cpuDemandMHz, p.cpuEntMHz, f(fig.cpuUsage)),
    mem: res(p.mem, used.mem, free.mem, f(fig.memDemand), f(fig.memEnt), f(fig.memUsage)),
    vmIds: vms.ids,
    runningVms: vms.running,
    childIds: pools.filter((q) => q.parentId === p.id).map((q) => q.id),
    startOrder: p.vapp ? p.vapp.startOrder.map((e) => ({ ...e })) : null,
    poweringOn: p.vapp !== null && p.vapp.next >= 0,
  };
}
