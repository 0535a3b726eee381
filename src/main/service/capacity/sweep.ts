/**
 * Capacity sweep: many simulated futures instead of one forecast line (docs/capacity.md, "Sweep").
 *
 * Every future starts from the workspace's current engine state and differs in
 *  - the seed of the engine's random streams (workload noise, failures the engine draws itself),
 *  - each cluster's growth rate, drawn uniformly within the 95 % interval of the growth the final method
 *    fits to its daily CPU peaks (the fit behind every time remaining, with the same history rule: 14 days;
 *    with less, growth is not fitted — the refusal is stated — and the futures run at the workloads' own
 *    growth),
 *  - random host failures: each connected host fails on a day with probability rate/365 and is
 *    repaired `repairDays` later.
 * It runs the real engine forward at a coarse tick (default 1 h) for the horizon, records per cluster and
 * resource the first day demand reached usable capacity (usable = capacity × (1 − HA %) × (1 − buffer %),
 * minus the usable share of failed hosts), and at the end whether N+1 still holds (the N+1 estimator on
 * the last day's peaks). A resource whose observed daily peaks already exceed usable carries the date
 * `vdc capacity` gives ("exceeded since"), so every shell says "exceeded now", not "by day 1".
 *
 * A future depends only on (inputs, its index): results are the same whatever the number of workers or
 * shards, and `aggregateSweep` over the futures sorted by index gives the one result. Everything here is
 * plain data (no files, no threads); ./sweep-pool.ts runs futures on worker threads.
 */
import { z } from 'zod';
import { METRIC_CATALOG, restoreEngine, type EngineSnapshot, type MetricBlock } from '../../engine';
import { Prng } from '../../engine/prng';
import {
  DAY_SEC,
  DEFAULT_POLICY,
  clusterTolerance,
  demandModel,
  needsHistory,
  type CapPolicy,
  type CapResource,
  type HistoryRefusal,
} from '../../engine/capacity';
import { workloadParams } from '../../engine/workload/params';
import type { WorkloadSpec } from '../../engine/model/scenario';
import { capInventory, type Peaks } from './inputs';
import { forecastRows } from './analysis';
import { retick } from './whatif';
import type { Workspace } from '../../store';

export const SWEEP_FORMAT = 'vdc-capacity-sweep';
export const RESOURCES: readonly CapResource[] = ['cpu', 'mem', 'disk'];

export interface SweepOptions {
  runs: number;
  horizonDays: number;
  seed: number;
  tickSeconds: number;
  /** Host failures per host and year (default 0.5). */
  hostFailuresPerYear: number;
  /** Days a failed host stays down (default 2). */
  repairDays: number;
}

export const SWEEP_DEFAULTS: Omit<SweepOptions, 'runs' | 'horizonDays'> = {
  seed: 1,
  tickSeconds: 3600,
  hostFailuresPerYear: 0.5,
  repairDays: 2,
};

/** The sweep format's version: 2 since growth stands on the final method and its history rule. */
export const SWEEP_VERSION = 2;

/** The workload growth the engine accepts (scenario schema), % per month: draws stay within it. */
export const GROWTH_LIMITS = { min: -50, max: 100 } as const;

/**
 * A cluster's growth in the futures, % per 30-day month. `final`: fitted by the final method to the daily
 * CPU peaks (fitted = exp(30·b̂) − 1, interval b̂ ± t₀.₉₇₅·σ_b with the growth-rate drift; the futures
 * draw uniformly within it). `workload`: not fitted — `refusal` says how much more history the method
 * needs — and every VM keeps its own workload growth (`workload`: their lowest and highest rate).
 */
export interface SweepGrowth {
  method: 'final' | 'workload';
  fitted: number | null;
  low: number | null;
  high: number | null;
  /** Days of history (the span of the CPU series read, up to 30 days). */
  historyDays: number;
  refusal: HistoryRefusal | null;
  workload: { min: number; max: number };
}

export interface SweepCluster {
  id: string;
  name: string;
  growth: SweepGrowth;
  usable: Record<CapResource, number>;
  /** Per resource: the observed daily peaks already reach usable since this ISO date-time (as `vdc capacity` says), else null. */
  exceededSince: Record<CapResource, string | null>;
  /** Usable share of capacity (HA reserve and buffer), per resource; a failed host removes this share of its capacity. */
  usableShare: { cpu: number; mem: number };
}

