/**
 * The one API contract: every request method with its params and result schemas, and every push
 * event with its payload schema. Main validates params with these; the renderer types its calls
 * with them. Methods answer ApiResult values (./errors), never throw across the boundary.
 */
import { z } from 'zod';
import type { MethodName, PushName } from './methods';
import { CommandSchema } from './schemas/commands';
import { ScenarioSchema } from './schemas/scenario';
import { capacityContract } from './contract-capacity';
import { demoContract, demoPushContract } from './contract-demo';
import { consolidationContract, consolidationPushContract } from './contract-consolidation';
import { AbsPathSchema, GrantIdSchema, WorkspaceNameSchema } from './files';
import { UploadIdSchema } from './contract-import';
import { jobsContract, jobsPushContract } from './contract-jobs';
import { alarmsContract } from './contract-alarms';
import { poolsContract } from './contract-pools';
import {
  AlarmSchema,
  ClockStateSchema,
  EngineEventSchema,
  EntityDetailSchema,
  EntityKindSchema,
  MetricEntityKindSchema,
  MigrationPrecheckSchema,
  PlacementExplanationSchema,
  EntitySummarySchema,
  InventoryNodeSchema,
  MetricCatalogSchema,
  PagedSchema,
  SeriesResultSchema,
  TaskInfoSchema,
  WorkspaceInfoSchema,
} from './schemas/views';

const Empty = z.object({}).strict();
const Id = z.string().min(1).max(200);
const SimTime = z.number().finite().min(0).max(1e12);
const Speed = z.union([z.number().int().min(1).max(10_000), z.literal('max')]);
const Int = (min: number, max: number) => z.number().int().min(min).max(max);
/** What `placement.explain` asks about: an existing VM's next host, or the size of a new VM or container. */
export const PlacementQuerySchema = z.union([
  z.object({ vmId: Id, excludeHostIds: z.array(Id).max(1000).optional() }).strict(),
  z.discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('vm'),
        vcpus: Int(1, 768),
        memMiB: Int(4, 24 * 1024 * 1024),
        cpuReservationMHz: Int(0, 1e7).optional(),
        memReservationMiB: Int(0, 24 * 1024 * 1024).optional(),
        clusterId: Id.optional(),
        datastoreIds: z.array(Id).max(100).optional(),
        networkId: Id.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('container'),
        cpuRequestMilli: Int(1, 1e6),
        memRequestMiB: Int(1, 24 * 1024 * 1024),
        clusterId: Id.optional(),
      })
      .strict(),
  ]),
]);
const Paging = {
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
};

