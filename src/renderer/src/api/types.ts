/** Types of the console's api module: typed calls and pushes over whichever transport the shell offers. */
import type { ApiResult } from '@shared/errors';
import type { MethodName, PushName } from '@shared/methods';
import type { FileChoice, FileDialogRequest } from '@shared/bridge';
import type { DownloadRef } from '@shared/files';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export type PushListener = (name: PushName, data: unknown) => void;

/** One way of reaching the backend: Electron IPC through the preload bridge, or a WebSocket. */
export interface Transport {
  readonly kind: 'electron' | 'web';
  /** Answers an ApiResult; never rejects. */
  call(method: MethodName, params: unknown): Promise<ApiResult<unknown>>;
  /** Registers the single push sink of the api module. */
  onPush(listener: PushListener): () => void;
  /** Called with every status change (and once with the current status). */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** Desktop notification where the shell has one. */
  notify(title: string, body: string): void;
  /** Desktop: a native dialog in the main process answering a one-use grant (null: cancelled). */
  chooseFile?(request: FileDialogRequest): Promise<FileChoice | null>;
  /** Browser: where to fetch a prepared download (with the page's token). */
  downloadUrl?(ref: DownloadRef): string;
  /** Tells the shell the console's language (desktop menus and dialogs follow it). */
  setLocale?(locale: string): void;
}

export const LOST_CONNECTION_MESSAGE = 'Lost connection to the VDC Studio backend';