/** Everything a future needs; sent to each worker once. */
export interface SweepInput {
  options: SweepOptions;
  /** Identifies the starting point: workspace file name and simulated time (shards must agree). */
  origin: {
    workspace: string;
    timeSec: number;
    tick: number;
    /** The simulated calendar's start (epoch ms): day d of the futures ends at startEpochMs + (timeSec + d·86 400)·1000. */
    startEpochMs: number;
  };
  snapshot: EngineSnapshot;
  clusters: SweepCluster[];
}

export interface FutureResult {
  index: number;
  seed: number;
  /** Growth drawn per cluster, % per month (cluster order of the input); null: not fitted, the workloads' own. */
  growthPct: (number | null)[];
  /** Host failures: [day, host id]. */
  failures: [number, string][];
  /** Per cluster: first day (1-based, from the start) each resource reached usable capacity, or null. */
  runOut: { cpu: number | null; mem: number | null; disk: number | null }[];
  /** Per cluster: highest daily peak / usable, %. */
  peakPct: { cpu: number; mem: number; disk: number }[];
  /** Per cluster: N+1 holds at the horizon. */
  nPlus1: boolean[];
}

export interface SweepClusterResult {
  id: string;
  name: string;
  growth: SweepCluster['growth'];
  /** Probability (0–1) that every single-host failure is absorbed at the horizon. */
  nPlus1Probability: number;
  resources: {
    resource: CapResource;
    usable: number;
    /** Probability of having run out by the end of day d (index d − 1), d = 1 … horizon. */
    cdf: number[];
    /** Probability of running out within the horizon. */
    probability: number;
    /** Days to run out in 10 %, 50 % and 90 % of the futures (null: fewer futures than that ran out). */
    p10Days: number | null;
    p50Days: number | null;
    p90Days: number | null;
    /** Median over futures of the highest daily peak, % of usable. */
    medianPeakPct: number;
    /** Already over usable at the start, since this ISO date-time (every future then runs out on day 1). */
    exceededSince: string | null;
  }[];
}

export interface SweepResult {
  format: typeof SWEEP_FORMAT;
  version: typeof SWEEP_VERSION;
  origin: SweepInput['origin'];
  options: SweepOptions;
  /** null for a whole sweep (or a merge); which share of the futures a shard file holds otherwise. */
  shard: { index: number; count: number } | null;
  runs: number;
  clusters: SweepClusterResult[];
  futures: FutureResult[];
}

/** Future `index` of shard `i`/`n` (1-based i): futures index ≡ i − 1 (mod n). */
export function shardIndices(runs: number, shard: { index: number; count: number } | null): number[] {
  const out: number[] = [];
  for (let k = 0; k < runs; k++) if (!shard || k % shard.count === shard.index - 1) out.push(k);
  return out;
}

/** The seed of future `index`: a 32-bit mix of the sweep seed and the index (MurmurHash3 finaliser). */
export function futureSeed(seed: number, index: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 1;
}

