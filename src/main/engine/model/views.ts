/** Read-model types the engine answers with (besides those in api.ts). */
import type { EntityKind } from '../api';

export type PropertyValue = string | number | boolean | null;

/** Details of one object. */
export interface EntityDetail {
  id: string;
  kind: EntityKind;
  name: string;
  /** e.g. connected / maintenance / failed, poweredOn / poweredOff / suspended, running / backoff … */
  state: string;
  parentId: string | null;
  /** Configuration and status as a key/value table; units are in the keys (memMiB, cpuMHz …). */
  properties: Record<string, PropertyValue>;
  /** Latest metric values by metric name (for kinds that have metrics). */
  metrics: Record<string, number>;
  /** Ids of the objects directly below this one (hosts of a cluster, VMs of a host, containers of a VM …). */
  childIds: string[];
}

/** One row of an inventory table. */
export interface EntitySummary {
  id: string;
  kind: EntityKind;
  name: string;
  state: string;
  parentId: string | null;
  metrics?: Record<string, number>;
}

/** What `explainPlacement` accepts: an existing VM, or the size of a new VM or container. */
export type PlacementQuery =
  | { vmId: string; excludeHostIds?: string[] }
  | { kind: 'vm'; vcpus: number; memMiB: number; cpuReservationMHz?: number; memReservationMiB?: number; clusterId?: string; datastoreIds?: string[]; networkId?: string }
  | { kind: 'container'; cpuRequestMilli: number; memRequestMiB: number; clusterId?: string };

/** One weigher's part of a host's score (Nova style: min–max normalised × multiplier). */
export interface PlacementWeight {
  weigher: string;
  raw: number;
  normalised: number;
  multiplier: number;
  weighted: number;
}

export interface PlacementHostVerdict {
  hostId: string;
  hostName: string;
  eligible: boolean;
  score: number;
  reasons: string[];
  /** The filter that rejected the host; null when eligible. */
  rejectedBy: string | null;
  /** Score per weigher; empty when rejected or when the policy does not weigh. */
  weights: PlacementWeight[];
}

export interface PlacementExplanation {
  chosenHostId: string | null;
  policy: string;
  /** One sentence: why the chosen host won, or why no host qualified. */
  summary: string;
  hosts: PlacementHostVerdict[];
}
