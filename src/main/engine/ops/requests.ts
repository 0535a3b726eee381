/** Builds placement requests for existing guests and runs a placement round. */
import {
  placeGuest,
  type PlacementDecision,
  type PlacementReason,
  type PlacementRequest,
} from '../scheduling';
import { LoadBook, vmDemand } from '../world/admission';
import type { VmRec } from '../world/types';
import type { World } from '../world/world';

export function vmRequest(
  w: World,
  vm: VmRec,
  reason: PlacementReason,
  excludeHostIds: string[],
): PlacementRequest {
  return {
    guest: vmDemand(vm),
    cpuDemandMHz:
      vm.cpuDemandMHz > 0
        ? vm.cpuDemandMHz
        : (vm.vcpus * (w.hostById.get(vm.hostId)?.coreMHz ?? 2000) * vm.workload.cpuBasePct) / 100,
    guestId: vm.id,
    datastoreIds: [...new Set(vm.disks.map((d) => d.datastoreId))],
    networkId: vm.networkId,
    clusterId: w.hostById.get(vm.hostId)?.clusterId ?? null,
    excludeHostIds,
    antiAffinityServiceId:
      vm.serviceId !== null && w.serviceById.get(vm.serviceId)?.antiAffinity ? vm.serviceId : null,
    reason,
  };
}

export function place(w: World, book: LoadBook, req: PlacementRequest): PlacementDecision {
  const decision = placeGuest({ world: w, book }, req);
  // The engine re-checks admission: a policy cannot break a reservation.
  if (decision.hostId !== null) {
    const host = w.hostById.get(decision.hostId);
    if (!host || book.admit(host, req.guest).length > 0) return { ...decision, hostId: null };
  }
  return decision;
}

export function freshBook(w: World): LoadBook {
  return new LoadBook(w);
}
