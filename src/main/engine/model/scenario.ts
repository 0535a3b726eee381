/**
 * Scenario file format, version 1: the plain JSON a user can save, edit and load.
 * Every id carries its kind as a prefix ("host-3", "vm-web-01"); references use those ids.
 * The zod schema in src/shared/schemas/scenario.ts validates exactly this shape.
 */

export type SharesLevel = 'low' | 'normal' | 'high';
/** Shares are a level (per-vCPU / per-MiB defaults of vSphere) or a custom absolute number. */
export type SharesSpec = SharesLevel | number;

export type WorkloadPattern = 'constant' | 'diurnal' | 'weekly' | 'bursty' | 'randomWalk' | 'trace';

/** A guest's demand profile. Percentages are of the guest's vCPU capacity / configured memory. */
export interface WorkloadSpec {
  pattern: WorkloadPattern;
  /** CPU demand at the quiet level, % of vCPUs × core MHz (or of the CPU limit/request for containers). */
  cpuBasePct: number;
  /** CPU demand at the peak of the pattern (business hours, spike, trace 100 %). */
  cpuPeakPct: number;
  /** Active memory, % of configured memory, at the quiet level. */
  memActivePct: number;
  /** Active memory at the peak. Defaults to memActivePct. */
  memPeakPct?: number;
  /** Share of idle memory the guest OS fills with page cache (counts as consumed), % (default 50). */
  memCachePct?: number;
  /** Standard deviation of multiplicative noise, % of the level (default 5). */
  noisePct?: number;
  /** Compound growth of demand per 30-day month, % (default 0). */
  growthPctPerMonth?: number;
  /** Disk IOPS at peak activity (default 50). */
  iopsPeak?: number;
  /** Network Mbps at peak activity (default 10). */
  netPeakMbps?: number;
  /** Share of written bytes that land on new blocks and grow a thin disk, % (default 1). */
  newDataPct?: number;
  /** Memory dirtied per second at peak CPU, % of active memory (drives live-migration convergence; default 2). */
  dirtyPctPerSec?: number;
  /** Phase shift of daily patterns in hours (time zones of edge sites; default 0). */
  phaseHours?: number;
  /** For 'bursty': chance per hour that a burst starts, % (default 10), and burst length in minutes (default 15). */
  burstChancePctPerHour?: number;
  burstMinutes?: number;
  /** For 'trace': the id of a scenario trace; the trace value scales between base and peak. */
  traceId?: string;
  /** For 'trace': offset into the trace in seconds (default 0). */
  traceOffsetSec?: number;
  /** A managed runtime in the guest (JVM, .NET CLR, WebAssembly) with its heap (physics/runtime.ts). */
  runtime?: RuntimeSpec;
}

export type RuntimeKind = 'jvm' | 'clr' | 'wasm';

/** An application virtual machine: its heap is memory the balloon driver cannot reclaim. */
export interface RuntimeSpec {
  kind: RuntimeKind;
  /** Maximum (and, once warm, committed) heap, MiB. */
  heapMiB: number;
}

/** A utilisation trace given as parsed arrays (the engine reads no files). Values loop. */
export interface TraceSpec {
  id: string;
  name: string;
  /** Seconds between samples (PlanetLab: 300). Ignored when timesSec is given. */
  stepSec: number;
  /** Sample times in seconds from the trace start, ascending (CSV `time` column). Optional. */
  timesSec?: number[];
  cpuPct: number[];
  memPct?: number[];
}

/** disconnected: vCenter no longer manages the host (host.connection); its VMs keep running, unmanaged. */
export type HostStateName = 'connected' | 'maintenance' | 'standby' | 'failed' | 'disconnected';

export interface PowerModelSpec {
  idleW: number;
  maxW: number;
  /** Optional SPECpower-style table: watts at 0 %, 10 %, … 100 % load (11 values). */
  tableW?: number[];
}

