/**
 * Transport over the browser shell's WebSocket (`/ws?token=…`). Reconnects with back-off; requests
 * still pending when the socket closes are answered with a typed INTERNAL error.
 */
import type { ApiResult } from '@shared/errors';
import { MAX_PAYLOAD_BYTES, type MethodName, type PushName } from '@shared/methods';
import { LOST_CONNECTION_MESSAGE, type ConnectionStatus, type PushListener, type Transport } from './types';

interface Pending {
  resolve: (r: ApiResult<unknown>) => void;
  frame: string;
  sent: boolean;
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 5000;

export function wsUrlFor(loc: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(loc.search).get('token') ?? '';
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/ws?token=${encodeURIComponent(token)}`;
}

/** `/download/<id>?token=…` on the page's own server (the same token as the WebSocket). */
export function downloadUrlFor(loc: Pick<Location, 'search'>, path: string): string {
  const token = new URLSearchParams(loc.search).get('token') ?? '';
  return `${path}?token=${encodeURIComponent(token)}`;
}

export function createWsTransport(url: string): Transport {
  let socket: WebSocket | null = null;
  let status: ConnectionStatus = 'connecting';
  let nextId = 1;
  let retryMs = RECONNECT_MIN_MS;
  const pending = new Map<number, Pending>();
  const pushListeners = new Set<PushListener>();
  const statusListeners = new Set<(s: ConnectionStatus) => void>();

  const setStatus = (s: ConnectionStatus): void => {
    if (s === status) return;
    status = s;
    for (const l of statusListeners) l(s);
  };

  /** `reason`: why the server closed the connection, when it said (code 1009: a frame above its limit). */
  const failPending = (reason?: { code: number; reason: string }): void => {
    const lost: ApiResult<unknown> = {
      ok: false,
      error: reason?.reason
        ? {
            code: reason.code === 1009 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL',
            message: `${LOST_CONNECTION_MESSAGE}: ${reason.reason}`,
          }
        : { code: 'INTERNAL', message: LOST_CONNECTION_MESSAGE },
    };
    for (const p of pending.values()) p.resolve(lost);
    pending.clear();
  };

  const onMessage = (ev: MessageEvent): void => {
    if (typeof ev.data !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(ev.data);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const m = msg as { id?: unknown; result?: unknown; push?: unknown; data?: unknown };
    if (typeof m.id === 'number') {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      const r = m.result as ApiResult<unknown> | undefined;
      p.resolve(
        r && typeof r === 'object' && 'ok' in r
          ? r
          : { ok: false, error: { code: 'INTERNAL', message: 'Malformed answer from the backend' } },
      );
    } else if (typeof m.push === 'string') {
      for (const l of pushListeners) l(m.push as PushName, m.data);
    }
  };

  const connect = (): void => {
    setStatus('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = RECONNECT_MIN_MS;
      setStatus('open');
      for (const p of pending.values()) {
        if (!p.sent) {
          ws.send(p.frame);
          p.sent = true;
        }
      }
    };
    ws.onmessage = onMessage;
    ws.onclose = (ev: CloseEvent) => {
      if (socket !== ws) return;
      socket = null;
      failPending({ code: ev.code, reason: ev.reason });
      setStatus('closed');
      const wait = retryMs;
      retryMs = Math.min(RECONNECT_MAX_MS, retryMs * 2);
      setTimeout(connect, wait);
    };
    ws.onerror = () => {
      // onclose follows and handles reconnection.
    };
  };

  connect();

  return {
    kind: 'web',
    call(method: MethodName, params: unknown): Promise<ApiResult<unknown>> {
      if (status === 'closed') {
        return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: LOST_CONNECTION_MESSAGE } });
      }
      const id = nextId++;
      const frame = JSON.stringify({ id, method, params: params ?? {} });
      // The server refuses a request above the API limit; say so here without sending it.
      const bytes = new TextEncoder().encode(frame).byteLength;
      if (bytes > MAX_PAYLOAD_BYTES)
        return Promise.resolve({
          ok: false,
          error: {
            code: 'PAYLOAD_TOO_LARGE',
            message: `The request is ${bytes.toLocaleString('en-US')} bytes; the limit is ${MAX_PAYLOAD_BYTES.toLocaleString('en-US')} bytes. Send less data per request.`,
            details: { limitBytes: MAX_PAYLOAD_BYTES },
          },
        });
      return new Promise((resolve) => {
        const open = socket !== null && socket.readyState === WebSocket.OPEN;
        pending.set(id, { resolve, frame, sent: open });
        if (open) socket?.send(frame);
      });
    },
    onPush(listener: PushListener) {
      pushListeners.add(listener);
      return () => pushListeners.delete(listener);
    },
    onStatus(listener: (s: ConnectionStatus) => void) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
    notify(title: string, body: string) {
      if (typeof Notification === 'undefined') return;
      if (Notification.permission === 'granted') new Notification(title, { body });
    },
    downloadUrl(ref) {
      return downloadUrlFor(window.location, ref.url);
    },
  };
}
