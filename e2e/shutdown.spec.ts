/**
 * Issue 21 finding 4: after a far-future history query, `node out/main/web.js` ignored SIGTERM for 45
 * minutes (its graceful shutdown waited for the busy service worker). Shutdown must finish within a few
 * seconds whatever the worker is doing. Real processes: the built browser shell, signalled like a
 * service manager or Ctrl-C would.
 */
import { readdirSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { startServer, stopServer, type ServerHandle } from './fixtures';
import { apiCall } from './console-helpers';

/** Generous bound (the design target is about 4 s: 3 s grace for the worker + 1 s for terminate). */
const EXIT_BOUND_MS = 20_000;
/** Same text as src/main/service/worker/test-stall.ts prints (kept literal: e2e does not import main code). */
const STALL_MESSAGE = 'VDC test hook: the service worker is stalled in SQLite';

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
}

async function exitsWithin(child: ChildProcess, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'still running'>((r) => (timer = setTimeout(() => r('still running'), ms)));
  const result = await Promise.race([exitOf(child), timeout]);
  clearTimeout(timer);
  return result;
}

test.describe('shutdown of the browser shell', () => {
  let server: ServerHandle | null = null;
  test.afterEach(async () => {
    if (server) await stopServer(server); // SIGKILLs a process that is still there
    server = null;
  });

  test('SIGTERM ends the process within seconds while the service worker is stuck in SQLite', async () => {
    server = await startServer([], { VDC_TEST_STALL_SERVICE: '1' });
    await expect.poll(() => server!.output(), { timeout: 15_000 }).toContain(STALL_MESSAGE);
    // The worker really is busy: a call gets no answer.
    const answered = await Promise.race([
      apiCall(server, 'app.info', {}).then(() => 'answered'),
      new Promise((r) => setTimeout(() => r('no answer'), 500)),
    ]);
    expect(answered).toBe('no answer');
    server.process.kill('SIGTERM');
    const result = await exitsWithin(server.process, EXIT_BOUND_MS);
    expect(result, server.output()).not.toBe('still running');
    expect(result).toEqual({ code: null, signal: 'SIGTERM' });
    expect(server.output()).toContain('did not stop in time');
  });

  test('SIGINT on a running service exits cleanly (code 0) after flushing the workspace', async () => {
    server = await startServer();
    expect(await apiCall(server, 'clock.step', { ticks: 5 })).toMatchObject({ ok: true });
    server.process.kill('SIGINT');
    const result = await exitsWithin(server.process, EXIT_BOUND_MS);
    expect(result, server.output()).toEqual({ code: 0, signal: null });
    // The workspace was closed properly: no WAL left behind.
    const dir = join(server.dataDir, 'workspaces');
    const files = readdirSync(dir);
    expect(files.some((f) => f.endsWith('.vdc'))).toBe(true);
    expect(files.filter((f) => f.endsWith('-wal'))).toEqual([]);
  });
});
