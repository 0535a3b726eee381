/**
 * Capacity backtest methods of the API contract (spread into ./contract-capacity.ts): "how good are these
 * forecasts?" — a built-in scenario is run in memory, forecasts from its first days are scored against the
 * day it actually ran out (docs/capacity.md, "Backtest"). One job per service, independent of the open
 * workspace; the console polls `capacity.backtest.state` while it runs. Imports only zod.
 */
import { z } from 'zod';

const Days = z.number().int().nullable();
const ForecastSchema = z.object({
  predictedDays: Days,
  earliestDays: Days,
  latestDays: Days,
  absErrorPct: z.number(),
  inInterval: z.boolean(),
});
const MethodSchema = z.enum(['linear', 'seasonal', 'final']);

export const BacktestResultSchema = z.object({
  scenario: z.string(),
  seed: z.number(),
  historyDays: z.number(),
  horizonDays: z.number(),
  tickSeconds: z.number(),
  method: MethodSchema,
  coverageTarget: z.number(),
  cases: z.number(),
  medianAbsErrorPct: z.number().nullable(),
  intervalCoverage: z.number().nullable(),
  methods: z.array(
    z.object({
      method: MethodSchema,
      cases: z.number(),
      medianAbsErrorPct: z.number().nullable(),
      intervalCoverage: z.number().nullable(),
    }),
  ),
  details: z.array(
    ForecastSchema.extend({
      clusterId: z.string(),
      clusterName: z.string(),
      resource: z.enum(['cpu', 'mem', 'disk']),
      unit: z.string(),
      usable: z.number(),
      lastPeak: z.number(),
      actualDays: z.number(),
      byMethod: z.object({ linear: ForecastSchema, seasonal: ForecastSchema, final: ForecastSchema }),
    }),
  ),
  unscored: z.array(
    z.object({
      clusterId: z.string(),
      clusterName: z.string(),
      resource: z.enum(['cpu', 'mem', 'disk']),
      reason: z.enum(['exceededDuringHistory', 'notReachedWithinHorizon']),
      predictedDays: Days,
    }),
  ),
});
export type BacktestResultView = z.infer<typeof BacktestResultSchema>;

export const BacktestJobSchema = z.object({
  id: z.number().int(),
  scenario: z.string(),
  historyDays: z.number(),
  horizonDays: z.number(),
  status: z.enum(['running', 'done', 'cancelled', 'error']),
  /** 0 … 1 of the simulated ticks. */
  progress: z.number(),
  result: BacktestResultSchema.nullable(),
  error: z.string().nullable(),
});
export type BacktestJobView = z.infer<typeof BacktestJobSchema>;

export const backtestContract = {
  'capacity.backtest.start': {
    params: z
      .object({
        /** A built-in scenario id (`scenarios.list`). */
        scenario: z.string().min(1).max(64).default('growth'),
        historyDays: z.number().int().min(3).max(366).default(28),
        horizonDays: z.number().int().min(1).max(730).default(180),
        seed: z.number().int().min(0).max(0xffffffff).optional(),
      })
      .strict(),
    result: BacktestJobSchema,
  },
  'capacity.backtest.state': { params: z.object({}).strict(), result: BacktestJobSchema.nullable() },
  'capacity.backtest.cancel': { params: z.object({}).strict(), result: BacktestJobSchema.nullable() },
} as const;
