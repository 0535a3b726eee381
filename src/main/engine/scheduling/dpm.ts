/**
 * Power management in the style of vSphere DPM (KB 310527 "Configuring vSphere Distributed Power Management
 * advanced settings"): DPM keeps host utilisation near DemandCapacityRatioTarget = 63 % within
 * ± DemandCapacityRatioToleranceHost = 18 %, i.e. between 45 % and 81 %.
 *  - Wake: when a powered-on host is above 81 % (or HA admission control lacks capacity), one standby host
 *    is powered on (the largest, then inventory order).
 *  - Standby: when every powered-on host is below 45 %, the least-loaded host (that has been up at least
 *    40 minutes — DPM judges power-off on 40 min of demand history, power-on on 5 min) goes to standby if
 *    the others can carry the whole cluster demand at or below the 63 % target, every one of its VMs
 *    passes the filter chain on another host, and HA admission control stays satisfied without it.
 * Standby takes two passes: first DPM migrates the host's VMs away (spread by the DRS load model; DRS
 * leaves that host alone meanwhile), then — the host being empty, the others still carrying the demand
 * under the target and no host above 81 % — it goes to standby (an empty host that DPM did not empty
 * needs every host below 45 % like any other candidate). One change per cluster per pass.
 * Utilisation is the DRS host load (the larger of CPU demand and active memory share) on demand averaged
 * over 5 minutes for power-on and 40 minutes of host history for power-off (demand-window.ts). The engine's power
 * model integrates energy; a standby host draws nothing.
 */
import { LoadBook } from '../world/admission';
import type { World } from '../world/world';
import { hostCpuCapMHz, hostMemCapMiB } from './capacity';
import { buildClusterLoad, hostLoadOf, hostLoads, vmMemDemandMiB } from './drs/load';
import { demandHistory } from './demand-window';
import { spreadPlacement, spreadShared } from './drs/spread';
import { failoverCapacity } from './ha/admission';
import { requestForVm } from './requests';
import { HOLD_OFF_SEC } from './drs/concurrency';
import { msg, msgText, type Msg } from '../messages';

export const DPM_TARGET = 0.63;
export const DPM_TOLERANCE = 0.18;
export const DPM_HIGH = DPM_TARGET + DPM_TOLERANCE;
export const DPM_LOW = DPM_TARGET - DPM_TOLERANCE;
/** A host must have been up this long before DPM considers it for standby, s. */
export const DPM_POWER_OFF_HISTORY_SEC = 2400;

export interface DpmAction {
  hostId: string;
  enter: boolean;
  reason: string;
  /** The reason as a message code (the console's languages). */
  reasonMsg?: Msg;
}

export interface DpmResult {
  clusterId: string;
  enabled: boolean;
  /** `load`: 5-minute average (power-on test); `longLoad`: 40-minute average (power-off test). */
  hosts: { hostId: string; hostName: string; load: number; longLoad: number }[];
  standbyHostIds: string[];
  /** Power change to make now (standby of an empty host, or wake). */
  action: DpmAction | null;
  /** Host being emptied for standby (DRS must neither fill nor balance it), or null. */
  evacuatingHostId: string | null;
  /** Migrations that empty `evacuatingHostId`. */
  evacuations: { vmId: string; hostId: string; reason: string; reasonMsg?: Msg }[];
  summary: string;
  summaryMsg: Msg;
}

