/** Types of the scheduling seam (see index.ts for the contract, docs/scheduling.md for the algorithms). */
import type { GuestDemand, LoadBook } from '../world/admission';
import type { World } from '../world/world';
import type { AffinityRule } from './rules';
import type { Msg } from '../messages';

export type PlacementReason = 'initial' | 'ha' | 'evacuate' | 'service' | 'migrate' | 'balance';

export interface PlacementRequest {
  guest: GuestDemand;
  /** Expected CPU demand in MHz (for load-aware policies). */
  cpuDemandMHz: number;
  /** The guest being moved, when it exists already. */
  guestId: string | null;
  /** Datastores every candidate host must reach (the guest's disks). */
  datastoreIds: string[];
  networkId: string | null;
  /** Restrict to this cluster (null = every cluster). */
  clusterId: string | null;
  /** Hosts that must not be chosen (the source host of an evacuation…). */
  excludeHostIds: string[];
  /** Service with anti-affinity: hosts already running one of its replicas are refused. */
  antiAffinityServiceId: string | null;
  reason: PlacementReason;
  /** Disk space a new guest needs on one reachable datastore (when `datastoreIds` is empty), GiB. */
  diskGiB?: number;
  /** Rules given with the request (e.g. for a guest that does not exist yet), besides the cluster's. */
  rules?: AffinityRule[];
  /** False when the guest is placed powered off (HA admission control applies to power-ons only). */
  powerOn?: boolean;
}

/** One weigher's contribution to a host's score. */
export interface WeightDetail {
  weigher: string;
  /** The weigher's own measure (e.g. free MiB). */
  raw: number;
  /** Min–max normalised over the hosts that passed the filters (Nova). */
  normalised: number;
  multiplier: number;
  /** normalised × multiplier. */
  weighted: number;
}

export interface HostVerdict {
  hostId: string;
  hostName: string;
  eligible: boolean;
  /** Higher is better; only meaningful when eligible. */
  score: number;
  /** Why a host was refused, or how its score came about. */
  reasons: string[];
  /** The filter that rejected the host (null or absent when eligible). */
  rejectedBy?: string | null;
  /** Score per weigher (empty when rejected). */
  weights?: WeightDetail[];
  /** `reasons` as message codes, in the same order (the console's languages). */
  reasonMsgs?: Msg[];
}

export interface PlacementDecision {
  hostId: string | null;
  policy: string;
  verdicts: HostVerdict[];
  /** One sentence: why the chosen host won, or why no host qualified. */
  summary?: string;
  summaryMsg?: Msg;
}

/** Everything a policy may read. The LoadBook already counts guests placed earlier in the same round. */
export interface PlacementContext {
  world: Readonly<World>;
  book: LoadBook;
}

export type PlacementPolicy = (ctx: PlacementContext, req: PlacementRequest) => PlacementDecision;

/** What a periodic scheduler (DRS, DPM …) asks the engine to do; the engine turns each into a task. */
export type SchedulerAction =
  | { kind: 'migrate'; vmId: string; hostId: string; reason: string | Msg }
  | { kind: 'hostStandby'; hostId: string; enter: boolean; reason: string | Msg };
