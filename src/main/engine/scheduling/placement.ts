/**
 * Placement policies. Each host is first filtered (admission, reachability, anti-affinity), then the
 * eligible ones are scored; the highest score wins and ties go to the earlier host (id order), so the
 * result is deterministic.
 *  - leastLoaded: score = 1 − max(projected CPU utilisation, projected memory reservation ratio)
 *    (spreads load, like Nova's RAM/CPU weighers with positive multipliers [O1]);
 *  - firstFit: the first eligible host in inventory order (packs, like CloudSim's VmAllocationPolicyFirstFit [C1]).
 */
import { hypervisorMemMiB } from '../world/defaults';
import type { HostRec } from '../world/types';
import type { HostVerdict, PlacementContext, PlacementDecision, PlacementPolicy, PlacementRequest } from './types';

export function hardFilters(ctx: PlacementContext, req: PlacementRequest, host: HostRec): string[] {
  const w = ctx.world;
  const reasons: string[] = [];
  if (req.clusterId !== null && host.clusterId !== req.clusterId) reasons.push('host is in another cluster');
  if (req.excludeHostIds.includes(host.id)) reasons.push('host excluded by the request');
  for (const dsId of req.datastoreIds) {
    const ds = w.datastoreById.get(dsId);
    if (ds && !w.hostCanReach(host, ds)) reasons.push(`datastore ${ds.name} is not reachable`);
  }
  if (req.networkId !== null) {
    const net = w.networkById.get(req.networkId);
    if (net && !w.hostHasNetwork(host, net)) reasons.push(`network ${net.name} is not available`);
  }
  if (req.antiAffinityServiceId !== null && ctx.book.load(host.id).services.has(req.antiAffinityServiceId)) {
    reasons.push('anti-affinity: a replica of the service already runs here');
  }
  reasons.push(...ctx.book.admit(host, req.guest));
  return reasons;
}

function decide(policy: string, ctx: PlacementContext, req: PlacementRequest, score: (h: HostRec) => number): PlacementDecision {
  const verdicts: HostVerdict[] = [];
  let best: HostVerdict | null = null;
  for (const host of ctx.world.hosts) {
    if (req.clusterId !== null && host.clusterId !== req.clusterId) continue;
    const reasons = hardFilters(ctx, req, host);
    const v: HostVerdict = { hostId: host.id, hostName: host.name, eligible: reasons.length === 0, score: 0, reasons };
    if (v.eligible) {
      v.score = score(host);
      v.reasons.push(`score ${v.score.toFixed(3)}`);
      if (!best || v.score > best.score + 1e-12) best = v;
    }
    verdicts.push(v);
  }
  return { hostId: best ? best.hostId : null, policy, verdicts };
}

export const leastLoaded: PlacementPolicy = (ctx, req) =>
  decide('leastLoaded', ctx, req, (host) => {
    const cap = host.sockets * host.coresPerSocket * host.coreMHz;
    const memCap = host.memMiB - hypervisorMemMiB(host.memMiB);
    const l = ctx.book.load(host.id);
    const cpu = (host.cpuDemandMHz + req.cpuDemandMHz) / cap;
    const mem = (Math.max(host.memConsumedMiB, l.reservedMemMiB) + req.guest.memMiB) / memCap;
    return 1 - Math.max(cpu, mem);
  });

export const firstFit: PlacementPolicy = (ctx, req) => {
  const d = decide('firstFit', ctx, req, () => 1);
  return d;
};

export const POLICIES: Record<string, PlacementPolicy> = { leastLoaded, firstFit };