export function dpmPass(w: Readonly<World>, clusterId: string): DpmResult {
  const cl = w.clusterById.get(clusterId);
  const enabled = cl?.settings.dpm.enabled === true;
  const load = buildClusterLoad(w, clusterId);
  const loads = hostLoads(load);
  // Power-off judges 40 minutes of host demand history (tick-weighted mean of the closed DRS intervals),
  // never below the 5-minute figure: VMs that moved onto a host within the 40 minutes count where they run
  // now (their past demand sits in another host's history). Without history yet, the 5-minute figure.
  const hist = demandHistory(w);
  const longDemand = load.hosts.map((h) => {
    const d = hist?.hostLongDemand(h.id);
    return d
      ? { cpu: Math.max(d.cpuMHz, h.cpuMHz), mem: Math.max(d.memMiB, h.memMiB) }
      : { cpu: h.cpuMHz, mem: h.memMiB };
  });
  const longLoads = load.hosts.map((h, i) => hostLoadOf(longDemand[i]!.cpu, longDemand[i]!.mem, h));
  const hosts = load.hosts.map((h, i) => ({
    hostId: h.id,
    hostName: h.name,
    load: loads[i]!,
    longLoad: longLoads[i]!,
  }));
  const standby = w.hosts.filter((h) => h.clusterId === clusterId && h.state === 'standby');
  const result = (
    action: DpmAction | null,
    summaryMsg: Msg,
    evac: { hostId: string; moves: DpmResult['evacuations'] } | null = null,
  ): DpmResult => ({
    clusterId,
    enabled,
    hosts,
    standbyHostIds: standby.map((h) => h.id),
    action,
    evacuatingHostId: evac?.hostId ?? null,
    evacuations: evac?.moves ?? [],
    summary: msgText(summaryMsg),
    summaryMsg,
  });
  if (!enabled || !cl) return result(null, msg('dpm.disabled'));
  const pctOf = (x: number): string => `${(x * 100).toFixed(0)} %`;
  // ---- wake
  const hot = hosts.find((h) => h.load > DPM_HIGH);
  if (standby.length > 0) {
    const ha = cl.settings.ha.enabled ? failoverCapacity(w, new LoadBook(w as World), clusterId) : null;
    const haShort = ha !== null && ha.enforced && !ha.satisfied;
    if (hot || haShort || hosts.length === 0) {
      let pick = standby[0]!;
      for (const h of standby)
        if (hostCpuCapMHz(h) + hostMemCapMiB(h) / 1024 > hostCpuCapMHz(pick) + hostMemCapMiB(pick) / 1024)
          pick = h;
      const why = hot
        ? msg('dpm.hot', { host: hot.hostName, load: pctOf(hot.load), limit: pctOf(DPM_HIGH) })
        : haShort
          ? msg('dpm.haShort', { summary: ha!.summaryMsg })
          : msg('dpm.noHostOn');
      const reasonMsg = msg('dpm.wake', { host: pick.name, reason: why });
      return result(
        { hostId: pick.id, enter: false, reason: msgText(reasonMsg), reasonMsg },
        msg('dpm.waking', { host: pick.name }),
      );
    }
  }
  // ---- standby
  if (hot) return result(null, msg('dpm.keepOn', { host: hot.hostName, limit: pctOf(DPM_HIGH) }));
  const minHosts = cl.settings.ha.enabled ? 2 : 1;
  if (hosts.length - 1 < minHosts)
    return result(
      null,
      msg(cl.settings.ha.enabled ? 'dpm.minHostsHa' : 'dpm.minHosts', { count: hosts.length, min: minHosts }),
    );
  const failover =
    cl.settings.ha.enabled && cl.settings.ha.admission === 'failoverHosts'
      ? cl.settings.ha.failoverHostIds
      : [];
  const candidates = load.hosts
    .map((h, i) => ({ h, i, rec: w.hostById.get(h.id)! }))
    .filter((x) => !failover.includes(x.h.id) && w.timeSec - x.rec.stateSince >= DPM_POWER_OFF_HISTORY_SEC)
    .sort((a, b) => longLoads[a.i]! - longLoads[b.i]! || b.rec.idleW - a.rec.idleW || a.i - b.i);
  let cpuDemand = 0;
  let memDemand = 0;
  for (const d of longDemand) {
    cpuDemand += d.cpu;
    memDemand += d.mem;
  }
  const allLow = hosts.every((h) => h.longLoad < DPM_LOW);
  for (const cand of candidates) {
    let cpuCap = 0;
    let memCap = 0;
    for (const h of load.hosts) {
      if (h.id === cand.h.id) continue;
      cpuCap += h.cpuCapMHz;
      memCap += h.memCapMiB;
    }
    if (cpuDemand > DPM_TARGET * cpuCap || memDemand > DPM_TARGET * memCap) continue;
    if (cl.settings.ha.enabled) {
      const ha = failoverCapacity(w, new LoadBook(w as World), clusterId, {
        downHostIds: new Set([cand.h.id]),
      });
      if (ha.enforced && !ha.satisfied) continue;
    }
    const carry = msg('dpm.carry', {
      count: hosts.length - 1,
      cpu: pctOf(cpuDemand / cpuCap),
      mem: pctOf(memDemand / memCap),
      target: pctOf(DPM_TARGET),
    });
    const hostsVms =
      w.vms.some((v) => v.hostId === cand.h.id && v.power === 'poweredOn') ||
      w.containers.some((c) => c.hostId === cand.h.id && c.state === 'running');
    if (!hostsVms && (allLow || emptiedByDpm(w, cand.h.id))) {
      const reasonMsg = msg('dpm.standby', { host: cand.h.name, carry });
      return result(
        { hostId: cand.h.id, enter: true, reason: msgText(reasonMsg), reasonMsg },
        msg('dpm.toStandby', { host: cand.h.name }),
      );
    }
    if (!allLow) continue;
    const moves = evacuationPlan(w, cand.h.id);
    if (moves === null) continue;
    const reasonMsg = msg('dpm.evacuate', { low: pctOf(DPM_LOW), carry, host: cand.h.name });
    const reason = msgText(reasonMsg);
    return result(null, msg('dpm.emptying', { host: cand.h.name }), {
      hostId: cand.h.id,
      moves: moves.map((m) => ({ ...m, reason, reasonMsg })),
    });
  }
  return result(null, allLow ? msg('dpm.noStandbyFits') : msg('dpm.someHigh', { limit: pctOf(DPM_LOW) }));
}