export interface HostSpec {
  id: string;
  name: string;
  clusterId: string;
  sockets: number;
  coresPerSocket: number;
  coreMHz: number;
  memMiB: number;
  nicMbps: number;
  /** e.g. "Intel Xeon Gold 6338 (Ice Lake)". */
  cpuModel: string;
  cpuVendor: 'intel' | 'amd';
  /** CPU feature generation, for live-migration compatibility (EVC baseline compares it). */
  cpuGeneration: number;
  power: PowerModelSpec;
  state?: HostStateName;
  /**
   * CPU topology beyond sockets × cores (docs/model.md "NUMA, hyper-threading, co-stop"). Absent = the flat
   * model (no NUMA, no hyper-threading, no co-scheduling, no per-layer CPU overhead), as before.
   */
  topology?: HostTopologySpec;
}

/** NUMA nodes and hardware threads of a host; giving it switches the host to the detailed CPU model. */
export interface HostTopologySpec {
  /** NUMA nodes of the host (each socket usually one; sub-NUMA clustering gives 2 per socket). Divides the cores. */
  numaNodes: number;
  /** Hardware threads per core: 1 = no hyper-threading, 2 = hyper-threading on. */
  threadsPerCore: 1 | 2;
}

export interface DatastoreSpec {
  id: string;
  name: string;
  /** Shared by every host of this cluster … */
  clusterId?: string;
  /** … or local to one host. */
  hostId?: string;
  capacityGiB: number;
  maxIops: number;
  /** Service time at no load (default 1 ms). */
  baseLatencyMs?: number;
  /** Copy throughput for clones and storage migration (default 400 MiB/s). */
  copyMiBps?: number;
  /** Storage I/O Control (physics/sioc.ts); absent = off. */
  sioc?: SiocSpec;
}

/** Storage I/O Control of a datastore: above the latency threshold, IOPS are divided by the disks' shares. */
export interface SiocSpec {
  enabled: boolean;
  /** Congestion threshold, ms (vSphere default 30). */
  thresholdMs?: number;
}

export interface NetworkSpec {
  id: string;
  name: string;
  datacenterId: string;
  vlanId?: number;
  /** Clusters whose hosts have this port group; empty = all hosts of the datacenter. */
  clusterIds: string[];
}

export interface DiskSpec {
  datastoreId: string;
  sizeGiB: number;
  /** Thin disks grow with written data; thick disks take their full size up front. */
  thin: boolean;
  /** For thin disks: space already written (default 30 % of the size). */
  usedGiB?: number;
  /** IOPS shares (low 500, normal 1000, high 2000 or a number; default normal), used by SIOC. */
  iopsShares?: SharesSpec;
  /** IOPS limit of the disk (absent or null = unlimited). */
  iopsLimit?: number | null;
}

export interface CpuAllocSpec {
  shares?: SharesSpec;
  reservationMHz?: number;
  /** Absent or null = unlimited. */
  limitMHz?: number | null;
}

export interface MemAllocSpec {
  shares?: SharesSpec;
  reservationMiB?: number;
  limitMiB?: number | null;
}

export type VmPowerState = 'poweredOn' | 'poweredOff' | 'suspended';

/** vSphere HA VM restart priority; "disabled" = HA never restarts the VM. */
export type HaRestartPriority = 'disabled' | 'lowest' | 'low' | 'medium' | 'high' | 'highest';
export const HA_RESTART_PRIORITIES: readonly HaRestartPriority[] = [
  'disabled',
  'lowest',
  'low',
  'medium',
  'high',
  'highest',
];

export type AffinityRuleKind = 'keepTogether' | 'separate' | 'runOnHosts' | 'avoidHosts';

/** A DRS rule (vSphere VM–VM / VM–host rule, Nova server group); docs/scheduling.md 1.4. */
export interface AffinityRule {
  id: string;
  name: string;
  kind: AffinityRuleKind;
  mandatory: boolean;
  vmIds: string[];
  /** For runOnHosts / avoidHosts. */
  hostIds: string[];
  /** False = kept but not enforced (vSphere "Enable rule" unticked); absent = enabled. */
  enabled?: boolean;
  /** VM–host rules made from groups (cluster.rule.put): the VM and host groups the ids come from. */
  vmGroupId?: string;
  hostGroupId?: string;
}

