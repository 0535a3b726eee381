/**
 * Console benchmarks in Chromium (Playwright): first meaningful paint after the server is ready,
 * frame rate while scrolling the inventory and watching a chart with the enterprise scenario at
 * 1,000×, and the push traffic the page receives. Needs a built app (npm run build) and Chromium
 * at /usr/bin/chromium (or CHROMIUM_PATH).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

const ROOT = resolve(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function startServer(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(ROOT, 'out', 'main', 'web.js'), '--port', '0'], {
    env: { ...process.env, VDC_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /VDC Studio console: (\S+)/.exec(out);
      if (m?.[1]) res(m[1]);
    });
    child.once('exit', () => rej(new Error(`server exited: ${out}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function apiCall(url: string, method: string, params: unknown): Promise<unknown> {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}/ws?token=${u.searchParams.get('token')}`);
  await new Promise((r) => ws.once('open', r));
  const answer = await new Promise<unknown>((r) => {
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as { id?: number; result?: unknown };
      if (m.id === 1) r(m.result);
    });
    ws.send(JSON.stringify({ id: 1, method, params }));
  });
  ws.close();
  return answer;
}

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(join(ROOT, 'out', 'main', 'web.js')))
    return [{ name: 'console', value: 0, unit: '-', note: 'skipped: run npm run build first' }];
  if (!existsSync(CHROMIUM))
    return [{ name: 'console', value: 0, unit: '-', note: `skipped: no Chromium at ${CHROMIUM}` }];
  const dataDir = mkdtempSync(join(tmpdir(), 'vdc-console-bench-'));
  const server = await startServer(dataDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const t0 = Date.now();
    await page.goto(server.url);
    await page.getByTestId('inventory-tree').getByTestId('tree-node').first().waitFor();
    const paintMs = Date.now() - t0;

    await apiCall(server.url, 'workspace.new', {
      scenarioId: 'enterprise',
      path: join(dataDir, 'enterprise.vdc'),
    });
    await apiCall(server.url, 'clock.setSpeed', { speed: 1000 });
    await apiCall(server.url, 'clock.play', {});
    await page.reload();
    await page.getByTestId('inventory-tree').getByTestId('tree-node').first().waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    let wsBytes = 0;
    cdp.on(
      'Network.webSocketFrameReceived',
      (f: { response: { payloadData: string } }) => (wsBytes += f.response.payloadData.length),
    );
    const seconds = 8;
    // A plain string: tsx would wrap a function with helpers the page does not have.
    const fps = (await page.evaluate(`(async (sec) => {
      const scroller = document.querySelector('[data-testid="inventory-tree"] .v-vl') || document.querySelector('[data-testid="inventory-tree"]');
      let frames = 0, worst = 0, last = performance.now();
      const end = last + sec * 1000;
      await new Promise((done) => {
        const frame = (now) => {
          frames++;
          worst = Math.max(worst, now - last);
          last = now;
          if (scroller) scroller.scrollTop = (scroller.scrollTop + 40) % Math.max(1, scroller.scrollHeight - scroller.clientHeight);
          if (now < end) requestAnimationFrame(frame); else done();
        };
        requestAnimationFrame(frame);
      });
      return { fps: frames / sec, worstFrameMs: worst };
    })(${seconds})`)) as { fps: number; worstFrameMs: number };
    return [
      {
        name: 'first meaningful paint (tree visible) after server ready',
        value: paintMs,
        unit: 'ms',
        goal: '≤ 1,500 ms',
      },
      {
        name: 'enterprise at 1,000×: frames per second while scrolling the tree',
        value: fps.fps,
        unit: 'fps',
        goal: '≥ 50 fps',
      },
      { name: 'enterprise at 1,000×: worst frame', value: fps.worstFrameMs, unit: 'ms' },
      {
        name: 'enterprise at 1,000×: push traffic to the page',
        value: wsBytes / seconds / 1024,
        unit: 'KiB/s',
        goal: '≤ 64 KiB/s',
      },
    ];
  } finally {
    await browser.close();
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