/** What the final method says of a cluster: its CPU growth fit (or refusal) and, per resource, "exceeded since". */
export interface ClusterFit {
  growth: { fitted: number; low: number; high: number } | null;
  refusal: HistoryRefusal | null;
  historyDays: number;
  exceededSince: Record<CapResource, string | null>;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** The clusters' usable capacity, growth and observations (`fits` per cluster id, from prepareSweep). */
export function sweepClusters(
  snapshot: EngineSnapshot,
  fits: ReadonlyMap<string, ClusterFit>,
  policy: CapPolicy = DEFAULT_POLICY,
): SweepCluster[] {
  const inv = capInventory(snapshot);
  const dem = demandModel(inv, policy);
  const hostCluster = new Map(snapshot.hosts.map((h) => [h.id, h.clusterId]));
  return inv.clusters.map((c) => {
    const d = dem.find((r) => r.scope === 'cluster' && r.id === c.id)!;
    const share = (x: { usable: number; capacity: number }) => (x.capacity > 0 ? x.usable / x.capacity : 0);
    const own = snapshot.vms
      .filter((v) => hostCluster.get(v.hostId) === c.id)
      .map((v) => workloadParams(v.workload, 'vm').growthPctPerMonth);
    const fit = fits.get(c.id);
    const g = fit?.growth ?? null;
    return {
      id: c.id,
      name: c.name,
      growth: {
        method: g ? 'final' : 'workload',
        fitted: g ? r3(g.fitted) : null,
        low: g ? r3(g.low) : null,
        high: g ? r3(g.high) : null,
        historyDays: fit?.historyDays ?? 0,
        refusal: g ? null : (fit?.refusal ?? null),
        workload: { min: own.length ? Math.min(...own) : 0, max: own.length ? Math.max(...own) : 0 },
      },
      usable: { cpu: d.cpuMHz.usable, mem: d.memMiB.usable, disk: d.diskGiB.usable },
      usableShare: { cpu: share(d.cpuMHz), mem: share(d.memMiB) },
      exceededSince: fit?.exceededSince ?? { cpu: null, mem: null, disk: null },
    };
  });
}

const col = (kind: 'cluster' | 'datastore' | 'host' | 'vm', name: string): number => {
  const i = METRIC_CATALOG[kind].findIndex((m) => m.name === name);
  if (i < 0) throw new Error(`metric ${kind}.${name} missing from the catalogue`);
  return i;
};

const MONTH_SEC = 30 * DAY_SEC;

/**
 * A workload that grows `g` % per month from `nowSec` on, continuing from its level at `nowSec`: the
 * engine multiplies a workload by (1 + g)^(t / month) from t = 0, so the levels (base and peak CPU,
 * active and peak memory) are scaled by ((1 + g₀) / (1 + g))^(now / month), g₀ its growth so far.
 * Trace-driven workloads keep their levels (their shape comes from the trace); levels stay within the
 * schema's limits (CPU ≤ 100 %, memory ≤ 200 %).
 */
export function continueGrowth(spec: WorkloadSpec, g: number, nowSec: number): WorkloadSpec {
  const p = workloadParams(spec, 'vm');
  if (p.pattern === 'trace') return { ...spec, growthPctPerMonth: g };
  const k = Math.pow((1 + p.growthPctPerMonth / 100) / (1 + g / 100), nowSec / MONTH_SEC);
  const r = (x: number, max: number) => Math.min(max, Math.max(0, Math.round(x * k * 1e6) / 1e6));
  return {
    ...spec,
    growthPctPerMonth: g,
    cpuBasePct: r(p.cpuBasePct, 100),
    cpuPeakPct: r(p.cpuPeakPct, 100),
    memActivePct: r(p.memActivePct, 200),
    memPeakPct: r(p.memPeakPct, 200),
  };
}

/** Runs future `index` of the sweep. Pure function of (input, index). */
export function runFuture(input: SweepInput, index: number, onTicks?: (done: number) => void): FutureResult {
  const o = input.options;
  const seed = futureSeed(o.seed, index);
  const prng = new Prng(seed);
  // One draw per cluster whether its growth is fitted or not, so the failure draws do not depend on it.
  const growthPct = input.clusters.map((c) => {
    const u = prng.next();
    const { low, high } = c.growth;
    if (low === null || high === null) return null;
    return r3(Math.min(GROWTH_LIMITS.max, Math.max(GROWTH_LIMITS.min, low + (high - low) * u)));
  });
  const snap = retick(
    { ...(JSON.parse(JSON.stringify(input.snapshot)) as EngineSnapshot), seed },
    o.tickSeconds,
  );
  const restored = restoreEngine(snap);
  if (!restored.ok) throw new Error(`The workspace state cannot be restored: ${restored.error.message}`);
  const engine = restored.value;
  // Growth from now on: the engine compounds a workload's growth from the simulation's start, so the
  // levels are rescaled to continue from today's instead of jumping (continueGrowth).
  const growthOf = new Map(input.clusters.map((c, i) => [c.id, growthPct[i]!]));
  const hostClusterId = new Map(snap.hosts.map((h) => [h.id, h.clusterId]));
  const nowSec = snap.tick * snap.tickSeconds;
  for (const v of snap.vms) {
    const g = growthOf.get(hostClusterId.get(v.hostId) ?? '');
    if (g === undefined || g === null || g === (v.workload.growthPctPerMonth ?? 0)) continue;
    engine.execute({ type: 'vm.configure', vmId: v.id, workload: continueGrowth(v.workload, g, nowSec) });
  }

  const clusterIdx = new Map(input.clusters.map((c, i) => [c.id, i]));
  const hosts = snap.hosts.map((h) => ({
    id: h.id,
    cluster: clusterIdx.get(h.clusterId) ?? -1,
    cpu: h.sockets * h.coresPerSocket * h.coreMHz,
    mem: h.memMiB,
  }));
  const dsCluster = new Map<string, number>();
  const hostCluster = new Map(snap.hosts.map((h) => [h.id, clusterIdx.get(h.clusterId) ?? -1]));
  for (const d of snap.datastores) {
    const ci =
      d.clusterId !== null
        ? (clusterIdx.get(d.clusterId) ?? -1)
        : d.hostId !== null
          ? (hostCluster.get(d.hostId) ?? -1)
          : -1;
    if (ci >= 0) dsCluster.set(d.id, ci);
  }

  const nc = input.clusters.length;
  const lost = input.clusters.map(() => ({ cpu: 0, mem: 0 }));
  const down = new Map<string, number>(); // host id → repair day
  const failures: [number, string][] = [];
  const runOut = input.clusters.map(() => ({
    cpu: null as number | null,
    mem: null as number | null,
    disk: null as number | null,
  }));
  const peakPct = input.clusters.map(() => ({ cpu: 0, mem: 0, disk: 0 }));
  const pFail = o.hostFailuresPerYear / 365;
  const ticksPerDay = Math.max(1, Math.round(DAY_SEC / o.tickSeconds));
  const total = o.horizonDays * ticksPerDay;
  const cCpu = col('cluster', 'cpu.demand.mhz');
  const cMem = col('cluster', 'mem.consumed.mib');
  const dUsed = col('datastore', 'disk.used.gib');
  const hCpu = col('host', 'cpu.demand.mhz');
  const hMem = col('host', 'mem.consumed.mib');
  const vCpu = col('vm', 'cpu.demand.mhz');
  const vMem = col('vm', 'mem.consumed.mib');
  const peaks: Peaks = {
    hostCpuMHz: new Map(),
    hostMemMiB: new Map(),
    vmCpuMHz: new Map(),
    vmMemMiB: new Map(),
  };
  const disk = new Float64Array(nc);
  const keepMax = (m: Map<string, number>, b: MetricBlock, metric: number) => {
    const n = b.ids.length;
    for (let e = 0; e < n; e++) {
      const v = b.values[metric * n + e]!;
      const id = b.ids[e]!;
      const cur = m.get(id);
      if (cur === undefined || v > cur) m.set(id, v);
    }
  };

  for (let t = 0; t < total; t++) {
    const day = Math.floor(t / ticksPerDay) + 1;
    if (t % ticksPerDay === 0) {
      // Repairs first, then new failures, in host id order: the draw does not depend on the engine.
      for (const h of hosts) {
        if (down.get(h.id) === day) {
          down.delete(h.id);
          if (engine.execute({ type: 'host.repair', hostId: h.id }).ok && h.cluster >= 0) {
            lost[h.cluster]!.cpu -= h.cpu;
            lost[h.cluster]!.mem -= h.mem;
          }
        }
      }
      for (const h of hosts) {
        const u = prng.next();
        if (down.has(h.id) || u >= pFail) continue;
        if (!engine.execute({ type: 'host.fail', hostId: h.id }).ok) continue;
        down.set(h.id, day + o.repairDays);
        failures.push([day, h.id]);
        if (h.cluster >= 0) {
          lost[h.cluster]!.cpu += h.cpu;
          lost[h.cluster]!.mem += h.mem;
        }
      }
    }
    const r = engine.step();
    const lastDay = day === o.horizonDays;
    disk.fill(0);
    for (const b of r.blocks) {
      if (b.kind === 'cluster') {
        const n = b.ids.length;
        for (let e = 0; e < n; e++) {
          const ci = clusterIdx.get(b.ids[e]!);
          if (ci === undefined) continue;
          const c = input.clusters[ci]!;
          const usableCpu = c.usable.cpu - lost[ci]!.cpu * c.usableShare.cpu;
          const usableMem = c.usable.mem - lost[ci]!.mem * c.usableShare.mem;
          check(ci, 'cpu', b.values[cCpu * n + e]!, usableCpu, day);
          check(ci, 'mem', b.values[cMem * n + e]!, usableMem, day);
        }
      } else if (b.kind === 'datastore') {
        const n = b.ids.length;
        for (let e = 0; e < n; e++) {
          const ci = dsCluster.get(b.ids[e]!);
          if (ci !== undefined) disk[ci]! += b.values[dUsed * n + e]!;
        }
      } else if (lastDay && b.kind === 'host') {
        keepMax(peaks.hostCpuMHz, b, hCpu);
        keepMax(peaks.hostMemMiB, b, hMem);
      } else if (lastDay && b.kind === 'vm') {
        keepMax(peaks.vmCpuMHz, b, vCpu);
        keepMax(peaks.vmMemMiB, b, vMem);
      }
    }
    for (let ci = 0; ci < nc; ci++) check(ci, 'disk', disk[ci]!, input.clusters[ci]!.usable.disk, day);
    if (onTicks && (t % 100 === 99 || t === total - 1)) onTicks(t + 1);
  }

  function check(ci: number, res: CapResource, demand: number, usable: number, day: number): void {
    const pct = usable > 0 ? (100 * demand) / usable : demand > 0 ? 1e9 : 0;
    const p = peakPct[ci]!;
    if (pct > p[res]) p[res] = pct;
    if (pct >= 100 && runOut[ci]![res] === null) runOut[ci]![res] = day;
  }

  const inv = capInventory(engine.snapshot(), peaks);
  const nPlus1 = input.clusters.map((c) => clusterTolerance(c.id, inv.hosts, inv.vms).nPlus1);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    index,
    seed,
    growthPct,
    failures,
    runOut,
    peakPct: peakPct.map((p) => ({ cpu: r1(p.cpu), mem: r1(p.mem), disk: r1(p.disk) })),
    nPlus1,
  };
}