/** A named VM or host group of a cluster (vSphere "VM/Host Groups"); members are VM or host ids. */
export interface ClusterGroup {
  id: string;
  name: string;
  memberIds: string[];
}

export interface VmSpec {
  id: string;
  name: string;
  hostId: string;
  vcpus: number;
  memMiB: number;
  disks: DiskSpec[];
  networkId?: string;
  cpu?: CpuAllocSpec;
  mem?: MemAllocSpec;
  power?: VmPowerState;
  guestOS?: string;
  tags?: string[];
  hotAddCpu?: boolean;
  hotAddMem?: boolean;
  /** The VM runs a container runtime; containers may be placed inside it. */
  containerHost?: boolean;
  workload: WorkloadSpec;
  serviceId?: string;
  /** HA restart priority; absent = an "ha-priority:<level>" tag, else medium. */
  haRestartPriority?: HaRestartPriority;
  /** Resource pool (or vApp) of the VM's cluster; absent = the cluster's root pool. */
  poolId?: string;
  /** The VM runs a hypervisor itself (nested virtualization: its guests pay a second layer). */
  nested?: boolean;
  /** Devices passed through to the VM (DirectPath I/O, vGPU): no I/O emulation cost, but no live migration. */
  passthrough?: string[];
}

export type RestartPolicy = 'always' | 'onFailure' | 'never';

export interface ContainerSpec {
  id: string;
  name: string;
  /** Exactly one of hostId / vmId: the container runs on a host directly or inside a container-host VM. */
  hostId?: string;
  vmId?: string;
  cpuRequestMilli: number;
  cpuLimitMilli?: number | null;
  memRequestMiB: number;
  memLimitMiB?: number | null;
  imageMiB: number;
  restartPolicy?: RestartPolicy;
  /** Workload percentages are of the CPU limit (or request when unlimited) and of the memory limit (or request). */
  workload: WorkloadSpec;
  serviceId?: string;
}

/** Template of one service replica (a VM or a container), without id/placement. */
export type ReplicaTemplate =
  | {
      kind: 'vm';
      vcpus: number;
      memMiB: number;
      diskGiB: number;
      thin: boolean;
      networkId?: string;
      guestOS?: string;
      workload: WorkloadSpec;
    }
  | {
      kind: 'container';
      cpuRequestMilli: number;
      cpuLimitMilli?: number | null;
      memRequestMiB: number;
      memLimitMiB?: number | null;
      imageMiB: number;
      workload: WorkloadSpec;
    };

export interface AutoscaleSpec {
  minReplicas: number;
  maxReplicas: number;
  /** Target average CPU utilisation of the replicas, % (Kubernetes HPA style). */
  targetCpuPct: number;
}

export interface ServiceSpec {
  id: string;
  name: string;
  clusterId: string;
  replicas: number;
  /** Replicas on distinct hosts (for containers inside VMs: distinct physical hosts). */
  antiAffinity: boolean;
  template: ReplicaTemplate;
  autoscale?: AutoscaleSpec;
}

export type DrsAutomation = 'manual' | 'partial' | 'full';
export type DpmAutomation = 'manual' | 'automatic';
export type HaAdmissionPolicy = 'disabled' | 'percentage' | 'slots' | 'failoverHosts';

