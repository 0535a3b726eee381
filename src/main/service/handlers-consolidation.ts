/**
 * Handlers of the dynamic-consolidation experiment methods (see src/shared/contract-consolidation.ts):
 * one runner per service, independent of the open workspace; progress goes out as the `consolidation` push.
 */
import type { ParsedParams } from '../../shared/contract';
import type { consolidationContract } from '../../shared/contract-consolidation';
import type { HandlersOf } from './handlers';
import { apiOk } from '../../shared/errors';
import { ConsolidationRunner } from './consolidation/runner';
import { policyInfos } from './consolidation/policies';
import type { VdcService } from './vdc-service';

export function makeConsolidationHandlers(svc: VdcService): HandlersOf<keyof typeof consolidationContract> {
  const runner = new ConsolidationRunner({
    publish: (payload) => svc.hub.broadcast('consolidation', payload),
  });
  svc.onDispose(() => runner.dispose());
  return {
    'consolidation.policies': () => apiOk(policyInfos()),
    'consolidation.start': (_c: string, p: ParsedParams<'consolidation.start'>) => runner.start(p),
    'consolidation.state': () => apiOk(runner.state()),
    'consolidation.cancel': () => apiOk(runner.cancel()),
    'consolidation.clear': () => (runner.clear(), apiOk(null)),
  };
}
