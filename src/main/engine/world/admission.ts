/**
 * Admission: the hard rules that keep every reservation honourable. A host admits a guest only when
 * the reservations (plus virtualisation overhead) of everything running or arriving there still fit
 * its capacity, the guest fits the host's size, the host is connected, and the cluster's allocation
 * ratios (Nova-style overcommit ceilings [O2]) are not exceeded. Placement policies choose among the
 * hosts that pass. Powered-off VMs reserve nothing, except while a create/clone or power-on task that
 * ends by powering them on is under way; a migrating VM reserves on both hosts.
 */
import { hypervisorMemMiB, vmOverheadMiB } from './defaults';
import type { ContainerRec, HostRec, VmRec } from './types';
import type { World } from './world';
import { msg, type Msg } from '../messages';

export interface HostLoad {
  reservedCpuMHz: number;
  /** Reserved memory plus overhead of running VMs, plus container requests. */
  reservedMemMiB: number;
  vcpus: number;
  memMiB: number;
  /** Container requests (Kubernetes scheduling counts these). */
  requestMilli: number;
  runningVms: number;
  /** Guests (VMs and containers) by service, for anti-affinity. */
  services: Set<string>;
}

/** What admission needs to know about a guest. */
export interface GuestDemand {
  vcpus: number;
  memMiB: number;
  cpuReservationMHz: number;
  memReservationMiB: number;
  /** For containers: the CPU request; VMs use 0. */
  requestMilli: number;
  isContainer: boolean;
}

export function vmDemand(vm: VmRec): GuestDemand {
  return {
    vcpus: vm.vcpus,
    memMiB: vm.memMiB,
    cpuReservationMHz: vm.cpuResMHz,
    memReservationMiB: vm.memResMiB,
    requestMilli: 0,
    isContainer: false,
  };
}

/** Whether the VM's running task ends by powering it on. */
function powersOn(w: World, taskId: string): boolean {
  const t = w.taskById.get(taskId);
  if (!t || t.state === 'success' || t.state === 'error' || t.state === 'cancelled' || t.op.kind !== 'timed')
    return false;
  const e = t.op.effect;
  return (e.kind === 'vm.ready' && e.powerOn) || e.kind === 'vm.powerOn';
}

function emptyLoad(): HostLoad {
  return {
    reservedCpuMHz: 0,
    reservedMemMiB: 0,
    vcpus: 0,
    memMiB: 0,
    requestMilli: 0,
    runningVms: 0,
    services: new Set(),
  };
}

/**
 * The guests of one cluster (VMs on its hosts; containers on its hosts or inside those VMs), gathered once
 * per scheduling round so a per-cluster pass does not scan the whole world.
 */
export interface GuestScope {
  hosts: readonly HostRec[];
  vms: readonly VmRec[];
  containers: readonly ContainerRec[];
}

/** Scopes of every cluster, in one pass over the world. */
export function clusterScopes(w: World): Map<string, GuestScope> {
  const out = new Map<string, { hosts: HostRec[]; vms: VmRec[]; containers: ContainerRec[] }>();
  for (const c of w.clusters) out.set(c.id, { hosts: [], vms: [], containers: [] });
  for (const h of w.hosts) out.get(h.clusterId)?.hosts.push(h);
  for (const vm of w.vms) {
    const h = w.hostById.get(vm.hostId);
    if (h) out.get(h.clusterId)?.vms.push(vm);
  }
  for (const ct of w.containers) {
    const hostId = ct.hostId ?? w.vmById.get(ct.vmId ?? '')?.hostId;
    const h = hostId !== undefined ? w.hostById.get(hostId) : undefined;
    if (h) out.get(h.clusterId)?.containers.push(ct);
  }
  return out;
}

export class LoadBook {
  readonly loads = new Map<string, HostLoad>();

  /**
   * `scope`: only these hosts and guests (a per-cluster book: loads of hosts outside it read as empty, so
   * use it only for decisions about the scope's hosts). A VM migrating into the scope from outside is not
   * counted on its destination; scheduling rounds re-check every move with a full book before it starts.
   */
  constructor(
    private readonly w: World,
    scope?: GuestScope,
  ) {
    for (const h of scope?.hosts ?? w.hosts) this.loads.set(h.id, emptyLoad());
    for (const vm of scope?.vms ?? w.vms) {
      if (vm.power !== 'poweredOn') {
        // A create/clone or power-on still in progress reserves already, so a batch of creates spreads.
        if (vm.busyTaskId !== null && powersOn(w, vm.busyTaskId)) this.addVm(vm.hostId, vm);
        continue;
      }
      if (vm.haPending) continue;
      this.addVm(vm.hostId, vm);
      if (vm.migratingTo) this.addVm(vm.migratingTo, vm);
    }
    const containers = scope?.containers ?? w.containers;
    for (const ct of containers) {
      if (ct.state === 'stopped') continue;
      const hostId = ct.hostId;
      if (hostId === null) continue;
      const l = this.loads.get(hostId);
      if (!l) continue;
      l.requestMilli += ct.cpuRequestMilli;
      l.reservedMemMiB += ct.memRequestMiB;
      if (ct.serviceId) l.services.add(ct.serviceId);
    }
    for (const ct of containers) {
      if (ct.vmId === null || !ct.serviceId) continue;
      const vm = w.vmById.get(ct.vmId);
      if (vm) this.loads.get(vm.hostId)?.services.add(ct.serviceId);
    }
  }

