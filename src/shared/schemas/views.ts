/** Schemas of the data the API answers with (views of engine and store state). */
import { z } from 'zod';
import { ClusterSettingsSchema } from './scenario';
import { MsgSchema } from '../msg';

export { MsgSchema, type MsgView } from '../msg';

export const ClockStateSchema = z.object({
  running: z.boolean(),
  speed: z.union([z.number(), z.literal('max')]),
  tick: z.number().int(),
  /** Simulated seconds since the scenario start. */
  time: z.number(),
  tickSeconds: z.number(),
  /** Epoch ms of the scenario start; simulated date = startEpochMs + time * 1000. */
  startEpochMs: z.number(),
  /** Achieved simulated seconds per wall second over the last second (0 when paused). */
  actualSpeed: z.number(),
  /**
   * Why the simulation stopped by itself, until the next play: a tick that failed (the clock stopped and
   * the last good state was kept) or a restart after the service stopped unexpectedly (safe mode).
   */
  fault: z
    .object({ kind: z.enum(['tick', 'crash']), tick: z.number().int(), message: z.string() })
    .nullable()
    .optional(),
});
export type ClockState = z.infer<typeof ClockStateSchema>;

/**
 * The kinds of inventory objects, listed once for the contract, the console and the CLI (the engine's
 * own `ENTITY_KINDS` is checked equal to this by src/main/service/schema-compat.typecheck.ts).
 */
export const ENTITY_KINDS = [
  'datacenter',
  'cluster',
  'host',
  'datastore',
  'network',
  'vm',
  'container',
  'service',
  'pool',
] as const;
export type EntityKindName = (typeof ENTITY_KINDS)[number];
/** Kinds that have metrics in every tick (history, top-N, alarms). */
export const METRIC_ENTITY_KINDS = [
  'cluster',
  'host',
  'datastore',
  'vm',
  'container',
  'pool',
] as const satisfies readonly EntityKindName[];
export type MetricEntityKindName = (typeof METRIC_ENTITY_KINDS)[number];
/** Kinds of guests (what runs on hosts), e.g. the inventory tree's second level. */
export const GUEST_KINDS = ['vm', 'container', 'service'] as const satisfies readonly EntityKindName[];
/** Placement policy names a cluster may use (`placementPolicy`); equal to the engine's by the type check. */
export const PLACEMENT_POLICY_NAMES = [
  'nova',
  'nova-stack',
  'first-fit',
  'best-fit',
  'worst-fit',
  'round-robin',
] as const;
export type PlacementPolicyName = (typeof PLACEMENT_POLICY_NAMES)[number];

export const EntityKindSchema = z.enum(ENTITY_KINDS);
export const MetricEntityKindSchema = z.enum(METRIC_ENTITY_KINDS);

export interface InventoryNodeView {
  id: string;
  kind: z.infer<typeof EntityKindSchema>;
  name: string;
  state: string;
  parentId: string | null;
  /** Tags of a VM or host (absent when it has none). */
  tags?: string[];
  children?: InventoryNodeView[];
}
export const InventoryNodeSchema: z.ZodType<InventoryNodeView> = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: EntityKindSchema,
    name: z.string(),
    state: z.string(),
    parentId: z.string().nullable(),
    tags: z.array(z.string()).optional(),
    children: z.array(InventoryNodeSchema).optional(),
  }),
);

const PropertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const Num = z.number();
const Str = z.string();
const NStr = z.string().nullable();

/** Configured allocation against physical capacity (hosts, clusters, datacenters). */
export const AllocationFiguresSchema = z.object({
  vcpusAllocated: Num,
  physicalCores: Num,
  cpuAllocatedMHz: Num,
  memAllocatedMiB: Num,
  cpuCapacityMHz: Num,
  memCapacityMiB: Num,
  vcpuPerCoreRatio: Num,
  vramPerRamRatio: Num,
});

export const DrsRecommendationSchema = z.object({
  vmId: Str,
  vmName: Str,
  fromHostId: Str,
  toHostId: Str,
  /** 1 = mandatory … 5 = slight improvement. */
  priority: Num,
  reason: Str,
  /** The reason as a message code (the console's languages). */
  reasonMsg: MsgSchema.optional(),
  /** Predicted host loads after the move, % (the larger of CPU and memory share). */
  predictedSourceLoadPct: Num,
  predictedTargetLoadPct: Num,
});
export type DrsRecommendationView = z.infer<typeof DrsRecommendationSchema>;

