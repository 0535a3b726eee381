/**
 * Zod schema of scenario files (version 1). Mirrors src/main/engine/model/scenario.ts exactly;
 * src/main/service/schema-compat.test.ts checks both directions at compile time.
 * Imports only zod. Reference checks (ids that resolve) and whole-scenario totals (replicas, trace samples)
 * are done by the engine (src/main/engine/world/check-fields.ts, same bounds); docs/model.md lists the limits.
 */
import { z } from 'zod';

const Id = z.string().min(1).max(200);
const Name = z.string().min(1).max(200);
const Pct = z.number().finite().min(0).max(100);
const PosInt = (max: number) => z.number().int().min(1).max(max);

export const SharesSchema = z.union([
  z.enum(['low', 'normal', 'high']),
  z.number().int().min(1).max(1_000_000),
]);

export const WorkloadSchema = z.object({
  pattern: z.enum(['constant', 'diurnal', 'weekly', 'bursty', 'randomWalk', 'trace']),
  cpuBasePct: Pct,
  cpuPeakPct: Pct,
  memActivePct: z.number().finite().min(0).max(200),
  memPeakPct: z.number().finite().min(0).max(200).optional(),
  memCachePct: Pct.optional(),
  noisePct: Pct.optional(),
  growthPctPerMonth: z.number().finite().min(-50).max(100).optional(),
  iopsPeak: z.number().finite().min(0).max(1_000_000).optional(),
  netPeakMbps: z.number().finite().min(0).max(400_000).optional(),
  newDataPct: Pct.optional(),
  dirtyPctPerSec: Pct.optional(),
  phaseHours: z.number().finite().min(-24).max(24).optional(),
  burstChancePctPerHour: Pct.optional(),
  burstMinutes: z.number().finite().min(0).max(1440).optional(),
  traceId: Id.optional(),
  traceOffsetSec: z.number().finite().min(0).max(1e9).optional(),
  runtime: z
    .object({
      kind: z.enum(['jvm', 'clr', 'wasm']),
      heapMiB: z
        .number()
        .int()
        .min(16)
        .max(24 * 1024 * 1024),
    })
    .optional(),
});

export const TraceSchema = z.object({
  id: Id,
  name: Name,
  stepSec: z.number().finite().min(0.001).max(1e7),
  timesSec: z.array(z.number().finite().min(0)).max(1_000_000).optional(),
  cpuPct: z.array(Pct).min(1).max(1_000_000),
  memPct: z.array(Pct).max(1_000_000).optional(),
});

export const PowerModelSchema = z.object({
  idleW: z.number().finite().min(0).max(100_000),
  maxW: z.number().finite().min(0).max(100_000),
  tableW: z.array(z.number().finite().min(0).max(100_000)).length(11).optional(),
});

export const HostStateSchema = z.enum(['connected', 'maintenance', 'standby', 'failed', 'disconnected']);

/** A host's NUMA nodes and threads per core (absent = the flat CPU model; docs/model.md). */
export const HostTopologySchema = z.object({
  numaNodes: z.number().int().min(1).max(64),
  threadsPerCore: z.union([z.literal(1), z.literal(2)]),
});

export const HostSchema = z.object({
  id: Id,
  name: Name,
  clusterId: Id,
  sockets: PosInt(16),
  coresPerSocket: PosInt(256),
  coreMHz: z.number().int().min(100).max(10_000),
  memMiB: z
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024),
  nicMbps: z.number().int().min(100).max(800_000),
  cpuModel: Name,
  cpuVendor: z.enum(['intel', 'amd']),
  cpuGeneration: z.number().int().min(0).max(100),
  power: PowerModelSchema,
  state: HostStateSchema.optional(),
  topology: HostTopologySchema.optional(),
});

/** Storage I/O Control of a datastore (engine physics/sioc.ts): threshold 5–100 ms, default 30. */
export const SiocSchema = z.object({
  enabled: z.boolean(),
  thresholdMs: z.number().finite().min(5).max(100).optional(),
});

export const DatastoreSchema = z.object({
  id: Id,
  name: Name,
  clusterId: Id.optional(),
  hostId: Id.optional(),
  capacityGiB: z.number().finite().min(1).max(1e8),
  maxIops: z.number().finite().min(1).max(1e8),
  baseLatencyMs: z.number().finite().min(0.01).max(1000).optional(),
  copyMiBps: z.number().finite().min(1).max(1e6).optional(),
  sioc: SiocSchema.optional(),
});

export const NetworkSchema = z.object({
  id: Id,
  name: Name,
  datacenterId: Id,
  vlanId: z.number().int().min(0).max(4095).optional(),
  clusterIds: z.array(Id),
});

