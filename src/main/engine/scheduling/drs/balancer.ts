/**
 * Greedy load balancing on the model of load.ts: repeatedly take the single migration (a VM from one of the
 * SOURCES most loaded hosts above the mean to one of the TARGETS least loaded hosts below it) that lowers
 * the host-load standard deviation most, as long as
 * the imbalance is above the threshold's target and the move lowers σ by at least MIN_GAIN. Each move is
 * checked against the full filter chain (rules, reservations, allocation ratios, reachability), the
 * migration concurrency budget and the ping-pong hold-off; refused pairs are skipped. A VM moves at most
 * once per pass. Every accepted move strictly lowers σ, so a pass never increases the imbalance.
 */
import type { LoadBook } from '../../world/admission';
import type { World } from '../../world/world';
import { prepareInput, runFilters } from '../nova/filters';
import { requestForVm } from '../requests';
import type { MigrationBudget } from './concurrency';
import { balancePriority, hostLoadOf, type ClusterLoad } from './load';
import type { DrsRecommendation } from './types';
import type { AffinityRule } from '../rules';
import { msg, msgText } from '../../messages';

/** Sources (most loaded hosts) and targets (least loaded) considered per step: keeps a pass O(moves × VMs per host). */
export const SOURCES = 4;
export const TARGETS = 8;
/** Minimum decrease of σ (host-load std dev) for a move to be worth a migration. */
export const MIN_GAIN = 0.0001;

export interface BalanceInput {
  w: Readonly<World>;
  book: LoadBook;
  cl: ClusterLoad;
  loads: number[];
  threshold: number;
  budget: MigrationBudget;
  recent: Map<string, Set<string>>;
  maxMoves: number;
  /** VMs already moved in this pass (rule moves). */
  moved: Set<number>;
  /** Destinations decided in this pass: VM id → host id (rule checks see them). */
  planned: Map<string, string>;
  /** Cluster rules, computed once per pass. */
  ruleCache: Map<string, AffinityRule[]>;
  /** Engine pre-check of a move (non-convergence): a reason to skip it, or null. */
  canMove?: (vmId: string, toHostId: string, flows?: { src: number; dst: number }) => string | null;
}

export interface BalanceOutput {
  recs: DrsRecommendation[];
  deferred: { vmId: string; toHostId: string; reason: string }[];
}

function sig(sum: number, sumsq: number, n: number): number {
  const m = sum / n;
  return Math.sqrt(Math.max(0, sumsq / n - m * m));
}

/** Moves VM `j` to host `t` in the model (loads and sums). */
export function applyMove(cl: ClusterLoad, loads: number[], j: number, t: number): void {
  const vm = cl.vms[j]!;
  const s = vm.host;
  const hs = cl.hosts[s]!;
  const ht = cl.hosts[t]!;
  hs.cpuMHz -= vm.cpuMHz;
  hs.memMiB -= vm.memMiB;
  ht.cpuMHz += vm.cpuMHz;
  ht.memMiB += vm.memMiB;
  loads[s] = hostLoadOf(hs.cpuMHz, hs.memMiB, hs);
  loads[t] = hostLoadOf(ht.cpuMHz, ht.memMiB, ht);
  vm.host = t;
}

