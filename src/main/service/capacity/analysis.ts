/**
 * The capacity analyses behind the API: allocation and demand models, headroom, forecasts, right-sizing
 * and consolidation, computed from the engine's current state and the workspace history.
 */
import type { Engine, EngineSnapshot } from '../../engine';
import {
  BUILTIN_PROFILES,
  CONSOLIDATION_POLICIES,
  DAY_SEC,
  allocationModel,
  bindingResource,
  consolidate,
  demandModel,
  forecastPeaks,
  headroomByAllocation,
  headroomByDemand,
  reclamation,
  type CapInventory,
  type CapPolicy,
  type CapResource,
  type Forecast,
  type HeadroomCount,
  type Risk,
  type RightsizeInput,
  type VmProfile,
  MIN_HISTORY_DAYS,
  historyBasis,
  mergeBases,
  needsHistory,
  type HistoryBasis,
} from '../../engine/capacity';
import type { Workspace } from '../../store';
import { capInventory, hostLimits, type Peaks } from './inputs';
import { peakOf, readSeries, sumByTime } from './history';

export interface CapCtx {
  snapshot: EngineSnapshot;
  time: number;
  workspace: Workspace | null;
}

export function capCtx(engine: Engine, workspace: Workspace | null): CapCtx {
  workspace?.flush();
  return { snapshot: engine.snapshot(), time: engine.time, workspace };
}

/** JSON has no Infinity or NaN: those become null ("not applicable"). */
export const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function loadInventory(
  ctx: CapCtx,
  windowSec: number,
  withVms = false,
): { inv: CapInventory; fromHistory: boolean; basis: HistoryBasis } {
  const ws = ctx.workspace;
  if (!ws || ctx.time <= 0)
    return { inv: capInventory(ctx.snapshot), fromHistory: false, basis: historyBasis([]) };
  const from = Math.max(0, ctx.time - windowSec);
  const metrics = ['cpu.demand.mhz', 'mem.consumed.mib'];
  const hostIds = ctx.snapshot.hosts.map((h) => h.id);
  // 'max' rollups keep the true peak at any resolution, so few points suffice.
  const hs = readSeries(ws, hostIds, metrics, from, ctx.time, 48, 'max');
  const vs = withVms
    ? readSeries(
        ws,
        ctx.snapshot.vms.map((v) => v.id),
        metrics,
        from,
        ctx.time,
        24,
        'max',
      )
    : new Map();
  const peaks: Peaks = {
    hostCpuMHz: new Map(),
    hostMemMiB: new Map(),
    vmCpuMHz: new Map(),
    vmMemMiB: new Map(),
  };
  const put = (target: Map<string, number>, id: string, v: number | undefined) =>
    v !== undefined && target.set(id, v);
  for (const [id, m] of hs) {
    put(peaks.hostCpuMHz, id, peakOf(m.get('cpu.demand.mhz')));
    put(peaks.hostMemMiB, id, peakOf(m.get('mem.consumed.mib')));
  }
  for (const [id, m] of vs as Map<string, Map<string, [number, number][]>>) {
    put(peaks.vmCpuMHz, id, peakOf(m.get('cpu.demand.mhz')));
    put(peaks.vmMemMiB, id, peakOf(m.get('mem.consumed.mib')));
  }
  const basis = mergeBases([...hs.values()].map((m) => historyBasis(m.get('cpu.demand.mhz') ?? [])));
  return { inv: capInventory(ctx.snapshot, peaks), fromHistory: hs.size > 0, basis };
}

const dcNames = (snap: EngineSnapshot) => new Map(snap.datacenters.map((d) => [d.id, d.name]));

