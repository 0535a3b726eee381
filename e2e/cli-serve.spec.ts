/**
 * `vdc serve` starts the same browser shell as `npm run web`: spawned through the installed bin
 * (bin/vdc.cjs → the esbuild bundle, which also carries the service worker), with --port 0 and a
 * --workspace; the page is served, the console connects with the printed token, the workspace file is
 * created, and SIGTERM stops it with exit code 0. Needs no browser: Node's fetch and the ws client.
 */

/** 'open' when the server accepts the WebSocket, else the HTTP status it refused it with. */
function tryWebSocket(url: string): Promise<string> {
  return new Promise((r) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.close();
      r('open');
    });
    ws.on('unexpected-response', (_req, res) => r(`refused ${res.statusCode}`));
    ws.on('error', (e) => r(`error ${e.message}`));
  });
}
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';

const ROOT = resolve(__dirname, '..');

test('vdc serve --port 0 --workspace F serves the console with its token', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vdc-serve-'));
  const workspace = join(dir, 'served.vdc');
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'vdc.cjs'), 'serve', '--port', '0', '--workspace', workspace],
    {
      cwd: ROOT,
      env: { ...process.env, VDC_DATA_DIR: join(dir, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    await expect
      .poll(
        () =>
          /VDC Studio console: (http:\/\/\S+)/.exec(out)?.[1] ??
          (child.exitCode !== null ? `exited: ${out}` : ''),
        { timeout: 30_000 },
      )
      .toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const url = /VDC Studio console: (http:\/\/\S+)/.exec(out)![1]!;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="app"');
    // The API's WebSocket takes the printed token and refuses any other.
    const u = new URL(url);
    expect(await tryWebSocket(`ws://${u.host}/ws?token=${u.searchParams.get('token')}`)).toBe('open');
    expect(await tryWebSocket(`ws://${u.host}/ws?token=wrong`)).toBe('refused 403');
    expect(existsSync(workspace)).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
