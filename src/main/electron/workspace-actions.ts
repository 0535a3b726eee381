/**
 * Native file dialogs and the File-menu commands. Every path the service reads or writes comes from a dialog
 * shown here (or from the command line / the OS "open with"), and reaches the service only as a one-use grant
 * (service.grantFile): the console asks for a dialog by purpose (window.vdc.chooseFile) and gets the grant,
 * never a path to send. Failures are shown with dialog.showErrorBox using the service's own message.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { FileChoice } from '../../shared/bridge';
import type { ApiResult } from '../../shared/errors';
import type { GrantPurpose } from '../../shared/files';
import type { MethodName } from '../../shared/methods';
import type { ShellService } from './service-port';
import { desktopStrings, type DesktopLocale } from './desktop-strings';
import { dialogFor, FileDialogRequestSchema, grantRequestFor, type DialogSpec } from './file-dialog-spec';

export class WorkspaceActions {
  /** The console's language: dialogs and menus follow it (set through window.vdc.setLocale). */
  locale: DesktopLocale = 'en';

  constructor(
    private readonly service: ShellService,
    /** Client id the shell uses for its own calls (connected by menu.ts). */
    private readonly clientId: string,
    private readonly window: () => BrowserWindow | null,
  ) {}

  /** The console's request for a file (window.vdc.chooseFile): a native dialog, then a grant for the choice. */
  async chooseFile(request: unknown): Promise<FileChoice | null> {
    const parsed = FileDialogRequestSchema.safeParse(request);
    if (!parsed.success) return null;
    return this.choose(parsed.data.purpose, parsed.data.suggestedName);
  }

  async newWorkspace(): Promise<void> {
    const c = await this.choose('workspace.new');
    if (c) await this.run(this.strings().failures.new, 'workspace.new', { grant: c.grant });
  }

  async openWorkspace(): Promise<void> {
    const c = await this.choose('workspace.open');
    if (c) await this.run(this.strings().failures.open, 'workspace.open', { grant: c.grant });
  }

  /** Opens a file the user named outside a dialog: Open Recent, the command line, the OS "open with". */
  async open(filePath: string): Promise<void> {
    const grant = await this.service.grantFile({ path: filePath, purpose: 'workspace.open' });
    await this.run(this.strings().failures.open, 'workspace.open', { grant });
  }

  async saveWorkspaceAs(): Promise<void> {
    const c = await this.choose('workspace.saveAs');
    if (c) await this.run(this.strings().failures.save, 'workspace.saveAs', { grant: c.grant });
  }

  async closeWorkspace(): Promise<void> {
    await this.run(this.strings().failures.close, 'workspace.close', {});
  }

  async recent(): Promise<Array<{ path: string; name: string }>> {
    const result = await this.service.call(this.clientId, 'workspace.recent', {});
    return result.ok && Array.isArray(result.value)
      ? (result.value as Array<{ path: string; name: string }>)
      : [];
  }

  async current(): Promise<{ path: string; name: string } | null> {
    const result = await this.service.call(this.clientId, 'workspace.current', {});
    return result.ok ? ((result.value as { path: string; name: string } | null) ?? null) : null;
  }

  private strings() {
    return desktopStrings(this.locale);
  }

  private async choose(purpose: GrantPurpose, suggestedName?: string): Promise<FileChoice | null> {
    const spec = dialogFor(purpose, suggestedName, this.strings(), app.getPath('documents'));
    const chosen = await this.show(spec);
    if (!chosen) return null;
    const request = grantRequestFor(purpose, spec.kind, chosen, existsSync);
    const grant = await this.service.grantFile(request);
    return { grant, name: basename(request.path) };
  }

  private async show(spec: DialogSpec): Promise<string | null> {
    const win = this.window();
    const common = {
      title: spec.title,
      buttonLabel: spec.buttonLabel,
      defaultPath: spec.defaultPath,
      filters: spec.filters,
    };
    if (spec.kind === 'save') {
      const options = { ...common, properties: spec.properties } as Electron.SaveDialogOptions;
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    }
    const options = { ...common, properties: spec.properties } as Electron.OpenDialogOptions;
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  }

  private async run(
    failureTitle: string,
    method: MethodName,
    params: Record<string, unknown>,
  ): Promise<ApiResult<unknown>> {
    const result = await this.service.call(this.clientId, method, params);
    if (!result.ok) dialog.showErrorBox(failureTitle, result.error.message);
    return result;
  }
}
