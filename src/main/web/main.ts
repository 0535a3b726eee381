/**
 * `npm run web`: the browser shell. Prints one line `VDC Studio console: <url>` and serves until stopped.
 *   --port N          port on 127.0.0.1 (0 picks a free one; default 5170)
 *   --workspace FILE  open this workspace (created from the default scenario when it does not exist)
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServiceWorker } from '../service/worker/host';
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
  const started = await startServiceWorker(
    {
      dataDir: defaultDataDir(),
      shell: 'web',
      ...(values.workspace ? { workspacePath: resolve(values.workspace) } : {}),
    },
    {
      onRestart: (reason, restarted) =>
        process.stderr.write(`${reason} ${restarted ? 'Restarted in safe mode (paused).' : 'Not restarted.'}\n`),
    },
  );
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
  const stop = async () => {
    await server.close();
    await service.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
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