const quantileDay = (days: readonly (number | null)[], q: number): number | null => {
  const sorted = days.filter((d): d is number => d !== null).sort((a, b) => a - b);
  const k = Math.ceil(q * days.length);
  return k >= 1 && k <= sorted.length ? sorted[k - 1]! : null;
};

const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The sweep's result from its futures (any order in, index order out). */
export function aggregateSweep(
  input: Pick<SweepInput, 'origin' | 'options' | 'clusters'>,
  futuresIn: readonly FutureResult[],
  shard: { index: number; count: number } | null,
): SweepResult {
  const futures = [...futuresIn].sort((a, b) => a.index - b.index);
  const n = futures.length;
  const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
  const clusters = input.clusters.map((c, ci) => ({
    id: c.id,
    name: c.name,
    growth: c.growth,
    nPlus1Probability: n > 0 ? r4(futures.filter((f) => f.nPlus1[ci]).length / n) : 0,
    resources: RESOURCES.map((res) => {
      const days = futures.map((f) => f.runOut[ci]![res]);
      const cdf: number[] = [];
      for (let d = 1; d <= input.options.horizonDays; d++)
        cdf.push(n > 0 ? r4(days.filter((x) => x !== null && x <= d).length / n) : 0);
      return {
        resource: res,
        usable: c.usable[res],
        cdf,
        probability: cdf[cdf.length - 1] ?? 0,
        p10Days: quantileDay(days, 0.1),
        p50Days: quantileDay(days, 0.5),
        p90Days: quantileDay(days, 0.9),
        medianPeakPct: Math.round(median(futures.map((f) => f.peakPct[ci]![res])) * 10) / 10,
        exceededSince: c.exceededSince[res],
      };
    }),
  }));
  return {
    format: SWEEP_FORMAT,
    version: SWEEP_VERSION,
    origin: input.origin,
    options: input.options,
    shard,
    runs: n,
    clusters,
    futures,
  };
}

