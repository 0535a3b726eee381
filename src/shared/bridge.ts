/**
 * What the Electron preload exposes on `window.vdc`: one named function per API method and one
 * listener registration for push events. No raw ipcRenderer ever reaches the page.
 * The renderer gets these types from here (type-only), never by importing preload code.
 */
import type { ApiResult } from './errors';
import type { MethodName, PushName } from './methods';
import type { GrantPurpose } from './files';

/** What the console asks the desktop shell's native file dialog for (the shell picks the dialog by purpose). */
export interface FileDialogRequest {
  purpose: GrantPurpose;
  /** A file name to propose (no folders; the shell keeps only the name). */
  suggestedName?: string;
}
/** The user's choice: an opaque one-use grant for the API method, and the chosen file's name for messages. */
export interface FileChoice {
  grant: string;
  name: string;
}

export interface VdcBridge {
  /** e.g. `window.vdc.methods['clock.play']({})`. Each answers an ApiResult, never throws. */
  methods: { readonly [M in MethodName]: (params: unknown) => Promise<ApiResult<unknown>> };
  /** Registers a listener for push events; returns a function that removes it. */
  onPush(listener: (name: PushName, data: unknown) => void): () => void;
  /** Desktop notification through the main process (alarms). */
  notify(title: string, body: string): void;
  readonly platform: string;
  /**
   * Shows a native save/open dialog in the main process and answers a one-use grant for the chosen path
   * (the page never sees or sends a path to write), or null when the user cancelled.
   */
  chooseFile(request: FileDialogRequest): Promise<FileChoice | null>;
  /** Tells the shell the console's language, so native menus and dialogs follow it. */
  setLocale(locale: string): void;
}

/** IPC channel names used between preload and main. */
export const IPC_INVOKE_PREFIX = 'vdc:call:';
export const IPC_PUSH_CHANNEL = 'vdc:push';
export const IPC_NOTIFY_CHANNEL = 'vdc:notify';
export const IPC_FILE_CHANNEL = 'vdc:file';
export const IPC_LOCALE_CHANNEL = 'vdc:locale';
