/** Placement requests for guests that already exist (balancing, evacuation, HA restarts). */
import { vmDemand } from '../world/admission';
import type { VmRec } from '../world/types';
import type { World } from '../world/world';
import type { SchedRequest } from './explain';
import type { PlacementReason } from './types';

export function requestForVm(
  w: Readonly<World>,
  vm: VmRec,
  reason: PlacementReason,
  excludeHostIds: string[],
): SchedRequest {
  const service = vm.serviceId !== null ? w.serviceById.get(vm.serviceId) : undefined;
  return {
    guest: vmDemand(vm),
    cpuDemandMHz: vm.cpuDemandMHz,
    guestId: vm.id,
    datastoreIds: [...new Set(vm.disks.map((d) => d.datastoreId))],
    networkId: vm.networkId,
    clusterId: w.hostById.get(vm.hostId)?.clusterId ?? null,
    excludeHostIds,
    antiAffinityServiceId: service?.antiAffinity ? service.id : null,
    reason,
  };
}
