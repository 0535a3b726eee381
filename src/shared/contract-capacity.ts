/**
 * Capacity-planning methods of the API contract (merged into ./contract.ts): the allocation and demand
 * models, headroom, forecasts, failure tolerance, right-sizing, consolidation, inventory import/export,
 * what-if branches and the report (the inventory import/export methods: ./contract-import.ts). Imports only zod + shared files. Formulas: docs/capacity.md.
 */
import { z } from 'zod';
import { NewHostSpecSchema } from './schemas/commands';
import { importContract } from './contract-import';
import { backtestContract } from './contract-backtest';
import { DownloadRefSchema, FileTargetParams, oneFileTarget, oneFileTargetMsg } from './files';

const Id = z.string().min(1).max(200);
const Pct = z.number().finite().min(0).max(100);
/** A number that may be absent (null) where the answer is "not applicable" or "never within the horizon". */
const Num = z.number().nullable();

export const CapPolicySchema = z
  .object({
    cpuOvercommit: z.number().finite().min(0.1).max(64).default(4),
    memOvercommit: z.number().finite().min(0.1).max(8).default(1),
    diskOvercommit: z.number().finite().min(0.1).max(16).default(1),
    bufferPct: z.number().finite().min(0).max(90).default(0),
    haReservePct: z.union([z.literal('cluster'), z.number().finite().min(0).max(90)]).default('cluster'),
    includePoweredOff: z.boolean().default(false),
  })
  .strict();
export type CapPolicyInput = z.input<typeof CapPolicySchema>;

export const VmProfileSchema = z
  .object({
    id: z.string().min(1).max(60),
    name: z.string().min(1).max(120),
    vcpus: z.number().int().min(1).max(768),
    memMiB: z
      .number()
      .int()
      .min(4)
      .max(24 * 1024 * 1024),
    diskGiB: z.number().finite().min(0).max(1_000_000),
    cpuUtilPct: Pct,
    memUtilPct: Pct,
    diskUtilPct: Pct,
  })
  .strict();
export type VmProfileView = z.infer<typeof VmProfileSchema>;

const Window = {
  windowHours: z
    .number()
    .finite()
    .min(1)
    .max(24 * 365)
    .default(24),
};

const ResourceAlloc = z.object({
  physical: z.number(),
  configured: z.number(),
  ratio: z.number(),
  capacity: z.number(),
  usable: z.number(),
  remaining: z.number(),
  usedPct: Num,
});
export const AllocationRowSchema = z.object({
  scope: z.enum(['host', 'cluster', 'datacenter']),
  id: z.string(),
  name: z.string(),
  cpu: ResourceAlloc,
  mem: ResourceAlloc,
  disk: ResourceAlloc,
  vms: z.number(),
  binding: z.enum(['cpu', 'mem', 'disk']),
});
const ResourceDemand = z.object({
  capacity: z.number(),
  usable: z.number(),
  demand: z.number(),
  remaining: z.number(),
  usedPct: Num,
});
export const DemandRowSchema = z.object({
  scope: z.enum(['host', 'cluster', 'datacenter']),
  id: z.string(),
  name: z.string(),
  cpuMHz: ResourceDemand,
  memMiB: ResourceDemand,
  diskGiB: ResourceDemand,
  readyPct: z.number(),
  readyMaxPct: z.number(),
  balloonedMiB: z.number(),
  swappedMiB: z.number(),
});
export type AllocationRowView = z.infer<typeof AllocationRowSchema>;
export type DemandRowView = z.infer<typeof DemandRowSchema>;

const Binding = z.enum(['cpu', 'mem', 'disk', 'hostSize']);
const Count = z.object({
  count: z.number(),
  binding: Binding,
  perResource: z.object({ cpu: Num, mem: Num, disk: Num }),
});
export const HeadroomRowSchema = z.object({
  clusterId: z.string(),
  clusterName: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  byAllocation: Count,
  byDemand: Count,
});
export type HeadroomRowView = z.infer<typeof HeadroomRowSchema>;

