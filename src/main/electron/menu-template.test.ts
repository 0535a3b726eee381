import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  buildMenuTemplate,
  displayAccelerator,
  KEYBOARD_SHORTCUTS,
  keyboardShortcuts,
  MAX_RECENT_ITEMS,
  type MenuCommands,
  type MenuState,
} from './menu-template';
import { desktopLocale } from './desktop-strings';

function recorder(): { commands: MenuCommands; calls: string[] } {
  const calls: string[] = [];
  const commands: MenuCommands = {
    newWorkspace: () => calls.push('new'),
    openWorkspace: () => calls.push('open'),
    openRecent: (path) => calls.push(`recent:${path}`),
    saveWorkspaceAs: () => calls.push('saveAs'),
    closeWorkspace: () => calls.push('close'),
    togglePresenterMode: () => calls.push('presenter'),
    showKeyboardShortcuts: () => calls.push('shortcuts'),
    openDocumentation: () => calls.push('docs'),
    showAbout: () => calls.push('about'),
  };
  return { commands, calls };
}

const base: MenuState = {
  platform: 'linux',
  isDev: false,
  appName: 'VDC Studio',
  recent: [],
  hasWorkspace: true,
};
const submenu = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] =>
  (item?.submenu ?? []) as MenuItemConstructorOptions[];
const top = (template: MenuItemConstructorOptions[], label: string) =>
  template.find((m) => (m.label ?? '').replace('&', '') === label);
const byId = (items: MenuItemConstructorOptions[], id: string) => items.find((i) => i.id === id);
const click = (item: MenuItemConstructorOptions | undefined): void =>
  (item?.click as unknown as () => void)();

function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...allItems(submenu(i))]);
}

describe('application menu template', () => {
  it('has File, Edit, View, Window and Help on Windows/Linux, with the app menu first on macOS', () => {
    const { commands } = recorder();
    expect(buildMenuTemplate(base, commands).map((m) => (m.label ?? '').replace('&', ''))).toEqual([
      'File',
      'Edit',
      'View',
      'Window',
      'Help',
    ]);
    expect(
      buildMenuTemplate({ ...base, platform: 'darwin' }, commands).map((m) =>
        (m.label ?? '').replace('&', ''),
      ),
    ).toEqual(['VDC Studio', 'File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('wires each File item to its command', () => {
    const { commands, calls } = recorder();
    const file = submenu(top(buildMenuTemplate(base, commands), 'File'));
    for (const id of ['file.new', 'file.open', 'file.saveAs', 'file.close']) click(byId(file, id));
    expect(calls).toEqual(['new', 'open', 'saveAs', 'close']);
    expect(file.some((i) => i.role === 'quit')).toBe(true);
  });

  it('disables Save As and Close Workspace when no workspace is open', () => {
    const { commands } = recorder();
    const file = submenu(top(buildMenuTemplate({ ...base, hasWorkspace: false }, commands), 'File'));
    expect(byId(file, 'file.saveAs')?.enabled).toBe(false);
    expect(byId(file, 'file.close')?.enabled).toBe(false);
    expect(byId(file, 'file.new')?.enabled).toBeUndefined();
  });

  it('lists recent workspaces (at most ten, ampersands escaped) and opens the chosen path', () => {
    const { commands, calls } = recorder();
    const recent = Array.from({ length: 12 }, (_, i) => ({
      path: `/w/lab-${i}.vdc`,
      name: i === 0 ? 'R&D lab' : `Lab ${i}`,
    }));
    const file = submenu(top(buildMenuTemplate({ ...base, recent }, commands), 'File'));
    const items = submenu(byId(file, 'file.recent'));
    expect(items).toHaveLength(MAX_RECENT_ITEMS);
    expect(items[0]?.label).toBe('1. R&&D lab');
    click(items[2]);
    expect(calls).toEqual(['recent:/w/lab-2.vdc']);
  });

  it('shows a disabled placeholder when there are no recent workspaces', () => {
    const { commands } = recorder();
    const items = submenu(byId(submenu(top(buildMenuTemplate(base, commands), 'File')), 'file.recent'));
    expect(items).toEqual([{ label: 'No Recent Workspaces', enabled: false }]);
  });

  it('offers Reload and Toggle Developer Tools only in development (never in a packaged build)', () => {
    const { commands } = recorder();
    const roles = (isDev: boolean) =>
      submenu(top(buildMenuTemplate({ ...base, isDev }, commands), 'View')).map((i) => i.role);
    expect(roles(true)).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools', 'togglefullscreen', 'zoomIn']),
    );
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('forceReload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(keyboardShortcuts(false).some((k) => k.accelerator === 'CmdOrCtrl+Shift+I')).toBe(false);
    expect(keyboardShortcuts(true).some((k) => k.accelerator === 'CmdOrCtrl+Shift+I')).toBe(true);
  });

  it("follows the console's language (en, zh-CN)", () => {
    const { commands } = recorder();
    const zh = buildMenuTemplate({ ...base, locale: 'zh-CN' }, commands);
    expect(zh.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '窗口(&W)', '帮助(&H)']);
    const file = submenu(zh[0]);
    expect(byId(file, 'file.new')?.label).toBe('新建工作区…');
    expect(byId(file, 'file.saveAs')?.label).toBe('另存为…');
    expect(submenu(byId(file, 'file.recent'))).toEqual([{ label: '没有最近的工作区', enabled: false }]);
    expect(byId(submenu(zh[4]), 'help.about')?.label).toBe('关于 VDC Studio');
    expect(desktopLocale('zh-CN')).toBe('zh-CN');
    expect(desktopLocale('en-US')).toBe('en');
    expect(desktopLocale(42)).toBe('en');
  });

  it('wires Presenter Mode and the Help items', () => {
    const { commands, calls } = recorder();
    const template = buildMenuTemplate(base, commands);
    click(byId(submenu(top(template, 'View')), 'view.presenter'));
    const help = submenu(top(template, 'Help'));
    for (const id of ['help.shortcuts', 'help.docs', 'help.about']) click(byId(help, id));
    expect(calls).toEqual(['presenter', 'shortcuts', 'docs', 'about']);
  });

  it('never assigns one accelerator to two items', () => {
    const { commands } = recorder();
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const accelerators = allItems(buildMenuTemplate({ ...base, platform, isDev: true }, commands))
        .map((i) => i.accelerator)
        .filter((a): a is string => typeof a === 'string');
      expect(new Set(accelerators).size).toBe(accelerators.length);
      expect(accelerators.length).toBeGreaterThanOrEqual(6);
    }
  });

  it('lists every own accelerator in the keyboard shortcuts help', () => {
    const { commands } = recorder();
    const listed = new Set(KEYBOARD_SHORTCUTS.map((s) => s.accelerator));
    for (const item of allItems(buildMenuTemplate(base, commands))) {
      if (typeof item.accelerator === 'string')
        expect(listed.has(item.accelerator), item.accelerator).toBe(true);
    }
  });

  it('renders CmdOrCtrl for the platform', () => {
    expect(displayAccelerator('CmdOrCtrl+Shift+S', 'darwin')).toBe('Cmd+Shift+S');
    expect(displayAccelerator('CmdOrCtrl+Shift+S', 'win32')).toBe('Ctrl+Shift+S');
  });
});
