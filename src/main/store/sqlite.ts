/**
 * The one place the store opens SQLite. In the desktop app better-sqlite3 must load a binary built for
 * Electron's ABI (see docs/desktop.md); the shell names it once with setSqliteNativeBinding and every
 * database opened afterwards uses it. Under plain Node (tests, CLI, browser shell) nothing is set.
 */
import Database from 'better-sqlite3';

let nativeBinding: string | undefined;

export function setSqliteNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

/** The binary set for this thread, if any (off-thread tasks set the same one in their thread). */
export function sqliteNativeBinding(): string | undefined {
  return nativeBinding;
}

export function openDatabase(path: string, options: Database.Options = {}): Database.Database {
  return new Database(path, nativeBinding === undefined ? options : { ...options, nativeBinding });
}
