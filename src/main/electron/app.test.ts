/**
 * Wiring test for the Electron shell (app.ts, ipc.ts, security.ts, window.ts, menu.ts, notifications.ts) under
 * plain Node. Electron's binary is absent here (see docs/desktop.md), so `electron` is replaced by a small
 * recording stand-in; the service behind it is the real VdcService with a real workspace in a temp folder.
 * What runs in real Electron is covered by e2e/electron.spec.ts wherever the binary exists.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_PREFIX, IPC_NOTIFY_CHANNEL, IPC_PUSH_CHANNEL } from '../../shared/bridge';
import type { ApiResult } from '../../shared/errors';
import { METHOD_NAMES } from '../../shared/methods';
import { VdcService } from '../service';
import { contentSecurityPolicy } from './csp';

const fake = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const state = {
    lock: true,
    calls: [] as string[],
    userData: '',
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    listeners: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
    windows: [] as Array<{
      options: Record<string, unknown>;
      webContents: { id: number; sent: unknown[][] } & InstanceType<typeof Emitter>;
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
  };
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    enableSandbox: () => state.calls.push('enableSandbox'),
    setPath: (key: string, value: string) => {
      if (key === 'userData') state.userData = value;
    },
    getPath: (key: string) => (key === 'userData' ? state.userData : tmpdirPath()),
    requestSingleInstanceLock: () => state.lock,
    quit: () => state.calls.push('quit'),
    exit: (code: number) => state.calls.push(`exit:${code}`),
    whenReady: () => Promise.resolve(),
    getName: () => 'VDC Studio',
    getVersion: () => '0.1.0',
    setAboutPanelOptions: () => undefined,
    setAppUserModelId: () => undefined,
    showAboutPanel: () => undefined,
  });
  function tmpdirPath(): string {
    return '/tmp';
  }
  let nextId = 1;
  class WebContents extends Emitter {
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
  class BrowserWindow extends Emitter {
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
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.webContents.mainFrame.url = (require('node:url') as typeof import('node:url')).pathToFileURL(
        file,
      ).href;
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
  class Notification extends Emitter {
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
  return { state, module };
});

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

const { runDesktopApp } = await import('./app');

/** Generous: on a busy 2-core machine the first workspace takes a while to create. Not a timing assertion. */
const WAIT = { timeout: 30_000, interval: 20 };

