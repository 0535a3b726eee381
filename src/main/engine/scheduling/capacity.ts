/**
 * Host capacity as the schedulers see it. Two views:
 *  - allocation (Nova / CloudSim style): vCPUs and configured memory handed out, against
 *    cores × cpu allocation ratio and usable memory × memory allocation ratio [O2]; it counts guests placed
 *    earlier in the same round (the LoadBook does);
 *  - demand (DRS style): measured CPU demand and active memory of the running guests.
 * Usable memory is the host's memory minus what the hypervisor keeps (world/defaults).
 */
import { hypervisorMemMiB } from '../world/defaults';
import type { HostLoad, LoadBook } from '../world/admission';
import type { ClusterRec, HostRec } from '../world/types';
import type { World } from '../world/world';

/** Nova's initial_cpu_allocation_ratio, used when the cluster sets no ceiling (0) [O2]. */
export const NOVA_DEFAULT_CPU_RATIO = 4.0;
/** Nova's initial_ram_allocation_ratio [O2]. */
export const NOVA_DEFAULT_RAM_RATIO = 1.0;

export function hostCores(h: HostRec): number {
  return h.sockets * h.coresPerSocket;
}

export function hostCpuCapMHz(h: HostRec): number {
  return h.sockets * h.coresPerSocket * h.coreMHz;
}

export function hostMemCapMiB(h: HostRec): number {
  return h.memMiB - hypervisorMemMiB(h.memMiB);
}

export interface AllocationView {
  /** vCPUs that may be handed out (cores × ratio). */
  vcpuLimit: number;
  /** Configured memory that may be handed out, MiB. */
  memLimitMiB: number;
  vcpusUsed: number;
  memUsedMiB: number;
  load: HostLoad;
}

export function cpuRatio(cl: ClusterRec | undefined): number {
  const r = cl?.settings.cpuAllocationRatio ?? 0;
  return r > 0 ? r : NOVA_DEFAULT_CPU_RATIO;
}

export function memRatio(cl: ClusterRec | undefined): number {
  const r = cl?.settings.memAllocationRatio ?? 0;
  return r > 0 ? r : NOVA_DEFAULT_RAM_RATIO;
}

export function allocation(w: Readonly<World>, book: LoadBook, h: HostRec): AllocationView {
  const cl = w.clusterById.get(h.clusterId);
  const load = book.load(h.id);
  return {
    vcpuLimit: hostCores(h) * cpuRatio(cl),
    memLimitMiB: hostMemCapMiB(h) * memRatio(cl),
    vcpusUsed: load.vcpus,
    memUsedMiB: load.memMiB,
    load,
  };
}

/** Fraction (0..1+) of the allocation limits used after adding vcpus / memMiB; the larger of CPU and memory. */
export function allocatedFraction(a: AllocationView, vcpus: number, memMiB: number): number {
  const c = a.vcpuLimit > 0 ? (a.vcpusUsed + vcpus) / a.vcpuLimit : 1;
  const m = a.memLimitMiB > 0 ? (a.memUsedMiB + memMiB) / a.memLimitMiB : 1;
  return c > m ? c : m;
}

/** Free space of a datastore, GiB. */
export function datastoreFreeGiB(ds: {
  capacityGiB: number;
  usedGiB: number;
  provisionedGiB: number;
}): number {
  return Math.max(0, ds.capacityGiB - ds.usedGiB);
}
