/**
 * A small recording stand-in for the `electron` module, used only by app.test.ts (vi.mock('electron')) to
 * drive the shell's Electron-facing files under plain Node, where Electron's binary may be absent. It records
 * what the shell registers (IPC handlers, menu, session handlers, windows) and lets the test answer dialogs.
 * It imports nothing from electron and is not part of any bundle.
 */
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';

const state = {
  lock: true,
  calls: [] as string[],
  userData: '',
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  listeners: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
  windows: [] as Array<{
    options: Record<string, unknown>;
    webContents: { id: number; sent: unknown[][] } & EventEmitter;
  }>,
  menu: null as null | Array<{ label?: string; role?: string; submenu?: unknown }>,
  onHeadersReceived: null as
    null | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void),
  permissionRequest: null as
    | null
    | ((
        wc: unknown,
        permission: string,
        cb: (ok: boolean) => void,
        details: { requestingUrl: string },
      ) => void),
  notifications: [] as Array<{ title: string; body: string }>,
  /** What the next native file dialog answers (null: the user cancels). */
  dialogPath: null as string | null,
  external: [] as string[],
  recentDocuments: [] as string[],
};
const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  enableSandbox: () => state.calls.push('enableSandbox'),
  setPath: (key: string, value: string) => {
    if (key === 'userData') state.userData = value;
  },
  getPath: (key: string) => (key === 'userData' ? state.userData : tmpdir()),
  requestSingleInstanceLock: () => state.lock,
  quit: () => state.calls.push('quit'),
  exit: (code: number) => state.calls.push(`exit:${code}`),
  whenReady: () => Promise.resolve(),
  getName: () => 'VDC Studio',
  getVersion: () => '0.1.0',
  setAboutPanelOptions: () => undefined,
  setAppUserModelId: () => undefined,
  showAboutPanel: () => undefined,
  addRecentDocument: (path: string) => void state.recentDocuments.push(path),
});
let nextId = 1;
class WebContents extends EventEmitter {
  id = nextId++;
  sent: unknown[][] = [];
  mainFrame = { url: '' };
  openHandler: ((d: { url: string }) => unknown) | null = null;
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  isDestroyed(): boolean {
    return false;
  }
  setWindowOpenHandler(handler: (d: { url: string }) => unknown): void {
    this.openHandler = handler;
  }
}
class BrowserWindow extends EventEmitter {
  webContents = new WebContents();
  constructor(readonly options: Record<string, unknown>) {
    super();
    state.windows.push(this as never);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows(): unknown[] {
    return state.windows;
  }
  loadFile(file: string): Promise<void> {
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed = (): boolean => false;
  isMaximized = (): boolean => false;
  isFullScreen = (): boolean => false;
  isMinimized = (): boolean => false;
  isVisible = (): boolean => true;
  getNormalBounds = () => ({ x: 40, y: 30, width: 1200, height: 800 });
  setTitle = (title: string): void => void state.calls.push(`title:${title}`);
  maximize = (): void => undefined;
  show = (): void => undefined;
  focus = (): void => undefined;
  restore = (): void => undefined;
}
class Notification extends EventEmitter {
  static isSupported = (): boolean => true;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    state.notifications.push(this.options);
  }
}
const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const module = {
  app,
  BrowserWindow,
  Notification,
  screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
  session: {
    defaultSession: {
      webRequest: {
        onHeadersReceived: (fn: typeof state.onHeadersReceived) => void (state.onHeadersReceived = fn),
      },
      setPermissionRequestHandler: (fn: typeof state.permissionRequest) =>
        void (state.permissionRequest = fn),
      setPermissionCheckHandler: () => undefined,
      setDevicePermissionHandler: () => undefined,
    },
  },
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) =>
      void state.handlers.set(channel, fn),
    removeHandler: (channel: string) => void state.handlers.delete(channel),
    on: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) =>
      void state.listeners.set(channel, fn),
    off: (channel: string) => void state.listeners.delete(channel),
  },
  Menu: {
    buildFromTemplate: (template: unknown) => template,
    setApplicationMenu: (menu: typeof state.menu) => void (state.menu = menu),
  },
  dialog: {
    showErrorBox: (title: string, message: string) => void state.calls.push(`errorBox:${title}:${message}`),
    showMessageBox: () => Promise.resolve({ response: 0 }),
    showOpenDialog: () =>
      Promise.resolve(
        state.dialogPath
          ? { canceled: false, filePaths: [state.dialogPath] }
          : { canceled: true, filePaths: [] },
      ),
    showSaveDialog: () =>
      Promise.resolve(
        state.dialogPath ? { canceled: false, filePath: state.dialogPath } : { canceled: true },
      ),
  },
  shell: {
    openExternal: (url: string) => Promise.resolve(void state.external.push(url)),
    openPath: () => Promise.resolve(''),
  },
};
export const standIn = { state, module };
