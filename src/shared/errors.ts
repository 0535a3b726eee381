import { z } from 'zod';
import { MsgSchema } from './msg';

/** Error codes every API method may answer with. */
export const ErrorCodes = [
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'INVALID_ARGUMENT',
  'INVALID_STATE',
  'INSUFFICIENT_CAPACITY',
  'CONFLICT',
  'NOT_SUPPORTED',
  /** The cluster is in manual DRS mode: choose a host from details.recommendations and send the command again. */
  'PLACEMENT_CHOICE_REQUIRED',
  'NO_WORKSPACE',
  'WORKSPACE_ERROR',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

/** A typed error: a code for programs, a message a person can act on, details for context. */
export const ApiErrorSchema = z.object({
  code: z.enum(ErrorCodes),
  message: z.string(),
  /** The message as a code with parameters, when the engine gave one: the console renders it in its language. */
  msg: MsgSchema.optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const apiOk = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const apiErr = (
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): ApiResult<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Text without a leading UTF-8 byte-order mark (Windows editors write one; JSON.parse refuses it). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A zod issue path as a person reads it: `scenario.hosts[3].coreMHz`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${String(k)}` : String(k);
  return out || 'value';
}

/** Turns zod issues into one readable sentence naming each bad field. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${formatPath(i.path)}: ${i.message}`)
    .join('; ');
}
