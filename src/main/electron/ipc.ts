/**
 * The contract on Electron IPC: one ipcMain.handle per method name, each checked by ipc-guard.ts before the
 * service sees it; pushes to each console window; notifications requested by the console.
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  IPC_FILE_CHANNEL,
  IPC_INVOKE_PREFIX,
  IPC_LOCALE_CHANNEL,
  IPC_NOTIFY_CHANNEL,
  IPC_PUSH_CHANNEL,
  type FileChoice,
} from '../../shared/bridge';
import { METHOD_NAMES } from '../../shared/methods';
import { handleInvoke, rejectSender, type InvokeSender } from './ipc-guard';
import type { ShellService } from './service-port';
import { isTrustedRendererUrl, type RendererLocation } from './trusted-origin';

export function clientIdFor(contents: WebContents): string {
  return `wc-${contents.id}`;
}

function senderOf(event: IpcMainInvokeEvent | IpcMainEvent): InvokeSender {
  const frame = event.senderFrame;
  return { frameUrl: frame ? frame.url : null, isTopFrame: frame !== null && frame.parent === null };
}

/** The console's requests to the shell itself: native file dialogs (answering grants) and its language. */
export interface ShellRequests {
  chooseFile(request: unknown): Promise<FileChoice | null>;
  setLocale(locale: unknown): void;
}

/** Registers every handler; returns a function that removes them (used on quit). */
export function registerIpc(
  service: ShellService,
  location: RendererLocation,
  notify: (args: readonly unknown[]) => void,
  shell?: ShellRequests,
): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(`${IPC_INVOKE_PREFIX}${method}`, (event, params: unknown) =>
      handleInvoke(service, location, {
        clientId: clientIdFor(event.sender),
        method,
        sender: senderOf(event),
        params,
      }),
    );
  }
  const onNotify = (event: IpcMainEvent, ...args: unknown[]): void => {
    if (rejectSender(senderOf(event), location)) return;
    notify(args);
  };
  ipcMain.on(IPC_NOTIFY_CHANNEL, onNotify);
  // Same sender check as the API: only the console's own top frame may ask for a dialog or set the language.
  ipcMain.handle(IPC_FILE_CHANNEL, (event, request: unknown) =>
    rejectSender(senderOf(event), location) || !shell ? null : shell.chooseFile(request),
  );
  const onLocale = (event: IpcMainEvent, locale: unknown): void => {
    if (!rejectSender(senderOf(event), location)) shell?.setLocale(locale);
  };
  ipcMain.on(IPC_LOCALE_CHANNEL, onLocale);
  return () => {
    ipcMain.removeHandler(IPC_FILE_CHANNEL);
    ipcMain.off(IPC_LOCALE_CHANNEL, onLocale);
    for (const method of METHOD_NAMES) ipcMain.removeHandler(`${IPC_INVOKE_PREFIX}${method}`);
    ipcMain.off(IPC_NOTIFY_CHANNEL, onNotify);
  };
}

/**
 * Connects a console window to the service's push stream (client id `wc-<id>`). Pushes are sent only while
 * the window shows the console itself; the client disconnects when the web contents is destroyed.
 */
export function connectPushes(
  service: ShellService,
  contents: WebContents,
  location: RendererLocation,
): void {
  const disconnect = service.connect({
    id: clientIdFor(contents),
    push: (name, data) => {
      if (contents.isDestroyed() || !isTrustedRendererUrl(contents.mainFrame.url, location)) return;
      contents.send(IPC_PUSH_CHANNEL, name, data);
    },
  });
  contents.once('destroyed', disconnect);
}
