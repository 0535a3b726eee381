/** Messages between a shell's thread and the service worker thread. */
import type { ApiError, ApiResult } from '../../../shared/errors';
import type { PushName } from '../../../shared/methods';
import type { ServiceOptions } from '../vdc-service';
import type { GrantRequest } from '../files/grants';
import type { DownloadFile } from '../files/downloads';

export type ToWorker =
  | { type: 'start'; options: ServiceOptions }
  | { type: 'call'; id: number; clientId: string; method: string; params: unknown }
  | { type: 'connect'; clientId: string }
  | { type: 'disconnect'; clientId: string }
  | { type: 'grant'; id: number; request: GrantRequest }
  | { type: 'takeDownload'; id: number; downloadId: string }
  | { type: 'dispose' };

export type FromWorker =
  | { type: 'started'; startupError: ApiError | null }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'granted'; id: number; grant: string | null; error?: string }
  | { type: 'download'; id: number; download: DownloadFile | null }
  | { type: 'push'; clientId: string; name: PushName; data: unknown }
  | { type: 'disposed' }
  | { type: 'fatal'; message: string };
