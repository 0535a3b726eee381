/**
 * Placement policies by name (strategy objects chosen by the cluster setting `placementPolicy`, CloudSim
 * Plus style). Every policy returns an ExplainedDecision. Old names stay valid as aliases.
 */
import type { ExplainedDecision, SchedRequest } from './explain';
import { NOVA_STACK, novaSchedule } from './nova/scheduler';
import { bestFit, firstFit, roundRobin, worstFit } from './simple-policies';
import type { PlacementContext } from './types';

export type ExplainedPolicy = (ctx: PlacementContext, req: SchedRequest) => ExplainedDecision;

export const PLACEMENT_POLICIES: Readonly<Record<string, ExplainedPolicy>> = {
  nova: (ctx, req) => novaSchedule(ctx, req),
  'nova-stack': (ctx, req) => novaSchedule(ctx, req, NOVA_STACK, 'nova-stack'),
  'first-fit': firstFit,
  'best-fit': bestFit,
  'worst-fit': worstFit,
  'round-robin': roundRobin,
};

/** Names accepted for compatibility with earlier scenario files. */
export const POLICY_ALIASES: Readonly<Record<string, string>> = { leastLoaded: 'nova', firstFit: 'first-fit', bestFit: 'best-fit', worstFit: 'worst-fit', roundRobin: 'round-robin' };

export const DEFAULT_POLICY = 'nova';

export function policyNames(): string[] {
  return Object.keys(PLACEMENT_POLICIES);
}

/** The policy for a name (aliases resolved); undefined for an unknown name. */
export function resolvePolicy(name: string | undefined): { name: string; run: ExplainedPolicy } | undefined {
  const key = name === undefined ? DEFAULT_POLICY : (POLICY_ALIASES[name] ?? name);
  const run = PLACEMENT_POLICIES[key];
  return run ? { name: key, run } : undefined;
}
