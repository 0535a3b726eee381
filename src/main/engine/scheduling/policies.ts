/**
 * Placement policies by name (strategy objects chosen by the cluster setting `placementPolicy`, CloudSim
 * Plus style). Every policy returns an ExplainedDecision. Old names stay valid as aliases.
 */
import type { ExplainedDecision, SchedRequest } from './explain';
import { NOVA_STACK, novaSchedule } from './nova/scheduler';
import { bestFit, firstFit, roundRobin, worstFit } from './simple-policies';
import type { PlacementContext } from './types';

export type ExplainedPolicy = (ctx: PlacementContext, req: SchedRequest) => ExplainedDecision;

/** The placement policy names, listed once (the contract's PLACEMENT_POLICY_NAMES is checked equal by tsc). */
export const PLACEMENT_POLICY_NAMES = [
  'nova',
  'nova-stack',
  'first-fit',
  'best-fit',
  'worst-fit',
  'round-robin',
] as const;
export type PlacementPolicyName = (typeof PLACEMENT_POLICY_NAMES)[number];

export const PLACEMENT_POLICIES: Readonly<Record<PlacementPolicyName, ExplainedPolicy>> = {
  nova: (ctx, req) => novaSchedule(ctx, req),
  'nova-stack': (ctx, req) => novaSchedule(ctx, req, NOVA_STACK, 'nova-stack'),
  'first-fit': firstFit,
  'best-fit': bestFit,
  'worst-fit': worstFit,
  'round-robin': roundRobin,
};

/** Names accepted for compatibility with earlier scenario files. */
export const POLICY_ALIASES: Readonly<Record<string, PlacementPolicyName>> = {
  leastLoaded: 'nova',
  firstFit: 'first-fit',
  bestFit: 'best-fit',
  worstFit: 'worst-fit',
  roundRobin: 'round-robin',
};

export const DEFAULT_POLICY: PlacementPolicyName = 'nova';

export function policyNames(): PlacementPolicyName[] {
  return [...PLACEMENT_POLICY_NAMES];
}

/** The policy for a name (aliases resolved); undefined for an unknown name. */
export function resolvePolicy(name: string | undefined): { name: string; run: ExplainedPolicy } | undefined {
  const key = name === undefined ? DEFAULT_POLICY : (POLICY_ALIASES[name] ?? name);
  const run = (PLACEMENT_POLICIES as Readonly<Record<string, ExplainedPolicy | undefined>>)[key];
  return run ? { name: key, run } : undefined;
}
