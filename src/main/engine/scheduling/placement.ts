/**
 * The placement policies by name, as the engine sees them (cluster setting `placementPolicy`): the
 * canonical names of policies.ts plus the older aliases. Each returns an explained decision.
 */
import { PLACEMENT_POLICIES, POLICY_ALIASES } from './policies';
import type { PlacementPolicy } from './types';

export const POLICIES: Readonly<Record<string, PlacementPolicy>> = {
  ...PLACEMENT_POLICIES,
  ...Object.fromEntries(
    Object.entries(POLICY_ALIASES).map(([alias, name]) => [alias, PLACEMENT_POLICIES[name]!]),
  ),
};
