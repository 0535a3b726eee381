/** Workspace file conventions shared by the native dialogs, the command line and "open with". Pure. */
import { extname, resolve } from 'node:path';

export const VDC_EXTENSION = '.vdc';
export const VDC_FILE_FILTERS = [
  { name: 'VDC workspace', extensions: ['vdc'] },
  { name: 'All files', extensions: ['*'] },
];

/** Appends `.vdc` unless the chosen name already ends with it (any case). */
export function ensureVdcExtension(filePath: string): string {
  return extname(filePath).toLowerCase() === VDC_EXTENSION ? filePath : `${filePath}${VDC_EXTENSION}`;
}

/**
 * Finds a workspace to open in a launch's arguments: `--workspace FILE`, `--workspace=FILE`, or the first bare
 * argument ending in .vdc (how the OS passes a double-clicked file). Chromium/Electron switches are ignored.
 * Returns an absolute path resolved against `cwd`, or null.
 */
export function workspacePathFromArgv(args: readonly string[], cwd: string): string | null {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--workspace') {
      const next = args[i + 1];
      return next && !next.startsWith('-') ? resolve(cwd, next) : null;
    }
    if (arg.startsWith('--workspace=')) {
      const value = arg.slice('--workspace='.length);
      return value ? resolve(cwd, value) : null;
    }
  }
  const bare = args.find((a) => !a.startsWith('-') && extname(a).toLowerCase() === VDC_EXTENSION);
  return bare ? resolve(cwd, bare) : null;
}
