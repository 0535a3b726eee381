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
  return e.details === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, details: e.details };
}

export function fromStoreError(e: StoreError): ApiError {
  const code = e.code === 'NOT_FOUND' ? 'NOT_FOUND' : e.code === 'INVALID_ARGUMENT' ? 'INVALID_ARGUMENT' : 'WORKSPACE_ERROR';
  return { code, message: e.message, details: { storeCode: e.code, ...(e.details ?? {}) } };
}
