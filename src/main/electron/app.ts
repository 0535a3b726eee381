/**
 * The desktop shell's lifecycle: single-instance lock, hardening, service start, IPC, window, menu, quit.
 * The service is injected (src/main/index.ts passes VdcService), so this file depends on the shell port only.
 */
import { app, BrowserWindow, dialog, session } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { registerIpc, connectPushes } from './ipc';
import { AppMenu } from './menu';
import { DesktopNotifier } from './notifications';
import {
  bundlePaths,
  documentationPath,
  sqliteNativeBindingPath,
  windowIconPath,
  type AppLocation,
} from './paths';
import { hardenAllWebContents, hardenSession } from './security';
import type { ShellService } from './service-port';
import { startupFailureMessage, workspaceStartupMessage } from './startup-error';
import { rendererLocation } from './trusted-origin';
import { createMainWindow, focusWindow } from './window';
import { WINDOW_STATE_FILE } from './window-state';
import { workspacePathFromArgv } from './workspace-files';

export interface ServiceStartOptions {
  dataDir: string;
  workspacePath?: string;
  sqliteNativeBinding?: string;
}

export interface DesktopAppOptions {
  startService(options: ServiceStartOptions): Promise<ShellService>;
}

/**
 * Same override as the browser shell and the CLI (src/main/service/data-dir.ts): the whole profile — workspaces,
 * recent list, window state, single-instance lock — moves there. The Electron e2e spec uses it for isolation.
 */
export const DATA_DIR_ENV = 'VDC_DATA_DIR';
/** Longer than the service's own bound on dispose() (SHUTDOWN_GRACE_MS + terminate wait). */
const DISPOSE_TIMEOUT_MS = 8_000;

export function runDesktopApp(options: DesktopAppOptions): void {
  const userDataOverride = process.env[DATA_DIR_ENV];
  if (userDataOverride) app.setPath('userData', resolve(userDataOverride));
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId('studio.vdc.app');

  if (!app.requestSingleInstanceLock()) {
    // Another VDC Studio owns this profile: it gets focused through 'second-instance'.
    app.quit();
    return;
  }

  const bundle = bundlePaths(__dirname);
  const appLocation = (): AppLocation => ({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    repoRoot: bundle.repoRoot,
  });
  const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
  const location = rendererLocation({
    indexHtmlPath: bundle.indexHtml,
    devServerUrl,
    isPackaged: app.isPackaged,
  });
  hardenAllWebContents(location);

  let service: ShellService | null = null;
  let mainWindow: BrowserWindow | null = null;
  let menu: AppMenu | null = null;
  // Under `npm start -- -- --workspace FILE`, npm runs in the repo root; INIT_CWD is where the user typed it.
  const launchDir = !app.isPackaged && process.env['INIT_CWD'] ? process.env['INIT_CWD'] : process.cwd();
  let pendingWorkspace = workspacePathFromArgv(process.argv.slice(app.isPackaged ? 1 : 2), launchDir);

  const openWindow = (): void => {
    if (!service) return;
    mainWindow = createMainWindow({
      preloadPath: bundle.preload,
      indexHtmlPath: bundle.indexHtml,
      devServerUrl: location.devServerOrigin ? (devServerUrl ?? null) : null,
      stateFile: join(app.getPath('userData'), WINDOW_STATE_FILE),
      iconPath: windowIconPath(appLocation()),
      devTools: !app.isPackaged,
    });
    connectPushes(service, mainWindow.webContents, location);
    mainWindow.on('closed', () => (mainWindow = null));
  };

  const openWorkspace = (path: string): void => {
    if (menu) void menu.actions.open(path);
    else pendingWorkspace = path;
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusWindow(mainWindow);
    const path = workspacePathFromArgv(argv.slice(1), workingDirectory);
    if (path) openWorkspace(path);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openWorkspace(path);
  });

  const start = async (): Promise<void> => {
    hardenSession(session.defaultSession, location);
    const where = appLocation();
    const nativeBindingPath = sqliteNativeBindingPath(where, process.versions.electron);
    const nativeBindingFound = existsSync(nativeBindingPath);
    const initialWorkspace = pendingWorkspace;
    pendingWorkspace = null;
    try {
      service = await options.startService({
        dataDir: app.getPath('userData'),
        ...(initialWorkspace ? { workspacePath: initialWorkspace } : {}),
        ...(nativeBindingFound ? { sqliteNativeBinding: nativeBindingPath } : {}),
      });
    } catch (error) {
      dialog.showErrorBox(
        'VDC Studio could not start',
        startupFailureMessage(error, { isPackaged: app.isPackaged, nativeBindingPath, nativeBindingFound }),
      );
      app.exit(1);
      return;
    }
    const notifier = new DesktopNotifier(() => focusWindow(mainWindow));
    const shellRequests = {
      chooseFile: (request: unknown) => menu?.actions.chooseFile(request) ?? Promise.resolve(null),
      setLocale: (locale: unknown) => menu?.setLocale(locale),
    };
    registerIpc(service, location, (args) => notifier.show(args), shellRequests);
    app.setAboutPanelOptions({
      applicationName: app.getName(),
      applicationVersion: app.getVersion(),
      copyright: 'MIT License',
      iconPath: windowIconPath(where),
    });
    openWindow();
    menu = new AppMenu({
      service,
      window: () => mainWindow,
      isDev: !app.isPackaged,
      documentationPath: documentationPath(where),
    });
    await menu.install();
    if (service.startupError) {
      dialog.showErrorBox(
        'Could not open the workspace',
        workspaceStartupMessage(service.startupError.message, {
          isPackaged: app.isPackaged,
          nativeBindingPath,
          nativeBindingFound,
        }),
      );
    }
    // A file handed over (open-file / second launch) while the service was starting.
    if (pendingWorkspace) openWorkspace(pendingWorkspace);
    pendingWorkspace = null;
  };

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed || !service) return;
    event.preventDefault();
    menu?.dispose();
    const running = service;
    service = null;
    // dispose() ends within ~4 s (grace, then terminate). A worker stuck in native code keeps any normal
    // exit waiting for its thread (app.exit included), so the process is then killed: quitting never hangs.
    const killSelf = () => process.kill(process.pid, 'SIGKILL');
    const timeout = setTimeout(killSelf, DISPOSE_TIMEOUT_MS);
    void running
      .dispose()
      .catch((error: unknown) => console.error(`VDC Studio: closing the service failed: ${String(error)}`))
      .finally(() => {
        clearTimeout(timeout);
        disposed = true;
        if (running.stuck) {
          console.error('VDC Studio: the simulation service did not stop in time; ending the process.');
          killSelf();
        }
        app.quit();
      });
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'VDC Studio could not start',
        String(error instanceof Error ? (error.stack ?? error.message) : error),
      );
      app.exit(1);
    });
}