export const HA_ADMISSION_POLICIES = ['disabled', 'percentage', 'slots', 'failoverHosts'] as const;
export const DRS_AUTOMATION_LEVELS = ['manual', 'partial', 'full'] as const;

/** A cluster's DRS recommendations, DPM plan and HA admission control. */
export const ClusterSchedulingSchema = z.object({
  placementPolicy: Str,
  drs: z.object({
    enabled: z.boolean(),
    automation: z.enum(DRS_AUTOMATION_LEVELS),
    threshold: Num,
    automatic: z.boolean(),
    imbalance: Num,
    targetImbalance: Num,
    imbalanceAfter: Num,
    summary: Str,
    summaryMsg: MsgSchema.optional(),
    recommendations: z.array(DrsRecommendationSchema),
    deferred: z.array(z.object({ vmId: Str, toHostId: Str, reason: Str })),
  }),
  dpm: z.object({
    enabled: z.boolean(),
    standbyHostIds: z.array(Str),
    action: z
      .object({ hostId: Str, enter: z.boolean(), reason: Str, reasonMsg: MsgSchema.optional() })
      .nullable(),
    evacuatingHostId: NStr,
    evacuations: z.array(z.object({ vmId: Str, hostId: Str, reason: Str, reasonMsg: MsgSchema.optional() })),
    summary: Str,
    summaryMsg: MsgSchema.optional(),
  }),
  ha: z.object({
    enabled: z.boolean(),
    admissionPolicy: z.enum(HA_ADMISSION_POLICIES),
    enforced: z.boolean(),
    cpuFailoverPct: Num,
    memFailoverPct: Num,
    cpuReservePct: Num,
    memReservePct: Num,
    slotCpuMHz: Num,
    slotMemMiB: Num,
    totalSlots: Num,
    usedSlots: Num,
    failoverLevel: Num,
    failuresToTolerate: Num,
    failoverHostIds: z.array(Str),
    failoverHostsReady: Num,
    satisfied: z.boolean(),
    summary: Str,
    summaryMsg: MsgSchema.optional(),
  }),
});
export type ClusterSchedulingView = z.infer<typeof ClusterSchedulingSchema>;

const allocationProps = AllocationFiguresSchema.shape;

/** `properties` of each kind: configuration and status as a key/value table (units in the keys). */
export const HostPropertiesSchema = z.object({
  cpuModel: Str,
  cpuVendor: Str,
  cpuGeneration: Num,
  sockets: Num,
  coresPerSocket: Num,
  coreMHz: Num,
  memMiB: Num,
  minFreeMiB: Num,
  memState: Str,
  nicMbps: Num,
  idleW: Num,
  maxW: Num,
  stateSinceSec: Num,
  energyKWh: Num,
  ...allocationProps,
});
export const VmDiskSchema = z.object({
  datastoreId: Str,
  sizeGiB: Num,
  usedGiB: Num,
  thin: z.boolean(),
  iopsShares: Num,
  iopsLimit: Num.nullable(),
});
export type VmDiskView = z.infer<typeof VmDiskSchema>;
export const VmPropertiesSchema = z.object({
  power: Str,
  hostId: NStr,
  guestOS: Str,
  vcpus: Num,
  memMiB: Num,
  cpuShares: Num,
  cpuSharesLevel: Str,
  cpuReservationMHz: Num,
  cpuLimitMHz: Num.nullable(),
  memShares: Num,
  memSharesLevel: Str,
  memReservationMiB: Num,
  memLimitMiB: Num.nullable(),
  hotAddCpu: z.boolean(),
  hotAddMem: z.boolean(),
  containerHost: z.boolean(),
  networkId: NStr,
  serviceId: NStr,
  tags: Str,
  haRestartPriority: Str,
  workload: Str,
  busyTaskId: NStr,
  workloadSpec: z.object({
    pattern: Str,
    cpuBasePct: Num,
    cpuPeakPct: Num,
    memActivePct: Num,
    iopsPeak: Num.nullable(),
    netPeakMbps: Num.nullable(),
  }),
  migratingTo: NStr,
  paused: z.boolean(),
  haPending: z.boolean(),
  poweredOnAtSec: Num.nullable(),
  createdAtSec: Num,
});
export const ContainerPropertiesSchema = z.object({
  hostId: NStr,
  vmId: NStr,
  cpuRequestMilli: Num,
  cpuLimitMilli: Num.nullable(),
  memRequestMiB: Num,
  memLimitMiB: Num.nullable(),
  imageMiB: Num,
  restartPolicy: Str,
  restarts: Num,
  oomKills: Num,
  restartAtSec: Num.nullable(),
  serviceId: NStr,
  workload: Str,
  createdAtSec: Num,
});
export const ClusterPropertiesSchema = z.object({
  placementPolicy: Str,
  drsEnabled: z.boolean(),
  drsAutomation: z.enum(DRS_AUTOMATION_LEVELS),
  drsThreshold: Num,
  haEnabled: z.boolean(),
  haAdmission: z.enum(HA_ADMISSION_POLICIES),
  haCpuReservePct: Num,
  haMemReservePct: Num,
  haRestartDelaySec: Num,
  dpmEnabled: z.boolean(),
  cpuAllocationRatio: Num,
  memAllocationRatio: Num,
  migrationDowntimeTargetMs: Num,
  migrationMaxRounds: Num,
  haFailuresToTolerate: Num,
  rules: Num,
  haHostMonitoring: z.boolean(),
  haRestartPriority: z.enum(['disabled', 'lowest', 'low', 'medium', 'high', 'highest']),
  dpmAutomation: z.enum(['manual', 'automatic']),
  vmGroups: Num,
  hostGroups: Num,
  ...allocationProps,
});
export const DatastorePropertiesSchema = z.object({
  capacityGiB: Num,
  usedGiB: Num,
  provisionedGiB: Num,
  maxIops: Num,
  baseLatencyMs: Num,
  copyMiBps: Num,
  sharedByClusterId: NStr,
  localToHostId: NStr,
  siocEnabled: z.boolean(),
  siocThresholdMs: Num,
});
export const NetworkPropertiesSchema = z.object({ vlanId: Num.nullable(), clusterIds: Str });
export const ServicePropertiesSchema = z.object({
  kind: z.enum(['vm', 'container']),
  replicas: Num,
  running: Num,
  antiAffinity: z.boolean(),
  clusterId: Str,
  autoscale: NStr,
});
export const DatacenterPropertiesSchema = z.object({ location: NStr, ...allocationProps });

