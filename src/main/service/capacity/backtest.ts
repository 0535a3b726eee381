/**
 * `vdc capacity backtest` and `capacity.backtest.*`: runs a scenario in memory at coarse ticks (1 h by
 * default, like what-if branches), keeps one peak per simulated day per cluster × resource (CPU demand,
 * consumed memory, used disk of the cluster's datastores), forecasts time remaining from the first
 * `historyDays` with each method of engine/capacity/backtest.ts and scores every forecast against the
 * day the run actually crossed usable capacity (docs/capacity.md, "Backtest").
 *
 * The run is stepped (`BacktestRun.advance(ticks)`), so the CLI drives it with a progress bar and the
 * service in slices that yield to the event loop, with cancel.
 */
import { createEngine, METRIC_CATALOG, type Engine, type Scenario } from '../../engine';
import { DEFAULT_POLICY, demandModel, type CapResource } from '../../engine/capacity';
import {
  actualDaysRemaining,
  BACKTEST_METHODS,
  forecastTimeRemaining,
  scoreCase,
  summarise,
  type BacktestMethod,
  type ScoredCase,
} from '../../engine/capacity/backtest';
import { capInventory } from './inputs';

export const BACKTEST_FINAL_METHOD: BacktestMethod = 'final';
/** Two-sided coverage of the stated interval (the 10 % and 90 % quantiles). */
export const BACKTEST_COVERAGE = 0.8;

export interface BacktestParams {
  scenario: Scenario;
  scenarioName: string;
  historyDays: number;
  horizonDays: number;
  seed?: number | undefined;
  /** Simulated seconds per tick (default 3600; a divisor of a day). */
  tickSeconds?: number | undefined;
}

export interface BacktestForecastView {
  predictedDays: number | null;
  earliestDays: number | null;
  latestDays: number | null;
  absErrorPct: number;
  inInterval: boolean;
}

export interface BacktestCaseView {
  clusterId: string;
  clusterName: string;
  resource: CapResource;
  unit: string;
  usable: number;
  /** Peak of the last history day. */
  lastPeak: number;
  /** Days after the history's last day until the simulation's daily peak reached usable. */
  actualDays: number;
  /** The final method's forecast (the headline). */
  predictedDays: number | null;
  earliestDays: number | null;
  latestDays: number | null;
  absErrorPct: number;
  inInterval: boolean;
  byMethod: Record<BacktestMethod, BacktestForecastView>;
}

export interface BacktestUnscoredView {
  clusterId: string;
  clusterName: string;
  resource: CapResource;
  reason: 'exceededDuringHistory' | 'notReachedWithinHorizon';
  /** The final method's forecast, for a resource that did not run out (a false alarm when not null). */
  predictedDays: number | null;
}

export interface BacktestMethodSummary {
  method: BacktestMethod;
  cases: number;
  medianAbsErrorPct: number | null;
  intervalCoverage: number | null;
}

export interface BacktestResult {
  scenario: string;
  seed: number;
  historyDays: number;
  horizonDays: number;
  tickSeconds: number;
  method: BacktestMethod;
  coverageTarget: number;
  cases: number;
  medianAbsErrorPct: number | null;
  intervalCoverage: number | null;
  methods: BacktestMethodSummary[];
  details: BacktestCaseView[];
  unscored: BacktestUnscoredView[];
}

const UNITS: Record<CapResource, string> = { cpu: 'MHz', mem: 'MiB', disk: 'GiB' };
const RESOURCES: readonly CapResource[] = ['cpu', 'mem', 'disk'];
const DAY_SEC = 86_400;

function col(kind: 'cluster' | 'datastore', name: string): number {
  const i = METRIC_CATALOG[kind].findIndex((m) => m.name === name);
  if (i < 0) throw new Error(`metric ${kind} ${name} missing from the catalogue`);
  return i;
}

export interface BacktestRun {
  readonly totalTicks: number;
  readonly doneTicks: number;
  /** Runs up to `ticks` more ticks; true when the run is complete. */
  advance(ticks: number): boolean;
  /** The scored result (after `advance` answered true). */
  result(): BacktestResult;
}

