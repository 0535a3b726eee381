/** Resource pools and vApps (issue 20): the pool trees of the open simulation (src/shared/contract-pools.ts). */
import type { ApiResult } from '../../shared/errors';
import type { HandlersOf } from './handlers';
import { fromEngine } from './errors';
import type { VdcService } from './vdc-service';

export function makePoolHandlers(svc: VdcService): HandlersOf<'pools.list'> {
  const withSession = <T>(fn: (s: NonNullable<VdcService['session']>) => ApiResult<T>): ApiResult<T> => {
    const s = svc.requireSession();
    return s.ok ? fn(s.value) : s;
  };
  return {
    'pools.list': (_c, p) => withSession((s) => fromEngine(s.engine.pools(p.clusterId))),
  };
}
