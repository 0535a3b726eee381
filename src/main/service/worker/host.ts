/**
 * Runs the service in a worker thread and offers the same VdcServiceApi to a shell. Calls cross as
 * messages; pushes come back per client. The shell's event loop never runs a tick or a flush.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiError, ApiResult } from '../../../shared/errors';
import type { PushName } from '../../../shared/methods';
import type { ServiceClient } from '../push-hub';
import type { VdcServiceApi } from '../service-api';
import type { ServiceOptions } from '../vdc-service';
import type { FromWorker, ToWorker } from './protocol';

export interface WorkerService extends VdcServiceApi {
  startupError: ApiError | null;
  /**
   * Set when dispose() could not stop the worker: it was inside native code (a long SQLite statement)
   * that neither the graceful close nor Worker.terminate() can interrupt. The process cannot exit
   * normally then (Node joins the thread): the shell ends it with hardExit().
   */
  readonly stuck: boolean;
}

/**
 * How long dispose() lets the worker flush and close before terminating it; terminate() then gets
 * TERMINATE_WAIT_MS more. Shutdown (SIGTERM, Ctrl-C, window close) so finishes within about 4 s
 * whatever the worker is doing.
 */
export const SHUTDOWN_GRACE_MS = 3_000;
const TERMINATE_WAIT_MS = 1_000;

/**
 * Ends the process when a stuck worker prevents a normal exit: the signal that asked for the shutdown is
 * re-raised with its default action (the exit status says so), else SIGKILL. process.exit() would wait
 * for the worker thread forever.
 */
export function hardExit(signal: NodeJS.Signals = 'SIGTERM'): never {
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

/** Where the worker's entry is: the TypeScript source under tsx, the bundled file in a build. */
function makeWorker(): Worker {
  // In a build this code may sit in out/main/chunks/, next to or below out/main/service-worker.js.
  const bundled = [join(__dirname, 'service-worker.js'), join(__dirname, '..', 'service-worker.js')].find(
    (f) => existsSync(f),
  );
  if (bundled) return new Worker(bundled);
  const source = join(__dirname, 'entry.ts');
  if (existsSync(source)) {
    // Running from source (npm run web / vdc via tsx): register tsx's CommonJS hook inside the worker.
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true });
  }
  throw new Error(
    `Cannot find the service worker (looked for service-worker.js beside ${__dirname} and for ${source}).`,
  );
}

/** Restarts allowed within RESTART_WINDOW_MS before the host gives up (a service that dies at once, again and again). */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

export interface WorkerHostOptions {
  /** Told when the worker stopped unexpectedly and was restarted in safe mode (or could not be). */
  onRestart?: (reason: string, restarted: boolean) => void;
}

/**
 * Starts the service in a worker thread. If the worker dies (an uncaught exception, out of memory), the
 * host starts a new one in safe mode — the last workspace reopened paused, with the reason shown — and
 * reconnects every client; calls in flight answer INTERNAL saying they did not complete.
 */