/** Where each powered-on VM of the host goes (spread, one after another), or null if one cannot leave. */
function evacuationPlan(w: Readonly<World>, hostId: string): { vmId: string; hostId: string }[] | null {
  const book = new LoadBook(w as World);
  const extra = new Map<string, { cpu: number; mem: number }>();
  const planned = new Map<string, string>();
  const out: { vmId: string; hostId: string }[] = [];
  const shared = spreadShared(w, w.hostById.get(hostId)?.clusterId ?? null);
  for (const vm of w.vms) {
    if (vm.hostId !== hostId || vm.power !== 'poweredOn' || vm.haPending) continue;
    if (vm.migratingTo !== null && vm.migratingTo !== hostId) continue; // already leaving
    if (vm.busyTaskId !== null) return null;
    const req = requestForVm(w, vm, 'evacuate', [hostId]);
    const d = spreadPlacement({ world: w, book }, req, 'dpm-evacuate', extra, planned, shared);
    if (d.hostId === null) return null;
    book.add(d.hostId, req.guest, vm.serviceId);
    const e = extra.get(d.hostId) ?? { cpu: 0, mem: 0 };
    e.cpu += vm.cpuDemandMHz;
    e.mem += vmMemDemandMiB(vm);
    extra.set(d.hostId, e);
    planned.set(vm.id, d.hostId);
    out.push({ vmId: vm.id, hostId: d.hostId });
  }
  return out;
}

/**
 * True when DPM emptied the host recently: a migration away from it, started for DPM ("DPM:" in the task
 * description, where the engine records the scheduler's reason), ended within the hold-off window. Such a
 * host completes its way to standby even if the others rose above 45 % while taking its VMs.
 */
function emptiedByDpm(w: Readonly<World>, hostId: string): boolean {
  for (const t of w.tasks) {
    if (t.op.kind !== 'liveMigrate' || t.op.srcHostId !== hostId || !t.description.includes('DPM:')) continue;
    if (t.state === 'success' && t.finishedAt !== null && w.timeSec - t.finishedAt < HOLD_OFF_SEC)
      return true;
  }
  return false;
}