/** Prepares a backtest; throws an Error with a clear message for an unusable scenario or arguments. */
export function startBacktest(p: BacktestParams): BacktestRun {
  const tickSeconds = p.tickSeconds ?? 3600;
  if (!Number.isInteger(p.historyDays) || p.historyDays < 3)
    throw new Error(`history must be at least 3 days, got ${p.historyDays}`);
  if (!Number.isInteger(p.horizonDays) || p.horizonDays < 1)
    throw new Error(`horizon must be at least 1 day, got ${p.horizonDays}`);
  if (!Number.isInteger(tickSeconds) || tickSeconds < 1 || DAY_SEC % tickSeconds !== 0)
    throw new Error(`tickSeconds must divide a day, got ${tickSeconds}`);
  const scenario: Scenario = { ...p.scenario, tickSeconds };
  const created = createEngine(scenario, p.seed === undefined ? {} : { seed: p.seed });
  if (!created.ok) throw new Error(`the scenario cannot be run: ${created.error.message}`);
  const engine: Engine = created.value;
  const ticksPerDay = DAY_SEC / tickSeconds;
  const totalDays = p.historyDays + p.horizonDays;
  const totalTicks = totalDays * ticksPerDay;
  const cCpu = col('cluster', 'cpu.demand.mhz');
  const cMem = col('cluster', 'mem.consumed.mib');
  const dUsed = col('datastore', 'disk.used.gib');
  // Datastores per cluster (shared ones and those local to its hosts), as the forecast of the console.
  const snap0 = engine.snapshot();
  const hostCluster = new Map(snap0.hosts.map((h) => [h.id, h.clusterId]));
  const dsCluster = new Map<string, string>();
  for (const d of snap0.datastores) {
    const c = d.clusterId ?? (d.hostId !== null ? hostCluster.get(d.hostId) : undefined);
    if (c) dsCluster.set(d.id, c);
  }
  /** peaks[clusterId][resource][day] */
  const peaks = new Map<string, Record<CapResource, number[]>>();
  const series = (id: string): Record<CapResource, number[]> => {
    let s = peaks.get(id);
    if (!s) peaks.set(id, (s = { cpu: [], mem: [], disk: [] }));
    return s;
  };
  let usable: Map<string, Record<CapResource, number>> | null = null;
  let names = new Map<string, string>();
  let done = 0;
  const diskSum = new Map<string, number>();
  const keep = (arr: number[], day: number, v: number): void => {
    if (!(arr[day]! >= v)) arr[day] = v;
  };
  const captureUsable = (): void => {
    const snap = engine.snapshot();
    const rows = demandModel(capInventory(snap), DEFAULT_POLICY).filter((r) => r.scope === 'cluster');
    usable = new Map(
      rows.map((r) => [r.id, { cpu: r.cpuMHz.usable, mem: r.memMiB.usable, disk: r.diskGiB.usable }]),
    );
    names = new Map(rows.map((r) => [r.id, r.name]));
  };
  return {
    totalTicks,
    get doneTicks() {
      return done;
    },
    advance(n) {
      const end = Math.min(totalTicks, done + n);
      while (done < end) {
        const r = engine.step();
        const day = Math.floor(done / ticksPerDay);
        done++;
        for (const b of r.blocks) {
          const k = b.ids.length;
          if (b.kind === 'cluster') {
            for (let e = 0; e < k; e++) {
              const s = series(b.ids[e]!);
              keep(s.cpu, day, b.values[cCpu * k + e] ?? 0);
              keep(s.mem, day, b.values[cMem * k + e] ?? 0);
            }
          } else if (b.kind === 'datastore') {
            diskSum.clear();
            for (let e = 0; e < k; e++) {
              const c = dsCluster.get(b.ids[e]!);
              if (c) diskSum.set(c, (diskSum.get(c) ?? 0) + (b.values[dUsed * k + e] ?? 0));
            }
            for (const [c, v] of diskSum) keep(series(c).disk, day, v);
          }
        }
        // Usable capacity as the forecast sees it: at the end of the history.
        if (done === p.historyDays * ticksPerDay) captureUsable();
      }
      return done >= totalTicks;
    },
    result() {
      if (done < totalTicks || usable === null) throw new Error('the backtest has not finished');
      const cap = usable as Map<string, Record<CapResource, number>>;
      const H = p.historyDays;
      const byMethod = new Map<BacktestMethod, ScoredCase[]>(BACKTEST_METHODS.map((m) => [m, []]));
      const details: BacktestCaseView[] = [];
      const unscored: BacktestUnscoredView[] = [];
      for (const [clusterId, s] of [...peaks.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
        const u = cap.get(clusterId);
        if (!u) continue;
        for (const r of RESOURCES) {
          const all = s[r];
          if (all.length < totalDays || !(u[r] > 0)) continue;
          const hist = all.slice(0, H);
          const clusterName = names.get(clusterId) ?? clusterId;
          const forecasts = new Map(
            BACKTEST_METHODS.map((m) => [
              m,
              forecastTimeRemaining(hist, m, u[r], p.horizonDays, BACKTEST_COVERAGE),
            ]),
          );
          if (hist.some((v) => v >= u[r])) {
            unscored.push({
              clusterId,
              clusterName,
              resource: r,
              reason: 'exceededDuringHistory',
              predictedDays: null,
            });
            continue;
          }
          const actual = actualDaysRemaining(all, H, u[r]);
          if (actual === null) {
            unscored.push({
              clusterId,
              clusterName,
              resource: r,
              reason: 'notReachedWithinHorizon',
              predictedDays: forecasts.get(BACKTEST_FINAL_METHOD)!.predictedDays,
            });
            continue;
          }
          const views = {} as Record<BacktestMethod, BacktestForecastView>;
          for (const m of BACKTEST_METHODS) {
            const sc = scoreCase(forecasts.get(m)!, actual, p.horizonDays);
            byMethod.get(m)!.push(sc);
            views[m] = {
              predictedDays: sc.predictedDays,
              earliestDays: sc.earliestDays,
              latestDays: sc.latestDays,
              absErrorPct: round(sc.absErrorPct),
              inInterval: sc.inInterval,
            };
          }
          const f = views[BACKTEST_FINAL_METHOD];
          details.push({
            clusterId,
            clusterName,
            resource: r,
            unit: UNITS[r],
            usable: round(u[r]),
            lastPeak: round(hist[H - 1]!),
            actualDays: actual,
            ...f,
            byMethod: views,
          });
        }
      }
      const methods = BACKTEST_METHODS.map((m) => {
        const sm = summarise(byMethod.get(m)!);
        return {
          method: m,
          cases: sm.cases,
          medianAbsErrorPct: sm.medianAbsErrorPct === null ? null : round(sm.medianAbsErrorPct),
          intervalCoverage: sm.intervalCoverage === null ? null : round(sm.intervalCoverage),
        };
      });
      const head = methods.find((m) => m.method === BACKTEST_FINAL_METHOD)!;
      return {
        scenario: p.scenarioName,
        seed: engine.seed,
        historyDays: H,
        horizonDays: p.horizonDays,
        tickSeconds,
        method: BACKTEST_FINAL_METHOD,
        coverageTarget: BACKTEST_COVERAGE,
        cases: head.cases,
        medianAbsErrorPct: head.medianAbsErrorPct,
        intervalCoverage: head.intervalCoverage,
        methods,
        details,
        unscored,
      };
    },
  };
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

/** Runs a whole backtest synchronously (tests, the CLI without a terminal). */
export function runBacktest(
  p: BacktestParams,
  progress: (done: number, total: number) => void = () => {},
): BacktestResult {
  const run = startBacktest(p);
  while (!run.advance(240)) progress(run.doneTicks, run.totalTicks);
  progress(run.totalTicks, run.totalTicks);
  return run.result();
}
