/**
 * Test fixtures for the schedulers: small worlds built through the engine's own buildWorld, with the
 * per-tick demand fields set by hand so expected decisions can be computed by hand.
 */
import type { ClusterSettings, HostSpec, Scenario, VmSpec } from '../../model/scenario';
import { buildWorld } from '../../world/build';
import type { World } from '../../world/world';
import { LoadBook } from '../../world/admission';
import type { PlacementRequest } from '../types';
import type { SchedRequest } from '../explain';

export interface HostOpts {
  cores?: number;
  coreMHz?: number;
  memMiB?: number;
  nicMbps?: number;
  state?: HostSpec['state'];
}

export interface VmOpts {
  vcpus?: number;
  memMiB?: number;
  cpuResMHz?: number;
  memResMiB?: number;
  tags?: string[];
  power?: VmSpec['power'];
}

export function host(i: number, o: HostOpts = {}, clusterId = 'cluster-1'): HostSpec {
  return {
    id: `host-${i}`,
    name: `esx-${String(i).padStart(2, '0')}`,
    clusterId,
    sockets: 1,
    coresPerSocket: o.cores ?? 16,
    coreMHz: o.coreMHz ?? 2000,
    memMiB: o.memMiB ?? 65536,
    nicMbps: o.nicMbps ?? 10000,
    cpuModel: 'Test CPU',
    cpuVendor: 'intel',
    cpuGeneration: 1,
    power: { idleW: 100, maxW: 300 },
    ...(o.state ? { state: o.state } : {}),
  };
}

export function vm(id: string, hostId: string, o: VmOpts = {}): VmSpec {
  return {
    id,
    name: id,
    hostId,
    vcpus: o.vcpus ?? 2,
    memMiB: o.memMiB ?? 4096,
    disks: [{ datastoreId: 'ds-shared', sizeGiB: 20, thin: true }],
    ...(o.cpuResMHz || o.memResMiB
      ? { cpu: { reservationMHz: o.cpuResMHz ?? 0 }, mem: { reservationMiB: o.memResMiB ?? 0 } }
      : {}),
    ...(o.tags ? { tags: o.tags } : {}),
    ...(o.power ? { power: o.power } : {}),
    workload: { pattern: 'constant', cpuBasePct: 20, cpuPeakPct: 20, memActivePct: 25 },
  };
}

export function scenario(
  hosts: HostSpec[],
  vms: VmSpec[],
  settings: Partial<ClusterSettings> = {},
): Scenario {
  return {
    version: 1,
    name: 'sched-test',
    datacenters: [{ id: 'dc-1', name: 'DC' }],
    clusters: [{ id: 'cluster-1', name: 'Cluster', datacenterId: 'dc-1', settings }],
    hosts,
    datastores: [
      { id: 'ds-shared', name: 'shared', clusterId: 'cluster-1', capacityGiB: 10000, maxIops: 10000 },
    ],
    networks: [{ id: 'net-1', name: 'VM Network', datacenterId: 'dc-1', clusterIds: [] }],
    vms,
    containers: [],
    services: [],
    traces: [],
  };
}

export function world(s: Scenario): World {
  const r = buildWorld(s);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Sets per-tick demand by hand: VM CPU demand (MHz) and active memory (MiB); hosts get the sums. */
export function setDemand(w: World, demand: Record<string, { cpuMHz: number; memActiveMiB?: number }>): void {
  for (const h of w.hosts) h.cpuDemandMHz = 0;
  for (const v of w.vms) {
    const d = demand[v.id];
    v.cpuDemandMHz = d?.cpuMHz ?? 0;
    v.memActiveMiB = d?.memActiveMiB ?? 0;
    if (v.power === 'poweredOn') {
      const h = w.hostById.get(v.hostId);
      if (h) h.cpuDemandMHz += v.cpuDemandMHz;
    }
  }
}

export function request(
  o: Partial<SchedRequest> & { vcpus?: number; memMiB?: number; cpuResMHz?: number; memResMiB?: number } = {},
): SchedRequest {
  const base: PlacementRequest = {
    guest: {
      vcpus: o.vcpus ?? 2,
      memMiB: o.memMiB ?? 4096,
      cpuReservationMHz: o.cpuResMHz ?? 0,
      memReservationMiB: o.memResMiB ?? 0,
      requestMilli: 0,
      isContainer: false,
    },
    cpuDemandMHz: 0,
    guestId: null,
    datastoreIds: [],
    networkId: null,
    clusterId: 'cluster-1',
    excludeHostIds: [],
    antiAffinityServiceId: null,
    reason: 'initial',
  };
  const { vcpus: _v, memMiB: _m, cpuResMHz: _c, memResMiB: _r, ...rest } = o;
  return { ...base, ...rest };
}

export function ctxOf(w: World): { world: World; book: LoadBook } {
  return { world: w, book: new LoadBook(w) };
}
