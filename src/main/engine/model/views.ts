/** Read-model types the engine answers with (besides those in api.ts). */
import type { EntityKind } from '../api';
import type { AffinityRuleKind, ClusterSettings } from './scenario';
import type { GuestLayersView } from '../views/layers';

export type { GuestLayersView, LayerRow, LayerName } from '../views/layers';

/** A host's CPU topology as the console shows it (views/describe.ts). */
export interface HostTopologyView {
  numaNodes: number;
  threadsPerCore: number;
  coresPerNode: number;
  memMiBPerNode: number;
  logicalCpus: number;
  /** Capacity with hyper-threading (cores × MHz × 1.25 with 2 threads per core). */
  cpuCapacityMHz: number;
}
import type { Msg } from '../messages';

export type PropertyValue = string | number | boolean | null;

/** The fields every object's details have. */
interface EntityDetailBase {
  id: string;
  name: string;
  /** e.g. connected / maintenance / failed, poweredOn / poweredOff / suspended, running / backoff … */
  state: string;
  parentId: string | null;
  /** Latest metric values by metric name (for kinds that have metrics). */
  metrics: Record<string, number>;
  /** Ids of the objects directly below this one (hosts of a cluster, VMs of a host, containers of a VM …). */
  childIds: string[];
}

/**
 * `properties` of each kind: configuration and status as a key/value table; units are in the keys
 * (memMiB, cpuMHz …), simulated times end in `Sec`. Hosts, clusters and datacenters repeat their
 * allocation figures there.
 */
export interface HostProperties extends AllocationFigures {
  cpuModel: string;
  cpuVendor: string;
  cpuGeneration: number;
  sockets: number;
  coresPerSocket: number;
  coreMHz: number;
  memMiB: number;
  minFreeMiB: number;
  memState: string;
  nicMbps: number;
  idleW: number;
  maxW: number;
  stateSinceSec: number;
  energyKWh: number;
}
export interface VmDisk {
  datastoreId: string;
  sizeGiB: number;
  usedGiB: number;
  thin: boolean;
  /** IOPS shares (1000 = normal) and limit (null = none); physics/sioc.ts. */
  iopsShares: number;
  iopsLimit: number | null;
}
export interface VmProperties {
  power: string;
  hostId: string | null;
  guestOS: string;
  vcpus: number;
  memMiB: number;
  cpuShares: number;
  cpuSharesLevel: string;
  cpuReservationMHz: number;
  cpuLimitMHz: number | null;
  memShares: number;
  memSharesLevel: string;
  memReservationMiB: number;
  memLimitMiB: number | null;
  hotAddCpu: boolean;
  hotAddMem: boolean;
  containerHost: boolean;
  networkId: string | null;
  serviceId: string | null;
  tags: string;
  haRestartPriority: string;
  workload: string;
  busyTaskId: string | null;
  /** The VM's own workload (the editable fields), so an edit starts from it rather than from a preset. */
  workloadSpec: {
    pattern: string;
    cpuBasePct: number;
    cpuPeakPct: number;
    memActivePct: number;
    iopsPeak: number | null;
    netPeakMbps: number | null;
  };
  migratingTo: string | null;
  paused: boolean;
  haPending: boolean;
  poweredOnAtSec: number | null;
  createdAtSec: number;
}
export interface ContainerProperties {
  hostId: string | null;
  vmId: string | null;
  cpuRequestMilli: number;
  cpuLimitMilli: number | null;
  memRequestMiB: number;
  memLimitMiB: number | null;
  imageMiB: number;
  restartPolicy: string;
  restarts: number;
  oomKills: number;
  restartAtSec: number | null;
  serviceId: string | null;
  workload: string;
  createdAtSec: number;
}
export interface ClusterProperties extends AllocationFigures {
  placementPolicy: string;
  drsEnabled: boolean;
  drsAutomation: 'manual' | 'partial' | 'full';
  drsThreshold: number;
  haEnabled: boolean;
  haAdmission: 'disabled' | 'percentage' | 'slots' | 'failoverHosts';
  haCpuReservePct: number;
  haMemReservePct: number;
  haRestartDelaySec: number;
  dpmEnabled: boolean;
  cpuAllocationRatio: number;
  memAllocationRatio: number;
  migrationDowntimeTargetMs: number;
  migrationMaxRounds: number;
  haFailuresToTolerate: number;
  rules: number;
  haHostMonitoring: boolean;
  haRestartPriority: 'disabled' | 'lowest' | 'low' | 'medium' | 'high' | 'highest';
  dpmAutomation: 'manual' | 'automatic';
  vmGroups: number;
  hostGroups: number;
}
export interface DatastoreProperties {
  capacityGiB: number;
  usedGiB: number;
  provisionedGiB: number;
  maxIops: number;
  baseLatencyMs: number;
  copyMiBps: number;
  sharedByClusterId: string | null;
  localToHostId: string | null;
  /** Storage I/O Control (physics/sioc.ts). */
  siocEnabled: boolean;
  siocThresholdMs: number;
}
export interface NetworkProperties {
  vlanId: number | null;
  clusterIds: string;
}
export interface ServiceProperties {
  kind: 'vm' | 'container';
  replicas: number;
  running: number;
  antiAffinity: boolean;
  clusterId: string;
  autoscale: string | null;
}
export interface DatacenterProperties extends AllocationFigures {
  location: string | null;
}

