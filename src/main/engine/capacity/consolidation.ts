/**
 * Consolidation estimate: the fewest hosts that carry the current load under a policy's utilisation
 * ceilings, by first-fit decreasing (largest guests first onto the largest hosts, CloudSim-style first
 * fit [C1]), and the power saved when the other hosts are put in standby (0 W). Host power follows
 * the linear model P(u) = P_idle + (P_max − P_idle) · u [C2].
 */
import { contributes, type CapHost, type CapVm } from './types';

export interface ConsolidationPolicy {
  id: string;
  name: string;
  /** Highest CPU / memory utilisation a host may reach, %. */
  cpuCeilPct: number;
  memCeilPct: number;
  /** Hosts kept on top for HA failover (N+x). */
  spareHosts: number;
  source: string;
}

export const CONSOLIDATION_POLICIES: readonly ConsolidationPolicy[] = [
  {
    id: 'firstFit',
    name: 'Pack (first fit, static 90 % threshold)',
    cpuCeilPct: 90,
    memCeilPct: 90,
    spareHosts: 0,
    source: 'CloudSim Plus static threshold 0.9 [C2]',
  },
  {
    id: 'leastLoaded',
    name: 'Balanced (80 % ceiling)',
    cpuCeilPct: 80,
    memCeilPct: 80,
    spareHosts: 0,
    source: 'oVirt evenly-distributed 80 % [X1]',
  },
  {
    id: 'haN1',
    name: 'Balanced + N+1 spare',
    cpuCeilPct: 80,
    memCeilPct: 80,
    spareHosts: 1,
    source: 'vSphere HA failover capacity of one host [V7]',
  },
];

export interface ConsolidationResult {
  policyId: string;
  policyName: string;
  hostsNow: number;
  hostsNeeded: number;
  /** VMs that fit on no host even when empty (larger than the ceiling allows). */
  unplaceable: number;
  powerNowW: number;
  powerAfterW: number;
  energySavedKWhPerDay: number;
  /** Host ids kept powered on, in packing order. */
  keptHostIds: string[];
}

export function hostPowerW(h: Pick<CapHost, 'idleW' | 'maxW'>, util: number): number {
  const u = Math.min(1, Math.max(0, util));
  return h.idleW + (h.maxW - h.idleW) * u;
}

export function consolidate(
  hosts: readonly CapHost[],
  vms: readonly CapVm[],
  policy: ConsolidationPolicy,
): ConsolidationResult {
  const live = hosts.filter(contributes);
  const cap = (h: CapHost) => h.cores * h.coreMHz;
  const running = vms.filter((v) => v.poweredOn);
  // Power now: every connected host at its current demand.
  let powerNow = 0;
  for (const h of live)
    if (h.state === 'connected') powerNow += hostPowerW(h, cap(h) > 0 ? h.cpuDemandMHz / cap(h) : 0);
  const order = [...live].sort((a, b) => cap(b) - cap(a) || b.memMiB - a.memMiB || (a.id < b.id ? -1 : 1));
  const maxCap = order[0] ? cap(order[0]) : 1;
  const maxMem = order[0]?.memMiB ?? 1;
  const guests = [...running].sort(
    (a, b) =>
      Math.max(b.cpuDemandMHz / maxCap, b.memConsumedMiB / maxMem) -
        Math.max(a.cpuDemandMHz / maxCap, a.memConsumedMiB / maxMem) || (a.id < b.id ? -1 : 1),
  );
  const cpuLeft: number[] = [];
  const memLeft: number[] = [];
  const used: CapHost[] = [];
  let unplaceable = 0;
  for (const g of guests) {
    let placed = false;
    for (let i = 0; i < used.length; i++) {
      if (
        g.cpuDemandMHz <= cpuLeft[i]! + 1e-9 &&
        g.memConsumedMiB <= memLeft[i]! + 1e-9 &&
        g.vcpus <= used[i]!.cores
      ) {
        cpuLeft[i]! -= g.cpuDemandMHz;
        memLeft[i]! -= g.memConsumedMiB;
        placed = true;
        break;
      }
    }
    if (placed) continue;
    const next = order.find(
      (h) =>
        !used.includes(h) &&
        g.vcpus <= h.cores &&
        g.cpuDemandMHz <= (cap(h) * policy.cpuCeilPct) / 100 &&
        g.memConsumedMiB <= (h.memMiB * policy.memCeilPct) / 100,
    );
    if (!next) {
      unplaceable++;
      continue;
    }
    used.push(next);
    cpuLeft.push((cap(next) * policy.cpuCeilPct) / 100 - g.cpuDemandMHz);
    memLeft.push((next.memMiB * policy.memCeilPct) / 100 - g.memConsumedMiB);
  }
  const spares = order.filter((h) => !used.includes(h)).slice(0, policy.spareHosts);
  let powerAfter = 0;
  used.forEach((h, i) => {
    const load = (cap(h) * policy.cpuCeilPct) / 100 - cpuLeft[i]!;
    powerAfter += hostPowerW(h, load / cap(h));
  });
  for (const h of spares) powerAfter += hostPowerW(h, 0);
  const hostsNeeded = used.length + spares.length;
  return {
    policyId: policy.id,
    policyName: policy.name,
    hostsNow: live.filter((h) => h.state === 'connected').length,
    hostsNeeded,
    unplaceable,
    powerNowW: powerNow,
    powerAfterW: powerAfter,
    energySavedKWhPerDay: ((powerNow - powerAfter) * 24) / 1000,
    keptHostIds: [...used, ...spares].map((h) => h.id),
  };
}
