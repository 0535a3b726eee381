/**
 * vSphere HA admission control [V7]: keep enough spare capacity that the cluster's powered-on VMs can be
 * restarted after host failures. Three policies:
 *  - percentage: usable = Σ capacity × (1 − reserved %); current failover capacity % = (capacity −
 *    reserved by powered-on VMs) / capacity. A VM without a CPU reservation counts 32 MHz (the vSphere
 *    default; the older API docs say 256 MHz), memory counts its reservation plus overhead.
 *  - slots: slot = largest CPU reservation (≥ 32 MHz) × largest memory reservation + overhead; each host
 *    holds min(⌊CPU/slot CPU⌋, ⌊memory/slot memory⌋) slots; the failover level is the number of hosts that
 *    can fail (largest first) while the remaining slots still cover every powered-on VM. Power-ons that
 *    would drop it below "host failures to tolerate" are refused.
 *  - failoverHosts: dedicated failover hosts accept no power-on (only HA restarts).
 * Admission control never blocks an HA restart itself (vSphere behaviour): only power-ons and placements
 * of new guests. The capacity report is what the console shows as "current failover capacity".
 */
import type { HaAdmissionPolicy } from '../../model/scenario';
import type { GuestDemand, LoadBook } from '../../world/admission';
import { vmOverheadMiB } from '../../world/defaults';
import type { ClusterRec, HostRec } from '../../world/types';
import type { World } from '../../world/world';
import { hostCpuCapMHz, hostMemCapMiB } from '../capacity';
import { msg, msgText, type Msg } from '../../messages';

/** CPU counted for a powered-on VM without a reservation, MHz [V7]. */
export const HA_DEFAULT_CPU_MHZ = 32;

export interface FailoverCapacity {
  clusterId: string;
  policy: HaAdmissionPolicy;
  /** HA on and admission control not disabled. */
  enforced: boolean;
  connectedHosts: number;
  cpuCapacityMHz: number;
  memCapacityMiB: number;
  cpuReservedMHz: number;
  memReservedMiB: number;
  /** Current failover capacity, % of cluster capacity still free (percentage policy view). */
  cpuFailoverPct: number;
  memFailoverPct: number;
  cpuReservePct: number;
  memReservePct: number;
  slotCpuMHz: number;
  slotMemMiB: number;
  totalSlots: number;
  usedSlots: number;
  /** Hosts that can fail while the remaining slots cover every powered-on VM. */
  failoverLevel: number;
  failuresToTolerate: number;
  failoverHostIds: string[];
  /** Dedicated failover hosts that are connected. */
  failoverHostsReady: number;
  satisfied: boolean;
  summary: string;
  /** The summary as a message code (the console's languages). */
  summaryMsg: Msg;
}

/** Host failures to tolerate: `settings.ha.failuresToTolerate` when the settings carry it, else 1. */
export function failuresToTolerate(cl: ClusterRec): number {
  const v: unknown = cl.settings.ha.failuresToTolerate;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 1;
}

interface Extra {
  /** A guest about to be powered on. */
  guest?: GuestDemand;
  /** Hosts to treat as unavailable (e.g. a host DPM considers putting in standby). */
  downHostIds?: ReadonlySet<string>;
  /** Compute the slot figures even when the policy is not "slots" (for display). */
  withSlots?: boolean;
}