export function summary(ctx: CapCtx, policy: CapPolicy, windowSec: number) {
  const { inv, fromHistory, basis } = loadInventory(ctx, windowSec);
  const names = dcNames(ctx.snapshot);
  const fixRes = <T extends { usedPct: number }>(r: T) => ({ ...r, usedPct: fin(r.usedPct) });
  const allocation = allocationModel(inv, policy).map((r) => ({
    ...r,
    name: r.scope === 'datacenter' ? (names.get(r.id) ?? r.name) : r.name,
    binding: bindingResource(r),
    cpu: fixRes(r.cpu),
    mem: fixRes(r.mem),
    disk: fixRes(r.disk),
  }));
  const demand = demandModel(inv, policy).map((r) => ({
    ...r,
    name: r.scope === 'datacenter' ? (names.get(r.id) ?? r.name) : r.name,
    cpuMHz: fixRes(r.cpuMHz),
    memMiB: fixRes(r.memMiB),
    diskGiB: fixRes(r.diskGiB),
  }));
  return { time: ctx.time, windowSec, fromHistory, history: basis, policy, allocation, demand };
}

const countView = (h: HeadroomCount) => ({
  count: h.count,
  binding: h.binding,
  perResource: { cpu: fin(h.perResource.cpu), mem: fin(h.perResource.mem), disk: fin(h.perResource.disk) },
});

/** The average powered-on VM of the inventory (Aria's default "average VM" profile). */
export function averageProfile(inv: CapInventory): VmProfile | null {
  const on = inv.vms.filter((v) => v.poweredOn);
  if (on.length === 0) return null;
  const n = on.length;
  const vcpus = Math.max(1, Math.round(on.reduce((a, v) => a + v.vcpus, 0) / n));
  const memMiB = Math.max(256, Math.round(on.reduce((a, v) => a + v.memMiB, 0) / n / 256) * 256);
  const diskGiB = Math.round(on.reduce((a, v) => a + v.provisionedGiB, 0) / n);
  const coreMHz =
    inv.hosts.length > 0 ? inv.hosts.reduce((a, h) => a + h.coreMHz, 0) / inv.hosts.length : 2000;
  const cpuUtil = Math.min(
    100,
    (100 * on.reduce((a, v) => a + v.cpuDemandMHz, 0)) /
      Math.max(
        1,
        on.reduce((a, v) => a + v.vcpus * coreMHz, 0),
      ),
  );
  const memUtil = Math.min(
    100,
    (100 * on.reduce((a, v) => a + v.memConsumedMiB, 0)) /
      Math.max(
        1,
        on.reduce((a, v) => a + v.memMiB, 0),
      ),
  );
  const diskUtil = Math.min(
    100,
    (100 * on.reduce((a, v) => a + v.usedGiB, 0)) /
      Math.max(
        1,
        on.reduce((a, v) => a + v.provisionedGiB, 0),
      ),
  );
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    id: 'average',
    name: `Average VM (${vcpus} vCPU, ${(memMiB / 1024).toFixed(1)} GiB)`,
    vcpus,
    memMiB,
    diskGiB,
    cpuUtilPct: r1(cpuUtil),
    memUtilPct: r1(memUtil),
    diskUtilPct: r1(diskUtil),
  };
}

export function headroom(
  ctx: CapCtx,
  policy: CapPolicy,
  custom: VmProfile[],
  clusterId: string | undefined,
  windowSec: number,
) {
  const { inv } = loadInventory(ctx, windowSec);
  const avg = averageProfile(inv);
  const profiles = [...BUILTIN_PROFILES, ...(avg ? [avg] : []), ...custom];
  const alloc = allocationModel(inv, policy);
  const dem = demandModel(inv, policy);
  // Aria: capacity remaining uses the projected peak of the next 3 days when there is history for it.
  const projected =
    ctx.workspace && ctx.time >= 3 * DAY_SEC
      ? forecastRows(ctx, policy, {
          risk: 'conservative',
          horizonDays: 3,
          historyDays: 30,
          growthPctPerMonth: 0,
          clusterId,
        }).rows
      : [];
  const rows = [];
  for (const c of inv.clusters) {
    if (clusterId !== undefined && c.id !== clusterId) continue;
    const a = alloc.find((r) => r.scope === 'cluster' && r.id === c.id)!;
    const d = dem.find((r) => r.scope === 'cluster' && r.id === c.id)!;
    const limits = hostLimits(inv, c.id);
    const peak: Partial<Record<CapResource, number>> = {};
    for (const f of projected.filter((f) => f.clusterId === c.id)) {
      const next = Math.max(f.lastPeak, ...f.projection.slice(0, 3).map((p) => p.upper));
      peak[f.resource] = Math.max(
        next,
        f.resource === 'cpu' ? d.cpuMHz.demand : f.resource === 'mem' ? d.memMiB.demand : d.diskGiB.demand,
      );
    }
    for (const p of profiles) {
      rows.push({
        clusterId: c.id,
        clusterName: c.name,
        profileId: p.id,
        profileName: p.name,
        byAllocation: countView(headroomByAllocation(a, p, limits)),
        byDemand: countView(headroomByDemand(d, p, limits, peak)),
      });
    }
  }
  return { profiles, rows };
}

