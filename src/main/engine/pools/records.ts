/** Pool records from a scenario's `resourcePools` (checked by checks.ts first). */
import type { ResourcePoolSpec, Scenario } from '../model/scenario';
import type { World } from '../world/world';
import { poolAlloc } from './alloc';
import type { PoolRec } from './types';

export function poolRecord(p: ResourcePoolSpec, now: number): PoolRec {
  return {
    id: p.id,
    name: p.name,
    clusterId: p.clusterId,
    parentId: p.parentId ?? null,
    cpu: poolAlloc(p.cpu, 'cpu'),
    mem: poolAlloc(p.mem, 'mem'),
    vapp: p.vapp
      ? {
          startOrder: p.vapp.startOrder.map((e) => ({ vmId: e.vmId, delaySec: e.delaySec })),
          next: -1,
          nextAt: 0,
        }
      : null,
    createdAt: now,
    cpuDemandMHz: 0,
    cpuEntMHz: 0,
  };
}

/** Puts the scenario's pools into a freshly built world and its VMs into them (before reindex). */
export function applyScenarioPools(w: World, s: Scenario): void {
  w.pools = (s.resourcePools ?? []).map((p) => poolRecord(p, 0));
  const byId = new Map(s.vms.map((v) => [v.id, v]));
  for (const vm of w.vms) {
    const spec = byId.get(vm.id);
    if (spec?.poolId !== undefined) vm.poolId = spec.poolId;
  }
}