export const DiskSchema = z.object({
  datastoreId: Id,
  sizeGiB: z.number().int().min(1).max(65536),
  thin: z.boolean(),
  usedGiB: z.number().finite().min(0).max(65536).optional(),
  iopsShares: SharesSchema.optional(),
  iopsLimit: z.number().int().min(1).max(10_000_000).nullable().optional(),
});

export const CpuAllocSchema = z.object({
  shares: SharesSchema.optional(),
  reservationMHz: z.number().int().min(0).max(10_000_000).optional(),
  limitMHz: z.number().int().min(1).max(10_000_000).nullable().optional(),
});

export const MemAllocSchema = z.object({
  shares: SharesSchema.optional(),
  reservationMiB: z
    .number()
    .int()
    .min(0)
    .max(24 * 1024 * 1024)
    .optional(),
  limitMiB: z
    .number()
    .int()
    .min(1)
    .max(24 * 1024 * 1024)
    .nullable()
    .optional(),
});

export const VmPowerStateSchema = z.enum(['poweredOn', 'poweredOff', 'suspended']);

/** vSphere HA VM restart priority ("disabled" = never restarted). */
export const HaRestartPrioritySchema = z.enum(['disabled', 'lowest', 'low', 'medium', 'high', 'highest']);

export const VmSchema = z.object({
  id: Id,
  name: Name,
  hostId: Id,
  vcpus: PosInt(768),
  memMiB: z
    .number()
    .int()
    .min(4)
    .max(24 * 1024 * 1024),
  disks: z.array(DiskSchema).max(60),
  networkId: Id.optional(),
  cpu: CpuAllocSchema.optional(),
  mem: MemAllocSchema.optional(),
  power: VmPowerStateSchema.optional(),
  guestOS: z.string().max(200).optional(),
  tags: z.array(z.string().max(80)).max(100).optional(),
  hotAddCpu: z.boolean().optional(),
  hotAddMem: z.boolean().optional(),
  containerHost: z.boolean().optional(),
  workload: WorkloadSchema,
  serviceId: Id.optional(),
  haRestartPriority: HaRestartPrioritySchema.optional(),
  poolId: Id.optional(),
  nested: z.boolean().optional(),
  passthrough: z.array(z.string().min(1).max(80)).max(16).optional(),
});

export const RestartPolicySchema = z.enum(['always', 'onFailure', 'never']);

export const ContainerSchema = z.object({
  id: Id,
  name: Name,
  hostId: Id.optional(),
  vmId: Id.optional(),
  cpuRequestMilli: PosInt(1_000_000),
  cpuLimitMilli: PosInt(1_000_000).nullable().optional(),
  memRequestMiB: PosInt(24 * 1024 * 1024),
  memLimitMiB: PosInt(24 * 1024 * 1024)
    .nullable()
    .optional(),
  imageMiB: z.number().int().min(0).max(1_000_000),
  restartPolicy: RestartPolicySchema.optional(),
  workload: WorkloadSchema,
  serviceId: Id.optional(),
});

export const ReplicaTemplateSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('vm'),
    vcpus: PosInt(768),
    memMiB: z
      .number()
      .int()
      .min(4)
      .max(24 * 1024 * 1024),
    diskGiB: z.number().int().min(1).max(65536),
    thin: z.boolean(),
    networkId: Id.optional(),
    guestOS: z.string().max(200).optional(),
    workload: WorkloadSchema,
  }),
  z.object({
    kind: z.literal('container'),
    cpuRequestMilli: PosInt(1_000_000),
    cpuLimitMilli: PosInt(1_000_000).nullable().optional(),
    memRequestMiB: PosInt(24 * 1024 * 1024),
    memLimitMiB: PosInt(24 * 1024 * 1024)
      .nullable()
      .optional(),
    imageMiB: z.number().int().min(0).max(1_000_000),
    workload: WorkloadSchema,
  }),
]);

export const AutoscaleSchema = z.object({
  minReplicas: z.number().int().min(0).max(1000),
  maxReplicas: z.number().int().min(1).max(1000),
  targetCpuPct: z.number().int().min(1).max(100),
});

export const ServiceSchema = z.object({
  id: Id,
  name: Name,
  clusterId: Id,
  replicas: z.number().int().min(0).max(1000),
  antiAffinity: z.boolean(),
  template: ReplicaTemplateSchema,
  autoscale: AutoscaleSchema.optional(),
});

/** A DRS rule: VM–VM keep together / separate, VM–host run on / avoid (mandatory or soft). */
export const AffinityRuleSchema = z.object({
  id: Id,
  name: Name,
  kind: z.enum(['keepTogether', 'separate', 'runOnHosts', 'avoidHosts']),
  mandatory: z.boolean(),
  vmIds: z.array(Id).max(10_000),
  hostIds: z.array(Id).max(10_000),
  enabled: z.boolean().optional(),
  vmGroupId: Id.optional(),
  hostGroupId: Id.optional(),
});

