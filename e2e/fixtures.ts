/**
 * Playwright fixtures for browser-mode e2e: every test file gets its own real server
 * (`out/main/web.js`, what `npm run web` runs) with a fresh data folder.
 */
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ServerHandle {
  url: string;
  port: number;
  token: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
}

const ROOT = resolve(__dirname, '..');

/** Starts the browser-mode server and resolves once it printed its console URL. */
export async function startServer(
  extraArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<ServerHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vdc-e2e-'));
  // The built browser shell (npm run test:e2e builds it first), exactly what `npm run web` runs.
  const child = spawn(process.execPath, [join(ROOT, 'out', 'main', 'web.js'), '--port', '0', ...extraArgs], {
    cwd: ROOT,
    env: { ...process.env, VDC_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Server did not start in 30 s. Output:\n${out}`)),
      30_000,
    );
    const check = () => {
      const m = /VDC Studio console: (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited with ${code}. Output:\n${out}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    process: child,
    output: () => out,
  };
}

export async function stopServer(server: ServerHandle): Promise<void> {
  if (server.process.exitCode === null) {
    const exited = new Promise((r) => server.process.once('exit', r));
    server.process.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (server.process.exitCode === null) server.process.kill('SIGKILL');
  }
  rmSync(server.dataDir, { recursive: true, force: true });
}

/** Each test gets a fresh server and data folder, so tests never depend on each other. */
export const test = base.extend<{ consoleUrl: string; server: ServerHandle }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await stopServer(server);
    },
    { scope: 'test' },
  ],
  consoleUrl: async ({ server }, use) => {
    await use(server.url);
  },
});

export { expect };
