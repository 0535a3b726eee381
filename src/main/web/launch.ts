/**
 * Starts the browser shell: the service in its worker thread, the HTTP + WebSocket server on 127.0.0.1,
 * one printed line `VDC Studio console: <url>`. Shared by `npm run web` (./main.ts) and `vdc serve`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hardExit, SHUTDOWN_GRACE_MS, startServiceWorker } from '../service/worker/host';
import { defaultDataDir } from '../service/data-dir';
import { startWebServer } from './server';

export interface BrowserShellOptions {
  /** Port on 127.0.0.1, 0 for any free one. */
  port: number;
  /** Workspace to open (resolved against cwd); created from the default scenario when it does not exist. */
  workspace?: string;
  cwd: string;
  out(text: string): void;
  err(text: string): void;
}

export interface RunningShell {
  url: string;
  /** Closes the server and the service; true when the service could not be stopped (stuck in native code). */
  stop(): Promise<boolean>;
}

/** Checks a --port value: an integer from 0 to 65535 (default 5170). */
export function parsePort(raw: string | undefined): number | null {
  if (raw === undefined) return 5170;
  const port = Number(raw);
  return /^\d+$/.test(raw.trim()) && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : null;
}

function findStaticDir(cwd: string): string | null {
  // From source (src/main/web), from the app bundle (out/main) and from the CLI bundle (out/cli).
  const candidates = [
    join(cwd, 'out', 'renderer'),
    resolve(__dirname, '..', '..', '..', 'out', 'renderer'),
    resolve(__dirname, '..', 'renderer'),
  ];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? null;
}

/** Starts the shell, or prints why it cannot and returns the exit code (1). */
export async function startBrowserShell(o: BrowserShellOptions): Promise<RunningShell | number> {
  const staticDir = findStaticDir(o.cwd);
  if (!staticDir) {
    o.err('The console is not built: run "npm run build" (npm run web does it for you).');
    return 1;
  }
  // The simulation runs in a worker thread: the HTTP/WebSocket server never waits for a tick.
  const service = await startServiceWorker(
    {
      dataDir: defaultDataDir(),
      shell: 'web',
      ...(o.workspace ? { workspacePath: resolve(o.cwd, o.workspace) } : {}),
    },
    {
      onRestart: (reason, restarted) =>
        o.err(`${reason} ${restarted ? 'Restarted in safe mode (paused).' : 'Not restarted.'}`),
    },
  );
  if (service.startupError && o.workspace) {
    o.err(`Could not open ${o.workspace}: ${service.startupError.message}`);
    await service.dispose();
    return 1;
  }
  let server;
  try {
    server = await startWebServer({ service, staticDir, port: o.port });
  } catch (e) {
    o.err(`Could not listen on 127.0.0.1:${o.port}: ${(e as Error).message}`);
    await service.dispose();
    return 1;
  }
  o.out(`VDC Studio console: ${server.url}`);
  const running = server;
  return {
    url: running.url,
    stop: async () => {
      await running.close();
      await service.dispose();
      return service.stuck === true;
    },
  };
}

/**
 * Serves until SIGINT/SIGTERM. Shutdown finishes within seconds whatever the service is doing: the
 * worker gets SHUTDOWN_GRACE_MS to flush and close, is then terminated, and a worker stuck in native
 * code ends the process hard. A second signal does not wait.
 */
export function untilStopSignal(shell: RunningShell, err: (text: string) => void): Promise<void> {
  return new Promise<void>((done) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) hardExit(signal);
      stopping = true;
      setTimeout(() => hardExit(signal), SHUTDOWN_GRACE_MS + 3_000).unref();
      void shell.stop().then((stuck) => {
        if (stuck) {
          err('The simulation service did not stop in time; the last second of history may be lost.');
          hardExit(signal);
        }
        done();
      });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}
