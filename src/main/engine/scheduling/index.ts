/**
 * Scheduling seam of the engine — README
 * ======================================
 * The engine asks this folder two things and nothing else:
 *
 * 1. `placeGuest(ctx, req): PlacementDecision` — where a guest should run. Used for initial placement
 *    (vm.create / container.create / service replicas), HA restarts, maintenance evacuation and
 *    `explainPlacement`. `req` (types.ts) describes the guest (vCPUs, memory, reservations, expected
 *    demand, datastores and network it needs, cluster scope, excluded hosts, anti-affinity service).
 *    `ctx.book` (world/admission.ts LoadBook) holds per-host reservations including guests placed
 *    earlier in the same round; `ctx.book.admit(host, guest)` is the engine's hard admission rule and
 *    every policy must respect it (the engine re-checks and refuses otherwise). The decision carries a
 *    verdict per host (eligible, score, reasons) which the console shows as "why this host".
 *    The cluster setting `placementPolicy` names the policy (POLICIES in placement.ts).
 *
 * 2. `periodicActions(world, tick): SchedulerAction[]` — called once per tick after the physics; returns
 *    migrations / host standby changes (DRS, DPM) which the engine turns into tasks. Must be
 *    deterministic (no Math.random; use world.seed if randomness is needed) and cheap.
 *
 * HA admission control hook: `haAdmissionReasons(world, book, host, guest)` — extra reasons to refuse a
 * power-on/placement in a cluster whose HA admission control reserves failover capacity (empty = ok).
 *
 * Everything here reads the world; it never mutates it.
 */
import type { World } from '../world/world';
import { POLICIES, leastLoaded } from './placement';
import type { PlacementContext, PlacementDecision, PlacementRequest, SchedulerAction } from './types';
import type { GuestDemand, LoadBook } from '../world/admission';
import type { HostRec } from '../world/types';

export type { PlacementContext, PlacementDecision, PlacementRequest, SchedulerAction, HostVerdict, PlacementReason } from './types';
export { POLICIES } from './placement';

export function placeGuest(ctx: PlacementContext, req: PlacementRequest): PlacementDecision {
  const clusterPolicy = req.clusterId !== null ? ctx.world.clusterById.get(req.clusterId)?.settings.placementPolicy : undefined;
  const policy = (clusterPolicy !== undefined ? POLICIES[clusterPolicy] : undefined) ?? leastLoaded;
  return policy(ctx, req);
}

export function periodicActions(_world: Readonly<World>, _tick: number): SchedulerAction[] {
  return [];
}

export function haAdmissionReasons(_world: Readonly<World>, _book: LoadBook, _host: HostRec, _guest: GuestDemand): string[] {
  return [];
}
