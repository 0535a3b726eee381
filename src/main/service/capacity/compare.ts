/**
 * Side-by-side comparison of what-if branches over what each ran after its branch point: peak CPU and
 * memory, ready, swapped, energy, hosts needed, headroom and time remaining, plus series to overlay.
 *
 * The first row is always the baseline: the current workspace over its most recent history (as long as the
 * longest branch run, at most 30 days). A branch that has not run is listed with status `notRun` and every
 * measure null — never zeros that read as results. A measure its method refuses (too little history) is
 * null with the refusal.
 */
import type { EngineSnapshot } from '../../engine';
import { DAY_SEC, DEFAULT_POLICY, type HistoryRefusal } from '../../engine/capacity';
import { Workspace } from '../../store';
import { consolidation, forecastRows, headroom, type CapCtx } from './analysis';
import { readSeries, sumByTime } from './history';
import { getBranch, BranchError, type Branch } from './whatif';
import { unwrapCheckpoint } from '../checkpoint';

const METRICS = [
  'cpu.demand.mhz',
  'cpu.capacity.mhz',
  'mem.consumed.mib',
  'mem.capacity.mib',
  'cpu.ready.pct',
  'mem.swapped.mib',
  'energy.kwh',
  'power.w',
];

/** Row id of the baseline (the current workspace). */
export const BASELINE_ID = 'baseline';

function ratioPeak(num: [number, number][], den: [number, number][]): number {
  const d = new Map(den);
  let peak = 0;
  for (const [t, v] of num) {
    const c = d.get(t);
    if (c && c > 0) peak = Math.max(peak, (100 * v) / c);
  }
  return peak;
}

type Series = { branchId: string; metric: string; points: [number, number][] }[];

export interface CompareRow {
  id: string;
  name: string;
  kind: 'baseline' | 'branch';
  status: 'computed' | 'notRun';
  fromSec: number | null;
  toSec: number | null;
  ranDays: number | null;
  peakCpuPct: number | null;
  peakMemPct: number | null;
  avgReadyPct: number | null;
  peakSwappedMiB: number | null;
  energyKWh: number | null;
  hostsNeeded: number | null;
  headroomMedium: number | null;
  headroomBinding: string | null;
  timeRemainingDays: number | null;
  timeRemainingRefusal: HistoryRefusal | null;
  exceededSince: string | null;
}

const notComputed = (id: string, name: string, kind: CompareRow['kind']): CompareRow => ({
  id,
  name,
  kind,
  status: 'notRun',
  fromSec: null,
  toSec: null,
  ranDays: null,
  peakCpuPct: null,
  peakMemPct: null,
  avgReadyPct: null,
  peakSwappedMiB: null,
  energyKWh: null,
  hostsNeeded: null,
  headroomMedium: null,
  headroomBinding: null,
  timeRemainingDays: null,
  timeRemainingRefusal: null,
  exceededSince: null,
});

