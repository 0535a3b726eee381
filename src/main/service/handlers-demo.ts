/** Handlers of the demo and training methods (see src/shared/contract-demo.ts). */
import type { VdcService } from './vdc-service';

export function makeDemoHandlers(_svc: VdcService) {
  return {};
}
