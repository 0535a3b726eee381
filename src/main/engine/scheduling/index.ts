/**
 * Scheduling seam of the engine — README
 * ======================================
 * The engine asks this folder three things (docs/scheduling.md explains every algorithm):
 *
 * 1. `placeGuest(ctx, req): PlacementDecision` — where a guest should run. Used for initial placement
 *    (vm.create / container.create / service replicas), HA restarts, maintenance evacuation and
 *    `explainPlacement`. The cluster setting `placementPolicy` names the policy (POLICIES: nova, nova-stack,
 *    first-fit, best-fit, worst-fit, round-robin; old names leastLoaded/firstFit are aliases). Evacuations
 *    and HA restarts always use the DRS spread (drs/spread.ts) so guests leaving a host are spread.
 *    Every policy runs the same filter chain (nova/filters.ts), whose last filter is the engine's own
 *    `ctx.book.admit`, so no policy can pick a host the engine would refuse. The decision carries a verdict
 *    per host: `rejectedBy` + reason, or `weights` (per weigher: raw, normalised, multiplier, weighted) and
 *    the total `score` — the console's "why this host" and `vdc place`.
 *
 * 2. `periodicActions(world, tick): SchedulerAction[]` — called once per tick after the physics; each
 *    tick it adds the guests' demand to the DRS windows (demand-window.ts), every 300 s it closes the
 *    window and runs DPM (wake / empty a host / standby) and fully automated DRS (migrations) on the
 *    averaged demand. Deterministic and cheap. Manual / partial DRS only recommend: call
 *    `drsPass(world, clusterId)` to show them (including maintenance evacuations, drs/maintenance.ts).
 *    Snapshots persist the windows with `demandState` / `restoreDemandState`.
 *
 * 3. `haAdmissionReasons(world, book, host, guest)` — HA admission control for a power-on (empty = ok).
 *    It returns nothing for a book used by an HA restart round (vSphere never blocks restarts).
 *
 * Manual DRS and new guests (manual-placement.ts): `requiresPlacementChoice(world, clusterId)` and
 * `placementChoiceError(world, clusterId, decision, what)` — the PLACEMENT_CHOICE_REQUIRED refusal with
 * ranked recommendations that vm.create / container.create answer in a manual cluster without a host.
 *
 * Read-only helpers for the engine's views and the console: `schedulingStatus` (DRS + DPM + HA of a
 * cluster), `drsPass`, `dpmPass`, `failoverCapacity`, `planHaRestarts`, `clusterRules`, `policyNames`.
 *
 * Everything here reads the world; it never mutates it.
 */
import type { World } from '../world/world';
import type { GuestDemand, LoadBook } from '../world/admission';
import type { HostRec } from '../world/types';
import type { Msg } from '../messages';
import { spreadPlacement } from './drs/spread';
import { haAdmissionProblems } from './ha/admission';
import type { MoveCheck } from './drs/recommendations';
import { schedulerActions } from './periodic';
import { resolvePolicy } from './policies';
import type { PlacementContext, PlacementDecision, PlacementRequest, SchedulerAction } from './types';

export type {
  PlacementContext,
  PlacementDecision,
  PlacementRequest,
  SchedulerAction,
  HostVerdict,
  PlacementReason,
  WeightDetail,
} from './types';
export type { AffinityRule, AffinityRuleKind } from './rules';
export type { DrsRecommendation, DrsResult, PredictedLoad } from './drs/types';
export type { DpmResult, DpmAction } from './dpm';
export type { FailoverCapacity } from './ha/admission';
export type { HaRestartPlan, HaRestart, HaUnplaced, RestartPriority } from './ha/restart';
export { POLICIES } from './placement';
export { policyNames, DEFAULT_POLICY } from './policies';
export { drsPass, type DrsOptions, type MoveCheck } from './drs/recommendations';
export { dpmPass } from './dpm';
export { failoverCapacity, failuresToTolerate } from './ha/admission';
export { planHaRestarts, restartPriority } from './ha/restart';
export { clusterRules } from './rules';
export { DRS_INTERVAL_SEC } from './periodic';
export { schedulingStatus, type SchedulingStatus } from './status';
export {
  requiresPlacementChoice,
  placementChoiceError,
  rankedRecommendations,
  PLACEMENT_CHOICE_REQUIRED,
  type PlacementRecommendation,
  type PlacementChoiceDetails,
} from './manual-placement';
export { evacuationIsManual } from './drs/maintenance';
export { demandHistory, DRS_WINDOW_SEC, DPM_OFF_WINDOW_SEC } from './demand-window';
export { demandState, restoreDemandState, type DemandState } from './demand-state';

/** Books used by an HA restart round: admission control does not apply to them. */
const haBooks = new WeakSet<LoadBook>();

export function placeGuest(ctx: PlacementContext, req: PlacementRequest): PlacementDecision {
  if (req.reason === 'ha') haBooks.add(ctx.book);
  if (req.reason === 'evacuate' || req.reason === 'ha')
    return spreadPlacement(ctx, req, req.reason === 'ha' ? 'ha-restart' : 'drs-spread');
  const clusterPolicy =
    req.clusterId !== null ? ctx.world.clusterById.get(req.clusterId)?.settings.placementPolicy : undefined;
  const policy = resolvePolicy(clusterPolicy) ?? resolvePolicy(undefined)!;
  return policy.run(ctx, req);
}

/** `canMove`: the engine's migration pre-check; DRS skips moves it refuses (e.g. non-converging pre-copy). */
export function periodicActions(
  world: Readonly<World>,
  tick: number,
  canMove?: MoveCheck,
): SchedulerAction[] {
  return schedulerActions(world, tick, canMove);
}

export function haAdmissionReasons(
  world: Readonly<World>,
  book: LoadBook,
  host: HostRec,
  guest: GuestDemand,
): Msg[] {
  if (haBooks.has(book)) return [];
  return haAdmissionProblems(world, book, host, guest);
}