  private addVm(hostId: string, vm: VmRec): void {
    const l = this.loads.get(hostId);
    if (!l) return;
    l.reservedCpuMHz += vm.cpuResMHz;
    l.reservedMemMiB += vm.memResMiB + vmOverheadMiB(vm.memMiB, vm.vcpus);
    l.vcpus += vm.vcpus;
    l.memMiB += vm.memMiB;
    l.runningVms++;
    if (vm.serviceId) l.services.add(vm.serviceId);
  }

  /** Records a guest placed on a host by this decision round. */
  add(hostId: string, g: GuestDemand, serviceId: string | null): void {
    const l = this.loads.get(hostId);
    if (!l) return;
    l.reservedCpuMHz += g.cpuReservationMHz;
    l.reservedMemMiB += g.isContainer
      ? g.memReservationMiB
      : g.memReservationMiB + vmOverheadMiB(g.memMiB, g.vcpus);
    l.requestMilli += g.requestMilli;
    l.vcpus += g.vcpus;
    l.memMiB += g.isContainer ? 0 : g.memMiB;
    if (!g.isContainer) l.runningVms++;
    if (serviceId) l.services.add(serviceId);
  }

  load(hostId: string): HostLoad {
    return this.loads.get(hostId) ?? emptyLoad();
  }

  /** Reasons the host cannot admit the guest (message codes; msgText gives the English); empty = admitted. */
  admit(host: HostRec, g: GuestDemand): Msg[] {
    const reasons: Msg[] = [];
    if (host.state !== 'connected')
      reasons.push(msg('admit.hostState', { state: msg(`hostState.${host.state}` as const) }));
    const cores = host.sockets * host.coresPerSocket;
    const cpuCap = cores * host.coreMHz;
    const memCap = host.memMiB - hypervisorMemMiB(host.memMiB);
    if (g.vcpus > cores) reasons.push(msg('admit.vcpus', { vcpus: g.vcpus, cores }));
    if (g.memMiB > memCap)
      reasons.push(
        msg('admit.mem', {
          mem: msg('unit.MiB', { v: g.memMiB }),
          cap: msg('unit.MiB', { v: Math.floor(memCap) }),
        }),
      );
    const l = this.load(host.id);
    const needCpu =
      l.reservedCpuMHz +
      g.cpuReservationMHz +
      (g.requestMilli / 1000) * host.coreMHz +
      (l.requestMilli / 1000) * host.coreMHz;
    if (needCpu > cpuCap + 1e-6)
      reasons.push(
        msg('admit.cpuRes', {
          need: msg('unitBare.MHz', { v: Math.ceil(needCpu) }),
          cap: msg('unit.MHz', { v: cpuCap }),
        }),
      );
    const overhead = g.isContainer ? 0 : vmOverheadMiB(g.memMiB, g.vcpus);
    const needMem = l.reservedMemMiB + g.memReservationMiB + overhead;
    if (needMem > memCap + 1e-6)
      reasons.push(
        msg('admit.memRes', {
          need: msg('unitBare.MiB', { v: Math.ceil(needMem) }),
          cap: msg('unit.MiB', { v: Math.floor(memCap) }),
        }),
      );
    const cl = this.w.clusterById.get(host.clusterId);
    if (
      cl &&
      cl.settings.cpuAllocationRatio > 0 &&
      l.vcpus + g.vcpus > cores * cl.settings.cpuAllocationRatio
    ) {
      reasons.push(msg('admit.vcpuRatio', { ratio: String(cl.settings.cpuAllocationRatio), cores }));
    }
    if (
      cl &&
      cl.settings.memAllocationRatio > 0 &&
      !g.isContainer &&
      l.memMiB + g.memMiB > memCap * cl.settings.memAllocationRatio
    ) {
      reasons.push(msg('admit.memRatio', { ratio: String(cl.settings.memAllocationRatio) }));
    }
    return reasons;
  }
}
