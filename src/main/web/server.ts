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
  /** Per-client send queue limits (defaults: SEND_LIMITS). */
  sendLimits?: Partial<SendLimits>;
}

/**
 * Back-pressure per client. A client that stops reading (a suspended tab, a stuck script) used to grow
 * the server's memory without bound. Bytes waiting for a client are its socket's bufferedAmount.
 */
export interface SendLimits {
  /** Above this many bytes waiting, pushes that supersede older ones (tick, clock, workspace) are merged: only the latest of each is kept until the client catches up. */
  mergeAboveBytes: number;
  /** A client that would have more than this waiting is disconnected. */
  maxQueuedBytes: number;
  /** A client that stays behind (above mergeAboveBytes) this long is disconnected. */
  maxBehindMs: number;
}

export const SEND_LIMITS: SendLimits = {
  mergeAboveBytes: 1024 * 1024,
  maxQueuedBytes: 16 * 1024 * 1024,
  maxBehindMs: 30_000,
};

/**
 * Largest WebSocket frame read at all. Frames between MAX_PAYLOAD_BYTES and this get a typed
 * PAYLOAD_TOO_LARGE answer; a larger one is not read (it would have to be held in memory whole).
 */
export const MAX_FRAME_BYTES = MAX_PAYLOAD_BYTES * 4;

/** The close reason of a connection that sent a frame above MAX_FRAME_BYTES (code 1009). */
export const FRAME_TOO_LARGE_REASON = `A request frame was larger than the limit of ${MAX_FRAME_BYTES} bytes; it was not read.`;

/** Pushes whose latest value replaces every earlier one. */
const SUPERSEDING = new Set<string>(['tick', 'clock', 'workspace']);

export interface ClientStats {
  id: string;
  /** Bytes waiting in the socket (ws bufferedAmount). */
  queuedBytes: number;
  /** Superseded pushes held back while the client is behind. */
  held: number;
  /** Pushes replaced by a newer one while the client was behind. */
  merged: number;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
  /** Connected clients and their send queues. */
  clients(): ClientStats[];
  /** Clients disconnected because they stayed behind, since the start. */
  readonly slowDisconnects: number;
}

/** One client's outgoing frames, with the limits above. */
class Outbox {
  private readonly held = new Map<string, string>();
  private behindSince: number | null = null;
  merged = 0;

  constructor(
    readonly id: string,
    private readonly ws: WebSocket,
    private readonly limits: SendLimits,
    private readonly onSlow: () => void,
  ) {}

  stats(): ClientStats {
    return { id: this.id, queuedBytes: this.ws.bufferedAmount, held: this.held.size, merged: this.merged };
  }

  push(name: string, data: unknown): void {
    this.send(JSON.stringify({ push: name, data }), SUPERSEDING.has(name) ? name : null);
  }

  reply(id: number, result: unknown): void {
    this.send(JSON.stringify({ id, result }), null);
  }

  /** Called periodically: sends held pushes once the client caught up; drops one behind for too long. */
  check(now: number): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount <= this.limits.mergeAboveBytes) {
      this.behindSince = null;
      this.sendHeld();
    } else if (this.behindSince !== null && now - this.behindSince > this.limits.maxBehindMs) {
      this.drop();
    }
  }

  private send(frame: string, supersedes: string | null): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.mergeAboveBytes) {
      this.behindSince ??= Date.now();
      if (supersedes !== null) {
        if (this.held.delete(supersedes)) this.merged++;
        this.held.set(supersedes, frame);
        return;
      }
      if (this.ws.bufferedAmount + frame.length > this.limits.maxQueuedBytes) {
        this.drop();
        return;
      }
    } else {
      this.sendHeld();
    }
    this.ws.send(frame);
  }

  private sendHeld(): void {
    if (this.held.size === 0) return;
    const frames = [...this.held.values()];
    this.held.clear();
    for (const f of frames) this.ws.send(f);
  }

  private drop(): void {
    this.held.clear();
    this.onSlow();
    this.ws.terminate();
  }
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
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const limits: SendLimits = { ...SEND_LIMITS, ...opts.sendLimits };
  const outboxes = new Map<string, Outbox>();
  let slowDisconnects = 0;
  let clientSeq = 0;
  const checker = setInterval(() => {
    const now = Date.now();
    for (const o of outboxes.values()) o.check(now);
  }, 100);
  checker.unref();

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
    // A frame above MAX_FRAME_BYTES: ws stops reading it and closes with 1009 but no reason, so the client
    // could not tell why. Every close ws makes itself for that gets a reason naming the limit (≤ 123 bytes).
    const close = ws.close.bind(ws);
    ws.close = (code?: number, reason?: string | Buffer) =>
      close(code, code === 1009 && !reason ? FRAME_TOO_LARGE_REASON : reason);
    const outbox = new Outbox(clientId, ws, limits, () => slowDisconnects++);
    outboxes.set(clientId, outbox);
    const disconnect = opts.service.connect({ id: clientId, push: (name, data) => outbox.push(name, data) });
    const gone = () => {
      outboxes.delete(clientId);
      disconnect();
    };
    ws.on('close', gone);
    ws.on('error', gone);
    ws.on('message', (raw, isBinary) => {
      void handleFrame(outbox, clientId, raw as Buffer, isBinary);
    });
  }

  async function handleFrame(
    outbox: Outbox,
    clientId: string,
    raw: Buffer,
    isBinary: boolean,
  ): Promise<void> {
    const reply = (id: number, result: unknown) => outbox.reply(id, result);
    if (isBinary) return reply(-1, apiErr('BAD_REQUEST', 'Frames must be JSON text, not binary.'));
    if (raw.length > MAX_PAYLOAD_BYTES) {
      // Answer the caller's id when the frame has one (≤ MAX_FRAME_BYTES, so reading it is bounded).
      let id = -1;
      try {
        const o = JSON.parse(raw.toString('utf8')) as { id?: unknown };
        if (typeof o?.id === 'number' && Number.isSafeInteger(o.id)) id = o.id;
      } catch {
        // not JSON: answered without an id
      }
      return reply(
        id,
        apiErr(
          'PAYLOAD_TOO_LARGE',
          `The request is ${raw.length.toLocaleString('en-US')} bytes; the limit is ${MAX_PAYLOAD_BYTES.toLocaleString('en-US')} bytes. Send less data per request.`,
          { limitBytes: MAX_PAYLOAD_BYTES },
        ),
      );
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
      return reply(
        id,
        apiErr('BAD_REQUEST', 'A request is {"id": <integer>, "method": "<name>", "params": {...}}.'),
      );
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
    clients: () => [...outboxes.values()].map((o) => o.stats()),
    get slowDisconnects() {
      return slowDisconnects;
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(checker);
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}
