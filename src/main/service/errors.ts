/**
 * The one adapter per layer boundary (docs/architecture.md, "Results and errors"): engine and store
 * answer `Result<T, E>` values (engine/api.ts; the store's StoreResult is Result<T, StoreError>), the
 * API answers ApiResult<T> (src/shared/errors.ts). The service maps them here and nowhere else.
 */
import type { ApiError, ApiResult } from '../../shared/errors';
import type { EngineError, Result } from '../engine/api';
import type { StoreError } from '../store';

/** An engine result as an API result. */
export function fromEngine<T>(r: Result<T>): ApiResult<T> {
  return r.ok ? r : { ok: false, error: fromEngineError(r.error) };
}

/** A store result as an API result. */
export function fromStore<T>(r: Result<T, StoreError>): ApiResult<T> {
  return r.ok ? r : { ok: false, error: fromStoreError(r.error) };
}

export function fromEngineError(e: EngineError): ApiError {
  const out: ApiError = { code: e.code, message: e.message };
  if (e.msg !== undefined) out.msg = e.msg;
  if (e.details !== undefined) out.details = e.details;
  return out;
}

export function fromStoreError(e: StoreError): ApiError {
  const code =
    e.code === 'NOT_FOUND'
      ? 'NOT_FOUND'
      : e.code === 'INVALID_ARGUMENT'
        ? 'INVALID_ARGUMENT'
        : 'WORKSPACE_ERROR';
  return { code, message: e.message, details: { storeCode: e.code, ...(e.details ?? {}) } };
}

const FS_ERRORS: Record<string, { code: ApiError['code']; what: string }> = {
  ENAMETOOLONG: { code: 'INVALID_ARGUMENT', what: 'the file name or path is too long' },
  ENOENT: { code: 'NOT_FOUND', what: 'it does not exist' },
  ENOTDIR: { code: 'INVALID_ARGUMENT', what: 'a part of the path is not a folder' },
  EISDIR: { code: 'INVALID_ARGUMENT', what: 'it is a folder' },
  EEXIST: { code: 'CONFLICT', what: 'it already exists' },
  EACCES: { code: 'WORKSPACE_ERROR', what: 'permission denied' },
  EPERM: { code: 'WORKSPACE_ERROR', what: 'the operation is not permitted' },
  EROFS: { code: 'WORKSPACE_ERROR', what: 'the file system is read-only' },
  ENOSPC: { code: 'WORKSPACE_ERROR', what: 'the disk is full' },
  EDQUOT: { code: 'WORKSPACE_ERROR', what: 'the disk quota is exhausted' },
  ELOOP: { code: 'INVALID_ARGUMENT', what: 'too many symbolic links' },
  EMFILE: { code: 'WORKSPACE_ERROR', what: 'too many open files' },
  EBUSY: { code: 'WORKSPACE_ERROR', what: 'the file is busy' },
  EINVAL: { code: 'INVALID_ARGUMENT', what: 'the path is not valid here' },
};

/**
 * A filesystem exception (node:fs, errno code) as a typed API error naming the path, or null when `e`
 * is not one. Lets an unexpected ENAMETOOLONG or EACCES answer what it is instead of INTERNAL.
 */
export function fromFsError(e: unknown): ApiError | null {
  if (!e || typeof e !== 'object') return null;
  const { code, path, syscall } = e as { code?: unknown; path?: unknown; syscall?: unknown };
  if (typeof code !== 'string') return null;
  const known = FS_ERRORS[code];
  if (!known) return null;
  const where = typeof path === 'string' ? path : 'the file';
  return {
    code: known.code,
    message: `Cannot use ${where}: ${known.what} (${code}).`,
    details: {
      path: typeof path === 'string' ? path : null,
      errno: code,
      ...(typeof syscall === 'string' ? { syscall } : {}),
    },
  };
}
