/**
 * Inputs of the capacity-planning math. Plain numbers extracted from the engine (or an imported
 * inventory) by the service; nothing here knows the engine's records, so every function is pure and
 * can be tested with hand-computed cases. Units are in the names (MHz, MiB, GiB, W).
 */

export type CapHostState = 'connected' | 'maintenance' | 'standby' | 'failed' | 'disconnected';

export interface CapHost {
  id: string;
  name: string;
  clusterId: string;
  cores: number;
  coreMHz: number;
  memMiB: number;
  state: CapHostState;
  idleW: number;
  maxW: number;
  /** Current (or peak) CPU demand of everything on the host, MHz. */
  cpuDemandMHz: number;
  /** Current (or peak) consumed memory, MiB. */
  memConsumedMiB: number;
  memBalloonMiB: number;
  memSwappedMiB: number;
}

export interface CapVm {
  id: string;
  name: string;
  hostId: string;
  clusterId: string;
  vcpus: number;
  memMiB: number;
  provisionedGiB: number;
  usedGiB: number;
  poweredOn: boolean;
  cpuResMHz: number;
  memResMiB: number;
  /** Demand used by failover and consolidation (current or peak), MHz / MiB. */
  cpuDemandMHz: number;
  memConsumedMiB: number;
  /** CPU ready, % per vCPU (vCenter convention [V9]). */
  readyPct: number;
}

export interface CapDatastore {
  id: string;
  name: string;
  /** Shared by the hosts of this cluster, or null when local to a host. */
  clusterId: string | null;
  hostId: string | null;
  capacityGiB: number;
  provisionedGiB: number;
  usedGiB: number;
}

export interface CapCluster {
  id: string;
  name: string;
  datacenterId: string;
  /** HA admission control "cluster resource percentage" reserve, % (0 when HA or admission control is off). */
  haCpuReservePct: number;
  haMemReservePct: number;
}

export interface CapInventory {
  clusters: CapCluster[];
  hosts: CapHost[];
  vms: CapVm[];
  datastores: CapDatastore[];
}

/** The planner's policy (Aria Operations capacity policy analogue [A5]). */
export interface CapPolicy {
  /** vCPUs per physical core that may be allocated (e.g. 4 for 4:1). */
  cpuOvercommit: number;
  /** Configured memory per physical MiB (1 = no overcommit). */
  memOvercommit: number;
  /** Provisioned disk per GiB of datastore capacity (thin provisioning overcommit). */
  diskOvercommit: number;
  /** Capacity buffer kept free on top of the HA reserve, % (Aria default 0 [A5]). */
  bufferPct: number;
  /** Use each cluster's HA reserve (true) or this percentage for every cluster. */
  haReservePct: number | 'cluster';
  /** Count powered-off VMs in the CPU/memory allocation (their disks always count). */
  includePoweredOff: boolean;
}

export const DEFAULT_POLICY: CapPolicy = {
  cpuOvercommit: 4,
  memOvercommit: 1,
  diskOvercommit: 1,
  bufferPct: 0,
  haReservePct: 'cluster',
  includePoweredOff: false,
};

export type CapResource = 'cpu' | 'mem' | 'disk';

/** Hosts that contribute capacity: connected ones and standby ones (DPM can wake them). */
export function contributes(h: CapHost): boolean {
  switch (h.state) {
    case 'connected':
    case 'standby':
    case 'disconnected': // disconnected from management only: the hardware is there and runs its VMs
      return true;
    case 'maintenance':
    case 'failed':
      return false;
  }
}
