/**
 * Wiring test for the Electron shell (app.ts, ipc.ts, security.ts, window.ts, menu.ts, notifications.ts) under
 * plain Node. Electron's binary is absent here (see docs/desktop.md), so `electron` is replaced by a small
 * recording stand-in; the service behind it is the real VdcService with a real workspace in a temp folder.
 * What runs in real Electron is covered by e2e/electron.spec.ts wherever the binary exists.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  IPC_FILE_CHANNEL,
  IPC_INVOKE_PREFIX,
  IPC_LOCALE_CHANNEL,
  IPC_NOTIFY_CHANNEL,
  IPC_PUSH_CHANNEL,
} from '../../shared/bridge';
import type { ApiResult } from '../../shared/errors';
import { METHOD_NAMES } from '../../shared/methods';
import { VdcService } from '../service';
import { contentSecurityPolicy } from './csp';
import { standIn as fake } from './electron-stand-in';

vi.mock('electron', async () => {
  const { standIn } = await import('./electron-stand-in');
  return { ...standIn.module, default: standIn.module };
});

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
      [...METHOD_NAMES.map((m) => `${IPC_INVOKE_PREFIX}${m}`), IPC_FILE_CHANNEL].sort(),
    );
    expect([...fake.state.listeners.keys()]).toEqual([IPC_NOTIFY_CHANNEL, IPC_LOCALE_CHANNEL]);
    expect(fake.state.windows).toHaveLength(1);
    expect(fake.state.windows[0]?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: true, // the stand-in app is unpackaged; a packaged build passes false
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
    const grant = await service.grantFile({ path: otherPath, purpose: 'workspace.new' });
    expect(await service.call('t', 'workspace.new', { grant, name: 'Other' })).toMatchObject({
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

  it('gives the console a grant for a file chosen in a native dialog, never a path to send', async () => {
    const win = fake.state.windows[0];
    if (!win) throw new Error('no window');
    const url = (win.webContents as unknown as { mainFrame: { url: string } }).mainFrame.url;
    const choose = (senderUrl: string, request: unknown) =>
      fake.state.handlers.get(IPC_FILE_CHANNEL)?.(
        { sender: win.webContents, senderFrame: { url: senderUrl, parent: null } },
        request,
      ) as Promise<{ grant: string; name: string } | null>;
    const invoke = (method: string, params: unknown) =>
      fake.state.handlers.get(`${IPC_INVOKE_PREFIX}${method}`)?.(
        { sender: win.webContents, senderFrame: { url, parent: null } },
        params,
      ) as Promise<ApiResult<unknown>>;
    const target = join(dataDir, 'chosen-report.html');
    fake.state.dialogPath = target;
    expect(await choose('https://evil.example/', { purpose: 'report' })).toBeNull();
    expect(await choose(url, { purpose: 'report', path: '/etc/passwd' })).toBeNull();
    const choice = await choose(url, { purpose: 'report', suggestedName: '../../capacity-report.html' });
    expect(choice).toMatchObject({ name: 'chosen-report.html' });
    expect(choice?.grant).toMatch(/^grant-[0-9a-f]{32}$/);
    expect(await invoke('report.generate', { format: 'html', grant: choice?.grant })).toMatchObject({
      ok: true,
      value: { path: target },
    });
    expect(readFileSync(target, 'utf8')).toContain('<html');
    // The dialog was cancelled: no grant, nothing written.
    fake.state.dialogPath = null;
    expect(await choose(url, { purpose: 'recording' })).toBeNull();
    // A path instead of a grant is refused by the contract.
    const other = join(dataDir, 'direct.json');
    expect(await invoke('recording.export', { path: other })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(existsSync(other)).toBe(false);
  });

  it("rebuilds the menu in the console's language and adds opened workspaces to the OS recent documents", async () => {
    const win = fake.state.windows[0];
    if (!win) throw new Error('no window');
    const url = (win.webContents as unknown as { mainFrame: { url: string } }).mainFrame.url;
    const setLocale = (senderUrl: string, locale: unknown) =>
      fake.state.listeners.get(IPC_LOCALE_CHANNEL)?.(
        { sender: win.webContents, senderFrame: { url: senderUrl, parent: null } },
        locale,
      );
    setLocale('https://evil.example/', 'zh-CN');
    await new Promise((r) => setImmediate(r));
    expect(fake.state.menu?.[0]?.label).toBe('&File');
    setLocale(url, 'zh-CN');
    await vi.waitFor(() => expect(fake.state.menu?.[0]?.label).toBe('文件(&F)'), WAIT);
    setLocale(url, 'en');
    await vi.waitFor(() => expect(fake.state.menu?.[0]?.label).toBe('&File'), WAIT);
    expect(fake.state.recentDocuments.length).toBeGreaterThan(0);
    const current = (await service?.call('t', 'workspace.current', {})) as {
      ok: true;
      value: { path: string };
    };
    expect(fake.state.recentDocuments).toContain(current.value.path);
  });

  it('disposes the service before quitting', async () => {
    let prevented = false;
    fake.module.app.emit('will-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(fake.state.calls).toContain('quit'), WAIT);
    service = null; // disposed by the shell
  });
});