export interface ForecastOpts {
  risk: Risk;
  horizonDays: number;
  historyDays: number;
  growthPctPerMonth: number;
  clusterId?: string | undefined;
}

/** A planner's growth assumption may add load today's VMs cannot demand: CPU demand may then outgrow their maximum (memory and disk stay bounded by the hardware). */
const growthAware = (max: number, growthPctPerMonth: number) => (growthPctPerMonth > 0 ? Infinity : max);

const UNITS: Record<CapResource, string> = { cpu: 'MHz', mem: 'MiB', disk: 'GiB' };

/** `onForecast` sees each cluster × resource's whole forecast (the sweep takes its growth fit and observation from it). */
export function forecastRows(
  ctx: CapCtx,
  policy: CapPolicy,
  o: ForecastOpts,
  onForecast?: (clusterId: string, resource: CapResource, f: Forecast) => void,
) {
  // Usable capacity does not depend on demand peaks, so the current state suffices here.
  const inv = capInventory(ctx.snapshot);
  const dem = demandModel(inv, policy);
  const ws = ctx.workspace;
  const from = Math.max(0, ctx.time - o.historyDays * DAY_SEC);
  const maxPoints = Math.min(5000, Math.max(24, Math.ceil(o.historyDays * 24)));
  const clusters = inv.clusters.filter((c) => o.clusterId === undefined || c.id === o.clusterId);
  const cs = ws
    ? readSeries(
        ws,
        clusters.map((c) => c.id),
        ['cpu.demand.mhz', 'mem.consumed.mib'],
        from,
        ctx.time,
        maxPoints,
        'max',
      )
    : new Map();
  const dsIds = inv.datastores.map((d) => d.id);
  const ds = ws ? readSeries(ws, dsIds, ['disk.used.gib'], from, ctx.time, maxPoints, 'max') : new Map();
  const rows = [];
  for (const c of clusters) {
    const d = dem.find((r) => r.scope === 'cluster' && r.id === c.id)!;
    const hostIds = new Set(inv.hosts.filter((h) => h.clusterId === c.id).map((h) => h.id));
    const clusterDs = inv.datastores.filter(
      (x) => x.clusterId === c.id || (x.hostId !== null && hostIds.has(x.hostId)),
    );
    const series: Record<CapResource, [number, number][]> = {
      cpu: (cs.get(c.id)?.get('cpu.demand.mhz') ?? []) as [number, number][],
      mem: (cs.get(c.id)?.get('mem.consumed.mib') ?? []) as [number, number][],
      disk: sumByTime(clusterDs.map((x) => (ds.get(x.id)?.get('disk.used.gib') ?? []) as [number, number][])),
    };
    const current: Record<CapResource, number> = {
      cpu: d.cpuMHz.demand,
      mem: d.memMiB.demand,
      disk: d.diskGiB.demand,
    };
    const usable: Record<CapResource, number> = {
      cpu: d.cpuMHz.usable,
      mem: d.memMiB.usable,
      disk: d.diskGiB.usable,
    };
    // Physical maxima no projection may exceed: the memory and disk the cluster has; for CPU, what its
    // VMs could demand at most (every vCPU busy), and never less than the hosts' capacity (growth adds VMs).
    const vmCpuMax = inv.vms
      .filter((v) => v.clusterId === c.id && v.poweredOn)
      .reduce((a, v) => a + v.vcpus * (inv.hosts.find((h) => h.id === v.hostId)?.coreMHz ?? 0), 0);
    const max: Record<CapResource, number> = {
      cpu: Math.max(d.cpuMHz.capacity, vmCpuMax),
      mem: d.memMiB.capacity,
      disk: d.diskGiB.capacity,
    };
    for (const r of ['cpu', 'mem', 'disk'] as const) {
      // Without recorded history the current tick stands alone: a basis of one point, which every method refuses.
      const pts =
        series[r].length > 0 ? series[r] : [[Math.max(1, ctx.time), current[r]] as [number, number]];
      const f = forecastPeaks(pts, {
        usable: usable[r],
        horizonDays: o.horizonDays,
        risk: o.risk,
        growthPctPerMonth: o.growthPctPerMonth,
        max: r === 'cpu' ? growthAware(max[r], o.growthPctPerMonth) : max[r],
      });
      onForecast?.(c.id, r, f);
      rows.push({
        clusterId: c.id,
        clusterName: c.name,
        resource: r,
        unit: UNITS[r],
        usable: usable[r],
        lastPeak: f.peaks.length > 0 ? f.peaks[f.peaks.length - 1]![1] : 0,
        // No trend is fitted on history too short for the method: null, not a 0 that reads as "flat".
        slopePerDay: f.insufficientHistory ? null : f.slopePerDay,
        timeRemainingDays: f.timeRemainingDays,
        likelyDays: f.likelyDays,
        earliestDays: f.earliestDays,
        latestDays: f.latestDays,
        intervalCoverage: f.coverage,
        capacityRemaining: f.capacityRemaining,
        capacityRemainingPct: f.capacityRemainingPct,
        insufficientHistory: f.insufficientHistory,
        history: f.history,
        refusal: f.timeRefusal,
        capacityRefusal: f.capacityRefusal,
        exceededSinceSec: f.exceededSinceSec,
        exceededSince:
          f.exceededSinceSec === null
            ? null
            : new Date(ctx.snapshot.startEpochMs + f.exceededSinceSec * 1000).toISOString(),
        seasonal: f.seasonal,
        peaks: f.peaks.map(([day, v]) => [(day + 1) * DAY_SEC, v] as [number, number]),
        projection: f.projection.map((p) => ({ t: p.timeSec, mean: p.mean, upper: p.upper, lower: p.lower })),
      });
    }
  }
  return { risk: o.risk, rows };
}

