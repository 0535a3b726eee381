/**
 * Side-by-side comparison of what-if branches over what each ran after its branch point: peak CPU and
 * memory, ready, swapped, energy, hosts needed, headroom and time remaining, plus series to overlay.
 */
import type { EngineSnapshot } from '../../engine';
import { DEFAULT_POLICY } from '../../engine/capacity';
import { Workspace } from '../../store';
import { consolidation, forecastRows, headroom, type CapCtx } from './analysis';
import { readSeries, sumByTime } from './history';
import { getBranch, BranchError, type Branch } from './whatif';
import { unwrapCheckpoint } from '../checkpoint';

const METRICS = ['cpu.demand.mhz', 'cpu.capacity.mhz', 'mem.consumed.mib', 'mem.capacity.mib', 'cpu.ready.pct', 'mem.swapped.mib', 'energy.kwh', 'power.w'];

function ratioPeak(num: [number, number][], den: [number, number][]): number {
  const d = new Map(den);
  let peak = 0;
  for (const [t, v] of num) {
    const c = d.get(t);
    if (c && c > 0) peak = Math.max(peak, (100 * v) / c);
  }
  return peak;
}

export function compareBranches(parentPath: string, ids: string[]) {
  const rows = [];
  const series: { branchId: string; metric: string; points: [number, number][] }[] = [];
  for (const id of ids) {
    const b: Branch = getBranch(parentPath, id);
    const opened = Workspace.open(b.path, { readOnly: true });
    if (!opened.ok) throw new BranchError('WORKSPACE_ERROR', `Opening ${b.path} failed: ${opened.error.message}`);
    const ws = opened.value;
    try {
      const snap: EngineSnapshot | undefined = unwrapCheckpoint(ws.latestSnapshot()?.snapshot)?.engine;
      if (!snap) throw new BranchError('WORKSPACE_ERROR', `${b.path} has no engine checkpoint.`);
      const end = snap.tick * snap.tickSeconds;
      const from = b.branchTime;
      const clusterIds = snap.clusters.map((c) => c.id);
      const data = end > from ? readSeries(ws, clusterIds, METRICS, from, end, 300, 'max') : new Map<string, Map<string, [number, number][]>>();
      const avgData = end > from ? readSeries(ws, clusterIds, ['cpu.ready.pct'], from, end, 300, 'avg') : new Map<string, Map<string, [number, number][]>>();
      const sum = (metric: string, src = data) => sumByTime(clusterIds.map((c) => src.get(c)?.get(metric) ?? []));
      const cpu = sum('cpu.demand.mhz');
      const mem = sum('mem.consumed.mib');
      const ready = sum('cpu.ready.pct', avgData).map(([t, v]) => [t, v / Math.max(1, clusterIds.length)] as [number, number]);
      const swapped = sum('mem.swapped.mib');
      const energy = sum('energy.kwh');
      const ctx: CapCtx = { snapshot: snap, time: end, workspace: ws };
      const hr = headroom(ctx, DEFAULT_POLICY, [], undefined, 86_400).rows.filter((r) => r.profileId === 'medium');
      const cons = consolidation(ctx, 86_400).rows.filter((r) => r.policyId === 'haN1');
      const fc = forecastRows(ctx, DEFAULT_POLICY, { risk: 'conservative', horizonDays: 365, historyDays: Math.max(1, Math.ceil((end - from) / 86_400)), growthPctPerMonth: 0 }).rows;
      const remaining = fc.map((f) => f.timeRemainingDays).filter((x): x is number => x !== null);
      const bindings = new Map<string, number>();
      for (const r of hr) bindings.set(r.byDemand.binding, (bindings.get(r.byDemand.binding) ?? 0) + 1);
      rows.push({
        id: b.id,
        name: b.name,
        ranDays: (end - from) / 86_400,
        peakCpuPct: ratioPeak(cpu, sum('cpu.capacity.mhz')),
        peakMemPct: ratioPeak(mem, sum('mem.capacity.mib')),
        avgReadyPct: ready.length > 0 ? ready.reduce((a, p) => a + p[1], 0) / ready.length : 0,
        peakSwappedMiB: swapped.reduce((a, p) => Math.max(a, p[1]), 0),
        energyKWh: energy.length > 1 ? energy[energy.length - 1]![1] - energy[0]![1] : 0,
        hostsNeeded: cons.reduce((a, r) => a + r.hostsNeeded, 0),
        headroomMedium: hr.reduce((a, r) => a + r.byDemand.count, 0),
        headroomBinding: [...bindings.entries()].sort((x, y) => y[1] - x[1])[0]?.[0] ?? 'cpu',
        timeRemainingDays: remaining.length > 0 ? Math.min(...remaining) : null,
      });
      series.push({ branchId: b.id, metric: 'cpu.demand.mhz', points: cpu }, { branchId: b.id, metric: 'mem.consumed.mib', points: mem }, { branchId: b.id, metric: 'cpu.ready.pct', points: ready }, { branchId: b.id, metric: 'power.w', points: sum('power.w') });
    } finally {
      ws.close();
    }
  }
  return { rows, series };
}