/** The history an answer stands on: span, number of points, resolution (docs/capacity.md, "Minimum history"). */
export const HistoryBasisSchema = z.object({
  fromSec: z.number(),
  toSec: z.number(),
  spanDays: z.number(),
  points: z.number(),
  resolutionSec: z.number(),
});
export type HistoryBasisView = z.infer<typeof HistoryBasisSchema>;
/** A verdict refused for too little history: "needs `moreDays` more days of history" (translated by each shell). */
export const HistoryRefusalSchema = z.object({
  code: z.literal('needsHistory'),
  method: z.enum(['timeRemaining', 'capacityRemaining', 'rightsize', 'consolidation']),
  needDays: z.number(),
  haveDays: z.number(),
  moreDays: z.number(),
});
export type HistoryRefusalView = z.infer<typeof HistoryRefusalSchema>;

const Resource = z.enum(['cpu', 'mem', 'disk']);
export const ForecastRowSchema = z.object({
  clusterId: z.string(),
  clusterName: z.string(),
  resource: Resource,
  unit: z.string(),
  usable: z.number(),
  lastPeak: z.number(),
  /** Trend per day of the fitted line; null when time remaining is refused (no trend fitted). */
  slopePerDay: Num,
  /** Days until usable is reached at the chosen risk (conservative: earliestDays, aggressive: likelyDays); 0 when already exceeded (see exceededSinceSec); null beyond the horizon or when refused. */
  timeRemainingDays: Num,
  /** The final method's first passage (docs/capacity.md): the median day a daily peak reaches usable; null beyond the horizon, refused or exceeded. */
  likelyDays: Num,
  /** The interval of that day: its (1 − coverage)/2 and (1 + coverage)/2 quantiles (null: beyond the horizon). */
  earliestDays: Num,
  latestDays: Num,
  /** The interval's two-sided coverage (0.8, the coverage `vdc capacity backtest` checks). */
  intervalCoverage: z.number(),
  /** null when refused (capacityRefusal). */
  capacityRemaining: Num,
  capacityRemainingPct: Num,
  /** Time remaining refused for lack of history (= refusal !== null). */
  insufficientHistory: z.boolean(),
  history: HistoryBasisSchema,
  /** Time remaining refused: needs more history. */
  refusal: HistoryRefusalSchema.nullable(),
  capacityRefusal: HistoryRefusalSchema.nullable(),
  /** The daily peaks have been at or above usable since this simulated second; null when they are not. */
  exceededSinceSec: Num,
  /** The same moment as an ISO 8601 date-time of the simulated calendar. */
  exceededSince: z.string().nullable(),
  /** Day-of-week offsets were fitted with the trend. */
  seasonal: z.boolean(),
  /** Daily peaks [end of day in simulated seconds, value]. */
  peaks: z.array(z.tuple([z.number(), z.number()])),
  projection: z.array(z.object({ t: z.number(), mean: z.number(), upper: z.number(), lower: z.number() })),
});
export type ForecastRowView = z.infer<typeof ForecastRowSchema>;

const FailCase = z.object({
  failedHostIds: z.array(z.string()),
  failedHostNames: z.array(z.string()),
  restarted: z.number(),
  notRestarted: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })),
  unmetCpuMHz: z.number(),
  unmetMemMiB: z.number(),
  peakCpuPct: z.number(),
  peakMemPct: z.number(),
});
export const FailoverClusterSchema = z.object({
  clusterId: z.string(),
  clusterName: z.string(),
  hosts: z.number(),
  method: z.enum(['estimate', 'simulate']),
  nPlus1: z.boolean(),
  nPlus2: z.boolean(),
  single: z.array(FailCase),
  worstPair: FailCase.nullable(),
});
export type FailoverClusterView = z.infer<typeof FailoverClusterSchema>;

export const RightsizeRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  verdict: z.enum(['oversized', 'undersized', 'ok', 'idle', 'poweredOff', 'noData']),
  vcpus: z.number(),
  memMiB: z.number(),
  recommendedVcpus: z.number(),
  recommendedMemMiB: z.number(),
  cpuPctlMHz: Num,
  memPctlMiB: Num,
  idleSharePct: z.number(),
  reclaimVcpus: z.number(),
  reclaimMemMiB: z.number(),
  reclaimDiskGiB: z.number(),
});
export type RightsizeRowView = z.infer<typeof RightsizeRowSchema>;

