/** The console window: hardened webPreferences, remembered bounds, loads the built page or the dev server. */
import { BrowserWindow, dialog, screen } from 'electron';
import { initialWindowBounds, loadWindowState, saveWindowState, windowStateFromBounds } from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  indexHtmlPath: string;
  /** Set in development only (already checked to be a loopback http origin). */
  devServerUrl: string | null;
  stateFile: string;
  iconPath: string;
  /** Developer tools exist only in development builds (no menu item, no shortcut, no API in a packaged build). */
  devTools: boolean;
}

const SAVE_DELAY_MS = 750;

function workAreas(): Electron.Rectangle[] {
  const primary = screen.getPrimaryDisplay();
  return [
    primary.workArea,
    ...screen
      .getAllDisplays()
      .filter((d) => d.id !== primary.id)
      .map((d) => d.workArea),
  ];
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const bounds = initialWindowBounds(loadWindowState(options.stateFile), workAreas());
  const win = new BrowserWindow({
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'VDC Studio',
    backgroundColor: '#101418',
    ...(process.platform === 'darwin' ? {} : { icon: options.iconPath }),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  });

  win.once('ready-to-show', () => {
    if (bounds.maximized) win.maximize();
    win.show();
  });

  let saveTimer: NodeJS.Timeout | null = null;
  const saveNow = (): void => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (win.isDestroyed() || win.isFullScreen() || win.isMinimized()) return;
    try {
      saveWindowState(options.stateFile, windowStateFromBounds(win.getNormalBounds(), win.isMaximized()));
    } catch (error) {
      // Losing the remembered size is harmless; say why on the console for whoever debugs it.
      console.warn(`VDC Studio: could not save the window state to ${options.stateFile}: ${String(error)}`);
    }
  };
  const saveSoon = (): void => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', saveNow);

  const load = (): void => {
    if (options.devServerUrl) void win.loadURL(options.devServerUrl);
    else void win.loadFile(options.indexHtmlPath);
  };
  // The simulation lives in the main process, so a crashed console loses nothing: offer to reload it.
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    void dialog
      .showMessageBox(win, {
        type: 'error',
        title: 'VDC Studio',
        message: 'The console window stopped working.',
        detail: `Reason: ${details.reason}. The simulation kept running; reloading the console reconnects to it.`,
        buttons: ['Reload', 'Close'],
        defaultId: 0,
        cancelId: 1,
      })
      .then(({ response }) => {
        if (win.isDestroyed()) return;
        if (response === 0) load();
        else win.close();
      });
  });
  load();
  return win;
}

/** Brings the window to the front (second launch, notification click). */
export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
