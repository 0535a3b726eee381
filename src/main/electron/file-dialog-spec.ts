/**
 * Which native dialog serves which file purpose, and how the user's choice becomes a grant request. Pure (no
 * electron import), so the rules are unit tested: the console sends a purpose and a proposed name only; the
 * path always comes from the dialog; a file is replaced only when the dialog itself confirmed replacing it.
 */
import { basename, join } from 'node:path';
import { z } from 'zod';
import { GRANT_PURPOSES, type GrantPurpose } from '../../shared/files';
import type { DesktopStrings } from './desktop-strings';
import { ensureVdcExtension } from './workspace-files';

export const FileDialogRequestSchema = z
  .object({ purpose: z.enum(GRANT_PURPOSES), suggestedName: z.string().max(255).optional() })
  .strict();

export type DialogKind = 'save' | 'open' | 'folder';

export interface DialogSpec {
  kind: DialogKind;
  title: string;
  buttonLabel: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
  /** For open dialogs: files, or a file or a folder of CSV files. */
  properties: string[];
}

const EXT: Partial<Record<GrantPurpose, { name: string; extensions: string[] }>> = {
  recording: { name: 'Storyline JSON', extensions: ['json'] },
  inventory: { name: 'Excel workbook', extensions: ['xlsx'] },
  'import.source': { name: 'RVTools / CSV', extensions: ['xlsx', 'csv'] },
};

/** Keeps only a plain file name of what the console proposed (never a folder). */
export function proposedName(suggested: string | undefined, fallback: string): string {
  const name = basename((suggested ?? '').replaceAll('\\', '/'))
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
    .replace(/[\u0000-\u001f<>:"|?*]+/g, '')
    .replace(/^[.\s]+/, '')
    .trim();
  return name || fallback;
}

export function dialogFor(
  purpose: GrantPurpose,
  suggestedName: string | undefined,
  s: DesktopStrings,
  documentsDir: string,
): DialogSpec {
  const title = s.dialogTitles[purpose];
  const vdc = [
    { name: s.workspaceFilter, extensions: ['vdc'] },
    { name: s.allFiles, extensions: ['*'] },
  ];
  const report = suggestedName?.toLowerCase().endsWith('.pdf')
    ? { name: 'PDF', extensions: ['pdf'] }
    : { name: 'HTML', extensions: ['html'] };
  switch (purpose) {
    case 'workspace.open':
      return {
        kind: 'open',
        title,
        buttonLabel: s.open,
        defaultPath: documentsDir,
        filters: vdc,
        properties: ['openFile'],
      };
    case 'import.source':
      return {
        kind: 'open',
        title,
        buttonLabel: s.open,
        defaultPath: documentsDir,
        filters: [EXT['import.source']!, { name: s.allFiles, extensions: ['*'] }],
        properties: ['openFile'],
      };
    case 'inventory.folder':
      return {
        kind: 'folder',
        title,
        buttonLabel: s.choose,
        defaultPath: documentsDir,
        filters: [],
        properties: ['openDirectory', 'createDirectory'],
      };
    case 'workspace.new':
    case 'workspace.saveAs':
      return {
        kind: 'save',
        title,
        buttonLabel: purpose === 'workspace.new' ? s.create : s.save,
        defaultPath: join(documentsDir, proposedName(suggestedName, s.untitled)),
        filters: vdc,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
    default:
      return {
        kind: 'save',
        title,
        buttonLabel: s.save,
        defaultPath: join(
          documentsDir,
          proposedName(suggestedName, purpose === 'report' ? 'capacity-report.html' : 'export'),
        ),
        filters: [purpose === 'report' ? report : EXT[purpose]!, { name: s.allFiles, extensions: ['*'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
  }
}

/**
 * The grant request for a dialog's answer. Save dialogs confirm replacing an existing file themselves
 * (macOS and Windows always, Linux with showOverwriteConfirmation), so a file that existed at the chosen path
 * counts as confirmed; a name we changed (".vdc" appended) was not confirmed, so it is never replaced.
 */
export function grantRequestFor(
  purpose: GrantPurpose,
  kind: DialogKind,
  chosen: string,
  exists: (path: string) => boolean,
): { path: string; purpose: GrantPurpose; overwrite: boolean } {
  if (kind !== 'save') return { path: chosen, purpose, overwrite: false };
  const path =
    purpose === 'workspace.new' || purpose === 'workspace.saveAs' ? ensureVdcExtension(chosen) : chosen;
  return { path, purpose, overwrite: path === chosen && exists(chosen) };
}
