/**
 * The application menu as data. Imports only electron *types* (erased at build), so tests can inspect it
 * under plain Node; menu.ts turns it into a Menu and supplies the commands.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { desktopStrings, type DesktopLocale, type DesktopStrings } from './desktop-strings';

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

type ShortcutAction = keyof DesktopStrings['shortcuts'];

/** Help ▸ Keyboard Shortcuts, by action (the words come from desktop-strings.ts). */
const SHORTCUTS: ReadonlyArray<{ action: ShortcutAction; accelerator: string }> = [
  { action: 'newWorkspace', accelerator: ACCELERATORS.newWorkspace },
  { action: 'openWorkspace', accelerator: ACCELERATORS.openWorkspace },
  { action: 'saveWorkspaceAs', accelerator: ACCELERATORS.saveWorkspaceAs },
  { action: 'closeWorkspace', accelerator: ACCELERATORS.closeWorkspace },
  { action: 'togglePresenterMode', accelerator: ACCELERATORS.togglePresenterMode },
  { action: 'showKeyboardShortcuts', accelerator: ACCELERATORS.showKeyboardShortcuts },
  { action: 'openDocumentation', accelerator: ACCELERATORS.openDocumentation },
  { action: 'zoom', accelerator: 'CmdOrCtrl+Plus / CmdOrCtrl+- / CmdOrCtrl+0' },
  { action: 'fullScreen', accelerator: 'F11 (macOS: Ctrl+Cmd+F)' },
  { action: 'quit', accelerator: 'CmdOrCtrl+Q' },
];

/** Shown by Help ▸ Keyboard Shortcuts (English). */
export const KEYBOARD_SHORTCUTS: ReadonlyArray<{ action: string; accelerator: string }> = SHORTCUTS.map(
  (k) => ({ action: desktopStrings('en').shortcuts[k.action], accelerator: k.accelerator }),
);

/** Renders an accelerator for the current platform's users ("CmdOrCtrl" → "Cmd" or "Ctrl"). */
export function displayAccelerator(accelerator: string, platform: NodeJS.Platform): string {
  return accelerator.replaceAll('CmdOrCtrl', platform === 'darwin' ? 'Cmd' : 'Ctrl');
}

export const MAX_RECENT_ITEMS = 10;

/** Help ▸ Keyboard Shortcuts of this build (developer tools only where the View menu has them). */
export function keyboardShortcuts(
  isDev: boolean,
  locale: DesktopLocale = 'en',
): ReadonlyArray<{ action: string; accelerator: string }> {
  const words = desktopStrings(locale).shortcuts;
  const list = isDev
    ? [...SHORTCUTS, { action: 'devTools' as const, accelerator: 'CmdOrCtrl+Shift+I' }]
    : SHORTCUTS;
  return list.map((k) => ({ action: words[k.action], accelerator: k.accelerator }));
}

/** The message boxes of the Help and View menus, in the console's language (menu.ts shows them). */
export function shortcutsDialog(
  locale: DesktopLocale,
  isDev: boolean,
  platform: NodeJS.Platform,
): { title: string; message: string; detail: string } {
  const s = desktopStrings(locale);
  return {
    title: s.keyboardShortcuts,
    message: s.keyboardShortcuts,
    detail: keyboardShortcuts(isDev, locale)
      .map((k) => `${displayAccelerator(k.accelerator, platform)}\t${k.action}`)
      .join('\n'),
  };
}

export function documentationFailedDialog(
  locale: DesktopLocale,
  failure: string,
  path: string,
): { title: string; content: string } {
  const s = desktopStrings(locale);
  return { title: s.documentationFailed, content: `${failure}\n${s.documentationIsIn(path)}` };
}

export function presenterUnavailableDialog(locale: DesktopLocale): {
  title: string;
  message: string;
  detail: string;
} {
  const s = desktopStrings(locale);
  return { title: s.presenterMode, ...s.presenterUnavailable };
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
  const role = s.roles;
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
            { role: 'reload', label: role.reload },
            { role: 'forceReload', label: role.forceReload },
            { role: 'toggleDevTools', label: role.toggleDevTools },
            { type: 'separator' },
          ] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom', label: role.resetZoom },
      { role: 'zoomIn', label: role.zoomIn },
      { role: 'zoomOut', label: role.zoomOut },
      { type: 'separator' },
      { role: 'togglefullscreen', label: role.togglefullscreen },
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
      { role: 'services', label: role.services },
      { type: 'separator' },
      { role: 'hide', label: role.hide(state.appName) },
      { role: 'hideOthers', label: role.hideOthers },
      { role: 'unhide', label: role.unhide },
      { type: 'separator' },
      { role: 'quit', label: role.quit(state.appName) },
    ],
  };
  // Edit and Window spelled out (the editMenu / windowMenu roles bring English labels of their own).
  const edit: MenuItemConstructorOptions = {
    label: s.edit,
    submenu: [
      { role: 'undo', label: role.undo },
      { role: 'redo', label: role.redo },
      { type: 'separator' },
      { role: 'cut', label: role.cut },
      { role: 'copy', label: role.copy },
      { role: 'paste', label: role.paste },
      ...(isMac
        ? ([
            { role: 'pasteAndMatchStyle', label: role.pasteAndMatchStyle },
            { role: 'delete', label: role.delete },
            { role: 'selectAll', label: role.selectAll },
          ] as MenuItemConstructorOptions[])
        : ([
            { role: 'delete', label: role.delete },
            { type: 'separator' },
            { role: 'selectAll', label: role.selectAll },
          ] as MenuItemConstructorOptions[])),
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    // role 'window' keeps macOS's list of open windows in this menu.
    role: 'window',
    label: s.window,
    submenu: [
      { role: 'minimize', label: role.minimize },
      { role: 'zoom', label: role.zoom },
      ...(isMac
        ? ([{ type: 'separator' }, { role: 'front', label: role.front }] as MenuItemConstructorOptions[])
        : ([{ role: 'close', label: role.close }] as MenuItemConstructorOptions[])),
    ],
  };
  return [...(isMac ? [macApp] : []), file, edit, view, windowMenu, help];
}
