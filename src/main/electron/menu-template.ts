/**
 * The application menu as data. Imports only electron *types* (erased at build), so tests can inspect it
 * under plain Node; menu.ts turns it into a Menu and supplies the commands.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuCommands {
  newWorkspace(): void;
  openWorkspace(): void;
  openRecent(path: string): void;
  saveWorkspaceAs(): void;
  closeWorkspace(): void;
  togglePresenterMode(): void;
  showKeyboardShortcuts(): void;
  openDocumentation(): void;
  showAbout(): void;
}

export interface MenuState {
  platform: NodeJS.Platform;
  /** Unpackaged run: adds Reload / Force Reload to the View menu. */
  isDev: boolean;
  appName: string;
  recent: ReadonlyArray<{ path: string; name: string }>;
  /** Whether a workspace is open (enables Save As… and Close Workspace). */
  hasWorkspace: boolean;
}

/** Accelerators of our own items (role items carry the platform's standard ones). */
export const ACCELERATORS = {
  newWorkspace: 'CmdOrCtrl+N',
  openWorkspace: 'CmdOrCtrl+O',
  saveWorkspaceAs: 'CmdOrCtrl+Shift+S',
  closeWorkspace: 'CmdOrCtrl+Shift+W',
  togglePresenterMode: 'F5',
  showKeyboardShortcuts: 'CmdOrCtrl+/',
  openDocumentation: 'F1',
} as const;

/** Shown by Help ▸ Keyboard Shortcuts. */
export const KEYBOARD_SHORTCUTS: ReadonlyArray<{ action: string; accelerator: string }> = [
  { action: 'New workspace', accelerator: ACCELERATORS.newWorkspace },
  { action: 'Open workspace', accelerator: ACCELERATORS.openWorkspace },
  { action: 'Save workspace as', accelerator: ACCELERATORS.saveWorkspaceAs },
  { action: 'Close workspace', accelerator: ACCELERATORS.closeWorkspace },
  { action: 'Presenter mode', accelerator: ACCELERATORS.togglePresenterMode },
  { action: 'Keyboard shortcuts', accelerator: ACCELERATORS.showKeyboardShortcuts },
  { action: 'Documentation', accelerator: ACCELERATORS.openDocumentation },
  { action: 'Toggle developer tools', accelerator: 'CmdOrCtrl+Shift+I' },
  { action: 'Zoom in / out / reset', accelerator: 'CmdOrCtrl+Plus / CmdOrCtrl+- / CmdOrCtrl+0' },
  { action: 'Full screen', accelerator: 'F11 (macOS: Ctrl+Cmd+F)' },
  { action: 'Quit', accelerator: 'CmdOrCtrl+Q' },
];

/** Renders an accelerator for the current platform's users ("CmdOrCtrl" → "Cmd" or "Ctrl"). */
export function displayAccelerator(accelerator: string, platform: NodeJS.Platform): string {
  return accelerator.replaceAll('CmdOrCtrl', platform === 'darwin' ? 'Cmd' : 'Ctrl');
}

export const MAX_RECENT_ITEMS = 10;

function recentSubmenu(state: MenuState, commands: MenuCommands): MenuItemConstructorOptions[] {
  if (state.recent.length === 0) return [{ label: 'No Recent Workspaces', enabled: false }];
  return state.recent.slice(0, MAX_RECENT_ITEMS).map((item, index) => ({
    // "&&" keeps a literal ampersand in names from becoming a mnemonic on Windows/Linux.
    label: `${index + 1}. ${item.name.replaceAll('&', '&&')}`,
    sublabel: item.path,
    toolTip: item.path,
    click: () => commands.openRecent(item.path),
  }));
}

export function buildMenuTemplate(state: MenuState, commands: MenuCommands): MenuItemConstructorOptions[] {
  const isMac = state.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      {
        id: 'file.new',
        label: 'New Workspace…',
        accelerator: ACCELERATORS.newWorkspace,
        click: () => commands.newWorkspace(),
      },
      {
        id: 'file.open',
        label: 'Open Workspace…',
        accelerator: ACCELERATORS.openWorkspace,
        click: () => commands.openWorkspace(),
      },
      { id: 'file.recent', label: 'Open Recent', submenu: recentSubmenu(state, commands) },
      { type: 'separator' },
      {
        id: 'file.saveAs',
        label: 'Save As…',
        accelerator: ACCELERATORS.saveWorkspaceAs,
        enabled: state.hasWorkspace,
        click: () => commands.saveWorkspaceAs(),
      },
      {
        id: 'file.close',
        label: 'Close Workspace',
        accelerator: ACCELERATORS.closeWorkspace,
        enabled: state.hasWorkspace,
        click: () => commands.closeWorkspace(),
      },
      ...(isMac
        ? []
        : ([{ type: 'separator' }, { role: 'quit', label: 'Quit' }] as MenuItemConstructorOptions[])),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(state.isDev
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { type: 'separator' },
          ] as MenuItemConstructorOptions[])
        : []),
      { role: 'toggleDevTools' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      {
        id: 'view.presenter',
        label: 'Presenter Mode',
        accelerator: ACCELERATORS.togglePresenterMode,
        click: () => commands.togglePresenterMode(),
      },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      {
        id: 'help.shortcuts',
        label: 'Keyboard Shortcuts',
        accelerator: ACCELERATORS.showKeyboardShortcuts,
        click: () => commands.showKeyboardShortcuts(),
      },
      {
        id: 'help.docs',
        label: 'Documentation',
        accelerator: ACCELERATORS.openDocumentation,
        click: () => commands.openDocumentation(),
      },
      ...(isMac ? [] : ([{ type: 'separator' }] as MenuItemConstructorOptions[])),
      ...(isMac
        ? []
        : ([
            { id: 'help.about', label: `About ${state.appName}`, click: () => commands.showAbout() },
          ] as MenuItemConstructorOptions[])),
    ],
  };
  const macApp: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [
      { id: 'help.about', label: `About ${state.appName}`, click: () => commands.showAbout() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  return [
    ...(isMac ? [macApp] : []),
    file,
    { role: 'editMenu', label: '&Edit' },
    view,
    { role: 'windowMenu', label: '&Window' },
    help,
  ];
}
