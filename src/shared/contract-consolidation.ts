/**
 * Dynamic VM consolidation experiment methods of the API contract (merged into ./contract.ts): the
 * standard PlanetLab experiment of Beloglazov & Buyya (CCPE 2012) run in the service, watched live and
 * compared across policies. Independent of the open workspace. Model: docs/consolidation.md.
 */
import { z } from 'zod';
import { ApiErrorSchema } from './errors';
import { absolutePathSchema } from './files';

const Empty = z.object({}).strict();
/** One detector parameter: its meaning, default and valid range. */
export const ConsolidationParamSchema = z.object({
  description: z.string(),
  defaultValue: z.number(),
  min: z.number(),
  max: z.number(),
  minExclusive: z.boolean(),
  /** The values the publication used, as text ("0.6, 0.7, …"). */
  published: z.string(),
});

export const ConsolidationPolicyInfoSchema = z.object({
  name: z.string(),
  detector: z.string().nullable(),
  selector: z.string().nullable(),
  /** null for npa and dvfs (they take no parameter). */
  param: ConsolidationParamSchema.nullable(),
});
export type ConsolidationPolicyInfo = z.infer<typeof ConsolidationPolicyInfoSchema>;

/** The state after one 300-s scheduling interval. */
export const ConsolidationPointSchema = z.object({
  timeSec: z.number(),
  activeHosts: z.number(),
  powerW: z.number(),
  migrationsStarted: z.number(),
  vmsRunning: z.number(),
});
export type ConsolidationPoint = z.infer<typeof ConsolidationPointSchema>;

/** The published metrics (slatah, pdm, slav as fractions, not percent) and a few extras. */
export const ConsolidationResultSchema = z.object({
  hosts: z.number(),
  vms: z.number(),
  energyKWh: z.number(),
  migrations: z.number(),
  slatah: z.number(),
  pdm: z.number(),
  slav: z.number(),
  esv: z.number(),
  hostShutdowns: z.number(),
  simulatedSeconds: z.number(),
  wallSeconds: z.number(),
  vmsRunningAtEnd: z.number(),
  vmsCreated: z.number(),
  meanTimeBeforeShutdownSec: z.number(),
});
export type ConsolidationResultView = z.infer<typeof ConsolidationResultSchema>;

const RunSettings = {
  runId: z.string(),
  /** The policy with its parameter, e.g. "lr-mmt 1.2" or "dvfs". */
  policy: z.string(),
  policyName: z.string(),
  param: z.number().nullable(),
  mode: z.enum(['reference', 'native']),
  seed: z.number(),
  workloadDir: z.string(),
  hosts: z.number(),
  vms: z.number(),
};

export const ConsolidationStatusSchema = z.enum(['running', 'done', 'cancelled', 'failed']);
export type ConsolidationStatus = z.infer<typeof ConsolidationStatusSchema>;

export const ConsolidationRunSchema = z.object({
  ...RunSettings,
  status: ConsolidationStatusSchema,
  /** Fraction of the simulated day done, 0..1. */
  progress: z.number(),
  /** One point per scheduling interval so far. */
  timeline: z.array(ConsolidationPointSchema),
  result: ConsolidationResultSchema.nullable(),
  error: ApiErrorSchema.nullable(),
});
export type ConsolidationRunView = z.infer<typeof ConsolidationRunSchema>;

/** A completed run kept for comparison (this service session only). */
export const ConsolidationFinishedSchema = z.object({ ...RunSettings, result: ConsolidationResultSchema });
export type ConsolidationFinishedView = z.infer<typeof ConsolidationFinishedSchema>;

export const ConsolidationStartSchema = z
  .object({
    /** A folder of PlanetLab traces to read (never written). */
    workloadDir: absolutePathSchema('folder'),
    policy: z.string().min(1).max(40),
    param: z.number().finite().optional(),
    native: z.boolean().optional(),
    seed: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();

export const consolidationContract = {
  /** Policy names with their parameter's meaning, default and range. */
  'consolidation.policies': { params: Empty, result: z.array(ConsolidationPolicyInfoSchema) },
  /** Reads and validates the workload folder, sets the experiment up and runs it in the background. */
  'consolidation.start': { params: ConsolidationStartSchema, result: ConsolidationRunSchema },
  /** The current (or last) run with its timeline so far, and the runs finished in this session. */
  'consolidation.state': {
    params: Empty,
    result: z.object({
      run: ConsolidationRunSchema.nullable(),
      finished: z.array(ConsolidationFinishedSchema),
    }),
  },
  /** Stops the running experiment (nothing is kept for comparison); answers the run, or null if none ran. */
  'consolidation.cancel': { params: Empty, result: ConsolidationRunSchema.nullable() },
  /** Forgets the finished runs of this session. */
  'consolidation.clear': { params: Empty, result: z.null() },
} as const;

/** The `consolidation` push: new timeline points since the previous push, and the end state. */
export const ConsolidationPushSchema = z.object({
  runId: z.string(),
  status: ConsolidationStatusSchema,
  progress: z.number(),
  /** Index of points[0] in the run's timeline (a client whose timeline is shorter refetches the state). */
  from: z.number().int(),
  points: z.array(ConsolidationPointSchema),
  result: ConsolidationResultSchema.nullable(),
  error: ApiErrorSchema.nullable(),
});
export type ConsolidationPush = z.infer<typeof ConsolidationPushSchema>;

export const consolidationPushContract = { consolidation: ConsolidationPushSchema } as const;