export const SnapshotViewSchema = z.object({
  id: Str,
  name: Str,
  description: Str,
  parentId: NStr,
  createdAtSec: Num,
  power: Str,
  memory: z.boolean(),
  sizeGiB: Num,
});
export type SnapshotViewData = z.infer<typeof SnapshotViewSchema>;
export const CustomAttributeSchema = z.object({ key: Str, value: Str });
export const VmLifecycleSchema = z.object({
  template: z.boolean(),
  tags: z.array(Str),
  attributes: z.array(CustomAttributeSchema),
  snapshots: z.array(SnapshotViewSchema),
  currentSnapshotId: NStr,
  runningDeltaGiB: Num,
  snapshotGiB: Num,
  consolidationNeeded: z.boolean(),
});
export const AnnotationsSchema = z.object({ tags: z.array(Str), attributes: z.array(CustomAttributeSchema) });
export const DatastoreFileSchema = z.object({
  vmId: Str,
  vmName: Str,
  path: Str,
  type: z.enum(['disk', 'delta', 'memory', 'swap']),
  sizeGiB: Num,
  provisionedGiB: Num.nullable(),
});
export type DatastoreFileData = z.infer<typeof DatastoreFileSchema>;

/** A rule from VM tags or a service's anti-affinity (the Rules dialog lists it read-only). */
export const DerivedRuleSchema = z.object({
  id: Str,
  name: Str,
  kind: z.enum(['keepTogether', 'separate', 'runOnHosts', 'avoidHosts']),
  mandatory: z.boolean(),
  vmIds: z.array(Str),
  hostIds: z.array(Str),
  origin: z.enum(['tag', 'service']),
  source: Str,
});
export type DerivedRuleData = z.infer<typeof DerivedRuleSchema>;

const detailBase = {
  id: Str,
  name: Str,
  /** e.g. connected / maintenance / failed, poweredOn / poweredOff / suspended, running / backoff … */
  state: Str,
  parentId: NStr,
  /** Latest metric values by metric name (for kinds that have metrics). */
  metrics: z.record(Str, Num),
  /** Ids of the objects directly below this one. */
  childIds: z.array(Str),
};

