/**
 * What the desktop shell needs from the application service (src/main/service). The shell's files are
 * written against this structural type; src/main/index.ts hands them the real VdcService.
 */
import type { ApiError, ApiResult } from '../../shared/errors';
import type { PushName } from '../../shared/methods';
import type { GrantPurpose } from '../../shared/files';

export interface ShellClient {
  readonly id: string;
  push(name: PushName, data: unknown): void;
}

export interface ShellService {
  /** Registers a client for push events; returns the function that disconnects it. */
  connect(client: ShellClient): () => void;
  /** Validates method and params; answers an ApiResult and never throws. */
  call(clientId: string, method: string, params: unknown): Promise<ApiResult<unknown>>;
  dispose(): Promise<void>;
  /** A one-use grant for a path the user chose in a native dialog (or named on the command line). */
  grantFile(request: { path: string; purpose: GrantPurpose; overwrite?: boolean }): Promise<string>;
  /** After dispose(): the service could not be stopped (stuck in native code); the process must be killed. */
  readonly stuck?: boolean;
  /** Why the requested or last workspace could not be opened at start (the shell shows it once). */
  readonly startupError?: ApiError | null;
}
