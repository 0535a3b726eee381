/**
 * Where a new container runs. Inside the cluster's container-host VMs when there are any (like
 * Kubernetes nodes that are VMs): the powered-on one with the lowest requested share whose
 * allocatable (vCPUs × 1000 m, 90 % of memory) still fits the requests; otherwise directly on a host
 * chosen by the placement policy. Anti-affinity compares physical hosts.
 */
import { LoadBook } from '../world/admission';
import type { World } from '../world/world';
import { place } from './requests';

export type ContainerTarget = { hostId: string } | { vmId: string };

export interface ContainerNeed {
  cpuRequestMilli: number;
  memRequestMiB: number;
  clusterId: string;
  antiAffinityServiceId: string | null;
}

export function vmRequests(w: World, vmId: string): { milli: number; mib: number } {
  let milli = 0;
  let mib = 0;
  for (const c of w.containers) {
    if (c.vmId !== vmId || c.state === 'stopped') continue;
    milli += c.cpuRequestMilli;
    mib += c.memRequestMiB;
  }
  return { milli, mib };
}

export function hostsWithService(w: World, serviceId: string): Set<string> {
  const out = new Set<string>();
  for (const c of w.containers) {
    if (c.serviceId !== serviceId || c.state === 'stopped') continue;
    const hostId = c.hostId ?? w.vmById.get(c.vmId ?? '')?.hostId;
    if (hostId) out.add(hostId);
  }
  for (const v of w.vms) if (v.serviceId === serviceId) out.add(v.hostId);
  return out;
}

export function chooseContainerTarget(
  w: World,
  need: ContainerNeed,
  book: LoadBook,
): { target: ContainerTarget | null; why: string } {
  const avoid =
    need.antiAffinityServiceId !== null ? hostsWithService(w, need.antiAffinityServiceId) : new Set<string>();
  const nodes = w.vms.filter(
    (v) =>
      v.containerHost &&
      v.power === 'poweredOn' &&
      !v.haPending &&
      w.hostById.get(v.hostId)?.clusterId === need.clusterId,
  );
  if (nodes.length > 0) {
    let best: { vmId: string; ratio: number } | null = null;
    for (const vm of nodes) {
      if (avoid.has(vm.hostId)) continue;
      const r = vmRequests(w, vm.id);
      const cpuCap = vm.vcpus * 1000;
      const memCap = vm.memMiB * 0.9;
      if (r.milli + need.cpuRequestMilli > cpuCap || r.mib + need.memRequestMiB > memCap) continue;
      const ratio = Math.max(
        (r.milli + need.cpuRequestMilli) / cpuCap,
        (r.mib + need.memRequestMiB) / memCap,
      );
      if (!best || ratio < best.ratio - 1e-12) best = { vmId: vm.id, ratio };
    }
    if (best) return { target: { vmId: best.vmId }, why: '' };
    return {
      target: null,
      why: `no container-host VM in the cluster has room for ${need.cpuRequestMilli} m / ${need.memRequestMiB} MiB${avoid.size ? ' on a host without another replica' : ''}`,
    };
  }
  const d = place(w, book, {
    guest: {
      vcpus: Math.max(1, Math.ceil(need.cpuRequestMilli / 1000)),
      memMiB: need.memRequestMiB,
      cpuReservationMHz: 0,
      memReservationMiB: need.memRequestMiB,
      requestMilli: need.cpuRequestMilli,
      isContainer: true,
    },
    cpuDemandMHz: 0,
    guestId: null,
    datastoreIds: [],
    networkId: null,
    clusterId: need.clusterId,
    excludeHostIds: [...avoid],
    antiAffinityServiceId: need.antiAffinityServiceId,
    reason: 'service',
  });
  if (d.hostId === null) {
    const first = d.verdicts.find((v) => !v.eligible);
    return {
      target: null,
      why: first
        ? `no host admits it (${first.hostName}: ${first.reasons[0] ?? ''})`
        : 'the cluster has no hosts',
    };
  }
  return { target: { hostId: d.hostId }, why: '' };
}