/** The admission-control view of a cluster; `extra` adds a guest about to be powered on. */
export function failoverCapacity(
  w: Readonly<World>,
  book: LoadBook,
  clusterId: string,
  extra?: Extra,
): FailoverCapacity {
  const cl = w.clusterById.get(clusterId);
  const ha = cl?.settings.ha;
  const policy: HaAdmissionPolicy = ha?.admission ?? 'disabled';
  const failoverIds = policy === 'failoverHosts' ? (ha?.failoverHostIds ?? []) : [];
  const ftt = cl ? failuresToTolerate(cl) : 1;
  let cpuCap = 0;
  let memCap = 0;
  let cpuRes = 0;
  let memRes = 0;
  let running = 0;
  let connected = 0;
  let failoverReady = 0;
  const hosts: HostRec[] = [];
  for (const h of w.hosts) {
    if (h.clusterId !== clusterId) continue;
    const l = book.load(h.id);
    cpuRes += l.reservedCpuMHz + HA_DEFAULT_CPU_MHZ * l.runningVms;
    memRes += l.reservedMemMiB;
    running += l.runningVms;
    if (h.state !== 'connected' || extra?.downHostIds?.has(h.id)) continue;
    connected++;
    if (failoverIds.includes(h.id)) failoverReady++;
    hosts.push(h);
    cpuCap += hostCpuCapMHz(h);
    memCap += hostMemCapMiB(h);
  }
  const g = extra?.guest;
  if (g && !g.isContainer) {
    cpuRes += Math.max(0, g.cpuReservationMHz) + HA_DEFAULT_CPU_MHZ;
    memRes += g.memReservationMiB + vmOverheadMiB(g.memMiB, g.vcpus);
    running++;
  }
  const cpuPct = cpuCap > 0 ? ((cpuCap - cpuRes) / cpuCap) * 100 : 0;
  const memPct = memCap > 0 ? ((memCap - memRes) / memCap) * 100 : 0;
  // Slots: computed for the slot policy, or when asked for the report (`withSlots`).
  let slotCpu = HA_DEFAULT_CPU_MHZ;
  let slotMem = 0;
  const wantSlots = policy === 'slots' || extra?.withSlots === true;
  for (const vm of wantSlots ? w.vms : []) {
    if (vm.power !== 'poweredOn' || vm.haPending) continue;
    const h = w.hostById.get(vm.hostId);
    if (!h || h.clusterId !== clusterId) continue;
    if (vm.cpuResMHz > slotCpu) slotCpu = vm.cpuResMHz;
    const m = vm.memResMiB + vmOverheadMiB(vm.memMiB, vm.vcpus);
    if (m > slotMem) slotMem = m;
  }
  if (g && !g.isContainer) {
    slotCpu = Math.max(slotCpu, g.cpuReservationMHz);
    slotMem = Math.max(slotMem, g.memReservationMiB + vmOverheadMiB(g.memMiB, g.vcpus));
  }
  if (slotMem <= 0) slotMem = 1;
  const perHost = (wantSlots ? hosts : []).map((h) =>
    Math.min(Math.floor(hostCpuCapMHz(h) / slotCpu), Math.floor(hostMemCapMiB(h) / slotMem)),
  );
  const total = perHost.reduce((a, b) => a + b, 0);
  const level = failoverLevel(perHost, running);
  const reservePctCpu = ha?.cpuReservePct ?? 0;
  const reservePctMem = ha?.memReservePct ?? 0;
  const enforced = ha?.enabled === true && policy !== 'disabled';
  let satisfied = true;
  let summaryMsg: Msg;
  switch (policy) {
    case 'disabled':
      summaryMsg = msg('ha.admissionDisabled');
      break;
    case 'percentage':
      satisfied = cpuPct + 1e-9 >= reservePctCpu && memPct + 1e-9 >= reservePctMem;
      summaryMsg = msg('ha.percentage', {
        cpu: cpuPct.toFixed(0),
        cpuReserved: reservePctCpu,
        mem: memPct.toFixed(0),
        memReserved: reservePctMem,
      });
      break;
    case 'slots':
      satisfied = level >= ftt;
      summaryMsg = msg('ha.slots', {
        slotCpu: msg('unit.MHz', { v: slotCpu }),
        slotMem: msg('unit.MiB', { v: Math.ceil(slotMem) }),
        total,
        used: running,
        level,
        ftt,
      });
      break;
    case 'failoverHosts':
      satisfied = failoverReady > 0;
      summaryMsg = msg('ha.failoverHosts', { ready: failoverReady, count: failoverIds.length });
      break;
    default: {
      const never: never = policy;
      summaryMsg = msg('ha.admissionDisabled', { policy: String(never) });
    }
  }
  if (!enforced) summaryMsg = msg(ha?.enabled ? 'ha.admissionOff' : 'ha.off', { summary: summaryMsg });
  const summary = msgText(summaryMsg);
  return {
    clusterId,
    policy,
    enforced,
    connectedHosts: connected,
    cpuCapacityMHz: cpuCap,
    memCapacityMiB: memCap,
    cpuReservedMHz: cpuRes,
    memReservedMiB: memRes,
    cpuFailoverPct: cpuPct,
    memFailoverPct: memPct,
    cpuReservePct: reservePctCpu,
    memReservePct: reservePctMem,
    slotCpuMHz: slotCpu,
    slotMemMiB: slotMem,
    totalSlots: total,
    usedSlots: running,
    failoverLevel: level,
    failuresToTolerate: ftt,
    failoverHostIds: [...failoverIds],
    failoverHostsReady: failoverReady,
    satisfied,
    summary,
    summaryMsg,
  };
}

/** Largest k such that the slots left after the k biggest hosts fail still cover `needed`. */
export function failoverLevel(slotsPerHost: readonly number[], needed: number): number {
  const sorted = [...slotsPerHost].sort((a, b) => b - a);
  let left = sorted.reduce((a, b) => a + b, 0);
  if (left < needed) return 0;
  let k = 0;
  for (let i = 0; i < sorted.length - 1; i++) {
    left -= sorted[i]!;
    if (left < needed) break;
    k++;
  }
  return k;
}

/** Reasons HA admission control refuses powering on `guest` on `host` (empty = admitted). */
export function haAdmissionProblems(
  w: Readonly<World>,
  book: LoadBook,
  host: HostRec,
  guest: GuestDemand,
): Msg[] {
  if (guest.isContainer) return [];
  const cl = w.clusterById.get(host.clusterId);
  if (!cl || !cl.settings.ha.enabled) return [];
  const policy = cl.settings.ha.admission;
  if (policy === 'disabled') return [];
  if (policy === 'failoverHosts') {
    return cl.settings.ha.failoverHostIds.includes(host.id)
      ? [msg('haAdmit.failoverHost', { host: host.name })]
      : [];
  }
  const after = failoverCapacity(w, book, cl.id, { guest });
  if (after.satisfied) return [];
  if (policy === 'percentage') {
    return [
      msg('haAdmit.percentage', {
        cpu: after.cpuFailoverPct.toFixed(0),
        mem: after.memFailoverPct.toFixed(0),
        cluster: cl.name,
        cpuReserved: after.cpuReservePct,
        memReserved: after.memReservePct,
      }),
    ];
  }
  return [
    msg('haAdmit.slots', {
      cluster: cl.name,
      level: after.failoverLevel,
      ftt: after.failuresToTolerate,
      total: after.totalSlots,
      slotCpu: msg('unit.MHz', { v: after.slotCpuMHz }),
      slotMem: msg('unit.MiB', { v: Math.ceil(after.slotMemMiB) }),
      used: after.usedSlots,
    }),
  ];
}
