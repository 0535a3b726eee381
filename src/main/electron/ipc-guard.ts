/**
 * The checks every IPC request passes before it reaches the service. Pure of electron (the caller extracts
 * the sender frame's URL), so the whole path — sender check, payload checks, service call — is testable
 * under plain Node against the real service.
 */
import { apiErr, type ApiResult } from '../../shared/errors';
import { MAX_PAYLOAD_BYTES, type MethodName } from '../../shared/methods';
import type { ShellService } from './service-port';
import { isTrustedRendererUrl, type RendererLocation } from './trusted-origin';

export interface InvokeSender {
  /** URL of the frame that sent the message; null when the frame is gone. */
  readonly frameUrl: string | null;
  /** False for iframes: only the console's top-level frame may call the API. */
  readonly isTopFrame: boolean;
}

/** Answers why a sender may not call, or null when it may. */
export function rejectSender(sender: InvokeSender, location: RendererLocation): ApiResult<never> | null {
  if (sender.frameUrl === null || !sender.isTopFrame || !isTrustedRendererUrl(sender.frameUrl, location)) {
    return apiErr(
      'BAD_REQUEST',
      'This request did not come from the VDC Studio console window and was refused. Restart VDC Studio if the console shows this.',
      { sender: sender.frameUrl ?? 'unknown frame' },
    );
  }
  return null;
}

/**
 * Normalises params to what the WebSocket transport would see (JSON: dates become strings, undefined members
 * vanish, Maps become {}), refusing values that are not JSON-serialisable or exceed MAX_PAYLOAD_BYTES.
 */
export function normaliseParams(
  params: unknown,
): { ok: true; value: unknown } | { ok: false; error: ApiResult<never> } {
  if (params === undefined) return { ok: true, value: undefined };
  let json: string | undefined;
  try {
    json = JSON.stringify(params);
  } catch {
    return {
      ok: false,
      error: apiErr(
        'BAD_REQUEST',
        'The request parameters are not plain JSON data (cycles or BigInt values are not allowed).',
      ),
    };
  }
  if (json === undefined) return { ok: true, value: undefined };
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_PAYLOAD_BYTES) {
    return {
      ok: false,
      error: apiErr(
        'PAYLOAD_TOO_LARGE',
        `The request is ${bytes} bytes; the limit is ${MAX_PAYLOAD_BYTES} bytes. Send less data per request.`,
        {
          bytes,
          limitBytes: MAX_PAYLOAD_BYTES,
        },
      ),
    };
  }
  return { ok: true, value: JSON.parse(json) as unknown };
}

/** One IPC request end to end: sender check, payload checks, then the service (which validates params). */
export async function handleInvoke(
  service: Pick<ShellService, 'call'>,
  location: RendererLocation,
  request: { clientId: string; method: MethodName; sender: InvokeSender; params: unknown },
): Promise<ApiResult<unknown>> {
  const refused = rejectSender(request.sender, location);
  if (refused) return refused;
  const params = normaliseParams(request.params);
  if (!params.ok) return params.error;
  try {
    return await service.call(request.clientId, request.method, params.value);
  } catch (error) {
    // The service promises never to throw; if it does, the renderer still gets a typed value.
    return apiErr(
      'INTERNAL',
      `VDC Studio hit an internal error handling ${request.method}. Details: ${String(error)}`,
    );
  }
}
