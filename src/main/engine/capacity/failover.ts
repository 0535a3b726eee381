/**
 * N+1 / N+2 estimate without running the simulation: fail a host (or a pair), restart its powered-on
 * VMs on the surviving hosts of the cluster the way HA admission allows (vCPUs ≤ cores, reservations
 * plus overhead within capacity [V7]), largest memory first onto the host with the most free memory,
 * then measure the demand left unmet: CPU demand above a host's capacity, consumed memory above its
 * usable memory, and the whole demand of VMs that could not restart. The service also runs the real
 * simulation on an engine snapshot for the same question; this estimator is the fast path.
 */
import { contributes, type CapHost, type CapVm } from './types';

export interface FailoverCase {
  failedHostIds: string[];
  restarted: number;
  /** VMs that found no host. */
  notRestarted: { id: string; name: string; reason: string }[];
  unmetCpuMHz: number;
  unmetMemMiB: number;
  /** Highest host CPU and memory utilisation after the restarts, %. */
  peakCpuPct: number;
  peakMemPct: number;
}

export interface FailoverOptions {
  /** Memory the hypervisor keeps per host, MiB (engine: 1 GiB + 1 %). */
  hypervisorMemMiB?: (hostMemMiB: number) => number;
  /** Per-VM overhead memory, MiB. */
  vmOverheadMiB?: (memMiB: number, vcpus: number) => number;
}

const defHyper = (m: number) => 1024 + 0.01 * m;
const defOverhead = (m: number, v: number) => 30 + 0.01 * m + 8 * v;

export function simulateFailure(
  hosts: readonly CapHost[],
  vms: readonly CapVm[],
  failed: readonly string[],
  o: FailoverOptions = {},
): FailoverCase {
  const hyper = o.hypervisorMemMiB ?? defHyper;
  const overhead = o.vmOverheadMiB ?? defOverhead;
  const failedSet = new Set(failed);
  const survivors = hosts.filter((h) => h.state === 'connected' && !failedSet.has(h.id));
  const st = new Map(
    survivors.map((h) => [
      h.id,
      {
        h,
        resCpu: 0,
        resMem: 0,
        cpu: h.cpuDemandMHz,
        mem: h.memConsumedMiB,
        memCap: h.memMiB - hyper(h.memMiB),
      },
    ]),
  );
  for (const v of vms) {
    const s = st.get(v.hostId);
    if (!s || !v.poweredOn) continue;
    s.resCpu += v.cpuResMHz;
    s.resMem += v.memResMiB + overhead(v.memMiB, v.vcpus);
  }
  const victims = vms
    .filter((v) => v.poweredOn && failedSet.has(v.hostId))
    .sort((a, b) => b.memMiB - a.memMiB || (a.id < b.id ? -1 : 1));
  const notRestarted: FailoverCase['notRestarted'] = [];
  let restarted = 0;
  let unmetCpu = 0;
  let unmetMem = 0;
  for (const v of victims) {
    let best: (typeof st extends Map<string, infer S> ? S : never) | null = null;
    let reason = survivors.length === 0 ? 'no surviving host in the cluster' : '';
    for (const s of st.values()) {
      const cpuCap = s.h.cores * s.h.coreMHz;
      if (v.vcpus > s.h.cores) {
        reason ||= `${v.vcpus} vCPUs exceed every surviving host`;
        continue;
      }
      if (s.resCpu + v.cpuResMHz > cpuCap + 1e-6) {
        reason = 'CPU reservations do not fit';
        continue;
      }
      if (s.resMem + v.memResMiB + overhead(v.memMiB, v.vcpus) > s.memCap + 1e-6) {
        reason = 'memory reservations do not fit';
        continue;
      }
      if (!best || s.memCap - s.mem > best.memCap - best.mem) best = s;
    }
    if (!best) {
      notRestarted.push({ id: v.id, name: v.name, reason: reason || 'no host admits it' });
      unmetCpu += v.cpuDemandMHz;
      unmetMem += v.memConsumedMiB;
      continue;
    }
    restarted++;
    best.resCpu += v.cpuResMHz;
    best.resMem += v.memResMiB + overhead(v.memMiB, v.vcpus);
    best.cpu += v.cpuDemandMHz;
    best.mem += v.memConsumedMiB;
  }
  let peakCpu = 0;
  let peakMem = 0;
  for (const s of st.values()) {
    const cpuCap = s.h.cores * s.h.coreMHz;
    unmetCpu += Math.max(0, s.cpu - cpuCap);
    unmetMem += Math.max(0, s.mem - s.memCap);
    peakCpu = Math.max(peakCpu, cpuCap > 0 ? (100 * s.cpu) / cpuCap : 0);
    peakMem = Math.max(peakMem, s.memCap > 0 ? (100 * s.mem) / s.memCap : 0);
  }
  return {
    failedHostIds: [...failed],
    restarted,
    notRestarted,
    unmetCpuMHz: unmetCpu,
    unmetMemMiB: unmetMem,
    peakCpuPct: peakCpu,
    peakMemPct: peakMem,
  };
}

export interface ClusterTolerance {
  clusterId: string;
  /** Every single-host failure. */
  single: FailoverCase[];
  /** The worst pair (most unmet demand, then most VMs not restarted); null with fewer than 3 hosts. */
  worstPair: FailoverCase | null;
  /** N+1 holds when every single failure restarts every VM and leaves no demand unmet. */
  nPlus1: boolean;
  nPlus2: boolean;
}

const badness = (c: FailoverCase) => c.notRestarted.length * 1e12 + c.unmetCpuMHz + c.unmetMemMiB;
const clean = (c: FailoverCase) =>
  c.notRestarted.length === 0 && c.unmetCpuMHz < 1e-6 && c.unmetMemMiB < 1e-6;

/**
 * N+1 over every host and N+2 over the pairs. Pairs are searched among the `pairCandidates` worst single
 * failures (default 8) so a 64-host cluster stays fast; that is documented as a heuristic.
 */
export function clusterTolerance(
  clusterId: string,
  hosts: readonly CapHost[],
  vms: readonly CapVm[],
  o: FailoverOptions & { pairCandidates?: number } = {},
): ClusterTolerance {
  const members = hosts.filter((h) => h.clusterId === clusterId && contributes(h) && h.state === 'connected');
  const guests = vms.filter((v) => v.clusterId === clusterId);
  const single = members.map((h) => simulateFailure(members, guests, [h.id], o));
  let worstPair: FailoverCase | null = null;
  if (members.length >= 3) {
    const k = Math.min(members.length, o.pairCandidates ?? 8);
    const cands = [...single]
      .sort((a, b) => badness(b) - badness(a) || b.restarted - a.restarted)
      .slice(0, k)
      .map((c) => c.failedHostIds[0]!);
    for (let i = 0; i < cands.length; i++) {
      for (let j = i + 1; j < cands.length; j++) {
        const c = simulateFailure(members, guests, [cands[i]!, cands[j]!], o);
        if (!worstPair || badness(c) > badness(worstPair)) worstPair = c;
      }
    }
  }
  return {
    clusterId,
    single,
    worstPair,
    nPlus1: members.length >= 2 && single.every(clean),
    nPlus2: worstPair !== null && clean(worstPair) && single.every(clean),
  };
}