export const ConsolidationRowSchema = z.object({
  clusterId: z.string(),
  clusterName: z.string(),
  policyId: z.string(),
  policyName: z.string(),
  hostsNow: z.number(),
  hostsNeeded: z.number(),
  unplaceable: z.number(),
  powerNowW: z.number(),
  powerAfterW: z.number(),
  energySavedKWhPerDay: z.number(),
});

export const WhatIfChangeSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('addHosts'),
      clusterId: Id,
      count: z.number().int().min(1).max(500),
      host: NewHostSpecSchema,
    })
    .strict(),
  z.object({ type: z.literal('removeHosts'), hostIds: z.array(Id).min(1).max(500) }).strict(),
  z.object({ type: z.literal('failHosts'), hostIds: z.array(Id).min(1).max(500) }).strict(),
  z
    .object({
      type: z.literal('addVms'),
      clusterId: Id,
      count: z.number().int().min(1).max(10_000),
      profile: VmProfileSchema,
      namePrefix: z.string().min(1).max(40).default('whatif'),
    })
    .strict(),
  z
    .object({
      type: z.literal('overcommit'),
      clusterId: Id,
      cpuAllocationRatio: z.number().finite().min(0).max(64),
      memAllocationRatio: z.number().finite().min(0).max(8),
    })
    .strict(),
  z.object({ type: z.literal('policy'), clusterId: Id, placementPolicy: z.string().min(1).max(60) }).strict(),
  z
    .object({
      type: z.literal('growth'),
      pctPerMonth: z.number().finite().min(-50).max(200),
      clusterId: Id.optional(),
      tag: z.string().max(80).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('resizeVm'),
      vmId: Id,
      vcpus: z.number().int().min(1).max(768),
      memMiB: z
        .number()
        .int()
        .min(4)
        .max(24 * 1024 * 1024),
    })
    .strict(),
]);
export type WhatIfChange = z.output<typeof WhatIfChangeSchema>;
export type WhatIfChangeInput = z.input<typeof WhatIfChangeSchema>;

export const BranchSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  parentPath: z.string(),
  branchTime: z.number(),
  /** Simulated seconds the branch has run past the branch point. */
  ranSec: z.number(),
  tickSeconds: z.number(),
  changes: z.array(WhatIfChangeSchema),
  outcomes: z.array(z.object({ change: z.number(), ok: z.boolean(), message: z.string() })),
});
export type BranchView = z.infer<typeof BranchSchema>;

/**
 * One row of the what-if comparison. The first row is the baseline (the current workspace, kind
 * `baseline`); a branch not run yet has status `notRun` and every measure null (not computed, never 0).
 */
export const CompareRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['baseline', 'branch']),
  status: z.enum(['computed', 'notRun']),
  /** The simulated span the measures cover. */
  fromSec: Num,
  toSec: Num,
  ranDays: Num,
  peakCpuPct: Num,
  peakMemPct: Num,
  avgReadyPct: Num,
  peakSwappedMiB: Num,
  energyKWh: Num,
  hostsNeeded: Num,
  headroomMedium: Num,
  headroomBinding: z.string().nullable(),
  timeRemainingDays: Num,
  timeRemainingRefusal: HistoryRefusalSchema.nullable(),
  exceededSince: z.string().nullable(),
});
export type CompareRowView = z.infer<typeof CompareRowSchema>;

const Series = z.array(
  z.object({ branchId: z.string(), metric: z.string(), points: z.array(z.tuple([z.number(), z.number()])) }),
);

