/** `vdc serve`: the browser console, exactly as `npm run web` starts it (src/main/web/launch.ts). */
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand, type CliIO } from '../command';
import { parsePort, startBrowserShell, untilStopSignal } from '../../web/launch';

const USAGE = `Usage: vdc serve [--port N] [--workspace FILE]

Starts the browser console (the same shell as npm run web): the simulation service and a web server on
127.0.0.1 that requires the random token in the printed URL. Prints one line
"VDC Studio console: http://127.0.0.1:PORT/?token=…" and serves until stopped (Ctrl+C).

  --port N          port on 127.0.0.1; 0 picks a free one (default 5170)
  --workspace FILE  open this workspace (.vdc), created from the default scenario when it does not exist

Needs the built console (npm run build). Exit codes: 0 stopped, 1 could not start, 2 bad arguments.`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'start the browser console (as npm run web): --port N, --workspace FILE',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values } = parseArgs({
      args,
      options: { port: { type: 'string' }, workspace: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const port = parsePort(values.port);
    if (port === null)
      throw new UsageError(`--port must be an integer from 0 to 65535, got "${values.port}"`);
    const shell = await startBrowserShell({
      port,
      ...(values.workspace ? { workspace: values.workspace } : {}),
      cwd: io.cwd,
      out: io.out,
      err: io.err,
    });
    if (typeof shell === 'number') return shell;
    // Serve until SIGINT/SIGTERM, then close the server and the service (which checkpoints the workspace),
    // within seconds whatever the service is doing.
    await untilStopSignal(shell, io.err);
    return 0;
  },
};
