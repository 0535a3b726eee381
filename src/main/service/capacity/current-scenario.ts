/** The engine's current state as scenario JSON (for export): configuration as it is now, not as it started. */
import type { EngineSnapshot, Scenario } from '../../engine';

export function scenarioFromSnapshot(snap: EngineSnapshot): Scenario {
  return {
    version: 1,
    name: snap.scenario.name,
    description: snap.scenario.description ?? '',
    datacenters: snap.datacenters.map((d) => ({
      id: d.id,
      name: d.name,
      ...(d.location ? { location: d.location } : {}),
    })),
    clusters: snap.clusters.map((c) => ({
      id: c.id,
      name: c.name,
      datacenterId: c.datacenterId,
      settings: c.settings,
    })),
    hosts: snap.hosts.map((h) => ({
      id: h.id,
      name: h.name,
      clusterId: h.clusterId,
      sockets: h.sockets,
      coresPerSocket: h.coresPerSocket,
      coreMHz: h.coreMHz,
      memMiB: h.memMiB,
      nicMbps: h.nicMbps,
      cpuModel: h.cpuModel,
      cpuVendor: h.cpuVendor,
      cpuGeneration: h.cpuGeneration,
      power: { idleW: h.idleW, maxW: h.maxW, ...(h.tableW ? { tableW: h.tableW } : {}) },
      state: h.state,
    })),
    datastores: snap.datastores.map((d) => ({
      id: d.id,
      name: d.name,
      ...(d.clusterId ? { clusterId: d.clusterId } : {}),
      ...(d.hostId ? { hostId: d.hostId } : {}),
      capacityGiB: d.capacityGiB,
      maxIops: d.maxIops,
    })),
    networks: snap.networks.map((n) => ({
      id: n.id,
      name: n.name,
      datacenterId: n.datacenterId,
      clusterIds: n.clusterIds,
      ...(n.vlanId !== null ? { vlanId: n.vlanId } : {}),
    })),
    vms: snap.vms.map((v) => ({
      id: v.id,
      name: v.name,
      hostId: v.hostId,
      vcpus: v.vcpus,
      memMiB: v.memMiB,
      disks: v.disks.map((d) => ({
        datastoreId: d.datastoreId,
        sizeGiB: d.sizeGiB,
        thin: d.thin,
        usedGiB: d.usedGiB,
      })),
      ...(v.networkId ? { networkId: v.networkId } : {}),
      cpu: {
        shares: v.cpuSharesLevel === 'custom' ? v.cpuShares : (v.cpuSharesLevel as 'low' | 'normal' | 'high'),
        reservationMHz: v.cpuResMHz,
        limitMHz: v.cpuLimitMHz,
      },
      mem: {
        shares: v.memSharesLevel === 'custom' ? v.memShares : (v.memSharesLevel as 'low' | 'normal' | 'high'),
        reservationMiB: v.memResMiB,
        limitMiB: v.memLimitMiB,
      },
      power: v.power,
      guestOS: v.guestOS,
      tags: v.tags,
      workload: v.workload,
    })),
    containers: [],
    services: [],
    traces: [],
  };
}

/** Observed usage for the export (the latest tick's values). */
export function observedFromSnapshot(snap: EngineSnapshot) {
  return {
    vmCpuMHz: new Map(snap.vms.filter((v) => v.power === 'poweredOn').map((v) => [v.id, v.cpuDemandMHz])),
    vmMemActiveMiB: new Map(
      snap.vms.filter((v) => v.power === 'poweredOn').map((v) => [v.id, v.memActiveMiB]),
    ),
    hostCpuPct: new Map(
      snap.hosts.map((h) => [
        h.id,
        (100 * h.cpuUsageMHz) / Math.max(1, h.sockets * h.coresPerSocket * h.coreMHz),
      ]),
    ),
    hostMemPct: new Map(snap.hosts.map((h) => [h.id, (100 * h.memConsumedMiB) / h.memMiB])),
  };
}
