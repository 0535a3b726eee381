/**
 * Installs the application menu and keeps it current: the shell connects to the service as its own client,
 * and every `workspace` push rebuilds the menu (Open Recent, enabled items) and retitles the window.
 */
import { app, dialog, Menu, shell, type BrowserWindow } from 'electron';
import { IPC_PUSH_CHANNEL } from '../../shared/bridge';
import { PUSH_NAMES } from '../../shared/methods';
import {
  buildMenuTemplate,
  documentationFailedDialog,
  presenterUnavailableDialog,
  shortcutsDialog,
  type MenuCommands,
} from './menu-template';
import { desktopLocale } from './desktop-strings';
import type { ShellService } from './service-port';
import { WorkspaceActions } from './workspace-actions';

export const SHELL_CLIENT_ID = 'electron-shell';

/** Push name the console would listen to for shell-level UI requests, once the contract defines it. */
const UI_PUSH_NAME = 'ui';

export interface AppMenuOptions {
  service: ShellService;
  window: () => BrowserWindow | null;
  isDev: boolean;
  documentationPath: string;
}

export class AppMenu {
  readonly actions: WorkspaceActions;
  private disconnect: (() => void) | null = null;

  constructor(private readonly options: AppMenuOptions) {
    this.actions = new WorkspaceActions(options.service, SHELL_CLIENT_ID, options.window);
  }

  /** Connects the shell's own service client and installs the first menu. */
  async install(): Promise<void> {
    this.disconnect = this.options.service.connect({
      id: SHELL_CLIENT_ID,
      push: (name, data) => {
        if (name !== 'workspace') return;
        // The OS's recent documents (Windows jump list, macOS Dock menu) follow every workspace opened.
        const path = (data as { path?: unknown } | null)?.path;
        if (typeof path === 'string' && path) app.addRecentDocument(path);
        void this.refresh();
      },
    });
    await this.refresh();
  }

  /** The console's language changed (window.vdc.setLocale): menus and dialogs follow it. */
  setLocale(value: unknown): void {
    const locale = desktopLocale(value);
    if (locale === this.actions.locale) return;
    this.actions.locale = locale;
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const [recent, current] = await Promise.all([this.actions.recent(), this.actions.current()]);
    const template = buildMenuTemplate(
      {
        platform: process.platform,
        isDev: this.options.isDev,
        locale: this.actions.locale,
        appName: app.getName(),
        recent,
        hasWorkspace: current !== null,
      },
      this.commands(),
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    const win = this.options.window();
    if (win && !win.isDestroyed())
      win.setTitle(current ? `${current.name} — ${app.getName()}` : app.getName());
  }

  dispose(): void {
    this.disconnect?.();
    this.disconnect = null;
  }

  private commands(): MenuCommands {
    const a = this.actions;
    return {
      newWorkspace: () => void a.newWorkspace(),
      openWorkspace: () => void a.openWorkspace(),
      openRecent: (path) => void a.open(path),
      saveWorkspaceAs: () => void a.saveWorkspaceAs(),
      closeWorkspace: () => void a.closeWorkspace(),
      togglePresenterMode: () => this.togglePresenterMode(),
      showKeyboardShortcuts: () => void this.showKeyboardShortcuts(),
      openDocumentation: () => void this.openDocumentation(),
      showAbout: () => app.showAboutPanel(),
    };
  }

  /**
   * Placeholder: asks the console to enter presenter mode through a push. The push name must exist in the
   * contract (src/shared/methods.ts PUSH_NAMES); until it does, the user is told the feature is not there yet.
   */
  private togglePresenterMode(): void {
    const win = this.options.window();
    if (!win || win.isDestroyed()) return;
    if ((PUSH_NAMES as readonly string[]).includes(UI_PUSH_NAME)) {
      win.webContents.send(IPC_PUSH_CHANNEL, UI_PUSH_NAME, { action: 'presenter.toggle' });
      return;
    }
    void dialog.showMessageBox(win, { type: 'info', ...presenterUnavailableDialog(this.actions.locale) });
  }

  private async showKeyboardShortcuts(): Promise<void> {
    const win = this.options.window();
    const options: Electron.MessageBoxOptions = {
      type: 'info',
      ...shortcutsDialog(this.actions.locale, this.options.isDev, process.platform),
    };
    if (win && !win.isDestroyed()) await dialog.showMessageBox(win, options);
    else await dialog.showMessageBox(options);
  }

  private async openDocumentation(): Promise<void> {
    const failure = await shell.openPath(this.options.documentationPath);
    if (failure) {
      const box = documentationFailedDialog(this.actions.locale, failure, this.options.documentationPath);
      dialog.showErrorBox(box.title, box.content);
    }
  }
}
