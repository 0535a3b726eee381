/**
 * Where the desktop shell finds its files, in development (`electron-vite preview/dev`, run from the repo)
 * and when packaged by electron-builder (resources next to app.asar). Pure: callers pass app.isPackaged,
 * process.resourcesPath, the repo root and process.versions.electron.
 *
 * The Electron build of better-sqlite3 is produced by scripts/prepare-electron.mjs into `.electron-native/`
 * (never into node_modules, so Node-side tests keep their own build) and packaged through electron-builder's
 * extraResources into `<resources>/native/`. Keep NATIVE_DIR and the file name in step with that script
 * (a unit test checks both agree).
 */
import { join } from 'node:path';

export const NATIVE_DIR = '.electron-native';
export const PACKAGED_NATIVE_DIR = 'native';

export function nativeBindingFileName(electronVersion: string): string {
  return `better_sqlite3-${electronVersion}.node`;
}

export interface AppLocation {
  isPackaged: boolean;
  /** process.resourcesPath (packaged) — the folder holding app.asar and extraResources. */
  resourcesPath: string;
  /**
   * The repo root in development, derived from the bundle's location (out/main/ → ../..) rather than
   * app.getAppPath(), which depends on how Electron was started (`electron .` or `electron out/main/index.js`).
   */
  repoRoot: string;
}

/** Absolute path of the better-sqlite3 addon built for this Electron version. */
export function sqliteNativeBindingPath(location: AppLocation, electronVersion: string): string {
  const file = nativeBindingFileName(electronVersion);
  return location.isPackaged
    ? join(location.resourcesPath, PACKAGED_NATIVE_DIR, file)
    : join(location.repoRoot, NATIVE_DIR, file);
}

/** The bundle layout electron-vite produces: out/main/index.js, out/preload/index.cjs, out/renderer/index.html. */
export function bundlePaths(mainDir: string): { preload: string; indexHtml: string; repoRoot: string } {
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    indexHtml: join(mainDir, '..', 'renderer', 'index.html'),
    repoRoot: join(mainDir, '..', '..'),
  };
}

/** The window/taskbar icon (Linux and Windows use it at runtime; macOS takes the bundle's icon). */
export function windowIconPath(location: AppLocation): string {
  return location.isPackaged
    ? join(location.resourcesPath, 'icon.png')
    : join(location.repoRoot, 'resources', 'icon.png');
}

/** The user documentation shipped with the app (extraResources `docs/`), or the repo's docs in development. */
export function documentationPath(location: AppLocation): string {
  return location.isPackaged ? join(location.resourcesPath, 'docs') : join(location.repoRoot, 'docs');
}
