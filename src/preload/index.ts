/**
 * The sandboxed preload: exposes `window.vdc` (VdcBridge) with one named function per API method, a push
 * listener registration, notify and the platform. No ipcRenderer, event object or Node API reaches the page.
 * Imports only the import-free shared lists and types, so electron-vite bundles it into one CommonJS file
 * whose only require() is 'electron'.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_FILE_CHANNEL,
  IPC_INVOKE_PREFIX,
  IPC_LOCALE_CHANNEL,
  IPC_NOTIFY_CHANNEL,
  IPC_PUSH_CHANNEL,
  type FileChoice,
  type VdcBridge,
} from '../shared/bridge';
import { METHOD_NAMES, PUSH_NAMES, type MethodName, type PushName } from '../shared/methods';

type CallResult = Awaited<ReturnType<VdcBridge['methods'][MethodName]>>;

function invoke(method: MethodName, params: unknown): Promise<CallResult> {
  return (ipcRenderer.invoke(`${IPC_INVOKE_PREFIX}${method}`, params) as Promise<CallResult>).catch(
    (error: unknown): CallResult => ({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `The request ${method} could not reach the VDC Studio main process (${String(error)}). Restart VDC Studio if this persists.`,
      },
    }),
  );
}

const methods = Object.freeze(
  Object.fromEntries(METHOD_NAMES.map((method) => [method, (params: unknown) => invoke(method, params)])),
) as VdcBridge['methods'];

const pushNames: ReadonlySet<string> = new Set(PUSH_NAMES);

const bridge: VdcBridge = {
  methods,
  onPush(listener) {
    const handler = (_event: IpcRendererEvent, name: unknown, data: unknown): void => {
      if (typeof name === 'string' && pushNames.has(name)) listener(name as PushName, data);
    };
    ipcRenderer.on(IPC_PUSH_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_PUSH_CHANNEL, handler);
    };
  },
  notify(title, body) {
    ipcRenderer.send(IPC_NOTIFY_CHANNEL, String(title), String(body));
  },
  platform: process.platform,
  chooseFile(request) {
    const req = { purpose: String(request?.purpose), suggestedName: String(request?.suggestedName ?? '') };
    return (ipcRenderer.invoke(IPC_FILE_CHANNEL, req) as Promise<FileChoice | null>).catch(() => null);
  },
  setLocale(locale) {
    ipcRenderer.send(IPC_LOCALE_CHANNEL, String(locale));
  },
};

contextBridge.exposeInMainWorld('vdc', bridge);
