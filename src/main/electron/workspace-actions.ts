/**
 * File-menu commands: native dialogs, then the service's workspace.* methods. Failures are shown with
 * dialog.showErrorBox using the service's own message (written for a person to act on).
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { ApiResult } from '../../shared/errors';
import type { MethodName } from '../../shared/methods';
import type { ShellService } from './service-port';
import { ensureVdcExtension, VDC_FILE_FILTERS } from './workspace-files';

export class WorkspaceActions {
  constructor(
    private readonly service: ShellService,
    /** Client id the shell uses for its own calls (connected by menu.ts). */
    private readonly clientId: string,
    private readonly window: () => BrowserWindow | null,
  ) {}

  async newWorkspace(): Promise<void> {
    const filePath = await this.askSavePath('New Workspace', 'Create');
    if (filePath) await this.run('Could not create the workspace', 'workspace.new', { path: filePath });
  }

  async openWorkspace(): Promise<void> {
    const win = this.window();
    const options: Electron.OpenDialogOptions = {
      title: 'Open Workspace',
      buttonLabel: 'Open',
      filters: VDC_FILE_FILTERS,
      properties: ['openFile'],
      defaultPath: app.getPath('documents'),
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const chosen = result.canceled ? undefined : result.filePaths[0];
    if (chosen) await this.open(chosen);
  }

  async open(filePath: string): Promise<void> {
    await this.run('Could not open the workspace', 'workspace.open', { path: filePath });
  }

  async saveWorkspaceAs(): Promise<void> {
    const filePath = await this.askSavePath('Save Workspace As', 'Save');
    if (filePath) await this.run('Could not save the workspace', 'workspace.saveAs', { path: filePath });
  }

  async closeWorkspace(): Promise<void> {
    await this.run('Could not close the workspace', 'workspace.close', {});
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

  private async askSavePath(title: string, buttonLabel: string): Promise<string | null> {
    const win = this.window();
    const options: Electron.SaveDialogOptions = {
      title,
      buttonLabel,
      filters: VDC_FILE_FILTERS,
      defaultPath: join(app.getPath('documents'), 'Untitled.vdc'),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : ensureVdcExtension(result.filePath);
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