export function balance(inp: BalanceInput): BalanceOutput {
  const { w, cl, loads } = inp;
  const n = cl.hosts.length;
  const recs: DrsRecommendation[] = [];
  const deferred: BalanceOutput['deferred'] = [];
  if (n < 2) return { recs, deferred };
  const banned = new Set<number>();
  let sum = 0;
  let sumsq = 0;
  for (const l of loads) {
    sum += l;
    sumsq += l * l;
  }
  let guard = inp.maxMoves * 4 + 64;
  const order = Array.from({ length: n }, (_, i) => i);
  /** Hosts whose migration budget is used up in this pass. */
  const full = new Uint8Array(n);
  // VMs per host at the start of the pass (a VM moves at most once, so moved ones never need re-listing).
  const vmsOn: number[][] = Array.from({ length: n }, () => []);
  for (let j = 0; j < cl.vms.length; j++) vmsOn[cl.vms[j]!.host]!.push(j);
  const cands: number[] = [];
  while (recs.length < inp.maxMoves && guard-- > 0) {
    const sigma = sig(sum, sumsq, n);
    const prio = balancePriority(sigma, n);
    if (prio === null || prio > inp.threshold) break;
    const mean = sum / n;
    // Candidates: VMs on the SOURCES most loaded hosts, towards the TARGETS least loaded eligible hosts.
    const byLoad = order.sort((a, b) => loads[b]! - loads[a]! || a - b);
    const srcOk = new Uint8Array(n);
    for (let k = 0, taken = 0; k < n && taken < SOURCES; k++) {
      const s = byLoad[k]!;
      if (loads[s]! <= mean) break;
      if (full[s] === 1) continue;
      srcOk[s] = 1;
      taken++;
    }
    const targets: number[] = [];
    for (let k = n - 1; k >= 0; k--) {
      const t = byLoad[k]!;
      if (loads[t]! < mean && cl.hosts[t]!.target && full[t] === 0) targets.push(t);
    }
    // Least loaded first (ties: inventory order), keep TARGETS, evaluate in inventory order.
    targets.sort((a, b) => loads[a]! - loads[b]! || a - b);
    targets.length = Math.min(targets.length, TARGETS);
    targets.sort((a, b) => a - b);
    let bestJ = -1;
    let bestT = -1;
    let bestSig2 = Infinity;
    let bestS = 0;
    let bestTl = 0;
    cands.length = 0;
    for (let s = 0; s < n; s++) if (srcOk[s] === 1) for (const j of vmsOn[s]!) cands.push(j);
    cands.sort((a, b) => a - b); // inventory order decides ties
    for (const j of cands) {
      const vm = cl.vms[j]!;
      if (vm.pinned !== null || inp.moved.has(j)) continue;
      const s = vm.host;
      const ls = loads[s]!;
      const hs = cl.hosts[s]!;
      const newS = hostLoadOf(hs.cpuMHz - vm.cpuMHz, hs.memMiB - vm.memMiB, hs);
      const back = inp.recent.get(vm.id);
      for (const t of targets) {
        const lt = loads[t]!;
        const ht = cl.hosts[t]!;
        if (t === s || banned.has(j * n + t) || (back !== undefined && back.has(ht.id))) continue;
        const newT = hostLoadOf(ht.cpuMHz + vm.cpuMHz, ht.memMiB + vm.memMiB, ht);
        if (newT > 1) continue;
        const nsum = sum - ls - lt + newS + newT;
        const nsq = sumsq - ls * ls - lt * lt + newS * newS + newT * newT;
        const m = nsum / n;
        const s2 = nsq / n - m * m;
        if (s2 < bestSig2 - 1e-15) {
          bestSig2 = s2;
          bestJ = j;
          bestT = t;
          bestS = newS;
          bestTl = newT;
        }
      }
    }
    if (bestJ < 0) break;
    const after = Math.sqrt(Math.max(0, bestSig2));
    if (after > sigma - MIN_GAIN) break;
    const vm = cl.vms[bestJ]!;
    const src = cl.hosts[vm.host]!;
    const dst = cl.hosts[bestT]!;
    const wait = inp.budget.blockedAt(src.id, dst.id);
    if (wait !== null) {
      // That host has no migration slot left in this pass: stop considering it at all.
      full[cl.hostIndex.get(wait.hostId)!] = 1;
      deferred.push({ vmId: vm.id, toHostId: dst.id, reason: wait.reason });
      continue;
    }
    const host = w.hostById.get(dst.id);
    let refusal: string | null = null;
    let req = null;
    if (refusal === null && host) {
      req = requestForVm(w, vm.rec, 'balance', [src.id]);
      const r = runFilters(prepareInput(w, inp.book, req, inp.planned, inp.ruleCache), host);
      if (r) refusal = `${r.filter}: ${r.reason}`;
    }
    if (refusal === null && host && inp.canMove)
      refusal = inp.canMove(vm.id, dst.id, {
        src: inp.budget.flows.get(src.id) ?? 0,
        dst: inp.budget.flows.get(dst.id) ?? 0,
      });
    if (refusal !== null || !host || !req) {
      banned.add(bestJ * n + bestT);
      deferred.push({ vmId: vm.id, toHostId: dst.id, reason: refusal ?? 'host not found' });
      continue;
    }
    const srcBefore = loads[vm.host]!;
    const dstBefore = loads[bestT]!;
    const reasonMsg = msg('drs.balance', {
      before: sigma.toFixed(3),
      after: after.toFixed(3),
      from: src.name,
      fromBefore: pct(srcBefore),
      fromAfter: pct(bestS),
      to: dst.name,
      toBefore: pct(dstBefore),
      toAfter: pct(bestTl),
    });
    recs.push({
      vmId: vm.id,
      vmName: vm.name,
      fromHostId: src.id,
      fromHostName: src.name,
      toHostId: dst.id,
      toHostName: dst.name,
      priority: prio,
      kind: 'balance',
      reason: msgText(reasonMsg),
      reasonMsg,
      predicted: {
        sourceBefore: srcBefore,
        sourceAfter: bestS,
        targetBefore: dstBefore,
        targetAfter: bestTl,
        imbalanceBefore: sigma,
        imbalanceAfter: after,
      },
    });
    sum += bestS + bestTl - srcBefore - dstBefore;
    sumsq += bestS * bestS + bestTl * bestTl - srcBefore * srcBefore - dstBefore * dstBefore;
    applyMove(cl, loads, bestJ, bestT);
    inp.moved.add(bestJ);
    inp.planned.set(vm.id, dst.id);
    inp.book.add(dst.id, req.guest, vm.rec.serviceId);
    inp.budget.take(src.id, dst.id);
  }
  return { recs, deferred };
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(0)} %`;
}