export function startServiceWorker(
  options: ServiceOptions,
  hostOptions: WorkerHostOptions = {},
): Promise<WorkerService> {
  const pending = new Map<number, (r: ApiResult<unknown>) => void>();
  const privileged = new Map<number, { done: (v: unknown) => void; fail: (e: Error) => void }>();
  const clients = new Map<string, ServiceClient>();
  let seq = 0;
  let dead: string | null = null;
  let disposing = false;
  let stuck = false;
  let exited = false;
  let onDisposed: (() => void) | null = null;
  let worker: Worker;
  const restarts: number[] = [];
  let lastError: string | null = null;

  const send = (m: ToWorker) => worker.postMessage(m);
  const failAll = (message: string) => {
    for (const done of pending.values()) done({ ok: false, error: { code: 'INTERNAL', message } });
    pending.clear();
    for (const p of privileged.values()) p.fail(new Error(message));
    privileged.clear();
  };

  return new Promise<WorkerService>((resolve, reject) => {
    let started = false;
    const launch = (opts: ServiceOptions): void => {
      const w = makeWorker();
      worker = w;
      exited = false;
      w.on('error', (e) => {
        lastError = e.message;
        if (!started) reject(e);
      });
      w.on('exit', () => {
        if (w !== worker) return;
        exited = true;
        if (disposing || !started) {
          if (!dead) dead = 'The simulation service has stopped.';
          failAll(dead);
          onDisposed?.();
          return;
        }
        // Died by itself: restart in safe mode, unless it keeps dying.
        const reason = `The simulation service stopped unexpectedly${lastError ? ` (${lastError})` : ''}.`;
        lastError = null;
        const now = Date.now();
        while (restarts.length && now - restarts[0]! > RESTART_WINDOW_MS) restarts.shift();
        failAll(`${reason} It was restarted; this request did not complete.`);
        if (restarts.length >= MAX_RESTARTS) {
          dead = `${reason} It stopped ${MAX_RESTARTS + 1} times within a minute and was not restarted again; restart VDC Studio.`;
          hostOptions.onRestart?.(reason, false);
          return;
        }
        restarts.push(now);
        const { testHooks, ...rest } = opts;
        void testHooks;
        launch({ ...rest, autoPlay: false, safeMode: { reason } });
        for (const id of clients.keys()) send({ type: 'connect', clientId: id });
        hostOptions.onRestart?.(reason, true);
      });
      w.on('message', (m: FromWorker) => {
        if (w !== worker) return;
        switch (m.type) {
          case 'started':
            if (!started) {
              started = true;
              resolve(api(m.startupError));
            }
            return;
          case 'fatal':
            if (!started) reject(new Error(m.message));
            return;
          case 'result':
            pending.get(m.id)?.(m.result);
            pending.delete(m.id);
            return;
          case 'granted': {
            const p = privileged.get(m.id);
            privileged.delete(m.id);
            if (m.grant) p?.done(m.grant);
            else p?.fail(new Error(m.error ?? 'The file grant was refused.'));
            return;
          }
          case 'download':
            privileged.get(m.id)?.done(m.download);
            privileged.delete(m.id);
            return;
          case 'push':
            try {
              clients.get(m.clientId)?.push(m.name as PushName, m.data);
            } catch {
              // a client that cannot receive is cleaned up by its shell
            }
            return;
          case 'disposed':
            onDisposed?.();
            return;
        }
      });
      w.postMessage({ type: 'start', options: opts } satisfies ToWorker);
    };
    launch(options);

    function api(startupError: ApiError | null): WorkerService {
      return {
        startupError,
        connect(client) {
          clients.set(client.id, client);
          send({ type: 'connect', clientId: client.id });
          return () => {
            clients.delete(client.id);
            if (!dead) send({ type: 'disconnect', clientId: client.id });
          };
        },
        call(clientId, method, params) {
          if (dead) return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: dead } });
          const id = ++seq;
          return new Promise((done) => {
            pending.set(id, done);
            try {
              send({ type: 'call', id, clientId, method, params });
            } catch (e) {
              pending.delete(id);
              done({
                ok: false,
                error: {
                  code: 'BAD_REQUEST',
                  message: `The request cannot be sent: ${(e as Error).message}`,
                },
              });
            }
          });
        },
        grantFile(request) {
          if (dead) return Promise.reject(new Error(dead));
          const id = ++seq;
          return new Promise<string>((done, fail) => {
            privileged.set(id, { done: done as (v: unknown) => void, fail });
            send({ type: 'grant', id, request });
          });
        },
        takeDownload(downloadId) {
          if (dead) return Promise.resolve(null);
          const id = ++seq;
          return new Promise((done, fail) => {
            privileged.set(id, { done: done as (v: unknown) => void, fail });
            send({ type: 'takeDownload', id, downloadId });
          });
        },
        get stuck() {
          return stuck;
        },
        dispose(graceMs = SHUTDOWN_GRACE_MS) {
          if (exited || dead) return Promise.resolve();
          disposing = true;
          return new Promise<void>((done) => {
            let terminateTimer: ReturnType<typeof setTimeout> | null = null;
            const finish = () => {
              clearTimeout(graceTimer);
              if (terminateTimer) clearTimeout(terminateTimer);
              onDisposed = null;
              done();
            };
            // The worker flushes and closes the workspace; a busy one gets terminated after the grace time.
            const graceTimer = setTimeout(() => {
              void worker.terminate();
              terminateTimer = setTimeout(() => {
                stuck = !exited;
                finish();
              }, TERMINATE_WAIT_MS);
            }, graceMs);
            onDisposed = finish;
            if (!dead) send({ type: 'dispose' });
          });
        },
      };
    }
  });
}
