/**
 * Allocation model (Aria Operations [A5]): what is configured (vCPU, vRAM, provisioned disk) against
 * physical capacity × overcommit ratio, minus the HA reserve and the buffer.
 *   capacity_r   = physical_r × overcommit_r
 *   usable_r     = capacity_r × (1 − HA%) × (1 − buffer%)      (HA% only at cluster scope [V7])
 *   remaining_r  = usable_r − configured_r
 *   ratio_r      = configured_r / physical_r                   (e.g. 3.2 vCPU per core)
 */
import { contributes, type CapCluster, type CapInventory, type CapPolicy, type CapResource } from './types';

export interface AllocationResource {
  /** Cores, MiB or GiB of the hardware. */
  physical: number;
  /** vCPUs, MiB or GiB configured on guests. */
  configured: number;
  /** configured / physical (0 when there is no hardware). */
  ratio: number;
  capacity: number;
  usable: number;
  remaining: number;
  /** configured / usable × 100 (Infinity when usable is 0 and something is configured). */
  usedPct: number;
}

export interface AllocationRow {
  scope: 'host' | 'cluster' | 'datacenter';
  id: string;
  name: string;
  cpu: AllocationResource;
  mem: AllocationResource;
  disk: AllocationResource;
  vms: number;
}

export function haReserve(
  cluster: CapCluster | undefined,
  policy: CapPolicy,
): { cpuPct: number; memPct: number } {
  if (policy.haReservePct !== 'cluster') return { cpuPct: policy.haReservePct, memPct: policy.haReservePct };
  return { cpuPct: cluster?.haCpuReservePct ?? 0, memPct: cluster?.haMemReservePct ?? 0 };
}

export function allocResource(
  physical: number,
  configured: number,
  overcommit: number,
  haPct: number,
  bufferPct: number,
): AllocationResource {
  const capacity = physical * overcommit;
  const usable = capacity * (1 - haPct / 100) * (1 - bufferPct / 100);
  const usedPct = usable > 0 ? (configured / usable) * 100 : configured > 0 ? Infinity : 0;
  return {
    physical,
    configured,
    ratio: physical > 0 ? configured / physical : 0,
    capacity,
    usable,
    remaining: usable - configured,
    usedPct,
  };
}

interface Sums {
  cores: number;
  memMiB: number;
  diskGiB: number;
  vcpus: number;
  vmemMiB: number;
  provGiB: number;
  vms: number;
}

const zero = (): Sums => ({ cores: 0, memMiB: 0, diskGiB: 0, vcpus: 0, vmemMiB: 0, provGiB: 0, vms: 0 });

function row(
  scope: AllocationRow['scope'],
  id: string,
  name: string,
  s: Sums,
  policy: CapPolicy,
  ha: { cpuPct: number; memPct: number },
): AllocationRow {
  const b = policy.bufferPct;
  return {
    scope,
    id,
    name,
    cpu: allocResource(s.cores, s.vcpus, policy.cpuOvercommit, ha.cpuPct, b),
    mem: allocResource(s.memMiB, s.vmemMiB, policy.memOvercommit, ha.memPct, b),
    // Storage has no HA reserve: the same datastores serve the restarted VMs.
    disk: allocResource(s.diskGiB, s.provGiB, policy.diskOvercommit, 0, b),
    vms: s.vms,
  };
}

/** Allocation rows per host, per cluster and for each datacenter, in inventory order. */
export function allocationModel(inv: CapInventory, policy: CapPolicy): AllocationRow[] {
  const hostSums = new Map<string, Sums>();
  const clusterSums = new Map<string, Sums>();
  for (const c of inv.clusters) clusterSums.set(c.id, zero());
  for (const h of inv.hosts) {
    const s = zero();
    if (contributes(h)) {
      s.cores = h.cores;
      s.memMiB = h.memMiB;
    }
    hostSums.set(h.id, s);
    const cs = clusterSums.get(h.clusterId);
    if (cs) {
      cs.cores += s.cores;
      cs.memMiB += s.memMiB;
    }
  }
  for (const d of inv.datastores) {
    const target =
      d.clusterId !== null
        ? clusterSums.get(d.clusterId)
        : d.hostId !== null
          ? hostSums.get(d.hostId)
          : undefined;
    if (target) target.diskGiB += d.capacityGiB;
    if (d.clusterId === null && d.hostId !== null) {
      const h = inv.hosts.find((x) => x.id === d.hostId);
      const cs = h ? clusterSums.get(h.clusterId) : undefined;
      if (cs) cs.diskGiB += d.capacityGiB;
    }
  }
  for (const v of inv.vms) {
    const counts = v.poweredOn || policy.includePoweredOff;
    for (const s of [hostSums.get(v.hostId), clusterSums.get(v.clusterId)]) {
      if (!s) continue;
      if (counts) {
        s.vcpus += v.vcpus;
        s.vmemMiB += v.memMiB;
      }
      s.provGiB += v.provisionedGiB;
      s.vms++;
    }
  }
  const rows: AllocationRow[] = [];
  for (const h of inv.hosts)
    rows.push(row('host', h.id, h.name, hostSums.get(h.id)!, policy, { cpuPct: 0, memPct: 0 }));
  const dcSums = new Map<string, Sums>();
  const dcHa = new Map<string, { cpu: number; mem: number; cores: number; memMiB: number }>();
  for (const c of inv.clusters) {
    const s = clusterSums.get(c.id)!;
    const ha = haReserve(c, policy);
    rows.push(row('cluster', c.id, c.name, s, policy, ha));
    const d = dcSums.get(c.datacenterId) ?? zero();
    for (const k of Object.keys(d) as (keyof Sums)[]) d[k] += s[k];
    dcSums.set(c.datacenterId, d);
    const w = dcHa.get(c.datacenterId) ?? { cpu: 0, mem: 0, cores: 0, memMiB: 0 };
    w.cpu += ha.cpuPct * s.cores;
    w.mem += ha.memPct * s.memMiB;
    w.cores += s.cores;
    w.memMiB += s.memMiB;
    dcHa.set(c.datacenterId, w);
  }
  for (const [dcId, s] of dcSums) {
    // The datacenter's reserve is the capacity-weighted HA reserve of its clusters, so its usable is their sum.
    const w = dcHa.get(dcId)!;
    const ha = { cpuPct: w.cores > 0 ? w.cpu / w.cores : 0, memPct: w.memMiB > 0 ? w.mem / w.memMiB : 0 };
    rows.push(row('datacenter', dcId, dcId, s, policy, ha));
  }
  return rows;
}

/** The resource that runs out first in an allocation row (highest usedPct). */
export function bindingResource(r: AllocationRow): CapResource {
  const order: CapResource[] = ['cpu', 'mem', 'disk'];
  let best: CapResource = 'cpu';
  for (const k of order) if (r[k].usedPct > r[best].usedPct) best = k;
  return best;
}
