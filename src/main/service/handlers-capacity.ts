/** Handlers of the capacity-planning methods (see src/shared/contract-capacity.ts). */
import type { VdcService } from './vdc-service';

export function makeCapacityHandlers(_svc: VdcService) {
  return {};
}