/** A cluster's VM or host group (vSphere VM/Host Groups). */
export const ClusterGroupSchema = z.object({
  id: Id,
  name: Name,
  memberIds: z.array(Id).max(10_000),
});

export const ClusterSettingsSchema = z.object({
  placementPolicy: z.string().min(1).max(100),
  drs: z.object({
    enabled: z.boolean(),
    automation: z.enum(['manual', 'partial', 'full']),
    threshold: z.number().int().min(1).max(5),
  }),
  ha: z.object({
    enabled: z.boolean(),
    admission: z.enum(['disabled', 'percentage', 'slots', 'failoverHosts']),
    cpuReservePct: z.number().int().min(0).max(100),
    memReservePct: z.number().int().min(0).max(100),
    failoverHostIds: z.array(Id),
    restartDelaySec: z.number().int().min(0).max(3600),
    failuresToTolerate: z.number().int().min(1).max(31).optional(),
    hostMonitoring: z.boolean().optional(),
    restartPriority: HaRestartPrioritySchema.optional(),
  }),
  dpm: z.object({ enabled: z.boolean(), automation: z.enum(['manual', 'automatic']).optional() }),
  cpuAllocationRatio: z.number().finite().min(0).max(64),
  memAllocationRatio: z.number().finite().min(0).max(16),
  migration: z.object({
    downtimeTargetMs: z.number().int().min(1).max(60_000),
    maxRounds: z.number().int().min(1).max(1000),
    maxConcurrentPerHost: z.number().int().min(1).max(8),
  }),
  rules: z.array(AffinityRuleSchema).max(1000).optional(),
  vmGroups: z.array(ClusterGroupSchema).max(1000).optional(),
  hostGroups: z.array(ClusterGroupSchema).max(1000).optional(),
});

/** A partial settings patch (every group optional, and every field of a group optional). */
export const ClusterSettingsPatchSchema = z.object({
  placementPolicy: z.string().min(1).max(100).optional(),
  drs: ClusterSettingsSchema.shape.drs.partial().optional(),
  ha: ClusterSettingsSchema.shape.ha.partial().optional(),
  dpm: ClusterSettingsSchema.shape.dpm.partial().optional(),
  cpuAllocationRatio: z.number().finite().min(0).max(64).optional(),
  memAllocationRatio: z.number().finite().min(0).max(16).optional(),
  migration: ClusterSettingsSchema.shape.migration.partial().optional(),
  rules: z.array(AffinityRuleSchema).max(1000).optional(),
  vmGroups: z.array(ClusterGroupSchema).max(1000).optional(),
  hostGroups: z.array(ClusterGroupSchema).max(1000).optional(),
});

export const ClusterSchema = z.object({
  id: Id,
  name: Name,
  datacenterId: Id,
  settings: ClusterSettingsPatchSchema.optional(),
});
export const DatacenterSchema = z.object({ id: Id, name: Name, location: z.string().max(200).optional() });

/** A resource pool's CPU (MHz) or memory (MiB) allocation; the engine checks reservation ≤ limit. */
export const PoolAllocSchema = z.object({
  shares: SharesSchema.optional(),
  reservation: z
    .number()
    .int()
    .min(0)
    .max(1024 * 1024 * 1024)
    .optional(),
  limit: z
    .number()
    .int()
    .min(1)
    .max(1024 * 1024 * 1024)
    .nullable()
    .optional(),
  expandable: z.boolean().optional(),
});

export const VappStartEntrySchema = z.object({ vmId: Id, delaySec: z.number().int().min(0).max(3600) });

export const ResourcePoolSchema = z.object({
  id: Id,
  name: Name,
  clusterId: Id,
  parentId: Id.optional(),
  cpu: PoolAllocSchema.optional(),
  mem: PoolAllocSchema.optional(),
  vapp: z.object({ startOrder: z.array(VappStartEntrySchema).max(1000) }).optional(),
});

export const ScenarioSchema = z.object({
  version: z.literal(1),
  name: Name,
  description: z.string().max(2000).optional(),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  tickSeconds: z.number().int().min(1).max(3600).optional(),
  startDate: z.string().max(40).optional(),
  datacenters: z.array(DatacenterSchema).max(1_000),
  clusters: z.array(ClusterSchema).max(10_000),
  hosts: z.array(HostSchema).max(20_000),
  datastores: z.array(DatastoreSchema).max(100_000),
  networks: z.array(NetworkSchema).max(100_000),
  vms: z.array(VmSchema).max(200_000),
  containers: z.array(ContainerSchema).max(200_000),
  services: z.array(ServiceSchema).max(10_000),
  traces: z.array(TraceSchema).max(10_000),
  resourcePools: z.array(ResourcePoolSchema).max(10_000).optional(),
});

export type ScenarioInput = z.infer<typeof ScenarioSchema>;
