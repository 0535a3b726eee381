/**
 * The console's WebSocket transport (src/renderer/src/api/transport-ws.ts) against the real browser-shell
 * server: an oversized request gets a typed answer naming the limit, and a connection the server closes
 * with a reason (a frame above the frame limit) answers the waiting calls with that reason — never a
 * request dropped without an answer. Node 20 has no WebSocket global: the `ws` client stands in for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { MAX_PAYLOAD_BYTES } from '../shared/methods';
import { startTestServer, type TestServer } from '../main/web/test-server';
import { FRAME_TOO_LARGE_REASON } from '../main/web/server';
import { createWsTransport } from '../renderer/src/api/transport-ws';
import type { Transport } from '../renderer/src/api/types';

let t: TestServer;
const g = globalThis as { WebSocket?: unknown };
const hadWebSocket = 'WebSocket' in g;
const before = g.WebSocket;

beforeAll(async () => {
  if (!hadWebSocket) g.WebSocket = WebSocket;
  t = await startTestServer();
});
afterAll(async () => {
  if (!hadWebSocket) delete g.WebSocket;
  else g.WebSocket = before;
  await t.close();
});

const opened = (tr: Transport) =>
  new Promise<void>((resolve) => {
    const off = tr.onStatus((s) => {
      if (s === 'open') {
        resolve();
        queueMicrotask(() => off());
      }
    });
  });

describe('console WebSocket transport: oversized requests', () => {
  it('answers a request above the API limit with PAYLOAD_TOO_LARGE naming the limit, and keeps working', async () => {
    const tr = createWsTransport(`ws://127.0.0.1:${t.server.port}/ws?token=${t.server.token}`);
    await opened(tr);
    const big = await tr.call('app.info', { pad: 'x'.repeat(MAX_PAYLOAD_BYTES + 1) });
    expect(big).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(big.ok ? '' : big.error.message).toContain(MAX_PAYLOAD_BYTES.toLocaleString('en-US'));
    expect(await tr.call('app.info', {})).toMatchObject({ ok: true });
  });

  it('answers the waiting calls with the reason the server closed the connection for', async () => {
    // A server that closes as the browser shell does on a frame above its frame limit.
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    wss.on('connection', (ws) => ws.on('message', () => ws.close(1009, FRAME_TOO_LARGE_REASON)));
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const port = (wss.address() as { port: number }).port;
    const tr = createWsTransport(`ws://127.0.0.1:${port}/ws`);
    await opened(tr);
    const r = await tr.call('app.info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(r.ok ? '' : r.error.message).toContain(FRAME_TOO_LARGE_REASON);
    for (const c of wss.clients) c.terminate();
    await new Promise((r2) => wss.close(r2));
  });
});
