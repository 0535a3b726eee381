/** Typed store errors: expected failures travel as values with a message a person can act on. */
import type { Result } from '../engine/api';

export type StoreErrorCode =
  | 'NOT_A_WORKSPACE'
  | 'NEWER_VERSION'
  | 'CORRUPT'
  | 'READ_ONLY'
  | 'DISK_FULL'
  | 'NOT_FOUND'
  | 'IO'
  | 'INVALID_ARGUMENT';

export interface StoreError {
  code: StoreErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The engine's Result shape with the store's errors (one result shape below the service; see docs/architecture.md). */
export type StoreResult<T> = Result<T, StoreError>;

export const storeOk = <T>(value: T): StoreResult<T> => ({ ok: true, value });

export const storeErr = (
  code: StoreErrorCode,
  message: string,
  details?: Record<string, unknown>,
): { ok: false; error: StoreError } => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** The SQLite result code carried by a better-sqlite3 SqliteError (e.g. "SQLITE_FULL"), or null. */
function sqliteCode(e: unknown): string | null {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    return (e as { code: string }).code;
  }
  return null;
}

/** Maps an exception thrown by better-sqlite3 or node:fs to a typed store error. */
export function toStoreError(e: unknown, path: string, action: string): StoreError {
  const code = sqliteCode(e) ?? '';
  const raw = e instanceof Error ? e.message : String(e);
  const details = { path, sqlite: code || undefined, cause: raw };
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || (code === 'SQLITE_IOERR_WRITE' && /full/i.test(raw))) {
    return {
      code: 'DISK_FULL',
      message: `Cannot ${action}: the disk holding ${path} is full (or the file reached its size limit). Free some space or use Save As to another disk; the unsaved history is kept in memory.`,
      details,
    };
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return {
      code: 'READ_ONLY',
      message: `Cannot ${action}: ${path} is read-only. Use Save As to write the workspace somewhere writable; the unsaved history is kept in memory.`,
      details,
    };
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return {
      code: 'CORRUPT',
      message: `Cannot ${action}: ${path} is damaged (${raw}). Open a backup or an earlier copy of the workspace.`,
      details,
    };
  }
  if (code === 'ENOENT' || code === 'SQLITE_CANTOPEN') {
    return {
      code: 'NOT_FOUND',
      message: `Cannot ${action}: ${path} does not exist or cannot be opened.`,
      details,
    };
  }
  return { code: 'IO', message: `Cannot ${action} (${path}): ${raw}`, details };
}