/** One snapshot of a VM, for its Snapshots tab (a tree by parentId). */
export interface SnapshotView {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
  createdAtSec: number;
  /** Power state when taken. */
  power: string;
  memory: boolean;
  /** Its delta disk plus its memory file, GiB. */
  sizeGiB: number;
}
export interface CustomAttributeView {
  key: string;
  value: string;
}
/** Template flag, tags, custom attributes and snapshots of a VM. */
export interface VmLifecycleView {
  template: boolean;
  tags: string[];
  attributes: CustomAttributeView[];
  snapshots: SnapshotView[];
  /** "You are here" descends from this snapshot (null: from the base disks). */
  currentSnapshotId: string | null;
  /** Data written since the current snapshot, GiB. */
  runningDeltaGiB: number;
  /** All snapshot files (deltas, memory files, orphans), GiB. */
  snapshotGiB: number;
  /** Deltas left behind by a failed merge: Consolidate merges them. */
  consolidationNeeded: boolean;
}
export interface AnnotationsView {
  tags: string[];
  attributes: CustomAttributeView[];
}
/** One file of a datastore (datastore browser): a VM's disk, snapshot delta, memory file or swap file. */
export interface DatastoreFileView {
  vmId: string;
  vmName: string;
  /** vSphere-style file name: "web-01/web-01.vmdk", "web-01/web-01-000001.vmdk" … */
  path: string;
  type: 'disk' | 'delta' | 'memory' | 'swap';
  /** Space it takes on the datastore, GiB. */
  sizeGiB: number;
  /** For disks: provisioned size, GiB (null for other files). */
  provisionedGiB: number | null;
}

/**
 * A DRS rule a cluster enforces that its settings do not hold (so the Rules dialog lists it read-only):
 * one stated by VM tags ("anti-affinity:web", docs/scheduling.md) or a service's anti-affinity.
 */
export interface DerivedRuleView {
  id: string;
  name: string;
  kind: AffinityRuleKind;
  mandatory: boolean;
  /** Member VMs (for a service: its replicas, VMs or containers). */
  vmIds: string[];
  hostIds: string[];
  origin: 'tag' | 'service';
  /** The tag (host rules: the tag kind and its hosts, "run-on:host-a, host-b") or the service id. */
  source: string;
}

/** Details of one object: one shape per kind, told apart by `kind`. */
export type EntityDetail =
  | (EntityDetailBase & {
      kind: 'host';
      properties: HostProperties;
      allocation: AllocationFigures;
      annotations: AnnotationsView;
      /** NUMA nodes and threads (null = the flat CPU model). */
      topology: HostTopologyView | null;
    })
  | (EntityDetailBase & {
      kind: 'vm';
      properties: VmProperties;
      disks: VmDisk[];
      lifecycle: VmLifecycleView;
      layers: GuestLayersView;
    })
  | (EntityDetailBase & { kind: 'container'; properties: ContainerProperties; layers: GuestLayersView })
  /** `scheduling`: DRS recommendations, DPM plan and HA admission control (absent while the cluster has no hosts). */
  | (EntityDetailBase & {
      kind: 'cluster';
      properties: ClusterProperties;
      /** The cluster's full settings (the Edit cluster settings and Rules dialogs start from them). */
      settings: ClusterSettings;
      allocation: AllocationFigures;
      scheduling?: ClusterSchedulingDetail;
      /** Rules from VM tags and service anti-affinity, enforced on top of `settings.rules`. */
      derivedRules: DerivedRuleView[];
    })
  | (EntityDetailBase & { kind: 'datastore'; properties: DatastoreProperties; files: DatastoreFileView[] })
  | (EntityDetailBase & { kind: 'network'; properties: NetworkProperties })
  | (EntityDetailBase & { kind: 'service'; properties: ServiceProperties })
  | (EntityDetailBase & {
      kind: 'datacenter';
      properties: DatacenterProperties;
      allocation: AllocationFigures;
    });

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
  | {
      kind: 'vm';
      vcpus: number;
      memMiB: number;
      cpuReservationMHz?: number;
      memReservationMiB?: number;
      clusterId?: string;
      datastoreIds?: string[];
      networkId?: string;
    }
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
  reasonMsgs?: Msg[];
}

export interface PlacementExplanation {
  chosenHostId: string | null;
  policy: string;
  /** One sentence: why the chosen host won, or why no host qualified. */
  summary: string;
  summaryMsg?: Msg;
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
  reasonMsg?: Msg;
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
    summaryMsg?: Msg;
    recommendations: DrsRecommendationDetail[];
    deferred: { vmId: string; toHostId: string; reason: string }[];
  };
  dpm: {
    enabled: boolean;
    standbyHostIds: string[];
    action: { hostId: string; enter: boolean; reason: string; reasonMsg?: Msg } | null;
    evacuatingHostId: string | null;
    evacuations: { vmId: string; hostId: string; reason: string; reasonMsg?: Msg }[];
    summary: string;
    summaryMsg?: Msg;
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
    summaryMsg?: Msg;
  };
}
