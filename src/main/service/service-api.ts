import type { ApiResult } from '../../shared/errors';
import type { ServiceClient } from './push-hub';

/** What every shell needs from the service. */
export interface VdcServiceApi {
  connect(client: ServiceClient): () => void;
  call(clientId: string, method: string, params: unknown): Promise<ApiResult<unknown>>;
  dispose(): Promise<void>;
}
