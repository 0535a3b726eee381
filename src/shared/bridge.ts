/**
 * What the Electron preload exposes on `window.vdc`: one named function per API method and one
 * listener registration for push events. No raw ipcRenderer ever reaches the page.
 * The renderer gets these types from here (type-only), never by importing preload code.
 */
import type { ApiResult } from './errors';
import type { MethodName, PushName } from './methods';

export interface VdcBridge {
  /** e.g. `window.vdc.methods['clock.play']({})`. Each answers an ApiResult, never throws. */
  methods: { readonly [M in MethodName]: (params: unknown) => Promise<ApiResult<unknown>> };
  /** Registers a listener for push events; returns a function that removes it. */
  onPush(listener: (name: PushName, data: unknown) => void): () => void;
  /** Desktop notification through the main process (alarms). */
  notify(title: string, body: string): void;
  readonly platform: string;
}

/** IPC channel names used between preload and main. */
export const IPC_INVOKE_PREFIX = 'vdc:call:';
export const IPC_PUSH_CHANNEL = 'vdc:push';
export const IPC_NOTIFY_CHANNEL = 'vdc:notify';
