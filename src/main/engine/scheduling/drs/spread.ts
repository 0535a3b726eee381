/**
 * Spreading placement for evacuations (maintenance mode) and HA restarts: the same load model as DRS, so
 * guests leaving a host are spread instead of piled onto one. Every host in scope runs the filter chain;
 * the survivors are scored by the DRS load they would have after taking the guest (VMs already on their
 * way — migrations under way or restarted earlier in the round — count at their destination), and the
 * least-loaded one wins. For HA restarts in a cluster with dedicated failover hosts, those hosts are tried
 * first (vSphere restarts on failover hosts first [V7]).
 */
import type { World } from '../../world/world';
import {
  rejected,
  summarise,
  summaryOf,
  type ExplainedDecision,
  type ExplainedVerdict,
  type SchedRequest,
} from '../explain';
import { hostsInScope, prepareInput, runFilters } from '../nova/filters';
import type { PlacementContext } from '../types';
import { hostCpuCapMHz, hostMemCapMiB } from '../capacity';
import { msg } from '../../messages';
import { vmMemDemandMiB } from './load';
import type { AffinityRule } from '../rules';

/** CPU demand (MHz) and memory demand (MiB) per host, counting VMs in flight at their destination. */
export function projectedDemand(
  w: Readonly<World>,
  clusterId: string | null,
  excludeVmId: string | null,
): Map<string, { cpu: number; mem: number }> {
  const out = new Map<string, { cpu: number; mem: number }>();
  for (const h of w.hosts)
    if (clusterId === null || h.clusterId === clusterId) out.set(h.id, { cpu: 0, mem: 0 });
  for (const vm of w.vms) {
    if (vm.power !== 'poweredOn' || vm.haPending || vm.id === excludeVmId) continue;
    const at = vm.migratingTo ?? vm.hostId;
    const d = out.get(at);
    if (!d) continue;
    d.cpu += vm.cpuDemandMHz;
    d.mem += vmMemDemandMiB(vm);
  }
  for (const ct of w.containers) {
    if (ct.state !== 'running' || ct.hostId === null) continue;
    const d = out.get(ct.hostId);
    if (d) {
      d.cpu += ct.cpuDemandMHz;
      d.mem += ct.memUsageMiB;
    }
  }
  return out;
}

/**
 * What a series of spread placements in one round can share: the projected demand (computed once; the
 * guest's own demand stays at its current host, which the request excludes) and the cluster rules.
 */
export interface SpreadShared {
  demand: Map<string, { cpu: number; mem: number }>;
  rules: Map<string, AffinityRule[]>;
}

export function spreadShared(w: Readonly<World>, clusterId: string | null): SpreadShared {
  return { demand: projectedDemand(w, clusterId, null), rules: new Map() };
}

/** `extra`: demand already promised to hosts in this round that the world does not show yet (e.g. HA restarts planned earlier); `planned`: their VM id → host id. */
export function spreadPlacement(
  ctx: PlacementContext,
  req: SchedRequest,
  policy = 'drs-spread',
  extra?: ReadonlyMap<string, { cpu: number; mem: number }>,
  planned?: ReadonlyMap<string, string>,
  shared?: SpreadShared,
): ExplainedDecision {
  const w = ctx.world;
  const fi = prepareInput(w, ctx.book, req, planned, shared?.rules);
  const demand = shared
    ? new Map([...shared.demand].map(([k, v]) => [k, { ...v }]))
    : projectedDemand(w, req.clusterId, req.guestId);
  if (extra) {
    for (const [id, e] of extra) {
      const d = demand.get(id);
      if (d) {
        d.cpu += e.cpu;
        d.mem += e.mem;
      }
    }
  }
  const vm = req.guestId !== null ? w.vmById.get(req.guestId) : undefined;
  const gCpu = req.cpuDemandMHz;
  const gMem = vm ? vmMemDemandMiB(vm) : req.guest.memMiB * 0.25;
  const verdicts: ExplainedVerdict[] = [];
  let best: ExplainedVerdict | null = null;
  for (const host of hostsInScope(w, req)) {
    const r = runFilters(fi, host);
    if (r) {
      verdicts.push(rejected(host.id, host.name, r.filter, r.reason, r.reasonMsg));
      continue;
    }
    const d = demand.get(host.id) ?? { cpu: 0, mem: 0 };
    const cpuCap = hostCpuCapMHz(host);
    const memCap = hostMemCapMiB(host);
    const load = Math.max(cpuCap > 0 ? (d.cpu + gCpu) / cpuCap : 1, memCap > 0 ? (d.mem + gMem) / memCap : 1);
    const bonus = req.reason === 'ha' && fi.failoverHostIds.has(host.id) ? 1 : 0;
    const score = bonus + 1 - load;
    const v: ExplainedVerdict = {
      hostId: host.id,
      hostName: host.name,
      eligible: true,
      score,
      reasons: [`load after placement ${(load * 100).toFixed(0)} %${bonus ? ' (failover host first)' : ''}`],
      reasonMsgs: [
        msg(bonus ? 'place.loadAfterFailover' : 'place.loadAfter', { load: (load * 100).toFixed(0) }),
      ],
      rejectedBy: null,
      weights: [
        {
          weigher: 'load after placement',
          raw: load,
          normalised: 1 - load,
          multiplier: 1,
          weighted: 1 - load,
        },
        ...(bonus ? [{ weigher: 'failover host', raw: 1, normalised: 1, multiplier: 1, weighted: 1 }] : []),
      ],
    };
    verdicts.push(v);
    if (!best || score > best.score + 1e-12) best = v;
  }
  return {
    hostId: best ? best.hostId : null,
    policy,
    verdicts,
    summary: summarise(policy, verdicts, best),
    summaryMsg: summaryOf(policy, verdicts, best),
  };
}