export const contract = {
  'app.info': {
    params: Empty,
    result: z.object({
      name: z.string(),
      version: z.string(),
      shell: z.enum(['electron', 'web', 'cli', 'test']),
    }),
  },
  'clock.get': { params: Empty, result: ClockStateSchema },
  'clock.play': { params: Empty, result: ClockStateSchema },
  'clock.pause': { params: Empty, result: ClockStateSchema },
  'clock.step': {
    params: z.object({ ticks: z.number().int().min(1).max(100_000).default(1) }).strict(),
    result: ClockStateSchema,
  },
  'clock.setSpeed': { params: z.object({ speed: Speed }).strict(), result: ClockStateSchema },
  'meta.catalog': { params: Empty, result: MetricCatalogSchema },
  'meta.scenarios': {
    params: Empty,
    result: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
  },
  'inventory.tree': { params: Empty, result: z.array(InventoryNodeSchema) },
  'entity.describe': { params: z.object({ id: Id }).strict(), result: EntityDetailSchema },
  'entity.list': {
    params: z.object({ kind: EntityKindSchema.exclude(['datacenter']), parentId: Id.optional() }).strict(),
    result: z.array(EntitySummarySchema),
  },
  'command.execute': {
    params: z.object({ command: CommandSchema }).strict(),
    result: z.object({ taskId: z.string().optional(), createdId: z.string().optional() }),
  },
  'migration.precheck': {
    params: z.object({ vmId: Id, hostId: Id }).strict(),
    result: MigrationPrecheckSchema,
  },
  'placement.explain': {
    params: z.object({ spec: PlacementQuerySchema }).strict(),
    result: PlacementExplanationSchema,
  },
  'live.subscribe': {
    params: z
      .object({ entityIds: z.array(Id).max(500), metrics: z.array(z.string().min(1).max(100)).max(50) })
      .strict(),
    result: z.object({ entityIds: z.array(z.string()), metrics: z.array(z.string()) }),
  },
  'history.series': {
    params: z
      .object({
        entityIds: z.array(Id).min(1).max(50),
        metrics: z.array(z.string().min(1).max(100)).min(1).max(20),
        from: SimTime,
        to: SimTime,
        maxPoints: z.number().int().min(2).max(5000).optional(),
        stat: z.enum(['avg', 'max']).optional(),
      })
      .strict()
      .refine((p) => p.from <= p.to, { message: '"from" must not be after "to"', path: ['from'] }),
    result: SeriesResultSchema,
  },
  'history.topN': {
    params: z
      .object({
        kind: MetricEntityKindSchema,
        metric: z.string().min(1).max(100),
        n: z.number().int().min(1).max(100),
        from: SimTime,
        to: SimTime,
        order: z.enum(['desc', 'asc']).optional(),
        stat: z.enum(['avg', 'max']).optional(),
      })
      .strict(),
    result: z.array(z.object({ entityId: z.string(), name: z.string(), value: z.number() })),
  },
  /**
   * Recorded events, newest first. `objectId` of a cluster or datacenter covers everything under it;
   * `includeChildren` says so for any object (true: a host with its VMs; false: the object's own records).
   * `from`/`to` are clamped to the recorded time.
   */
  'events.query': {
    params: z
      .object({
        objectId: Id.optional(),
        includeChildren: z.boolean().optional(),
        severity: z.enum(['info', 'warning', 'error']).optional(),
        type: z.string().min(1).max(100).optional(),
        from: SimTime.optional(),
        to: SimTime.optional(),
        sort: z.enum(['time', 'severity', 'type']).optional(),
        order: z.enum(['asc', 'desc']).optional(),
        ...Paging,
      })
      .strict()
      .refine((p) => p.from === undefined || p.to === undefined || p.from <= p.to, {
        message: '"from" must not be after "to"',
        path: ['from'],
      }),
    result: PagedSchema(EngineEventSchema),
  },
  /** Tasks by queue time, newest first; the same object scope as events.query; `from`/`to` bound the queue time. */
  'tasks.query': {
    params: z
      .object({
        objectId: Id.optional(),
        includeChildren: z.boolean().optional(),
        state: z.enum(['queued', 'running', 'success', 'error', 'cancelled']).optional(),
        type: z.string().min(1).max(100).optional(),
        from: SimTime.optional(),
        to: SimTime.optional(),
        sort: z.enum(['queuedAt', 'type', 'state', 'target', 'finishedAt']).optional(),
        order: z.enum(['asc', 'desc']).optional(),
        ...Paging,
      })
      .strict()
      .refine((p) => p.from === undefined || p.to === undefined || p.from <= p.to, {
        message: '"from" must not be after "to"',
        path: ['from'],
      }),
    result: PagedSchema(TaskInfoSchema),
  },
  /** The event and task types the workspace has recorded (the events console's type filter). */
  'history.types': {
    params: Empty,
    result: z.object({ events: z.array(z.string()), tasks: z.array(z.string()) }),
  },
  'alarms.query': {
    params: z.object({ objectId: Id.optional(), activeOnly: z.boolean().optional(), ...Paging }).strict(),
    result: PagedSchema(AlarmSchema),
  },
  'alarms.acknowledge': { params: z.object({ alarmId: Id }).strict(), result: AlarmSchema },
  'workspace.current': { params: Empty, result: WorkspaceInfoSchema.nullable() },
  'workspace.recent': { params: Empty, result: z.array(z.object({ path: z.string(), name: z.string() })) },
  /** Workspaces in the app's data folder (the browser console's Open list). */
  'workspace.list': {
    params: Empty,
    result: z.array(
      z.object({ path: z.string(), name: z.string(), bytes: z.number(), modifiedMs: z.number() }),
    ),
  },
  /** Creates a workspace in the data folder, or at the file the user chose in a dialog (`grant`, purpose workspace.new). */
  'workspace.new': {
    params: z
      .object({
        grant: GrantIdSchema.optional(),
        name: z.string().min(1).max(200).optional(),
        scenarioId: z.string().min(1).max(100).optional(),
        /** A whole scenario (version 1), checked field by field: errors name the place, e.g. scenario.hosts[3].coreMHz. */
        scenario: ScenarioSchema.optional(),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 32 - 1)
          .optional(),
      })
      .strict(),
    result: WorkspaceInfoSchema,
  },
  /**
   * Opens a file chosen in a dialog (`grant`, purpose workspace.open); by `path` one of the data folder's
   * workspaces or of the recent list (files the user opened before), any other path being refused; or a
   * `.vdc` file uploaded with import.upload.* (`uploadId`), stored in the data folder under a free name.
   */
  'workspace.open': {
    params: z
      .object({
        grant: GrantIdSchema.optional(),
        path: AbsPathSchema.optional(),
        uploadId: UploadIdSchema.optional(),
      })
      .strict()
      .refine((p) => [p.grant, p.path, p.uploadId].filter((x) => x !== undefined).length === 1, {
        message: 'give exactly one of "grant", "path" or "uploadId"',
      }),
    result: WorkspaceInfoSchema,
  },
  /**
   * Copies the open workspace and continues in the copy: to the file chosen in a dialog (`grant`, purpose
   * workspace.saveAs; replaced only when the dialog confirmed it), or as `name` in the data folder
   * (an existing one is replaced only with `overwrite: true`).
   */
  'workspace.saveAs': {
    params: z
      .object({
        grant: GrantIdSchema.optional(),
        name: WorkspaceNameSchema.optional(),
        overwrite: z.boolean().optional(),
      })
      .strict()
      .refine((p) => (p.grant === undefined) !== (p.name === undefined), {
        message: 'give exactly one of "grant" or "name"',
      }),
    result: WorkspaceInfoSchema,
  },
  'workspace.close': { params: Empty, result: z.null() },
  ...capacityContract,
  ...demoContract,
  ...consolidationContract,
  ...jobsContract,
  ...alarmsContract,
  ...poolsContract,
} as const satisfies Record<MethodName, { params: z.ZodType; result: z.ZodType }>;

