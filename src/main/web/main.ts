/**
 * `npm run web`: the browser shell. Prints one line `VDC Studio console: <url>` and serves until stopped.
 *   --port N          port on 127.0.0.1 (0 picks a free one; default 5170)
 *   --workspace FILE  open this workspace (created from the default scenario when it does not exist)
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hardExit, SHUTDOWN_GRACE_MS, startServiceWorker } from '../service/worker/host';
import { defaultDataDir } from '../service/data-dir';
import { startWebServer } from './server';

const USAGE = 'Usage: npm run web -- [--port N] [--workspace FILE]';

function findStaticDir(): string | null {
  const candidates = [join(process.cwd(), 'out', 'renderer'), resolve(__dirname, '..', '..', '..', 'out', 'renderer'), resolve(__dirname, '..', 'renderer')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? null;
}

async function main(): Promise<number> {
  let values: { port?: string; workspace?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, workspace: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = values.port === undefined ? 5170 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be an integer from 0 to 65535, got "${values.port}".\n${USAGE}\n`);
    return 2;
  }
  const staticDir = findStaticDir();
  if (!staticDir) {
    process.stderr.write('The console is not built: run "npm run build" (npm run web does it for you).\n');
    return 1;
  }
  // The simulation runs in a worker thread: the HTTP/WebSocket server never waits for a tick.
  const started = await startServiceWorker({
    dataDir: defaultDataDir(),
    shell: 'web',
    ...(values.workspace ? { workspacePath: resolve(values.workspace) } : {}),
  });
  const service = started;
  if (service.startupError && values.workspace) {
    process.stderr.write(`Could not open ${values.workspace}: ${service.startupError.message}\n`);
    await service.dispose();
    return 1;
  }
  let server;
  try {
    server = await startWebServer({ service, staticDir, port });
  } catch (e) {
    process.stderr.write(`Could not listen on 127.0.0.1:${port}: ${(e as Error).message}\n`);
    await service.dispose();
    return 1;
  }
  process.stdout.write(`VDC Studio console: ${server.url}\n`);
  // Shutdown finishes within seconds whatever the service is doing: the worker gets SHUTDOWN_GRACE_MS
  // to flush and close, is then terminated, and a worker stuck in native code ends the process hard.
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) hardExit(signal); // a second Ctrl-C does not wait
    stopping = true;
    setTimeout(() => hardExit(signal), SHUTDOWN_GRACE_MS + 3_000).unref();
    await server.close();
    await service.dispose();
    if (service.stuck) {
      process.stderr.write('The simulation service did not stop in time; the last second of history may be lost.\n');
      hardExit(signal);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    process.stderr.write(`Unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
