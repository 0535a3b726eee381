/**
 * Runtime records of the simulated world. Plain data (JSON-serialisable) so a snapshot is the
 * records themselves. Arrays are kept in creation order; every loop runs in that order.
 * Fields after the "per-tick outputs" comment are recomputed every tick.
 */
import type {
  ClusterSettings,
  HaRestartPriority,
  HostStateName,
  HostTopologySpec,
  RestartPolicy,
  ReplicaTemplate,
  AutoscaleSpec,
  VmPowerState,
  WorkloadSpec,
  TraceSpec,
} from '../model/scenario';
import type { WorkloadParams } from '../workload/params';

export interface DatacenterRec {
  id: string;
  name: string;
  location: string | null;
}

export interface ClusterRec {
  id: string;
  name: string;
  datacenterId: string;
  settings: ClusterSettings;
}

export interface HostRec {
  id: string;
  name: string;
  clusterId: string;
  sockets: number;
  coresPerSocket: number;
  coreMHz: number;
  memMiB: number;
  nicMbps: number;
  cpuModel: string;
  cpuVendor: 'intel' | 'amd';
  cpuGeneration: number;
  idleW: number;
  maxW: number;
  tableW: number[] | null;
  state: HostStateName;
  /** Simulated second of the last state change (boot, failure, repair). */
  stateSince: number;
  energyKWh: number;
  // per-tick outputs
  cpuDemandMHz: number;
  cpuUsageMHz: number;
  memConsumedMiB: number;
  memGrantedMiB: number;
  memActiveMiB: number;
  memSharedMiB: number;
  memBalloonMiB: number;
  memCompressedMiB: number;
  memSwappedMiB: number;
  /** 0 high, 1 clear, 2 soft, 3 hard, 4 low. */
  memState: number;
  netMbps: number;
  netMigrationMbps: number;
  powerW: number;
  /** Tags and custom attributes (absent until first set, so older snapshots and run hashes stay as they were). */
  tags?: string[];
  attributes?: CustomAttribute[];
  /** NUMA nodes and threads (absent = the flat CPU model; physics/topology.ts). */
  topology?: HostTopologySpec;
}

export interface DatastoreRec {
  id: string;
  name: string;
  clusterId: string | null;
  hostId: string | null;
  capacityGiB: number;
  maxIops: number;
  baseLatencyMs: number;
  copyMiBps: number;
  /** Storage I/O Control (absent = off; physics/sioc.ts). */
  sioc?: { enabled: boolean; thresholdMs: number };
  // per-tick outputs
  usedGiB: number;
  provisionedGiB: number;
  iops: number;
  latencyMs: number;
  full: boolean;
}

export interface NetworkRec {
  id: string;
  name: string;
  datacenterId: string;
  vlanId: number | null;
  clusterIds: string[];
}

export interface DiskRec {
  datastoreId: string;
  sizeGiB: number;
  thin: boolean;
  usedGiB: number;
  /** IOPS shares (absent = normal, 1000) and limit (absent = none); physics/sioc.ts. */
  iopsShares?: number;
  iopsLimit?: number;
}

/** Workload state carried between ticks (random walk level, remaining burst ticks). */
export interface WorkloadState {
  walk: number;
  burstLeftSec: number;
}

