/** Test helper: a real service + web server on a free port, with a temp data folder (no mocks). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { VdcService } from '../service';
import { startWebServer, type SendLimits, type WebServer } from './server';

export interface TestServer {
  service: VdcService;
  server: WebServer;
  dataDir: string;
  staticDir: string;
  close(): Promise<void>;
}

export async function startTestServer(
  opts: { autoPlay?: boolean; sendLimits?: Partial<SendLimits>; defaultScenarioId?: string } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vdc-web-'));
  const staticDir = join(dataDir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>VDC Studio</title>');
  writeFileSync(join(dataDir, 'secret.txt'), 'outside the static root');
  const service = await VdcService.start({
    dataDir,
    shell: 'test',
    autoPlay: opts.autoPlay ?? false,
    ...(opts.defaultScenarioId === undefined ? {} : { defaultScenarioId: opts.defaultScenarioId }),
  });
  const server = await startWebServer({
    service,
    staticDir,
    port: 0,
    ...(opts.sendLimits ? { sendLimits: opts.sendLimits } : {}),
  });
  return {
    service,
    server,
    dataDir,
    staticDir,
    close: async () => {
      await server.close();
      await service.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A minimal API client over the real WebSocket transport. */
export class WsClient {
  private seq = 0;
  private waiting = new Map<number, (r: unknown) => void>();
  readonly pushes: { push: string; data: unknown }[] = [];
  readonly loose: unknown[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as {
        id?: number;
        push?: string;
        data?: unknown;
        result?: unknown;
      };
      if (typeof msg.push === 'string') this.pushes.push({ push: msg.push, data: msg.data });
      else if (typeof msg.id === 'number' && this.waiting.has(msg.id)) {
        this.waiting.get(msg.id)!(msg.result);
        this.waiting.delete(msg.id);
      } else this.loose.push(msg);
    });
    // A dropped connection answers every waiting call, so a test fails instead of hanging.
    ws.on('close', (code) => {
      for (const done of this.waiting.values())
        done({ ok: false, error: { code: 'CONNECTION_CLOSED', message: `the WebSocket closed (${code})` } });
      this.waiting.clear();
    });
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve(new WsClient(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  call(
    method: unknown,
    params: unknown,
  ): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
    const id = ++this.seq;
    return this.raw(JSON.stringify({ id, method, params }), id) as Promise<{
      ok: boolean;
      value?: unknown;
      error?: { code: string; message: string };
    }>;
  }

  /** Sends a raw frame and waits for the answer with the given id (-1 for frames that had no usable id). */
  raw(frame: string, id: number): Promise<unknown> {
    return new Promise((resolve) => {
      if (id === -1) {
        const before = this.loose.length;
        const poll = setInterval(() => {
          if (this.loose.length > before) {
            clearInterval(poll);
            resolve((this.loose[this.loose.length - 1] as { result: unknown }).result);
          }
        }, 2);
      } else this.waiting.set(id, resolve);
      this.ws.send(frame);
    });
  }

  close(): void {
    this.ws.close();
  }
}

export function wsUrl(server: WebServer, token = server.token): string {
  return `ws://127.0.0.1:${server.port}/ws?token=${encodeURIComponent(token)}`;
}
