/**
 * How files cross the API (the file-write rule, docs/architecture.md "Files"): the API never takes a path to
 * write. A method that writes a file takes either
 *   - `grant`: an opaque, one-use id the desktop shell issued after the user chose the path in a native
 *     dialog (bound to that path and one purpose, expiring; see src/main/service/file-grants.ts), or
 *   - `download: true`: the file is produced into the service's private temp area and served once by the
 *     browser shell as an HTTP download (`GET /download/<id>?token=…`, see DownloadRef).
 * Without either, the content comes back inline in the result (as before). Imports only zod.
 */
import { z } from 'zod';

/** What a grant may be used for; a grant issued for one purpose is refused by every other. */
export const GRANT_PURPOSES = [
  /** Create a new workspace file (workspace.new, import.apply's output). */
  'workspace.new',
  /** Copy the open workspace to this file and continue there (workspace.saveAs). */
  'workspace.saveAs',
  /** Open an existing workspace file (workspace.open). */
  'workspace.open',
  /** A storyline JSON file (recording.export). */
  'recording',
  /** The capacity report, HTML or PDF (report.generate). */
  'report',
  /** The RVTools workbook (export.inventory, xlsx). */
  'inventory',
  /** A folder for the RVTools CSV files (export.inventory, csv). */
  'inventory.folder',
  /** A file or a folder of CSV files to import (import.preview / import.apply). */
  'import.source',
] as const;
export type GrantPurpose = (typeof GRANT_PURPOSES)[number];

export const GrantIdSchema = z.string().regex(/^grant-[0-9a-f]{32}$/, {
  message: 'must be a file grant from a file dialog (the API takes no file paths to write)',
});

/** A file prepared for one download (browser shell). */
export const DownloadRefSchema = z.object({
  id: z.string(),
  /** A safe file name (no folders). */
  name: z.string(),
  bytes: z.number(),
  /** Path of the download on the browser shell's server (add `?token=`). */
  url: z.string(),
});
export type DownloadRef = z.infer<typeof DownloadRefSchema>;

/** Params every file-producing method accepts: where the file goes (see the header). */
export const FileTargetParams = {
  grant: GrantIdSchema.optional(),
  download: z.boolean().optional(),
};
export const oneFileTarget = (p: { grant?: string | undefined; download?: boolean | undefined }) =>
  !(p.grant !== undefined && p.download === true);
export const oneFileTargetMsg = {
  message: 'give "grant" (a file chosen in a dialog) or "download": true, not both',
};

/** A workspace name in the app's data folder: a plain file name, no folders. */
export const WorkspaceNameSchema = z
  .string()
  .min(1)
  .max(120)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  .refine((n) => !/[/\\:*?"<>|\u0000-\u001f]/.test(n) && !n.startsWith('.') && n.trim() === n, {
    message: 'must be a plain name (no folders, no / \\ : * ? " < > |, not starting with a dot)',
  });

/**
 * Whether `p` is an absolute path on `platform`. On Windows: `C:\x`, `C:/x` or a UNC `\\server\share`;
 * everywhere else only `/x` (`C:/x` and `\\srv\x` are relative names there and would land in the working folder).
 */
export function isAbsolutePathOn(p: string, platform: string): boolean {
  if (p.includes('\0')) return false;
  if (platform === 'win32') return /^([A-Za-z]:[\\/]|\\\\[^\\/]+[\\/])/.test(p);
  return p.startsWith('/');
}

/** The platform the contract is validated on (the service's); a browser console checks loosely. */
function runtimePlatform(): string | null {
  const proc = (globalThis as { process?: { platform?: string } }).process;
  return typeof proc?.platform === 'string' ? proc.platform : null;
}

/** An absolute path of the machine that validates it (see isAbsolutePathOn); `what`: "file" or "folder". */
export const absolutePathSchema = (what: 'file' | 'folder' = 'file') =>
  z
    .string()
    .min(1)
    .max(4096)
    .refine(
      (p) => {
        const platform = runtimePlatform();
        return platform
          ? isAbsolutePathOn(p, platform)
          : isAbsolutePathOn(p, 'linux') || isAbsolutePathOn(p, 'win32');
      },
      { message: `must be an absolute ${what} path on this machine` },
    );
export const AbsPathSchema = absolutePathSchema('file');