export interface ClusterSettings {
  /** Initial placement policy name (see engine/scheduling). */
  placementPolicy: string;
  drs: { enabled: boolean; automation: DrsAutomation; threshold: number };
  /** failuresToTolerate: host failures the slot policy keeps room for (vSphere "host failures cluster tolerates"; absent = 1). */
  ha: {
    enabled: boolean;
    admission: HaAdmissionPolicy;
    cpuReservePct: number;
    memReservePct: number;
    failoverHostIds: string[];
    restartDelaySec: number;
    failuresToTolerate?: number;
    /** vSphere "Host failure response": false = a failed host's VMs are not restarted (absent = true). */
    hostMonitoring?: boolean;
    /** Cluster default VM restart priority for VMs that set none (absent = medium). */
    restartPriority?: HaRestartPriority;
  };
  /** automation: "manual" = DPM only recommends (shown on the cluster), absent or "automatic" = it acts. */
  dpm: { enabled: boolean; automation?: DpmAutomation };
  /** Overcommit ceilings used by admission of new guests (Nova-style allocation ratios); 0 = no ceiling. */
  cpuAllocationRatio: number;
  memAllocationRatio: number;
  /** Live-migration defaults. */
  migration: { downtimeTargetMs: number; maxRounds: number; maxConcurrentPerHost: number };
  /** Declared DRS rules (tag rules come on top, see scheduling/rules.ts). */
  rules?: AffinityRule[];
  /** VM and host groups that VM–host rules are made from. */
  vmGroups?: ClusterGroup[];
  hostGroups?: ClusterGroup[];
}

/** A change to cluster settings: any group, and any field within a group. */
export interface ClusterSettingsPatch {
  placementPolicy?: string;
  drs?: Partial<ClusterSettings['drs']>;
  ha?: Partial<ClusterSettings['ha']>;
  dpm?: Partial<ClusterSettings['dpm']>;
  cpuAllocationRatio?: number;
  memAllocationRatio?: number;
  migration?: Partial<ClusterSettings['migration']>;
  /** Replaces the declared rules. */
  rules?: AffinityRule[];
  /** Replace the groups. */
  vmGroups?: ClusterGroup[];
  hostGroups?: ClusterGroup[];
}

export interface ClusterSpec {
  id: string;
  name: string;
  datacenterId: string;
  settings?: ClusterSettingsPatch;
}

export interface DatacenterSpec {
  id: string;
  name: string;
  /** Where the site is, for display (edge scenarios). */
  location?: string;
}

export interface Scenario {
  version: 1;
  name: string;
  description?: string;
  seed?: number;
  /** Seconds of simulated time per tick (default 20, the vCenter real-time interval). */
  tickSeconds?: number;
  /** ISO date-time of the simulated start (default 2026-01-05T00:00:00Z, a Monday). */
  startDate?: string;
  datacenters: DatacenterSpec[];
  clusters: ClusterSpec[];
  hosts: HostSpec[];
  datastores: DatastoreSpec[];
  networks: NetworkSpec[];
  vms: VmSpec[];
  containers: ContainerSpec[];
  services: ServiceSpec[];
  traces: TraceSpec[];
  /** Resource pools and vApps under the clusters (absent = none: every VM in its cluster's root pool). */
  resourcePools?: ResourcePoolSpec[];
}

/** A pool's CPU or memory allocation (vSphere "Resource Allocation" of a resource pool) [RM]. */
export interface PoolAllocSpec {
  /** low/normal/high = 2000/4000/8000 CPU shares or 81920/163840/327680 memory shares, or a custom number. */
  shares?: SharesSpec;
  /** MHz for CPU, MiB for memory (default 0). */
  reservation?: number;
  /** Absent or null = unlimited. */
  limit?: number | null;
  /** Expandable reservation: the pool may borrow unreserved capacity from its ancestors (default true). */
  expandable?: boolean;
}

/** One VM of a vApp's start order: powered on after the previous entry's delay. */
export interface VappStartEntry {
  vmId: string;
  /** Seconds to wait after powering this VM on before the next one starts (vSphere "start delay"). */
  delaySec: number;
}

/** A resource pool (or a vApp: a pool with a start order) under a cluster [RM]. */
export interface ResourcePoolSpec {
  id: string;
  name: string;
  clusterId: string;
  /** Parent pool id; absent = directly under the cluster (the root pool). */
  parentId?: string;
  cpu?: PoolAllocSpec;
  mem?: PoolAllocSpec;
  /** Present = the pool is a vApp powered on in this order. */
  vapp?: { startOrder: VappStartEntry[] };
}
