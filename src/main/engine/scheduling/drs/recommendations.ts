/**
 * One DRS pass over a cluster [V4]: first the mandatory moves (priority 1: VMs that break a mandatory
 * VM–VM or VM–host rule), then load balancing (balancer.ts) with priorities 2..5 from the imbalance.
 * The migration threshold T keeps recommendations of priority ≤ T. Automation: manual and partially
 * automated only recommend migrations (the console shows them); fully automated applies them
 * (periodicActions turns them into migrate actions). The pass reads the world and never mutates it.
 */
import { LoadBook, type GuestScope } from '../../world/admission';
import type { World } from '../../world/world';
import { prepareInput, runFilters } from '../nova/filters';
import { requestForVm } from '../requests';
import { clusterRules, type AffinityRule } from '../rules';
import { applyMove, balance, pct } from './balancer';
import { MigrationBudget, recentSources } from './concurrency';
import { buildClusterLoad, hostLoadOf, hostLoads, stdDev, targetImbalance, type ClusterLoad } from './load';
import type { DrsRecommendation, DrsResult } from './types';
import { maintenanceMoves } from './maintenance';
import { msg, msgText } from '../../messages';

export interface DrsOptions {
  /** Overrides the cluster's threshold (1..5). */
  threshold?: number;
  /** At most this many recommendations per pass (default: 2 per host, at least 8). */
  maxMoves?: number;
  /** Hosts left out of this pass (neither source nor target), e.g. the one DPM is emptying. */
  skipHostIds?: string[];
  /**
   * The engine's migration pre-check for a balancing move: a reason to skip it (e.g. "pre-copy may not
   * converge"), or null. A skipped move is reported as deferred and the pass tries the next best one.
   */
  canMove?: MoveCheck;
  /** The cluster's hosts and guests gathered once per round (clusterScopes); else the world is scanned. */
  scope?: GuestScope;
  /** Shared by the passes of one round: migration slots already taken, and recent move sources (ping-pong). */
  round?: { budget: MigrationBudget; recent: Map<string, Set<string>> };
}

/**
 * `flows`: live migrations already sending from or receiving on the source and the target besides this one
 * (in flight, and decided earlier in the same round) — they share the NIC's vMotion bandwidth with it.
 */
export type MoveCheck = (
  vmId: string,
  toHostId: string,
  flows?: { src: number; dst: number },
) => string | null;

/** Members of a mandatory rule that break it where they run now (VM indexes into cl.vms). */
export function ruleViolators(cl: ClusterLoad, rule: AffinityRule): number[] {
  const members: number[] = [];
  for (let j = 0; j < cl.vms.length; j++) if (rule.vmIds.includes(cl.vms[j]!.id)) members.push(j);
  const hostIdOf = (j: number): string => cl.hosts[cl.vms[j]!.host]!.id;
  switch (rule.kind) {
    case 'separate': {
      const seen = new Set<number>();
      const out: number[] = [];
      for (const j of members) {
        const h = cl.vms[j]!.host;
        if (seen.has(h)) out.push(j);
        else seen.add(h);
      }
      return out;
    }
    case 'keepTogether': {
      const count = new Map<number, number>();
      for (const j of members) count.set(cl.vms[j]!.host, (count.get(cl.vms[j]!.host) ?? 0) + 1);
      let home = -1;
      let most = 0;
      for (const [h, c] of [...count.entries()].sort((a, b) => a[0] - b[0]))
        if (c > most) [home, most] = [h, c];
      return members.filter((j) => cl.vms[j]!.host !== home);
    }
    case 'runOnHosts':
      return members.filter((j) => !rule.hostIds.includes(hostIdOf(j)));
    case 'avoidHosts':
      return members.filter((j) => rule.hostIds.includes(hostIdOf(j)));
    default: {
      const never: never = rule.kind;
      return never;
    }
  }
}

