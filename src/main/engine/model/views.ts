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
  /** Hosts, clusters and datacenters: configured allocation against physical capacity. */
  allocation?: AllocationFigures;
  /** Clusters: DRS recommendations, DPM plan and HA admission control (scheduling/status.ts). */
  scheduling?: ClusterSchedulingDetail;
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

/** Allocation of powered-on VMs (and containers on hosts) against the hosts in scope. */
export interface AllocationFigures {
  /** vCPUs of powered-on VMs. */
  vcpusAllocated: number;
  /** sockets × cores of the hosts. */
  physicalCores: number;
  /** vCPUs × core MHz of powered-on VMs, plus container CPU requests. */
  cpuAllocatedMHz: number;
  /** Configured memory of powered-on VMs, plus container memory requests. */
  memAllocatedMiB: number;
  cpuCapacityMHz: number;
  memCapacityMiB: number;
  /** vcpusAllocated / physicalCores (3 decimals). */
  vcpuPerCoreRatio: number;
  /** memAllocatedMiB / memCapacityMiB (3 decimals). */
  vramPerRamRatio: number;
}

export interface DrsRecommendationDetail {
  vmId: string;
  vmName: string;
  fromHostId: string;
  toHostId: string;
  /** 1 = mandatory … 5 = slight improvement. */
  priority: number;
  reason: string;
  /** Predicted host loads after the move, % (the larger of CPU and memory share). */
  predictedSourceLoadPct: number;
  predictedTargetLoadPct: number;
}

export interface ClusterSchedulingDetail {
  placementPolicy: string;
  drs: {
    enabled: boolean;
    automation: 'manual' | 'partial' | 'full';
    threshold: number;
    /** True when the engine applies the recommendations itself (fully automated). */
    automatic: boolean;
    imbalance: number;
    targetImbalance: number;
    imbalanceAfter: number;
    summary: string;
    recommendations: DrsRecommendationDetail[];
    deferred: { vmId: string; toHostId: string; reason: string }[];
  };
  dpm: {
    enabled: boolean;
    standbyHostIds: string[];
    action: { hostId: string; enter: boolean; reason: string } | null;
    evacuatingHostId: string | null;
    evacuations: { vmId: string; hostId: string; reason: string }[];
    summary: string;
  };
  ha: {
    enabled: boolean;
    admissionPolicy: 'disabled' | 'percentage' | 'slots' | 'failoverHosts';
    enforced: boolean;
    /** Current failover capacity: % of cluster CPU / memory still unreserved. */
    cpuFailoverPct: number;
    memFailoverPct: number;
    cpuReservePct: number;
    memReservePct: number;
    slotCpuMHz: number;
    slotMemMiB: number;
    totalSlots: number;
    usedSlots: number;
    /** Host failures the current slots cover. */
    failoverLevel: number;
    failuresToTolerate: number;
    failoverHostIds: string[];
    failoverHostsReady: number;
    satisfied: boolean;
    summary: string;
  };
}