/** The measures of one workspace (a branch or the baseline) over [from, end]. */
function measure(
  id: string,
  name: string,
  kind: CompareRow['kind'],
  snap: EngineSnapshot,
  ws: Workspace,
  from: number,
  end: number,
  series: Series,
): CompareRow {
  if (end <= from) return notComputed(id, name, kind);
  const clusterIds = snap.clusters.map((c) => c.id);
  const data = readSeries(ws, clusterIds, METRICS, from, end, 300, 'max');
  const avgData = readSeries(ws, clusterIds, ['cpu.ready.pct'], from, end, 300, 'avg');
  const sum = (metric: string, src = data) => sumByTime(clusterIds.map((c) => src.get(c)?.get(metric) ?? []));
  const cpu = sum('cpu.demand.mhz');
  const mem = sum('mem.consumed.mib');
  const ready = sum('cpu.ready.pct', avgData).map(
    ([t, v]) => [t, v / Math.max(1, clusterIds.length)] as [number, number],
  );
  const swapped = sum('mem.swapped.mib');
  const energy = sum('energy.kwh');
  const ctx: CapCtx = { snapshot: snap, time: end, workspace: ws };
  const hr = headroom(ctx, DEFAULT_POLICY, [], undefined, 86_400).rows.filter(
    (r) => r.profileId === 'medium',
  );
  const cons = consolidation(ctx, 86_400);
  const fc = forecastRows(ctx, DEFAULT_POLICY, {
    risk: 'conservative',
    horizonDays: 365,
    historyDays: Math.max(1, Math.ceil((end - from) / DAY_SEC)),
    growthPctPerMonth: 0,
  }).rows;
  // The binding answer is the earliest: an exceeded resource first, then the fewest days; refused when a resource that has not run out is refused.
  const exceeded = fc
    .filter((f) => f.exceededSince !== null)
    .sort((a, b) => a.exceededSinceSec! - b.exceededSinceSec!)[0];
  const refused = fc.find((f) => f.refusal !== null);
  const remaining = fc.map((f) => f.timeRemainingDays).filter((x): x is number => x !== null);
  const bindings = new Map<string, number>();
  for (const r of hr) bindings.set(r.byDemand.binding, (bindings.get(r.byDemand.binding) ?? 0) + 1);
  series.push(
    { branchId: id, metric: 'cpu.demand.mhz', points: cpu },
    { branchId: id, metric: 'mem.consumed.mib', points: mem },
    { branchId: id, metric: 'cpu.ready.pct', points: ready },
    { branchId: id, metric: 'power.w', points: sum('power.w') },
  );
  return {
    id,
    name,
    kind,
    status: 'computed',
    fromSec: from,
    toSec: end,
    ranDays: (end - from) / DAY_SEC,
    peakCpuPct: cpu.length > 0 ? ratioPeak(cpu, sum('cpu.capacity.mhz')) : null,
    peakMemPct: mem.length > 0 ? ratioPeak(mem, sum('mem.capacity.mib')) : null,
    avgReadyPct: ready.length > 0 ? ready.reduce((a, p) => a + p[1], 0) / ready.length : null,
    peakSwappedMiB: swapped.length > 0 ? swapped.reduce((a, p) => Math.max(a, p[1]), 0) : null,
    energyKWh: energy.length > 1 ? energy[energy.length - 1]![1] - energy[0]![1] : null,
    hostsNeeded: cons.refusal
      ? null
      : cons.rows.filter((r) => r.policyId === 'haN1').reduce((a, r) => a + r.hostsNeeded, 0),
    headroomMedium: hr.reduce((a, r) => a + r.byDemand.count, 0),
    headroomBinding: [...bindings.entries()].sort((x, y) => y[1] - x[1])[0]?.[0] ?? null,
    timeRemainingDays: exceeded ? 0 : refused ? null : remaining.length > 0 ? Math.min(...remaining) : null,
    timeRemainingRefusal: exceeded ? null : (refused?.refusal ?? null),
    exceededSince: exceeded?.exceededSince ?? null,
  };
}

/**
 * `baseline`: the current workspace (the session's engine state and open file); its row covers its last
 * D days, D = the longest branch run (at least one day, at most 30).
 */
export function compareBranches(parentPath: string, ids: string[], baseline?: CapCtx) {
  const rows: CompareRow[] = [];
  const series: Series = [];
  const branches: Branch[] = ids.map((id) => getBranch(parentPath, id));
  if (baseline?.workspace) {
    const longest = Math.max(DAY_SEC, ...branches.map((b) => b.ranSec));
    // (the manifest's ranSec: the runs whose length the baseline matches)
    const span = Math.min(30 * DAY_SEC, longest);
    rows.push(
      measure(
        BASELINE_ID,
        'Current workspace',
        'baseline',
        baseline.snapshot,
        baseline.workspace,
        Math.max(0, baseline.time - span),
        baseline.time,
        series,
      ),
    );
  }
  for (const b of branches) {
    const opened = Workspace.open(b.path, { readOnly: true });
    if (!opened.ok)
      throw new BranchError('WORKSPACE_ERROR', `Opening ${b.path} failed: ${opened.error.message}`);
    const ws = opened.value;
    try {
      const snap: EngineSnapshot | undefined = unwrapCheckpoint(ws.latestSnapshot()?.snapshot)?.engine;
      if (!snap) throw new BranchError('WORKSPACE_ERROR', `${b.path} has no engine checkpoint.`);
      // Not run yet (the file's state is still at the branch point): not computed, measure() says so.
      rows.push(
        measure(b.id, b.name, 'branch', snap, ws, b.branchTime, snap.tick * snap.tickSeconds, series),
      );
    } finally {
      ws.close();
    }
  }
  return { rows, series };
}
