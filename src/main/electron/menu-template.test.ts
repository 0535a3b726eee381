import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  buildMenuTemplate,
  displayAccelerator,
  documentationFailedDialog,
  presenterUnavailableDialog,
  shortcutsDialog,
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

  it("labels every item, Electron's built-in (role) items too, in both languages on every platform", () => {
    const { commands } = recorder();
    for (const locale of ['en', 'zh-CN'] as const)
      for (const platform of ['linux', 'darwin', 'win32'] as const) {
        const items = allItems(buildMenuTemplate({ ...base, locale, platform, isDev: true }, commands));
        // No role that brings a submenu of English labels of its own.
        expect(items.filter((i) => i.role === 'editMenu' || i.role === 'windowMenu')).toEqual([]);
        const unlabelled = items.filter((i) => i.type !== 'separator' && !i.label);
        expect(
          unlabelled.map((i) => i.role ?? i.id),
          `${locale} ${platform}`,
        ).toEqual([]);
        if (locale === 'zh-CN') {
          // Chinese everywhere: no Latin word left but the app's name and the (&F) mnemonics.
          const latin = items
            .filter((i) => i.label)
            .map((i) => i.label!.replaceAll('VDC Studio', '').replace(/\(&[A-Z]\)$/, ''))
            .filter((l) => /[A-Za-z]{2,}/.test(l));
          expect(latin, platform).toEqual([]);
        }
      }
  });

  it('the zoom, full-screen, Edit, Window and macOS app items in Chinese', () => {
    const { commands } = recorder();
    const mac = buildMenuTemplate({ ...base, locale: 'zh-CN', platform: 'darwin' }, commands);
    const label = (role: string) => allItems(mac).find((i) => i.role === role)?.label;
    expect(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen'].map(label)).toEqual([
      '放大',
      '缩小',
      '实际大小',
      '切换全屏',
    ]);
    expect(['undo', 'cut', 'copy', 'paste', 'selectAll'].map(label)).toEqual([
      '撤销',
      '剪切',
      '复制',
      '粘贴',
      '全选',
    ]);
    expect(['minimize', 'front', 'hide', 'hideOthers', 'unhide', 'quit'].map(label)).toEqual([
      '最小化',
      '前置全部窗口',
      '隐藏 VDC Studio',
      '隐藏其他',
      '全部显示',
      '退出 VDC Studio',
    ]);
    const en = buildMenuTemplate({ ...base, platform: 'darwin' }, commands);
    expect(allItems(en).find((i) => i.role === 'togglefullscreen')?.label).toBe('Toggle Full Screen');
    expect(allItems(en).find((i) => i.role === 'hide')?.label).toBe('Hide VDC Studio');
    // The Window menu keeps its role (macOS lists the open windows in it).
    expect(mac.find((m) => m.label === '窗口(&W)')?.role).toBe('window');
  });

  it('the Keyboard Shortcuts, documentation and presenter boxes follow the language', () => {
    const en = shortcutsDialog('en', false, 'linux');
    expect(en.title).toBe('Keyboard Shortcuts');
    expect(en.detail.split('\n')[0]).toBe('Ctrl+N\tNew workspace');
    const zh = shortcutsDialog('zh-CN', true, 'darwin');
    expect(zh.title).toBe('键盘快捷键');
    const lines = zh.detail.split('\n');
    expect(lines[0]).toBe('Cmd+N\t新建工作区');
    expect(lines).toHaveLength(KEYBOARD_SHORTCUTS.length + 1);
    for (const line of lines) expect(line.split('\t')[1], line).not.toMatch(/[A-Za-z]/);
    expect(keyboardShortcuts(false, 'zh-CN').map((k) => k.accelerator)).toEqual(
      KEYBOARD_SHORTCUTS.map((k) => k.accelerator),
    );
    expect(documentationFailedDialog('zh-CN', 'ENOENT', '/opt/vdc/docs/index.html')).toEqual({
      title: '无法打开文档',
      content: 'ENOENT\n文档位于 /opt/vdc/docs/index.html。',
    });
    expect(documentationFailedDialog('en', 'ENOENT', '/d').title).toBe('Could not open the documentation');
    const p = presenterUnavailableDialog('zh-CN');
    expect(p.title).toBe('演示模式');
    expect(`${p.message}${p.detail}`).not.toMatch(/[A-Za-z]/);
    expect(presenterUnavailableDialog('en').message).toBe('Presenter mode is not available yet.');
  });
});
