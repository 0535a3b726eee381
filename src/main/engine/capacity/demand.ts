/**
 * Demand model (Aria Operations [A5]): what the guests actually use against usable capacity.
 *   capacity_r = physical_r            (MHz = cores × core MHz; MiB; datastore GiB)
 *   usable_r   = capacity_r × (1 − HA%) × (1 − buffer%)      (HA% at cluster scope only [V7])
 *   demand     = CPU demand MHz, consumed memory MiB, used disk GiB
 * plus the contention indicators ready % (per vCPU [V9]), ballooned and swapped memory [V10].
 */
import { haReserve } from './allocation';
import { contributes, type CapInventory, type CapPolicy } from './types';

export interface DemandResource {
  capacity: number;
  usable: number;
  demand: number;
  remaining: number;
  usedPct: number;
}

export interface DemandRow {
  scope: 'host' | 'cluster' | 'datacenter';
  id: string;
  name: string;
  cpuMHz: DemandResource;
  memMiB: DemandResource;
  diskGiB: DemandResource;
  /** vCPU-weighted mean CPU ready of powered-on VMs, % per vCPU. */
  readyPct: number;
  /** Worst VM's CPU ready, % per vCPU. */
  readyMaxPct: number;
  balloonedMiB: number;
  swappedMiB: number;
}

export function demandResource(
  capacity: number,
  demand: number,
  haPct: number,
  bufferPct: number,
): DemandResource {
  const usable = capacity * (1 - haPct / 100) * (1 - bufferPct / 100);
  const usedPct = usable > 0 ? (demand / usable) * 100 : demand > 0 ? Infinity : 0;
  return { capacity, usable, demand, remaining: usable - demand, usedPct };
}

interface Acc {
  cpuCap: number;
  cpuDem: number;
  memCap: number;
  memDem: number;
  diskCap: number;
  diskUsed: number;
  readyW: number;
  vcpus: number;
  readyMax: number;
  balloon: number;
  swap: number;
}

const zero = (): Acc => ({
  cpuCap: 0,
  cpuDem: 0,
  memCap: 0,
  memDem: 0,
  diskCap: 0,
  diskUsed: 0,
  readyW: 0,
  vcpus: 0,
  readyMax: 0,
  balloon: 0,
  swap: 0,
});

function add(a: Acc, b: Acc): void {
  a.cpuCap += b.cpuCap;
  a.cpuDem += b.cpuDem;
  a.memCap += b.memCap;
  a.memDem += b.memDem;
  a.diskCap += b.diskCap;
  a.diskUsed += b.diskUsed;
  a.readyW += b.readyW;
  a.vcpus += b.vcpus;
  a.readyMax = Math.max(a.readyMax, b.readyMax);
  a.balloon += b.balloon;
  a.swap += b.swap;
}

function toRow(
  scope: DemandRow['scope'],
  id: string,
  name: string,
  a: Acc,
  ha: { cpuPct: number; memPct: number },
  bufferPct: number,
): DemandRow {
  return {
    scope,
    id,
    name,
    cpuMHz: demandResource(a.cpuCap, a.cpuDem, ha.cpuPct, bufferPct),
    memMiB: demandResource(a.memCap, a.memDem, ha.memPct, bufferPct),
    diskGiB: demandResource(a.diskCap, a.diskUsed, 0, bufferPct),
    readyPct: a.vcpus > 0 ? a.readyW / a.vcpus : 0,
    readyMaxPct: a.readyMax,
    balloonedMiB: a.balloon,
    swappedMiB: a.swap,
  };
}

/** Demand rows per host, per cluster and per datacenter. Host demand values come from CapHost. */
export function demandModel(inv: CapInventory, policy: CapPolicy): DemandRow[] {
  const hostAcc = new Map<string, Acc>();
  for (const h of inv.hosts) {
    const a = zero();
    if (contributes(h)) {
      a.cpuCap = h.cores * h.coreMHz;
      a.memCap = h.memMiB;
    }
    a.cpuDem = h.cpuDemandMHz;
    a.memDem = h.memConsumedMiB;
    a.balloon = h.memBalloonMiB;
    a.swap = h.memSwappedMiB;
    hostAcc.set(h.id, a);
  }
  for (const v of inv.vms) {
    if (!v.poweredOn) continue;
    const a = hostAcc.get(v.hostId);
    if (!a) continue;
    a.readyW += v.readyPct * v.vcpus;
    a.vcpus += v.vcpus;
    a.readyMax = Math.max(a.readyMax, v.readyPct);
  }
  const clusterAcc = new Map(inv.clusters.map((c) => [c.id, zero()]));
  for (const h of inv.hosts) {
    const c = clusterAcc.get(h.clusterId);
    if (c) add(c, hostAcc.get(h.id)!);
  }
  for (const d of inv.datastores) {
    const host = d.hostId !== null ? inv.hosts.find((h) => h.id === d.hostId) : undefined;
    const ha = host ? hostAcc.get(host.id) : undefined;
    if (ha) {
      ha.diskCap += d.capacityGiB;
      ha.diskUsed += d.usedGiB;
    }
    const c = clusterAcc.get(d.clusterId ?? host?.clusterId ?? '');
    if (c) {
      c.diskCap += d.capacityGiB;
      c.diskUsed += d.usedGiB;
    }
  }
  const rows: DemandRow[] = [];
  const b = policy.bufferPct;
  for (const h of inv.hosts)
    rows.push(toRow('host', h.id, h.name, hostAcc.get(h.id)!, { cpuPct: 0, memPct: 0 }, b));
  const dcAcc = new Map<string, { acc: Acc; haCpu: number; haMem: number }>();
  for (const c of inv.clusters) {
    const a = clusterAcc.get(c.id)!;
    const ha = haReserve(c, policy);
    rows.push(toRow('cluster', c.id, c.name, a, ha, b));
    const d = dcAcc.get(c.datacenterId) ?? { acc: zero(), haCpu: 0, haMem: 0 };
    add(d.acc, a);
    d.haCpu += (ha.cpuPct / 100) * a.cpuCap;
    d.haMem += (ha.memPct / 100) * a.memCap;
    dcAcc.set(c.datacenterId, d);
  }
  for (const [dcId, d] of dcAcc) {
    const ha = {
      cpuPct: d.acc.cpuCap > 0 ? (100 * d.haCpu) / d.acc.cpuCap : 0,
      memPct: d.acc.memCap > 0 ? (100 * d.haMem) / d.acc.memCap : 0,
    };
    rows.push(toRow('datacenter', dcId, dcId, d.acc, ha, b));
  }
  return rows;
}
