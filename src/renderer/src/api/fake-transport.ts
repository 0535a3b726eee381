/**
 * A transport for tests that implements the contract in memory: every call's params are parsed with
 * the contract's zod schema (a bad call answers BAD_REQUEST, as the service does), the test's handler
 * answers, and every answer and push is checked against the contract's result and payload schemas
 * (a handler that answers a wrong shape fails the test instead of passing silently).
 */
import { contract, pushContract, type ParsedParams, type PushPayload, type ResultOf } from '@shared/contract';
import { apiErr, describeZodError, type ApiResult } from '@shared/errors';
import type { MethodName, PushName } from '@shared/methods';
import type { ConnectionStatus, PushListener, Transport } from './types';

export type FakeHandlers = {
  [M in MethodName]?: (params: ParsedParams<M>) => ApiResult<ResultOf<M>> | Promise<ApiResult<ResultOf<M>>>;
};

export interface FakeTransport extends Transport {
  /** Every call made, in order, with the params as sent. */
  readonly calls: { method: MethodName; params: unknown }[];
  /** Sends a push event to the console (validated against the push contract). */
  push<P extends PushName>(name: P, data: PushPayload<P>): void;
  setStatus(status: ConnectionStatus): void;
  readonly notifications: { title: string; body: string }[];
}

export function createFakeTransport(
  handlers: FakeHandlers,
  initialStatus: ConnectionStatus = 'open',
): FakeTransport {
  const pushListeners = new Set<PushListener>();
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  let status = initialStatus;
  const calls: { method: MethodName; params: unknown }[] = [];
  const notifications: { title: string; body: string }[] = [];

  async function call(method: MethodName, params: unknown): Promise<ApiResult<unknown>> {
    calls.push({ method, params });
    const parsed = contract[method].params.safeParse(params ?? {});
    if (!parsed.success)
      return apiErr('BAD_REQUEST', `Invalid parameters for ${method}: ${describeZodError(parsed.error)}`);
    const handler = handlers[method] as
      ((p: unknown) => ApiResult<unknown> | Promise<ApiResult<unknown>>) | undefined;
    if (!handler) return apiErr('NOT_SUPPORTED', `The fake backend does not answer ${method}.`);
    const r = await handler(parsed.data);
    if (r.ok) {
      const checked = contract[method].result.safeParse(r.value);
      if (!checked.success)
        throw new Error(`fake ${method} answered outside the contract: ${describeZodError(checked.error)}`);
    }
    return structuredClone(r);
  }

  return {
    kind: 'web',
    calls,
    notifications,
    call,
    onPush(listener) {
      pushListeners.add(listener);
      return () => pushListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
    notify(title, body) {
      notifications.push({ title, body });
    },
    push(name, data) {
      const checked = pushContract[name].safeParse(data);
      if (!checked.success)
        throw new Error(`push ${name} outside the contract: ${describeZodError(checked.error)}`);
      for (const l of pushListeners) l(name, structuredClone(data));
    },
    setStatus(s) {
      status = s;
      for (const l of statusListeners) l(s);
    },
  };
}
