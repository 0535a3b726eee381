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
 * One change per cluster per pass. Utilisation is the DRS host load (the larger of CPU demand and active
 * memory share). The engine's power model integrates energy; a standby host draws nothing.
 */
import { LoadBook } from '../world/admission';
import type { World } from '../world/world';
import { hostCpuCapMHz, hostMemCapMiB } from './capacity';
import { buildClusterLoad, hostLoads, vmMemDemandMiB } from './drs/load';
import { spreadPlacement } from './drs/spread';
import { failoverCapacity } from './ha/admission';
import { requestForVm } from './requests';

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
}

export interface DpmResult {
  clusterId: string;
  enabled: boolean;
  hosts: { hostId: string; hostName: string; load: number }[];
  standbyHostIds: string[];
  action: DpmAction | null;
  summary: string;
}

export function dpmPass(w: Readonly<World>, clusterId: string): DpmResult {
  const cl = w.clusterById.get(clusterId);
  const enabled = cl?.settings.dpm.enabled === true;
  const load = buildClusterLoad(w, clusterId);
  const loads = hostLoads(load);
  const hosts = load.hosts.map((h, i) => ({ hostId: h.id, hostName: h.name, load: loads[i]! }));
  const standby = w.hosts.filter((h) => h.clusterId === clusterId && h.state === 'standby');
  const result = (action: DpmAction | null, summary: string): DpmResult => ({ clusterId, enabled, hosts, standbyHostIds: standby.map((h) => h.id), action, summary });
  if (!enabled || !cl) return result(null, 'DPM is disabled');
  const book = new LoadBook(w as World);
  // ---- wake
  if (standby.length > 0) {
    const hot = hosts.find((h) => h.load > DPM_HIGH);
    const ha = cl.settings.ha.enabled ? failoverCapacity(w, book, clusterId) : null;
    const haShort = ha !== null && ha.enforced && !ha.satisfied;
    if (hot || haShort || hosts.length === 0) {
      let pick = standby[0]!;
      for (const h of standby) if (hostCpuCapMHz(h) + hostMemCapMiB(h) / 1024 > hostCpuCapMHz(pick) + hostMemCapMiB(pick) / 1024) pick = h;
      const why = hot ? `${hot.hostName} is at ${(hot.load * 100).toFixed(0)} % (> ${(DPM_HIGH * 100).toFixed(0)} %)` : haShort ? `HA admission control lacks capacity (${ha!.summary})` : 'no host is powered on';
      return result({ hostId: pick.id, enter: false, reason: `DPM: wake ${pick.name}: ${why}` }, `waking ${pick.name}`);
    }
  }
  // ---- standby
  if (hosts.length < 2) return result(null, 'one powered-on host: nothing to put in standby');
  if (hosts.some((h) => h.load >= DPM_LOW)) return result(null, `some host is at or above ${(DPM_LOW * 100).toFixed(0)} %: keep every host on`);
  const failover = cl.settings.ha.enabled && cl.settings.ha.admission === 'failoverHosts' ? cl.settings.ha.failoverHostIds : [];
  const order = load.hosts
    .map((h, i) => ({ h, i, rec: w.hostById.get(h.id)! }))
    .filter((x) => !failover.includes(x.h.id) && w.timeSec - x.rec.stateSince >= DPM_POWER_OFF_HISTORY_SEC)
    .sort((a, b) => loads[a.i]! - loads[b.i]! || b.rec.idleW - a.rec.idleW || a.i - b.i);
  let cpuDemand = 0;
  let memDemand = 0;
  for (const h of load.hosts) {
    cpuDemand += h.cpuMHz;
    memDemand += h.memMiB;
  }
  const minHosts = cl.settings.ha.enabled ? 2 : 1;
  if (hosts.length - 1 < minHosts) return result(null, `HA needs at least ${minHosts} powered-on hosts`);
  for (const cand of order) {
    let cpuCap = 0;
    let memCap = 0;
    for (const h of load.hosts) {
      if (h.id === cand.h.id) continue;
      cpuCap += h.cpuCapMHz;
      memCap += h.memCapMiB;
    }
    if (cpuDemand > DPM_TARGET * cpuCap || memDemand > DPM_TARGET * memCap) continue;
    if (!evacuable(w, new LoadBook(w as World), cand.h.id)) continue;
    if (cl.settings.ha.enabled) {
      const ha = failoverCapacity(w, new LoadBook(w as World), clusterId, { downHostIds: new Set([cand.h.id]) });
      if (ha.enforced && !ha.satisfied) continue;
    }
    const reason = `DPM: every host is below ${(DPM_LOW * 100).toFixed(0)} %; the other ${hosts.length - 1} host(s) carry CPU ${((cpuDemand / cpuCap) * 100).toFixed(0)} % / memory ${((memDemand / memCap) * 100).toFixed(0)} % (target ${(DPM_TARGET * 100).toFixed(0)} %)`;
    return result({ hostId: cand.h.id, enter: true, reason: `${reason}: ${cand.h.name} to standby` }, `${cand.h.name} to standby`);
  }
  return result(null, 'no host can go to standby without breaking the target, a rule, a reservation or HA');
}

/** Every powered-on VM of the host passes the filter chain somewhere else (placed one after another). */
function evacuable(w: Readonly<World>, book: LoadBook, hostId: string): boolean {
  const extra = new Map<string, { cpu: number; mem: number }>();
  for (const vm of w.vms) {
    if (vm.hostId !== hostId || vm.power !== 'poweredOn' || vm.haPending) continue;
    if (vm.busyTaskId !== null) return false;
    const req = requestForVm(w, vm, 'evacuate', [hostId]);
    const d = spreadPlacement({ world: w, book }, req, 'dpm-check', extra);
    if (d.hostId === null) return false;
    book.add(d.hostId, req.guest, vm.serviceId);
    const e = extra.get(d.hostId) ?? { cpu: 0, mem: 0 };
    e.cpu += vm.cpuDemandMHz;
    e.mem += vmMemDemandMiB(vm);
    extra.set(d.hostId, e);
  }
  return true;
}