const ResourceDays = z
  .object({
    cpu: z.number().int().nullable(),
    mem: z.number().int().nullable(),
    disk: z.number().int().nullable(),
  })
  .strict();
const FutureSchema = z
  .object({
    index: z.number().int().min(0),
    seed: z.number().int(),
    growthPct: z.array(z.number().finite().nullable()),
    failures: z.array(z.tuple([z.number().int(), z.string()])),
    runOut: z.array(ResourceDays),
    peakPct: z.array(z.object({ cpu: z.number(), mem: z.number(), disk: z.number() }).strict()),
    nPlus1: z.array(z.boolean()),
  })
  .strict();

/** A shard file as `vdc capacity sweep --shard i/N --json` writes it (validated before a merge). */
export const SweepFileSchema = z.object({
  format: z.literal(SWEEP_FORMAT),
  version: z.literal(SWEEP_VERSION),
  origin: z
    .object({ workspace: z.string(), timeSec: z.number(), tick: z.number().int(), startEpochMs: z.number() })
    .strict(),
  options: z
    .object({
      runs: z.number().int().min(1),
      horizonDays: z.number().int().min(1),
      seed: z.number().int(),
      tickSeconds: z.number().int().min(1),
      hostFailuresPerYear: z.number().min(0),
      repairDays: z.number().int().min(1),
    })
    .strict(),
  shard: z
    .object({ index: z.number().int().min(1), count: z.number().int().min(1) })
    .strict()
    .nullable(),
  runs: z.number().int().min(0),
  clusters: z.array(
    z
      .object({
        id: z.string(),
        name: z.string(),
        growth: z
          .object({
            method: z.enum(['final', 'workload']),
            fitted: z.number().nullable(),
            low: z.number().nullable(),
            high: z.number().nullable(),
            historyDays: z.number().min(0),
            refusal: z
              .object({
                code: z.literal('needsHistory'),
                method: z.enum(['timeRemaining', 'capacityRemaining', 'rightsize', 'consolidation']),
                needDays: z.number(),
                haveDays: z.number(),
                moreDays: z.number().int(),
              })
              .strict()
              .nullable(),
            workload: z.object({ min: z.number(), max: z.number() }).strict(),
          })
          .strict(),
        nPlus1Probability: z.number(),
        resources: z.array(
          z
            .object({
              resource: z.enum(['cpu', 'mem', 'disk']),
              usable: z.number(),
              cdf: z.array(z.number().min(0).max(1)),
              probability: z.number().min(0).max(1),
              p10Days: z.number().int().nullable(),
              p50Days: z.number().int().nullable(),
              p90Days: z.number().int().nullable(),
              medianPeakPct: z.number(),
              exceededSince: z.string().nullable(),
            })
            .strict(),
        ),
      })
      .strict(),
  ),
  futures: z.array(FutureSchema),
});