export type Contract = typeof contract;
export type Params<M extends MethodName> = z.input<Contract[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<Contract[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<Contract[M]['result']>;

export const pushContract = {
  clock: ClockStateSchema,
  tick: z.object({
    tick: z.number(),
    time: z.number(),
    /** Latest values of the subscribed entities: values[entityId][metric]. */
    values: z.record(z.string(), z.record(z.string(), z.number())),
    /** Datacenter-wide totals for the status bar. */
    totals: z.record(z.string(), z.number()),
  }),
  tasks: z.array(TaskInfoSchema),
  events: z.array(EngineEventSchema),
  alarms: z.array(AlarmSchema),
  workspace: WorkspaceInfoSchema.nullable(),
  ...demoPushContract,
  ...consolidationPushContract,
  ...jobsPushContract,
  ui: z.object({ action: z.enum(['presenter.toggle']) }),
} as const satisfies Record<PushName, z.ZodType>;

export type PushPayload<P extends PushName> = z.output<(typeof pushContract)[P]>;

/** Transport envelopes (WebSocket frames; Electron IPC carries the same objects). */
export const RequestEnvelopeSchema = z.object({
  id: z.number().int().min(0),
  method: z.string().max(100),
  params: z.unknown(),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelopeSchema>;
export type ResponseEnvelope = { id: number; result: import('./errors').ApiResult<unknown> };
export type PushEnvelope = { push: PushName; data: unknown };
