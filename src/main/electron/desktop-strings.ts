/**
 * The words of the native menus and dialogs in the console's languages (en, zh-CN). The console tells the
 * shell its language (window.vdc.setLocale); the menu is rebuilt with it. Pure: no electron import.
 */
export type DesktopLocale = 'en' | 'zh-CN';

/** Maps what the console sends ("zh-CN", "zh", "en-US", anything) to a language we have. */
export function desktopLocale(value: unknown): DesktopLocale {
  return typeof value === 'string' && /^zh\b/i.test(value) ? 'zh-CN' : 'en';
}

const en = {
  file: '&File',
  edit: '&Edit',
  view: '&View',
  window: '&Window',
  help: '&Help',
  newWorkspace: 'New Workspace…',
  openWorkspace: 'Open Workspace…',
  openRecent: 'Open Recent',
  noRecent: 'No Recent Workspaces',
  saveAs: 'Save As…',
  closeWorkspace: 'Close Workspace',
  quit: 'Quit',
  presenterMode: 'Presenter Mode',
  keyboardShortcuts: 'Keyboard Shortcuts',
  documentation: 'Documentation',
  about: (app: string) => `About ${app}`,
  workspaceFilter: 'VDC workspace',
  allFiles: 'All files',
  create: 'Create',
  open: 'Open',
  save: 'Save',
  choose: 'Choose',
  untitled: 'Untitled.vdc',
  dialogTitles: {
    'workspace.new': 'New Workspace',
    'workspace.saveAs': 'Save Workspace As',
    'workspace.open': 'Open Workspace',
    recording: 'Export Recording',
    report: 'Save Capacity Report',
    inventory: 'Export Inventory',
    'inventory.folder': 'Choose a Folder for the CSV Files',
    'import.source': 'Import Inventory',
  },
  failures: {
    new: 'Could not create the workspace',
    open: 'Could not open the workspace',
    save: 'Could not save the workspace',
    close: 'Could not close the workspace',
  },
};

export type DesktopStrings = typeof en;

const zh: DesktopStrings = {
  file: '文件(&F)',
  edit: '编辑(&E)',
  view: '视图(&V)',
  window: '窗口(&W)',
  help: '帮助(&H)',
  newWorkspace: '新建工作区…',
  openWorkspace: '打开工作区…',
  openRecent: '最近打开',
  noRecent: '没有最近的工作区',
  saveAs: '另存为…',
  closeWorkspace: '关闭工作区',
  quit: '退出',
  presenterMode: '演示模式',
  keyboardShortcuts: '键盘快捷键',
  documentation: '文档',
  about: (app: string) => `关于 ${app}`,
  workspaceFilter: 'VDC 工作区',
  allFiles: '所有文件',
  create: '创建',
  open: '打开',
  save: '保存',
  choose: '选择',
  untitled: '未命名.vdc',
  dialogTitles: {
    'workspace.new': '新建工作区',
    'workspace.saveAs': '工作区另存为',
    'workspace.open': '打开工作区',
    recording: '导出录制',
    report: '保存容量报告',
    inventory: '导出清单',
    'inventory.folder': '选择存放 CSV 文件的文件夹',
    'import.source': '导入清单',
  },
  failures: {
    new: '无法创建工作区',
    open: '无法打开工作区',
    save: '无法保存工作区',
    close: '无法关闭工作区',
  },
};

export function desktopStrings(locale: DesktopLocale): DesktopStrings {
  return locale === 'zh-CN' ? zh : en;
}
