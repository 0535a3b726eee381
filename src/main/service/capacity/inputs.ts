/**
 * Extracts the capacity math's plain inputs from an engine snapshot (the world's records), optionally
 * replacing the instantaneous demand by peaks from the history store.
 */
import type { EngineSnapshot } from '../../engine';
import type { CapCluster, CapHost, CapInventory, CapVm } from '../../engine/capacity';

type ClusterRec = EngineSnapshot['clusters'][number];

/** The HA reserve a cluster's admission control keeps, % of CPU and memory [V7]. */
export function clusterReserve(c: ClusterRec, hostCount: number): { cpu: number; mem: number } {
  const ha = c.settings.ha;
  if (!ha.enabled) return { cpu: 0, mem: 0 };
  switch (ha.admission) {
    case 'disabled':
      return { cpu: 0, mem: 0 };
    case 'percentage':
      return { cpu: ha.cpuReservePct, mem: ha.memReservePct };
    case 'failoverHosts': {
      const pct = hostCount > 0 ? (100 * ha.failoverHostIds.length) / hostCount : 0;
      return { cpu: pct, mem: pct };
    }
    case 'slots': {
      // One host's worth of slots: the slot policy tolerates one host failure by default.
      const pct = hostCount > 0 ? 100 / hostCount : 0;
      return { cpu: pct, mem: pct };
    }
  }
}

export interface Peaks {
  hostCpuMHz: Map<string, number>;
  hostMemMiB: Map<string, number>;
  vmCpuMHz: Map<string, number>;
  vmMemMiB: Map<string, number>;
}

export function capInventory(snap: EngineSnapshot, peaks?: Peaks): CapInventory {
  const hostCluster = new Map(snap.hosts.map((h) => [h.id, h.clusterId]));
  const clusters: CapCluster[] = snap.clusters.map((c) => {
    const r = clusterReserve(c, snap.hosts.filter((h) => h.clusterId === c.id).length);
    return {
      id: c.id,
      name: c.name,
      datacenterId: c.datacenterId,
      haCpuReservePct: r.cpu,
      haMemReservePct: r.mem,
    };
  });
  const hosts: CapHost[] = snap.hosts.map((h) => ({
    id: h.id,
    name: h.name,
    clusterId: h.clusterId,
    cores: h.sockets * h.coresPerSocket,
    coreMHz: h.coreMHz,
    memMiB: h.memMiB,
    state: h.state,
    idleW: h.idleW,
    maxW: h.maxW,
    cpuDemandMHz: peaks?.hostCpuMHz.get(h.id) ?? h.cpuDemandMHz,
    memConsumedMiB: peaks?.hostMemMiB.get(h.id) ?? h.memConsumedMiB,
    memBalloonMiB: h.memBalloonMiB,
    memSwappedMiB: h.memSwappedMiB,
  }));
  const tickMs = snap.tickSeconds * 1000;
  const vms: CapVm[] = snap.vms.map((v) => ({
    id: v.id,
    name: v.name,
    hostId: v.hostId,
    clusterId: hostCluster.get(v.hostId) ?? '',
    vcpus: v.vcpus,
    memMiB: v.memMiB,
    provisionedGiB: v.disks.reduce((a, d) => a + d.sizeGiB, 0),
    usedGiB: v.disks.reduce((a, d) => a + d.usedGiB, 0),
    poweredOn: v.power === 'poweredOn',
    cpuResMHz: v.cpuResMHz,
    memResMiB: v.memResMiB,
    cpuDemandMHz: peaks?.vmCpuMHz.get(v.id) ?? v.cpuDemandMHz,
    memConsumedMiB: peaks?.vmMemMiB.get(v.id) ?? v.memConsumedMiB,
    readyPct: v.vcpus > 0 ? (100 * v.cpuReadyMs) / tickMs / v.vcpus : 0,
  }));
  const datastores = snap.datastores.map((d) => ({
    id: d.id,
    name: d.name,
    clusterId: d.clusterId,
    hostId: d.hostId,
    capacityGiB: d.capacityGiB,
    provisionedGiB: d.provisionedGiB,
    usedGiB: d.usedGiB,
  }));
  return { clusters, hosts, vms, datastores };
}

/** Largest core speed and size per cluster, for headroom limits. */
export function hostLimits(
  inv: CapInventory,
  clusterId: string,
): { maxCores: number; maxMemMiB: number; coreMHz: number } {
  const hs = inv.hosts.filter((h) => h.clusterId === clusterId && h.state !== 'failed');
  if (hs.length === 0) return { maxCores: 0, maxMemMiB: 0, coreMHz: 0 };
  const cores = hs.reduce((a, h) => a + h.cores, 0);
  return {
    maxCores: Math.max(...hs.map((h) => h.cores)),
    maxMemMiB: Math.max(...hs.map((h) => h.memMiB)),
    coreMHz: cores > 0 ? hs.reduce((a, h) => a + h.cores * h.coreMHz, 0) / cores : 0,
  };
}