export interface VmRec {
  id: string;
  /** Stable small integer used to derive per-guest noise streams. */
  seq: number;
  name: string;
  hostId: string;
  vcpus: number;
  memMiB: number;
  disks: DiskRec[];
  networkId: string | null;
  cpuShares: number;
  cpuSharesLevel: string;
  cpuResMHz: number;
  cpuLimitMHz: number | null;
  memShares: number;
  memSharesLevel: string;
  memResMiB: number;
  memLimitMiB: number | null;
  power: VmPowerState;
  guestOS: string;
  tags: string[];
  /** null = not set (an "ha-priority:" tag or medium applies). */
  haRestartPriority: HaRestartPriority | null;
  hotAddCpu: boolean;
  hotAddMem: boolean;
  containerHost: boolean;
  workload: WorkloadSpec;
  /** The workload with defaults filled in (what the tick reads). */
  wp: WorkloadParams;
  wl: WorkloadState;
  serviceId: string | null;
  /** Id of the task currently operating on this VM (blocks other operations), or null. */
  busyTaskId: string | null;
  /** Destination host while a live migration runs (the VM holds memory there too). */
  migratingTo: string | null;
  /** Paused because its datastore is full. */
  paused: boolean;
  /** Waiting for HA to restart it after its host failed. */
  haPending: boolean;
  createdAt: number;
  poweredOnAt: number | null;
  /** Simulated second until which the guest is booting (0 = not booting). */
  bootUntil: number;
  /** Memory reclaimed by swap / compression; decays as pages are touched again. */
  memSwappedMiB: number;
  memCompressedMiB: number;
  // per-tick outputs
  cpuDemandMHz: number;
  cpuUsageMHz: number;
  cpuReadyMs: number;
  cpuSwapWaitMs: number;
  memActiveMiB: number;
  memWantMiB: number;
  memGrantedMiB: number;
  memConsumedMiB: number;
  memSharedMiB: number;
  memBalloonMiB: number;
  diskIops: number;
  diskLatencyMs: number;
  diskWriteMiBps: number;
  netMbps: number;
  /** Activity level 0..1 of this tick (after growth, before caps). */
  level: number;
  // VM lifecycle (docs/model.md "Snapshots, templates, tags"). Absent until first used, so VMs that never
  // had them serialise (and hash) exactly as before.
  /** A template: never powers on; deploy VMs from it (vm.clone). */
  template?: boolean;
  /** Custom attributes, sorted by key. */
  attributes?: CustomAttribute[];
  /** The VM's snapshot tree and delta disks. */
  snap?: VmSnapshots;
  /** Resource pool (pools/); absent = the root pool of its cluster (and older snapshots hash as before). */
  poolId?: string;
  /** Layers (physics/topology.ts): runs a hypervisor itself; passed-through devices. Absent until set. */
  nested?: boolean;
  passthrough?: string[];
}

export interface CustomAttribute {
  key: string;
  value: string;
}

/** One snapshot of a VM (vSphere: a .vmsn + the delta disk it froze). */
export interface SnapshotRec {
  id: string;
  name: string;
  description: string;
  /** The snapshot below which this one was taken (null = taken on the base disks). */
  parentId: string | null;
  /** Simulated second it was taken. */
  createdAt: number;
  /** Power state when taken; with memory, a revert returns to it. */
  power: VmPowerState;
  /** The memory state was saved (a powered-on VM): a file of the VM's memory size. */
  memory: boolean;
  /** Memory file size, GiB (0 without memory). */
  memGiB: number;
  /** Size of the delta disk this snapshot froze: the data written between its parent and it, GiB. */
  deltaGiB: number;
}

export interface VmSnapshots {
  /** In creation order. */
  list: SnapshotRec[];
  /** "You are here": the snapshot the running state descends from (null = none left). */
  currentId: string | null;
  /** The running delta disk: data written since the current snapshot, GiB. */
  runningDeltaGiB: number;
  /** Delta data a failed merge left behind (vSphere "disk consolidation is needed"), GiB. */
  orphanGiB: number;
  /** Counter for snapshot ids (snapshot-1, snapshot-2 … per VM). */
  seq: number;
}

export type ContainerState = 'running' | 'pending' | 'stopped' | 'backoff';

export interface ContainerRec {
  id: string;
  seq: number;
  name: string;
  hostId: string | null;
  vmId: string | null;
  cpuRequestMilli: number;
  cpuLimitMilli: number | null;
  memRequestMiB: number;
  memLimitMiB: number | null;
  imageMiB: number;
  restartPolicy: RestartPolicy;
  state: ContainerState;
  restarts: number;
  /** Simulated second when a container in back-off restarts. */
  restartAt: number | null;
  oomKills: number;
  workload: WorkloadSpec;
  /** The workload with defaults filled in (what the tick reads). */
  wp: WorkloadParams;
  wl: WorkloadState;
  serviceId: string | null;
  createdAt: number;
  // per-tick outputs
  cpuDemandMHz: number;
  cpuUsageMHz: number;
  cpuThrottledMs: number;
  memUsageMiB: number;
  netMbps: number;
  diskIops: number;
  level: number;
}

export interface ServiceRec {
  id: string;
  name: string;
  clusterId: string;
  replicas: number;
  antiAffinity: boolean;
  template: ReplicaTemplate;
  autoscale: AutoscaleSpec | null;
  /** Counter for replica names (name-1, name-2 …). */
  nextOrdinal: number;
  /**
   * The replica count the template's workload was sized for (the initial count): the service's total
   * demand is that many replicas' worth, spread over however many replicas run.
   */
  loadReplicas: number;
  /** Replicas counted by the controller this tick (derived each tick). */
  activeReplicas: number;
  lastScaleAt: number;
}

export type TraceRec = TraceSpec;

export type { PoolRec, PoolAlloc, VappRec } from '../pools/types';
