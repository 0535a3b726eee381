/** Schemas of the data the API answers with (views of engine and store state). */
import { z } from 'zod';

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
  fault: z.object({ kind: z.enum(['tick', 'crash']), tick: z.number().int(), message: z.string() }).nullable().optional(),
});
export type ClockState = z.infer<typeof ClockStateSchema>;

const EntityKindSchema = z.enum(['datacenter', 'cluster', 'host', 'datastore', 'network', 'vm', 'container', 'service']);

export interface InventoryNodeView {
  id: string;
  kind: z.infer<typeof EntityKindSchema>;
  name: string;
  state: string;
  parentId: string | null;
  children?: InventoryNodeView[];
}
export const InventoryNodeSchema: z.ZodType<InventoryNodeView> = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: EntityKindSchema,
    name: z.string(),
    state: z.string(),
    parentId: z.string().nullable(),
    children: z.array(InventoryNodeSchema).optional(),
  }),
);

/** Details of one object; the common fields are fixed, the rest depends on the kind. */
export const EntityDetailSchema = z.looseObject({
  id: z.string(),
  kind: EntityKindSchema,
  name: z.string(),
  state: z.string(),
});
export type EntityDetailView = z.infer<typeof EntityDetailSchema>;

/** One row of an inventory table: identity plus the latest metric values. */
export const EntitySummarySchema = z.looseObject({
  id: z.string(),
  kind: EntityKindSchema,
  name: z.string(),
  state: z.string(),
  parentId: z.string().nullable().optional(),
  metrics: z.record(z.string(), z.number()).optional(),
});
export type EntitySummaryView = z.infer<typeof EntitySummarySchema>;

export const MetricDefSchema = z.object({ name: z.string(), unit: z.string(), rollup: z.enum(['avg', 'last']) });
export const MetricCatalogSchema = z.record(z.string(), z.array(MetricDefSchema));
export type MetricCatalogView = z.infer<typeof MetricCatalogSchema>;

export const SeriesResultSchema = z.object({
  resolutionSec: z.number(),
  series: z.array(z.object({ entityId: z.string(), metric: z.string(), points: z.array(z.tuple([z.number(), z.number()])) })),
});
export type SeriesResultView = z.infer<typeof SeriesResultSchema>;

export const EngineEventSchema = z.object({
  time: z.number(),
  severity: z.enum(['info', 'warning', 'error']),
  type: z.string(),
  message: z.string(),
  objects: z.array(z.string()),
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

export const PagedSchema = <T extends z.ZodType>(row: T) => z.object({ total: z.number().int(), rows: z.array(row) });