/**
 * A sweep file (a shard, a whole sweep or a merge) validated, or an error naming the file and the place.
 * Version 1 files (growth fitted without the history rule) are refused: run the sweep again.
 */
export function parseSweepFile(name: string, data: unknown): z.infer<typeof SweepFileSchema> {
  const v = (data as { format?: unknown; version?: unknown } | null)?.version;
  if ((data as { format?: unknown } | null)?.format === SWEEP_FORMAT && v !== SWEEP_VERSION)
    throw new Error(
      `${name} was written by another version of vdc (sweep format version ${String(v)}, this one reads ${SWEEP_VERSION}: growth now stands on the final method and its history rule); run the sweep again`,
    );
  const p = SweepFileSchema.safeParse(data);
  if (!p.success) {
    const i = p.error.issues[0]!;
    throw new Error(`${name} is not a sweep result: ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  return p.data;
}

/**
 * Merges shard results into the result of one unsharded run. Refuses shards of different sweeps (origin,
 * options), a missing or repeated shard, and futures that do not belong to their shard.
 */
export function mergeSweeps(files: readonly { name: string; data: unknown }[]): SweepResult {
  if (files.length === 0) throw new Error('no shard files to merge');
  const parsed = files.map((f) => ({ name: f.name, data: parseSweepFile(f.name, f.data) }));
  const first = parsed[0]!.data;
  const key = (d: typeof first) =>
    JSON.stringify([
      d.origin,
      d.options,
      d.clusters.map((c) => [c.id, c.name, c.growth, c.resources.map((r) => [r.usable, r.exceededSince])]),
    ]);
  const count = first.shard?.count ?? 1;
  const seen = new Map<number, string>();
  const futures: FutureResult[] = [];
  for (const { name, data } of parsed) {
    if (key(data) !== key(first))
      throw new Error(
        `${name} belongs to another sweep than ${parsed[0]!.name} (workspace, time, options or clusters differ)`,
      );
    const s = data.shard ?? { index: 1, count: 1 };
    if (s.count !== count)
      throw new Error(`${name} is shard ${s.index}/${s.count}, the others are of ${count}`);
    if (seen.has(s.index))
      throw new Error(`${name} repeats shard ${s.index}/${count} (also in ${seen.get(s.index)})`);
    seen.set(s.index, name);
    const want = shardIndices(data.options.runs, data.shard).join(',');
    if (
      data.futures
        .map((f) => f.index)
        .sort((a, b) => a - b)
        .join(',') !== want
    )
      throw new Error(`${name}: its futures are not exactly those of shard ${s.index}/${count}`);
    futures.push(...data.futures);
  }
  const missing = [];
  for (let i = 1; i <= count; i++) if (!seen.has(i)) missing.push(`${i}/${count}`);
  if (missing.length > 0) throw new Error(`shards missing: ${missing.join(', ')}`);
  const clusters = first.clusters.map((c) => ({
    id: c.id,
    name: c.name,
    growth: c.growth,
    usable: Object.fromEntries(c.resources.map((r) => [r.resource, r.usable])) as Record<CapResource, number>,
    usableShare: { cpu: 0, mem: 0 },
    exceededSince: Object.fromEntries(c.resources.map((r) => [r.resource, r.exceededSince])) as Record<
      CapResource,
      string | null
    >,
  }));
  return aggregateSweep({ origin: first.origin, options: first.options, clusters }, futures, null);
}

/**
 * The sweep's input from a workspace's current state: the engine snapshot, and per cluster its usable
 * capacity and what the final method says from up to `historyDays` (default 30) of history — the very
 * forecast `vdc capacity` gives (analysis.forecastRows): the CPU growth fit or its refusal, and per
 * resource "exceeded since".
 */
export function prepareSweep(
  ctx: { snapshot: EngineSnapshot; time: number; workspace: Workspace | null },
  workspaceName: string,
  options: SweepOptions,
  historyDays = 30,
): SweepInput {
  const fits = new Map<string, ClusterFit>();
  const fitOf = (id: string): ClusterFit => {
    let f = fits.get(id);
    if (!f) {
      f = {
        growth: null,
        refusal: null,
        historyDays: 0,
        exceededSince: { cpu: null, mem: null, disk: null },
      };
      fits.set(id, f);
    }
    return f;
  };
  const rows = forecastRows(
    ctx,
    DEFAULT_POLICY,
    { risk: 'conservative', horizonDays: 1, historyDays, growthPctPerMonth: 0 },
    (id, resource, f) => {
      if (resource !== 'cpu') return;
      const fit = fitOf(id);
      fit.historyDays = Math.round(f.history.spanDays * 100) / 100;
      fit.refusal = f.timeRefusal;
      fit.growth = f.growth
        ? { fitted: f.growth.pctPerMonth, low: f.growth.lowPct, high: f.growth.highPct }
        : null;
      // Exceeded with too little history for a fit: the refusal still holds for the growth.
      if (!f.growth && !fit.refusal && f.insufficientHistory)
        fit.refusal = needsHistory('timeRemaining', f.history);
    },
  ).rows;
  for (const r of rows) fitOf(r.clusterId).exceededSince[r.resource] = r.exceededSince;
  return {
    options,
    origin: {
      workspace: workspaceName,
      timeSec: ctx.time,
      tick: ctx.snapshot.tick,
      startEpochMs: ctx.snapshot.startEpochMs,
    },
    snapshot: ctx.snapshot,
    clusters: sweepClusters(ctx.snapshot, fits),
  };
}