/** A host's NUMA nodes and threads (engine HostTopologyView); null on a host with the flat CPU model. */
export const HostTopologyViewSchema = z.object({
  numaNodes: Num,
  threadsPerCore: Num,
  coresPerNode: Num,
  memMiBPerNode: Num,
  logicalCpus: Num,
  cpuCapacityMHz: Num,
});
export const LAYER_NAMES = [
  'guest',
  'container',
  'numaRemote',
  'monitor',
  'ioEmulation',
  'nested',
  'ready',
  'coStop',
  'reclaimed',
  'granted',
] as const;
/** Where a guest's demand went in the last tick (engine views/layers.ts). */
export const GuestLayersSchema = z.object({
  model: z.enum(['flat', 'topology']),
  running: z.boolean(),
  nested: z.boolean(),
  passthrough: z.array(Str),
  numaNodes: Num,
  numaLocalityPct: Num,
  vmId: NStr,
  runtime: z.object({ kind: z.enum(['jvm', 'clr', 'wasm']), heapMiB: Num }).nullable(),
  rows: z.array(z.object({ layer: z.enum(LAYER_NAMES), cpuMHz: Num, memMiB: Num })),
});
export type GuestLayersData = z.infer<typeof GuestLayersSchema>;

/** Details of one object: one strict shape per kind, told apart by `kind`. */
export const EntityDetailSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('host'),
    ...detailBase,
    properties: HostPropertiesSchema,
    allocation: AllocationFiguresSchema,
    annotations: AnnotationsSchema,
    topology: HostTopologyViewSchema.nullable(),
  }),
  z.object({
    kind: z.literal('vm'),
    ...detailBase,
    properties: VmPropertiesSchema,
    disks: z.array(VmDiskSchema),
    lifecycle: VmLifecycleSchema,
    layers: GuestLayersSchema,
  }),
  z.object({
    kind: z.literal('container'),
    ...detailBase,
    properties: ContainerPropertiesSchema,
    layers: GuestLayersSchema,
  }),
  z.object({
    kind: z.literal('cluster'),
    ...detailBase,
    properties: ClusterPropertiesSchema,
    settings: ClusterSettingsSchema,
    allocation: AllocationFiguresSchema,
    /** Absent only while the cluster has no hosts to schedule on. */
    scheduling: ClusterSchedulingSchema.optional(),
    derivedRules: z.array(DerivedRuleSchema),
  }),
  z.object({
    kind: z.literal('datastore'),
    ...detailBase,
    properties: DatastorePropertiesSchema,
    files: z.array(DatastoreFileSchema),
  }),
  z.object({ kind: z.literal('network'), ...detailBase, properties: NetworkPropertiesSchema }),
  z.object({ kind: z.literal('service'), ...detailBase, properties: ServicePropertiesSchema }),
  z.object({
    kind: z.literal('datacenter'),
    ...detailBase,
    properties: DatacenterPropertiesSchema,
    allocation: AllocationFiguresSchema,
  }),
]);
export type EntityDetailView = z.infer<typeof EntityDetailSchema>;
export type EntityDetailOf<K extends EntityKindName> = Extract<EntityDetailView, { kind: K }>;
/** Every property key of any kind (for typed lists of keys in the console). */
export type PropertyKey = EntityDetailView extends infer D
  ? D extends { properties: infer P }
    ? keyof P & string
    : never
  : never;
/** Property keys whose value is a simulated time in seconds (shown as a date). */
export const TIME_PROPERTY_KEYS = [
  'stateSinceSec',
  'poweredOnAtSec',
  'createdAtSec',
  'restartAtSec',
] as const satisfies readonly PropertyKey[];
/** Property keys whose value is the id of another object (shown as its name). */
export const ID_PROPERTY_KEYS = [
  'hostId',
  'vmId',
  'networkId',
  'serviceId',
  'clusterId',
  'migratingTo',
  'busyTaskId',
  'sharedByClusterId',
  'localToHostId',
  'datastoreId',
] as const satisfies readonly (PropertyKey | 'datastoreId')[];

export const PropertyValueSchema = PropertyValue;