/** A capacity sweep's answer per cluster × resource (the futures themselves stay in the service). */
export const SweepClusterSchema = z.object({
  id: z.string(),
  name: z.string(),
  /**
   * Growth in the futures, % per month: 'final' = fitted by the final method (fitted, its 95 % interval);
   * 'workload' = not fitted (refusal: "needs N more days of history"), the workloads' own growth.
   */
  growth: z.object({
    method: z.enum(['final', 'workload']),
    fitted: z.number().nullable(),
    low: z.number().nullable(),
    high: z.number().nullable(),
    historyDays: z.number(),
    refusal: HistoryRefusalSchema.nullable(),
    workload: z.object({ min: z.number(), max: z.number() }),
  }),
  nPlus1Probability: z.number(),
  resources: z.array(
    z.object({
      resource: z.enum(['cpu', 'mem', 'disk']),
      usable: z.number(),
      /** Probability of having run out by the end of day d (index d − 1). */
      cdf: z.array(z.number()),
      probability: z.number(),
      p10Days: z.number().nullable(),
      p50Days: z.number().nullable(),
      p90Days: z.number().nullable(),
      medianPeakPct: z.number(),
      /** Already over usable at the start since this ISO date-time ("exceeded now"), as time remaining says. */
      exceededSince: z.string().nullable(),
    }),
  ),
});
export const SweepStateSchema = z.object({
  status: z.enum(['running', 'done', 'cancelled', 'failed']),
  runs: z.number(),
  horizonDays: z.number(),
  seed: z.number(),
  workers: z.number(),
  /** 0..1 of the ticks of all futures. */
  progress: z.number(),
  error: z.string().nullable(),
  clusters: z.array(SweepClusterSchema).nullable(),
  /** The simulated date and time the futures start from (day 0), ISO 8601 UTC. */
  startIso: z.string(),
});
export type SweepState = z.infer<typeof SweepStateSchema>;