function ruleMoves(
  w: Readonly<World>,
  book: LoadBook,
  cl: ClusterLoad,
  loads: number[],
  budget: MigrationBudget,
  moved: Set<number>,
  planned: Map<string, string>,
  ruleCache: Map<string, AffinityRule[]>,
  deferred: DrsResult['deferred'],
): DrsRecommendation[] {
  const recs: DrsRecommendation[] = [];
  const rules = ruleCache.get(cl.clusterId) ?? clusterRules(w, cl.clusterId);
  ruleCache.set(cl.clusterId, rules);
  for (const rule of rules) {
    if (!rule.mandatory) continue;
    for (const j of ruleViolators(cl, rule)) {
      const vm = cl.vms[j]!;
      if (vm.pinned !== null || moved.has(j)) continue;
      const src = cl.hosts[vm.host]!;
      const req = requestForVm(w, vm.rec, 'balance', [src.id]);
      const fi = prepareInput(w, book, req, planned, ruleCache);
      let best = -1;
      let bestLoad = Infinity;
      let why = 'no host satisfies the rule';
      for (let t = 0; t < cl.hosts.length; t++) {
        const ht = cl.hosts[t]!;
        if (t === vm.host || !ht.target) continue;
        const host = w.hostById.get(ht.id);
        if (!host) continue;
        const r = runFilters(fi, host);
        if (r) continue;
        const blocked = budget.blocked(src.id, ht.id);
        if (blocked) {
          why = blocked;
          continue;
        }
        const after = hostLoadOf(ht.cpuMHz + vm.cpuMHz, ht.memMiB + vm.memMiB, ht);
        if (after < bestLoad) [best, bestLoad] = [t, after];
      }
      if (best < 0) {
        deferred.push({ vmId: vm.id, toHostId: '', reason: `rule "${rule.name}": ${why}` });
        continue;
      }
      const dst = cl.hosts[best]!;
      const sigma = stdDev(loads);
      const srcBefore = loads[vm.host]!;
      const dstBefore = loads[best]!;
      const s = vm.host;
      applyMove(cl, loads, j, best);
      moved.add(j);
      planned.set(vm.id, dst.id);
      book.add(dst.id, req.guest, vm.rec.serviceId);
      budget.take(src.id, dst.id);
      const after = stdDev(loads);
      const reasonMsg = msg('drs.fixRule', {
        rule: rule.name,
        kind: msg(`ruleKind.${rule.kind}` as const),
        vm: vm.name,
        from: src.name,
        fromBefore: pct(srcBefore),
        to: dst.name,
        toBefore: pct(dstBefore),
        toAfter: pct(loads[best]!),
      });
      recs.push({
        vmId: vm.id,
        vmName: vm.name,
        fromHostId: src.id,
        fromHostName: src.name,
        toHostId: dst.id,
        toHostName: dst.name,
        priority: 1,
        kind: 'rule',
        reason: msgText(reasonMsg),
        reasonMsg,
        predicted: {
          sourceBefore: srcBefore,
          sourceAfter: loads[s]!,
          targetBefore: dstBefore,
          targetAfter: loads[best]!,
          imbalanceBefore: sigma,
          imbalanceAfter: after,
        },
      });
    }
  }
  return recs;
}

/** Runs one DRS pass over a cluster and explains it. Pure: reads the world only. */
export function drsPass(w: Readonly<World>, clusterId: string, opts: DrsOptions = {}): DrsResult {
  const c = w.clusterById.get(clusterId);
  const settings = c?.settings.drs ?? { enabled: false, automation: 'manual' as const, threshold: 3 };
  const threshold = Math.min(5, Math.max(1, Math.round(opts.threshold ?? settings.threshold)));
  const cl = buildClusterLoad(w, clusterId, opts.skipHostIds ?? [], opts.scope);
  const loads = hostLoads(cl);
  const before = [...loads];
  const n = cl.hosts.length;
  const sigma = stdDev(loads);
  const target = targetImbalance(threshold, n);
  const book = new LoadBook(w as World, opts.scope);
  const budget = opts.round?.budget ?? new MigrationBudget(w);
  const recent = opts.round?.recent ?? recentSources(w);
  const moved = new Set<number>();
  const deferred: DrsResult['deferred'] = [];
  const maxMoves = opts.maxMoves ?? Math.max(8, 2 * n);
  const planned = new Map<string, string>();
  const ruleCache = new Map<string, AffinityRule[]>();
  if (opts.scope) ruleCache.set(clusterId, clusterRules(w, clusterId, opts.scope.vms));
  // Hosts entering maintenance mode in a manual / partial cluster: their VMs' moves come first (priority 1).
  const recs = maintenanceMoves(w, cl, sigma, budget, deferred);
  if (recs.length > 0) {
    const now = hostLoads(cl);
    for (let i = 0; i < n; i++) loads[i] = now[i]!;
  }
  recs.push(...ruleMoves(w, book, cl, loads, budget, moved, planned, ruleCache, deferred));
  const bal = balance({
    w,
    book,
    cl,
    loads,
    threshold,
    budget,
    recent,
    maxMoves: Math.max(0, maxMoves - recs.length),
    moved,
    planned,
    ruleCache,
    ...(opts.canMove ? { canMove: opts.canMove } : {}),
  });
  recs.push(...bal.recs);
  deferred.push(...bal.deferred);
  const after = stdDev(loads);
  const automatic = settings.enabled && settings.automation === 'full';
  const windowSec = cl.samples * w.tickSeconds;
  const basisMsg =
    cl.samples > 0
      ? msg(cl.samples === 1 ? 'drs.basisOne' : 'drs.basisMany', { sec: windowSec, samples: cl.samples })
      : msg('drs.basisTick');
  const demandBasis = msgText(basisMsg);
  const summaryMsg = !settings.enabled
    ? msg('drs.disabled')
    : recs.length === 0
      ? msg('drs.balanced', { sigma: sigma.toFixed(3), target: target.toFixed(3) })
      : msg(automatic ? 'drs.summaryAuto' : 'drs.summaryWaiting', {
          count: recs.length,
          basis: basisMsg,
          sigma: sigma.toFixed(3),
          after: after.toFixed(3),
          target: target.toFixed(3),
        });
  const summary = msgText(summaryMsg);
  return {
    clusterId,
    enabled: settings.enabled,
    automation: settings.automation,
    threshold,
    imbalance: sigma,
    targetImbalance: target,
    imbalanceAfter: after,
    demandWindowSec: windowSec,
    demandBasis,
    hosts: cl.hosts.map((h, i) => ({
      hostId: h.id,
      hostName: h.name,
      load: before[i]!,
      loadAfter: loads[i]!,
    })),
    recommendations: settings.enabled ? recs : [],
    deferred,
    automatic,
    summary,
    summaryMsg,
  };
}
