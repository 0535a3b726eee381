/**
 * Allocation figures of a host, a cluster or a datacenter (what the console shows as overcommit):
 * configured vCPUs and memory of the powered-on VMs (plus the requests of containers running directly on
 * hosts) against the physical cores, MHz and memory of the hosts in scope. One pass over the guests.
 */
import type { World } from '../world/world';
import type { AllocationFigures } from '../model/views';

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

export function allocationOf(w: World, hostIds: ReadonlySet<string>): AllocationFigures {
  let physicalCores = 0;
  let cpuCapacityMHz = 0;
  let memCapacityMiB = 0;
  for (const id of hostIds) {
    const h = w.hostById.get(id);
    if (!h) continue;
    const cores = h.sockets * h.coresPerSocket;
    physicalCores += cores;
    cpuCapacityMHz += cores * h.coreMHz;
    memCapacityMiB += h.memMiB;
  }
  let vcpusAllocated = 0;
  let cpuAllocatedMHz = 0;
  let memAllocatedMiB = 0;
  for (const vm of w.vms) {
    if (vm.power !== 'poweredOn' || vm.haPending || !hostIds.has(vm.hostId)) continue;
    vcpusAllocated += vm.vcpus;
    cpuAllocatedMHz += vm.vcpus * (w.hostById.get(vm.hostId)?.coreMHz ?? 0);
    memAllocatedMiB += vm.memMiB;
  }
  for (const ct of w.containers) {
    if (ct.hostId === null || ct.state === 'stopped' || !hostIds.has(ct.hostId)) continue;
    cpuAllocatedMHz += (ct.cpuRequestMilli / 1000) * (w.hostById.get(ct.hostId)?.coreMHz ?? 0);
    memAllocatedMiB += ct.memRequestMiB;
  }
  return {
    vcpusAllocated,
    physicalCores,
    cpuAllocatedMHz: Math.round(cpuAllocatedMHz),
    memAllocatedMiB: Math.round(memAllocatedMiB),
    cpuCapacityMHz,
    memCapacityMiB,
    vcpuPerCoreRatio: physicalCores > 0 ? r3(vcpusAllocated / physicalCores) : 0,
    vramPerRamRatio: memCapacityMiB > 0 ? r3(memAllocatedMiB / memCapacityMiB) : 0,
  };
}