export const capacityContract = {
  'capacity.summary': {
    params: z.object({ policy: CapPolicySchema.optional(), ...Window }).strict(),
    result: z.object({
      time: z.number(),
      windowSec: z.number(),
      fromHistory: z.boolean(),
      /** The history the peaks stand on (shorter than the window early in a run). */ history:
        HistoryBasisSchema,
      policy: CapPolicySchema,
      allocation: z.array(AllocationRowSchema),
      demand: z.array(DemandRowSchema),
    }),
  },
  'capacity.headroom': {
    params: z
      .object({
        policy: CapPolicySchema.optional(),
        profiles: z.array(VmProfileSchema).max(20).optional(),
        clusterId: Id.optional(),
        ...Window,
      })
      .strict(),
    result: z.object({ profiles: z.array(VmProfileSchema), rows: z.array(HeadroomRowSchema) }),
  },
  'capacity.forecast': {
    params: z
      .object({
        policy: CapPolicySchema.optional(),
        clusterId: Id.optional(),
        risk: z.enum(['conservative', 'aggressive']).default('conservative'),
        horizonDays: z.number().int().min(1).max(730).default(365),
        historyDays: z.number().int().min(1).max(365).default(30),
        growthPctPerMonth: z.number().finite().min(-50).max(200).default(0),
      })
      .strict(),
    result: z.object({ risk: z.enum(['conservative', 'aggressive']), rows: z.array(ForecastRowSchema) }),
  },
  'capacity.failover': {
    params: z
      .object({
        clusterId: Id.optional(),
        method: z.enum(['estimate', 'simulate']).default('estimate'),
        settleMinutes: z.number().int().min(1).max(240).default(10),
      })
      .strict(),
    result: z.object({ clusters: z.array(FailoverClusterSchema) }),
  },
  'capacity.rightsize': {
    params: z
      .object({
        windowDays: z.number().finite().min(0.1).max(365).default(7),
        percentile: z.number().finite().min(50).max(100).default(95),
        bufferPct: z.number().finite().min(0).max(100).default(0),
        limit: z.number().int().min(1).max(20_000).default(500),
      })
      .strict(),
    /** Refused (refusal set) when the history spans less than the window it claims (and less than 1 day): only powered-off VMs are answered, the other counts are null. */
    result: z.object({
      total: z.number(),
      windowDays: z.number(),
      history: HistoryBasisSchema,
      refusal: HistoryRefusalSchema.nullable(),
      oversized: Num,
      undersized: Num,
      idle: Num,
      poweredOff: z.number(),
      reclaimVcpus: Num,
      reclaimMemMiB: Num,
      reclaimDiskGiB: z.number(),
      rows: z.array(RightsizeRowSchema),
    }),
  },
  'capacity.consolidation': {
    params: z.object({ ...Window }).strict(),
    /** Refused (no rows) with less than a day of history (or less than the window when it is shorter). */
    result: z.object({
      history: HistoryBasisSchema,
      refusal: HistoryRefusalSchema.nullable(),
      rows: z.array(ConsolidationRowSchema),
    }),
  },
  'capacity.csv': {
    params: z
      .object({
        table: z.enum([
          'allocation',
          'demand',
          'headroom',
          'forecast',
          'failover',
          'rightsize',
          'consolidation',
        ]),
        policy: CapPolicySchema.optional(),
        /** Also prepare the CSV as a download (browser shell). */
        download: z.boolean().optional(),
      })
      .strict(),
    result: z.object({ name: z.string(), text: z.string(), download: DownloadRefSchema.optional() }),
  },
  /** Starts a capacity sweep of the open workspace's current state (one at a time; poll capacity.sweep.state). */
  'capacity.sweep.start': {
    params: z
      .object({
        runs: z.number().int().min(1).max(1000).default(20),
        horizonDays: z.number().int().min(1).max(366).default(180),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 32 - 1)
          .default(1),
        workers: z.number().int().min(1).max(64).optional(),
      })
      .strict(),
    result: SweepStateSchema,
  },
  'capacity.sweep.state': { params: z.object({}).strict(), result: SweepStateSchema.nullable() },
  'capacity.sweep.cancel': { params: z.object({}).strict(), result: SweepStateSchema.nullable() },
  ...importContract,
  ...backtestContract,
  'whatif.create': {
    params: z
      .object({ name: z.string().min(1).max(80), changes: z.array(WhatIfChangeSchema).max(50).default([]) })
      .strict(),
    result: BranchSchema,
  },
  'whatif.list': { params: z.object({}).strict(), result: z.array(BranchSchema) },
  'whatif.run': {
    params: z
      .object({
        id: Id,
        days: z.number().finite().min(0.01).max(365).default(30),
        tickSeconds: z.number().int().min(20).max(3600).optional(),
      })
      .strict(),
    result: BranchSchema,
  },
  /** Progress of a running `whatif.run` (poll while it runs); `running: false` when none runs for this branch. */
  'whatif.progress': {
    params: z.object({ id: Id }).strict(),
    result: z.object({
      running: z.boolean(),
      doneTicks: z.number(),
      totalTicks: z.number(),
      cancelling: z.boolean(),
    }),
  },
  /** Cancels a running `whatif.run`: it stops within 200 ticks and keeps what it ran (its `ranSec`). */
  'whatif.cancel': {
    params: z.object({ id: Id }).strict(),
    result: z.object({ cancelled: z.boolean() }),
  },
  'whatif.compare': {
    /** The first row is always the current workspace (baseline); branches not run are marked notRun. */
    params: z.object({ ids: z.array(Id).min(0).max(8) }).strict(),
    result: z.object({ rows: z.array(CompareRowSchema), series: Series }),
  },
  'whatif.delete': { params: z.object({ id: Id }).strict(), result: z.null() },
  /** The report: inline (html or base64), written to the file chosen in a dialog (`grant`, purpose report), or as a `download`. */
  'report.generate': {
    params: z
      .object({
        ...FileTargetParams,
        format: z.enum(['html', 'pdf']).default('html'),
        /** Language of the report's headings, explanations and table headers (names stay as they are). */
        locale: z.enum(['en', 'zh-CN']).default('en'),
        policy: CapPolicySchema.optional(),
        branchIds: z.array(Id).max(8).optional(),
      })
      .strict()
      .refine(oneFileTarget, oneFileTargetMsg),
    result: z.object({
      format: z.enum(['html', 'pdf']),
      path: z.string().nullable(),
      bytes: z.number(),
      base64: z.string().optional(),
      html: z.string().optional(),
      download: DownloadRefSchema.optional(),
    }),
  },
} as const;
