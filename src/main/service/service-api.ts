import type { ApiResult } from '../../shared/errors';
import type { ServiceClient } from './push-hub';
import type { GrantRequest } from './files/grants';
import type { DownloadFile } from './files/downloads';

/** What every shell needs from the service. */
export interface VdcServiceApi {
  connect(client: ServiceClient): () => void;
  call(clientId: string, method: string, params: unknown): Promise<ApiResult<unknown>>;
  dispose(): Promise<void>;
  /**
   * Shell-only, never reachable by a client: a one-use grant for a path the user chose in a native dialog
   * (desktop) or gave on the command line; API methods that read or write files take this id, never a path.
   */
  grantFile(req: GrantRequest): Promise<string>;
  /** Shell-only: hands a prepared download (the browser shell's GET /download/<id>) over once, or null. */
  takeDownload(id: string): Promise<DownloadFile | null>;
}