export function rightsize(
  ctx: CapCtx,
  o: { windowDays: number; percentile: number; bufferPct: number; limit: number },
) {
  const snap = ctx.snapshot;
  const hosts = new Map(snap.hosts.map((h) => [h.id, h]));
  const from = Math.max(0, ctx.time - o.windowDays * DAY_SEC);
  const series = ctx.workspace
    ? readSeries(
        ctx.workspace,
        snap.vms.map((v) => v.id),
        ['cpu.demand.mhz', 'mem.active.mib'],
        from,
        ctx.time,
        300,
        'avg',
      )
    : new Map();
  // The window it claims: a "7-day P95" needs 7 days of samples (and idle needs at least a full day).
  const needDays = Math.max(MIN_HISTORY_DAYS.consolidation, o.windowDays);
  const bases = new Map<string, HistoryBasis>();
  for (const v of snap.vms)
    bases.set(
      v.id,
      historyBasis(
        (series.get(v.id) as Map<string, [number, number][]> | undefined)?.get('cpu.demand.mhz') ?? [],
      ),
    );
  const history = mergeBases([...bases.values()]);
  const refusal = needsHistory('rightsize', history, needDays);
  const inputs: RightsizeInput[] = snap.vms.map((v) => {
    const h = hosts.get(v.hostId);
    const m = series.get(v.id) as Map<string, [number, number][]> | undefined;
    // A VM whose own history is shorter than the window (created since) gets no verdict: noData.
    const own = needsHistory('rightsize', bases.get(v.id)!, needDays) === null;
    const cpu = own ? (m?.get('cpu.demand.mhz')?.map((p) => p[1]) ?? []) : [];
    const mem = own ? (m?.get('mem.active.mib')?.map((p) => p[1]) ?? []) : [];
    return {
      id: v.id,
      name: v.name,
      vcpus: v.vcpus,
      memMiB: v.memMiB,
      provisionedGiB: v.disks.reduce((a, d) => a + d.sizeGiB, 0),
      poweredOn: v.power === 'poweredOn',
      coreMHz: h?.coreMHz ?? 2000,
      hostCores: h ? h.sockets * h.coresPerSocket : v.vcpus,
      cpuDemandMHz: cpu,
      memActiveMiB: mem,
      ...(v.workload.runtime ? { heapMiB: v.workload.runtime.heapMiB } : {}),
    };
  });
  const rec = reclamation(inputs, {
    percentile: o.percentile,
    bufferPct: o.bufferPct,
    idleMHz: 100,
    idleTimePct: 90,
    minMemMiB: 1024,
  });
  const order = { idle: 0, poweredOff: 1, oversized: 2, undersized: 3, ok: 4, noData: 5 } as const;
  const rows = [...rec.rows]
    // Refused: only what needs no history (a powered-off VM's disk) is answered; no VM is called idle.
    .filter((r) => !refusal || r.verdict === 'poweredOff')
    .sort(
      (a, b) =>
        order[a.verdict] - order[b.verdict] || b.reclaimMemMiB - a.reclaimMemMiB || (a.id < b.id ? -1 : 1),
    )
    .slice(0, o.limit)
    .map((r) => ({ ...r, cpuPctlMHz: fin(r.cpuPctlMHz), memPctlMiB: fin(r.memPctlMiB) }));
  const { rows: _all, ...totals } = rec;
  const withHistory = (x: number) => (refusal ? null : x);
  return {
    total: rec.rows.length,
    windowDays: o.windowDays,
    history,
    refusal,
    oversized: withHistory(totals.oversized),
    undersized: withHistory(totals.undersized),
    idle: withHistory(totals.idle),
    poweredOff: totals.poweredOff,
    reclaimVcpus: withHistory(totals.reclaimVcpus),
    reclaimMemMiB: withHistory(totals.reclaimMemMiB),
    reclaimDiskGiB: refusal ? rows.reduce((a, r) => a + r.reclaimDiskGiB, 0) : totals.reclaimDiskGiB,
    rows,
  };
}

