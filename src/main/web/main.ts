/**
 * `npm run web`: the browser shell. Prints one line `VDC Studio console: <url>` and serves until stopped.
 *   --port N          port on 127.0.0.1 (0 picks a free one; default 5170)
 *   --workspace FILE  open this workspace (created from the default scenario when it does not exist)
 * `vdc serve` starts the same shell (./launch.ts).
 */
import { parseArgs } from 'node:util';
import { parsePort, startBrowserShell, untilStopSignal } from './launch';

const USAGE = 'Usage: npm run web -- [--port N] [--workspace FILE]';

async function main(): Promise<number> {
  let values: { port?: string; workspace?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        workspace: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
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
  const port = parsePort(values.port);
  if (port === null) {
    process.stderr.write(`--port must be an integer from 0 to 65535, got "${values.port}".\n${USAGE}\n`);
    return 2;
  }
  const shell = await startBrowserShell({
    port,
    ...(values.workspace ? { workspace: values.workspace } : {}),
    cwd: process.cwd(),
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  });
  if (typeof shell === 'number') return shell;
  void untilStopSignal(shell, (t) => process.stderr.write(`${t}\n`)).then(() => process.exit(0));
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
