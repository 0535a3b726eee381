/** Maps engine and store errors onto the API's typed errors. */
import type { ApiError } from '../../shared/errors';
import type { EngineError } from '../engine/api';
import type { StoreError } from '../store';

export function fromEngineError(e: EngineError): ApiError {
  return e.details === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, details: e.details };
}

export function fromStoreError(e: StoreError): ApiError {
  const code = e.code === 'NOT_FOUND' ? 'NOT_FOUND' : e.code === 'INVALID_ARGUMENT' ? 'INVALID_ARGUMENT' : 'WORKSPACE_ERROR';
  return { code, message: e.message, details: { storeCode: e.code, ...(e.details ?? {}) } };
}