let dataDir: string;
let service: VdcService | null = null;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vdc-electron-app-'));
  process.env.VDC_DATA_DIR = dataDir;
});
afterAll(async () => {
  delete process.env.VDC_DATA_DIR;
  await service?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('desktop shell wiring (stand-in electron, real service)', () => {
  it('quits without starting anything when another instance holds the lock', () => {
    fake.state.lock = false;
    runDesktopApp({ startService: () => Promise.reject(new Error('must not start')) });
    expect(fake.state.calls).toContain('quit');
    expect(fake.state.windows).toHaveLength(0);
    fake.state.lock = true;
    fake.state.calls.length = 0;
    fake.module.app.removeAllListeners();
  });

  it('starts the service in the profile folder, then registers IPC, opens one hardened window and installs the menu', async () => {
    runDesktopApp({
      startService: async (options) => {
        expect(options.dataDir).toBe(dataDir);
        expect(options.sqliteNativeBinding).toBeUndefined(); // no .electron-native build in this checkout's test run
        service = await VdcService.start({ ...options, shell: 'test', autoPlay: false });
        return service;
      },
    });
    await vi.waitFor(() => expect(fake.state.menu).not.toBeNull(), WAIT);
    expect(fake.state.calls).toContain('enableSandbox');
    expect([...fake.state.handlers.keys()].sort()).toEqual(
      METHOD_NAMES.map((m) => `${IPC_INVOKE_PREFIX}${m}`).sort(),
    );
    expect([...fake.state.listeners.keys()]).toEqual([IPC_NOTIFY_CHANNEL]);
    expect(fake.state.windows).toHaveLength(1);
    expect(fake.state.windows[0]?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(fake.state.menu?.map((m) => (m.label ?? m.role ?? '').replace('&', ''))).toEqual([
      'File',
      'Edit',
      'View',
      'Window',
      'Help',
    ]);
    await vi.waitFor(
      () =>
        expect(fake.state.calls.some((c) => c.startsWith('title:') && c.endsWith('— VDC Studio'))).toBe(true),
      WAIT,
    );
  });

  it('answers the console page through the service and refuses any other sender', async () => {
    const win = fake.state.windows[0];
    if (!win) throw new Error('no window');
    const consoleUrl = (win.webContents as unknown as { mainFrame: { url: string } }).mainFrame.url;
    expect(consoleUrl).toMatch(/^file:.*\/renderer\/index\.html$/);
    const invoke = (method: string, url: string, params: unknown) =>
      fake.state.handlers.get(`${IPC_INVOKE_PREFIX}${method}`)?.(
        { sender: win.webContents, senderFrame: { url, parent: null } },
        params,
      ) as Promise<ApiResult<unknown>>;
    const before = await invoke('clock.get', `${consoleUrl}#/hosts`, {});
    expect(before).toMatchObject({ ok: true });
    const tick0 = (before as { ok: true; value: { tick: number } }).value.tick;
    expect(await invoke('clock.step', 'https://evil.example/', { ticks: 4 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await invoke('clock.step', pathToFileURL('/tmp/other.html').href, { ticks: 4 })).toMatchObject({
      ok: false,
    });
    expect(await invoke('clock.get', consoleUrl, {})).toMatchObject({ ok: true, value: { tick: tick0 } });
    expect(await invoke('clock.step', consoleUrl, { ticks: 4 })).toMatchObject({
      ok: true,
      value: { tick: tick0 + 4 },
    });
    expect(await invoke('app.info', consoleUrl, {})).toMatchObject({ ok: true, value: { shell: 'test' } });
  });

  it('pushes service events to the window on the push channel', async () => {
    const win = fake.state.windows[0];
    if (!win) throw new Error('no window');
    const url = (win.webContents as unknown as { mainFrame: { url: string } }).mainFrame.url;
    await fake.state.handlers.get(`${IPC_INVOKE_PREFIX}clock.step`)?.(
      { sender: win.webContents, senderFrame: { url, parent: null } },
      { ticks: 2 },
    );
    await vi.waitFor(
      () =>
        expect(
          win.webContents.sent.some(([channel, name]) => channel === IPC_PUSH_CHANNEL && name === 'clock'),
        ).toBe(true),
      WAIT,
    );
    expect(win.webContents.sent.every(([channel]) => channel === IPC_PUSH_CHANNEL)).toBe(true);
  });

  it('sets the CSP header, refuses permissions, navigation and new windows', () => {
    let headers: unknown;
    fake.state.onHeadersReceived?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'] } },
      (r) => (headers = r),
    );
    expect(headers).toEqual({ responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy()] } });
    const win = fake.state.windows[0];
    if (!win) throw new Error('no window');
    const consoleUrl = (win.webContents as unknown as { mainFrame: { url: string } }).mainFrame.url;
    const ask = (permission: string, requestingUrl: string): boolean | null => {
      let granted: boolean | null = null;
      fake.state.permissionRequest?.(win.webContents, permission, (ok) => (granted = ok), { requestingUrl });
      return granted;
    };
    expect(ask('media', consoleUrl)).toBe(false);
    expect(ask('notifications', consoleUrl)).toBe(false);
    expect(ask('fullscreen', consoleUrl)).toBe(true);
    expect(ask('fullscreen', 'https://evil.example/')).toBe(false);

    const contents = win.webContents as unknown as EventEmitter & {
      openHandler: (d: { url: string }) => unknown;
    };
    let prevented = 0;
    contents.emit('will-navigate', { url: 'http://example.com/', preventDefault: () => (prevented += 1) });
    contents.emit('will-navigate', {
      url: 'https://docs.example.com/',
      preventDefault: () => (prevented += 1),
    });
    contents.emit('will-attach-webview', { preventDefault: () => (prevented += 1) });
    expect(prevented).toBe(3);
    expect(contents.openHandler({ url: 'https://docs.example.com/x' })).toEqual({ action: 'deny' });
    expect(contents.openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    // Only the https links went to the system browser.
    expect(fake.state.external).toEqual(['https://docs.example.com/', 'https://docs.example.com/x']);
  });

  it('shows notifications from the console only, validated and rate-limited', () => {
    const win = fake.state.windows[0];
    if (!win) throw new Error('no window');
    const url = (win.webContents as unknown as { mainFrame: { url: string } }).mainFrame.url;
    const notify = fake.state.listeners.get(IPC_NOTIFY_CHANNEL);
    notify?.(
      { sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } },
      'Evil',
      'x',
    );
    notify?.({ sender: win.webContents, senderFrame: { url, parent: null } }, '', 'blank title');
    for (let i = 0; i < 8; i += 1)
      notify?.({ sender: win.webContents, senderFrame: { url, parent: null } }, `Alarm ${i}`, 'Host down');
    expect(fake.state.notifications.map((n) => n.title)).toEqual([
      'Alarm 0',
      'Alarm 1',
      'Alarm 2',
      'Alarm 3',
      'Alarm 4',
    ]);
  });

  it('a second launch with a .vdc file opens that workspace in the running app', async () => {
    if (!service) throw new Error('no service');
    const first = await service.call('t', 'workspace.current', {});
    const firstPath = (first as { ok: true; value: { path: string } }).value.path;
    const otherPath = join(dataDir, 'other.vdc');
    expect(await service.call('t', 'workspace.new', { path: otherPath, name: 'Other' })).toMatchObject({
      ok: true,
    });
    expect(await service.call('t', 'workspace.current', {})).toMatchObject({
      ok: true,
      value: { path: otherPath },
    });
    fake.module.app.emit('second-instance', {}, ['/usr/bin/vdc-studio', '--no-sandbox', firstPath], '/');
    await vi.waitFor(
      async () =>
        expect(await service?.call('t', 'workspace.current', {})).toMatchObject({
          ok: true,
          value: { path: firstPath },
        }),
      WAIT,
    );
  });

  it('File menu items run the workspace methods with the paths chosen in native dialogs', async () => {
    if (!service) throw new Error('no service');
    type Item = { id?: string; click?: () => void; submenu?: Item[] };
    const fileItem = (id: string): Item | undefined =>
      ((fake.state.menu?.[0]?.submenu ?? []) as Item[]).find((item) => item.id === id);
    const current = async (): Promise<unknown> => service?.call('t', 'workspace.current', {});

    // Cancelled dialog: nothing happens.
    const before = await current();
    fake.state.dialogPath = null;
    fileItem('file.new')?.click?.();
    await new Promise((r) => setImmediate(r));
    expect(await current()).toEqual(before);

    // New Workspace…: the chosen name gets the .vdc extension and becomes the open workspace.
    fake.state.dialogPath = join(dataDir, 'from-menu');
    fileItem('file.new')?.click?.();
    await vi.waitFor(
      async () =>
        expect(await current()).toMatchObject({ ok: true, value: { path: join(dataDir, 'from-menu.vdc') } }),
      WAIT,
    );
    // The menu follows: Open Recent lists it, the title names it.
    await vi.waitFor(
      () => expect(JSON.stringify(fileItem('file.recent')?.submenu)).toContain('from-menu.vdc'),
      WAIT,
    );

    // Open Workspace… on a file that is not a workspace: the service's message in an error box, nothing changes.
    const notWorkspace = join(dataDir, 'notes.vdc');
    writeFileSync(notWorkspace, 'this is not a workspace');
    const errorsBefore = fake.state.calls.filter((c) =>
      c.startsWith('errorBox:Could not open the workspace:'),
    ).length;
    fake.state.dialogPath = notWorkspace;
    fileItem('file.open')?.click?.();
    await vi.waitFor(
      () =>
        expect(
          fake.state.calls.filter((c) => c.startsWith('errorBox:Could not open the workspace:')),
        ).toHaveLength(errorsBefore + 1),
      WAIT,
    );
    expect(await current()).toMatchObject({ ok: true, value: { path: join(dataDir, 'from-menu.vdc') } });
    fake.state.dialogPath = null;
  });

  it('disposes the service before quitting', async () => {
    let prevented = false;
    fake.module.app.emit('will-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(fake.state.calls).toContain('quit'), WAIT);
    service = null; // disposed by the shell
  });
});