/** A VM's precheck before a migration: blocking errors, warnings and the predicted cost. */
export const MigrationPrecheckSchema = z.object({
  vmId: Str,
  hostId: Str,
  /** 'live' for powered-on VMs, 'cold' otherwise. */
  mode: z.enum(['live', 'cold']),
  errors: z.array(Str),
  warnings: z.array(Str),
  /** The errors and warnings as message codes, in the same order (the console's languages). */
  errorMsgs: z.array(MsgSchema).optional(),
  warningMsgs: z.array(MsgSchema).optional(),
  /** -1 when the migration would not converge. */
  predictedDurationSec: Num,
  predictedDowntimeMs: Num,
  predictedRounds: Num,
  dirtyRateMiBps: Num,
  bandwidthMiBps: Num,
  /** True when the disks must move too (the destination cannot reach the current datastore). */
  needsStorageMove: z.boolean(),
});
export type MigrationPrecheckView = z.infer<typeof MigrationPrecheckSchema>;

export const PlacementWeightSchema = z.object({
  weigher: Str,
  raw: Num,
  normalised: Num,
  multiplier: Num,
  weighted: Num,
});
export const PlacementHostVerdictSchema = z.object({
  hostId: Str,
  hostName: Str,
  eligible: z.boolean(),
  score: Num,
  reasons: z.array(Str),
  /** The filter that rejected the host; null when eligible. */
  rejectedBy: NStr,
  weights: z.array(PlacementWeightSchema),
  /** `reasons` as message codes, in the same order (the console's languages). */
  reasonMsgs: z.array(MsgSchema).optional(),
});
export type PlacementHostVerdictView = z.infer<typeof PlacementHostVerdictSchema>;
/** Why a placement picks its host: one verdict per host, the chosen host (null: none qualifies), one sentence. */
export const PlacementExplanationSchema = z.object({
  chosenHostId: NStr,
  policy: Str,
  summary: Str,
  summaryMsg: MsgSchema.optional(),
  hosts: z.array(PlacementHostVerdictSchema),
});
export type PlacementExplanationView = z.infer<typeof PlacementExplanationSchema>;

/** One row of an inventory table: identity plus the latest metric values. */
export const EntitySummarySchema = z.object({
  id: z.string(),
  kind: EntityKindSchema,
  name: z.string(),
  state: z.string(),
  parentId: z.string().nullable(),
  metrics: z.record(z.string(), z.number()).optional(),
});
export type EntitySummaryView = z.infer<typeof EntitySummarySchema>;

export const MetricDefSchema = z.object({
  name: z.string(),
  unit: z.string(),
  rollup: z.enum(['avg', 'last']),
});
export const MetricCatalogSchema = z.record(MetricEntityKindSchema, z.array(MetricDefSchema).readonly());
export type MetricCatalogView = z.infer<typeof MetricCatalogSchema>;

export const SeriesResultSchema = z.object({
  resolutionSec: z.number(),
  series: z.array(
    z.object({
      entityId: z.string(),
      metric: z.string(),
      points: z.array(z.tuple([z.number(), z.number()])),
    }),
  ),
});
export type SeriesResultView = z.infer<typeof SeriesResultSchema>;

export const EngineEventSchema = z.object({
  time: z.number(),
  severity: z.enum(['info', 'warning', 'error']),
  type: z.string(),
  message: z.string(),
  objects: z.array(z.string()),
  msg: MsgSchema.optional(),
});
export type EngineEventView = z.infer<typeof EngineEventSchema>;

export const TaskInfoSchema = z.object({
  id: z.string(),
  type: z.string(),
  description: z.string(),
  target: z.string(),
  state: z.enum(['queued', 'running', 'success', 'error', 'cancelled']),
  progress: z.number(),
  queuedAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  reason: z.string().nullable(),
  resultId: z.string().optional(),
  descriptionMsg: MsgSchema.optional(),
  reasonMsg: MsgSchema.optional(),
});
export type TaskInfoView = z.infer<typeof TaskInfoSchema>;

export const AlarmSchema = z.object({
  id: z.string(),
  /** e.g. "host.cpu", "host.mem", "datastore.usage", "vm.ready". */
  rule: z.string(),
  objectId: z.string(),
  objectName: z.string(),
  severity: z.enum(['warning', 'error']),
  message: z.string(),
  triggeredAt: z.number(),
  clearedAt: z.number().nullable(),
  acknowledged: z.boolean(),
  msg: MsgSchema.optional(),
});
export type AlarmView = z.infer<typeof AlarmSchema>;

export const WorkspaceInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  scenarioName: z.string(),
  seed: z.number(),
  tickSeconds: z.number(),
});
export type WorkspaceInfoView = z.infer<typeof WorkspaceInfoSchema>;

export const PagedSchema = <T extends z.ZodType>(row: T) =>
  z.object({ total: z.number().int(), rows: z.array(row) });