export function consolidation(ctx: CapCtx, windowSec: number) {
  const { inv, basis } = loadInventory(ctx, windowSec, true);
  // The peak of a full daily cycle (or of the window, when it is shorter than a day); from two hours of
  // night the estimate would pack everything onto one host.
  const refusal = needsHistory(
    'consolidation',
    basis,
    Math.min(MIN_HISTORY_DAYS.consolidation, windowSec / DAY_SEC),
  );
  if (refusal) return { history: basis, refusal, rows: [] };
  const rows = [];
  for (const c of inv.clusters) {
    const hosts = inv.hosts.filter((h) => h.clusterId === c.id);
    const vms = inv.vms.filter((v) => v.clusterId === c.id);
    for (const p of CONSOLIDATION_POLICIES) {
      const r = consolidate(hosts, vms, p);
      rows.push({
        clusterId: c.id,
        clusterName: c.name,
        policyId: r.policyId,
        policyName: r.policyName,
        hostsNow: r.hostsNow,
        hostsNeeded: r.hostsNeeded,
        unplaceable: r.unplaceable,
        powerNowW: r.powerNowW,
        powerAfterW: r.powerAfterW,
        energySavedKWhPerDay: r.energySavedKWhPerDay,
      });
    }
  }
  return { history: basis, refusal, rows };
}
