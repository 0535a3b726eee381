/**
 * The Nova-style scored scheduler [O1][O3]: filter every host in scope (first rejecting filter is
 * reported), weigh the survivors with normalised weighers × multipliers, pick the highest total; ties go to
 * the earlier host in inventory order. Configurable by name lists so a cluster can run e.g. a "stack"
 * variant (negative RAM/CPU multipliers pack guests like Nova's ram_weight_multiplier < 0).
 */
import type { HostRec } from '../../world/types';
import {
  rejected,
  summarise,
  summaryOf,
  type ExplainedDecision,
  type ExplainedVerdict,
  type SchedRequest,
} from '../explain';
import type { PlacementContext } from '../types';
import { DEFAULT_FILTERS, hostsInScope, prepareInput, runFilters } from './filters';
import { normalize, prepareWeighers, WEIGHERS } from './weighers';
import { msg } from '../../messages';

export interface NovaConfig {
  filters: readonly string[];
  /** Weigher name → multiplier. */
  weighers: Readonly<Record<string, number>>;
}

export const NOVA_DEFAULT: NovaConfig = {
  filters: DEFAULT_FILTERS,
  weighers: Object.fromEntries(Object.values(WEIGHERS).map((w) => [w.name, w.defaultMultiplier])),
};

/** The stacking variant: fill hosts before opening new ones (negative RAM/CPU multipliers). */
export const NOVA_STACK: NovaConfig = {
  filters: DEFAULT_FILTERS,
  weighers: { ...NOVA_DEFAULT.weighers, RAMWeigher: -1.0, CPUWeigher: -1.0, CpuLoadWeigher: 0 },
};

export function novaSchedule(
  ctx: PlacementContext,
  req: SchedRequest,
  cfg: NovaConfig = NOVA_DEFAULT,
  policyName = 'nova',
): ExplainedDecision {
  const fi = prepareInput(ctx.world, ctx.book, req);
  const verdicts: ExplainedVerdict[] = [];
  const passed: { v: ExplainedVerdict; host: HostRec }[] = [];
  for (const host of hostsInScope(ctx.world, req)) {
    const r = runFilters(fi, host, cfg.filters);
    if (r) {
      verdicts.push(rejected(host.id, host.name, r.filter, r.reason, r.reasonMsg));
      continue;
    }
    const v: ExplainedVerdict = {
      hostId: host.id,
      hostName: host.name,
      eligible: true,
      score: 0,
      reasons: [],
      rejectedBy: null,
      weights: [],
    };
    verdicts.push(v);
    passed.push({ v, host });
  }
  if (passed.length > 0) {
    const prep = prepareWeighers(fi);
    for (const [name, multiplier] of Object.entries(cfg.weighers)) {
      const weigher = WEIGHERS[name];
      if (!weigher || multiplier === 0) continue;
      const raws = passed.map((p) => weigher.raw(fi, p.host, prep));
      const norm = normalize(raws);
      for (let i = 0; i < passed.length; i++) {
        const n = norm[i]!;
        const weighted = n * multiplier;
        const v = passed[i]!.v;
        v.weights.push({ weigher: name, raw: raws[i]!, normalised: n, multiplier, weighted });
        v.score += weighted;
      }
    }
  }
  let best: ExplainedVerdict | null = null;
  for (const { v } of passed) {
    v.reasons.push(`score ${v.score.toFixed(3)}`);
    v.reasonMsgs = [msg('place.score', { score: v.score.toFixed(3) })];
    if (!best || v.score > best.score + 1e-12) best = v;
  }
  return {
    hostId: best ? best.hostId : null,
    policy: policyName,
    verdicts,
    summary: summarise(policyName, verdicts, best),
    summaryMsg: summaryOf(policyName, verdicts, best),
  };
}
