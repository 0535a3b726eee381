/**
 * The application menu as data. Imports only electron *types* (erased at build), so tests can inspect it
 * under plain Node; menu.ts turns it into a Menu and supplies the commands.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { desktopStrings, type DesktopLocale } from './desktop-strings';

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
  /** Unpackaged run: adds Reload, Force Reload and Toggle Developer Tools to the View menu (never in a packaged build). */
  isDev: boolean;
  /** The console's language (menus follow it); English when not told yet. */
  locale?: DesktopLocale;
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
  { action: 'Zoom in / out / reset', accelerator: 'CmdOrCtrl+Plus / CmdOrCtrl+- / CmdOrCtrl+0' },
  { action: 'Full screen', accelerator: 'F11 (macOS: Ctrl+Cmd+F)' },
  { action: 'Quit', accelerator: 'CmdOrCtrl+Q' },
];

/** Renders an accelerator for the current platform's users ("CmdOrCtrl" → "Cmd" or "Ctrl"). */
export function displayAccelerator(accelerator: string, platform: NodeJS.Platform): string {
  return accelerator.replaceAll('CmdOrCtrl', platform === 'darwin' ? 'Cmd' : 'Ctrl');
}

export const MAX_RECENT_ITEMS = 10;

/** Help ▸ Keyboard Shortcuts of this build (developer tools only where the View menu has them). */
export function keyboardShortcuts(isDev: boolean): ReadonlyArray<{ action: string; accelerator: string }> {
  return isDev
    ? [...KEYBOARD_SHORTCUTS, { action: 'Toggle developer tools', accelerator: 'CmdOrCtrl+Shift+I' }]
    : KEYBOARD_SHORTCUTS;
}

function recentSubmenu(state: MenuState, commands: MenuCommands): MenuItemConstructorOptions[] {
  if (state.recent.length === 0)
    return [{ label: desktopStrings(state.locale ?? 'en').noRecent, enabled: false }];
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
  const s = desktopStrings(state.locale ?? 'en');
  const file: MenuItemConstructorOptions = {
    label: s.file,
    submenu: [
      {
        id: 'file.new',
        label: s.newWorkspace,
        accelerator: ACCELERATORS.newWorkspace,
        click: () => commands.newWorkspace(),
      },
      {
        id: 'file.open',
        label: s.openWorkspace,
        accelerator: ACCELERATORS.openWorkspace,
        click: () => commands.openWorkspace(),
      },
      { id: 'file.recent', label: s.openRecent, submenu: recentSubmenu(state, commands) },
      { type: 'separator' },
      {
        id: 'file.saveAs',
        label: s.saveAs,
        accelerator: ACCELERATORS.saveWorkspaceAs,
        enabled: state.hasWorkspace,
        click: () => commands.saveWorkspaceAs(),
      },
      {
        id: 'file.close',
        label: s.closeWorkspace,
        accelerator: ACCELERATORS.closeWorkspace,
        enabled: state.hasWorkspace,
        click: () => commands.closeWorkspace(),
      },
      ...(isMac
        ? []
        : ([{ type: 'separator' }, { role: 'quit', label: s.quit }] as MenuItemConstructorOptions[])),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: s.view,
    submenu: [
      ...(state.isDev
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      {
        id: 'view.presenter',
        label: s.presenterMode,
        accelerator: ACCELERATORS.togglePresenterMode,
        click: () => commands.togglePresenterMode(),
      },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: s.help,
    submenu: [
      {
        id: 'help.shortcuts',
        label: s.keyboardShortcuts,
        accelerator: ACCELERATORS.showKeyboardShortcuts,
        click: () => commands.showKeyboardShortcuts(),
      },
      {
        id: 'help.docs',
        label: s.documentation,
        accelerator: ACCELERATORS.openDocumentation,
        click: () => commands.openDocumentation(),
      },
      ...(isMac ? [] : ([{ type: 'separator' }] as MenuItemConstructorOptions[])),
      ...(isMac
        ? []
        : ([
            { id: 'help.about', label: s.about(state.appName), click: () => commands.showAbout() },
          ] as MenuItemConstructorOptions[])),
    ],
  };
  const macApp: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [
      { id: 'help.about', label: s.about(state.appName), click: () => commands.showAbout() },
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
    { role: 'editMenu', label: s.edit },
    view,
    { role: 'windowMenu', label: s.window },
    help,
  ];
}
