/** Messages between a shell's thread and the service worker thread. */
import type { ApiError, ApiResult } from '../../../shared/errors';
import type { PushName } from '../../../shared/methods';
import type { ServiceOptions } from '../vdc-service';

export type ToWorker =
  | { type: 'start'; options: ServiceOptions }
  | { type: 'call'; id: number; clientId: string; method: string; params: unknown }
  | { type: 'connect'; clientId: string }
  | { type: 'disconnect'; clientId: string }
  | { type: 'dispose' };

export type FromWorker =
  | { type: 'started'; startupError: ApiError | null }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'push'; clientId: string; name: PushName; data: unknown }
  | { type: 'disposed' }
  | { type: 'fatal'; message: string };
