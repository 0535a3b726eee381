/**
 * The browser shell: serves the built console and the API over a WebSocket, on 127.0.0.1 only,
 * protected by a random per-launch token. Connections without the token or from a foreign Origin
 * are refused; every frame is validated; a bad frame gets a typed error and changes nothing.
 */
import { createServer, type Server } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_PAYLOAD_BYTES } from '../../shared/methods';
import { RequestEnvelopeSchema } from '../../shared/contract';
import { apiErr } from '../../shared/errors';
import type { VdcServiceApi } from '../service/service-api';
import { serveStatic } from './static-files';
import { serveDownload } from './downloads';

export interface WebServerOptions {
  service: VdcServiceApi;
  staticDir: string;
  port?: number;
  /** Defaults to a fresh random token. */
  token?: string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Origins allowed to open the socket: this server's own, by IP or by localhost name. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true; // non-browser clients (the CLI, tests) send none; the token still applies
  return origin === `http://${HOST}:${port}` || origin === `http://localhost:${port}`;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const server: Server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/download/')) {
      void serveDownload(opts.service, (given) => tokensEqual(given, token), req, res);
      return;
    }
    serveStatic(opts.staticDir, req, res);
  });
  // Accept frames a bit larger than the API limit so we can answer PAYLOAD_TOO_LARGE instead of dropping the socket.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES * 4 });
  let clientSeq = 0;

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const port = (server.address() as AddressInfo).port;
    const given = url.searchParams.get('token') ?? '';
    if (url.pathname !== '/ws' || !tokensEqual(given, token) || !isAllowedOrigin(req.headers.origin, port)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, `ws-${++clientSeq}`));
  });

  function onConnection(ws: WebSocket, clientId: string): void {
    const disconnect = opts.service.connect({
      id: clientId,
      push: (name, data) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ push: name, data }));
      },
    });
    ws.on('close', disconnect);
    ws.on('error', disconnect);
    ws.on('message', (raw, isBinary) => {
      void handleFrame(ws, clientId, raw as Buffer, isBinary);
    });
  }

  async function handleFrame(ws: WebSocket, clientId: string, raw: Buffer, isBinary: boolean): Promise<void> {
    const reply = (id: number, result: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
    };
    if (isBinary) return reply(-1, apiErr('BAD_REQUEST', 'Frames must be JSON text, not binary.'));
    if (raw.length > MAX_PAYLOAD_BYTES) {
      return reply(-1, apiErr('PAYLOAD_TOO_LARGE', `Request is ${raw.length} bytes; the limit is ${MAX_PAYLOAD_BYTES}.`));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply(-1, apiErr('BAD_REQUEST', 'Request is not valid JSON.'));
    }
    const envelope = RequestEnvelopeSchema.safeParse(parsed);
    if (!envelope.success) {
      const id = typeof (parsed as { id?: unknown })?.id === 'number' ? (parsed as { id: number }).id : -1;
      return reply(id, apiErr('BAD_REQUEST', 'A request is {"id": <integer>, "method": "<name>", "params": {...}}.'));
    }
    const result = await opts.service.call(clientId, envelope.data.method, envelope.data.params);
    reply(envelope.data.id, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}
