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
  const bundled = [join(__dirname, 'service-worker.js'), join(__dirname, '..', 'service-worker.js')].find((f) => existsSync(f));
  if (bundled) return new Worker(bundled);
  const source = join(__dirname, 'entry.ts');
  if (existsSync(source)) {
    // Running from source (npm run web / vdc via tsx): register tsx's CommonJS hook inside the worker.
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true });
  }
  throw new Error(`Cannot find the service worker (looked for service-worker.js beside ${__dirname} and for ${source}).`);
}

export function startServiceWorker(options: ServiceOptions): Promise<WorkerService> {
  const worker = makeWorker();
  const pending = new Map<number, (r: ApiResult<unknown>) => void>();
  const clients = new Map<string, ServiceClient>();
  let seq = 0;
  let dead: string | null = null;
  let stuck = false;
  let exited = false;
  let onDisposed: (() => void) | null = null;

  const send = (m: ToWorker) => worker.postMessage(m);

  return new Promise<WorkerService>((resolve, reject) => {
    const failAll = (message: string) => {
      dead = message;
      for (const done of pending.values()) done({ ok: false, error: { code: 'INTERNAL', message } });
      pending.clear();
    };
    worker.on('error', (e) => {
      failAll(`The simulation service stopped unexpectedly: ${e.message}`);
      reject(e);
    });
    worker.on('exit', () => {
      exited = true;
      if (!dead) failAll('The simulation service has stopped.');
      onDisposed?.();
    });
    worker.on('message', (m: FromWorker) => {
      switch (m.type) {
        case 'started':
          resolve(api(m.startupError));
          return;
        case 'fatal':
          reject(new Error(m.message));
          return;
        case 'result':
          pending.get(m.id)?.(m.result);
          pending.delete(m.id);
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
    send({ type: 'start', options });

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
              done({ ok: false, error: { code: 'BAD_REQUEST', message: `The request cannot be sent: ${(e as Error).message}` } });
            }
          });
        },
        get stuck() {
          return stuck;
        },
        dispose(graceMs = SHUTDOWN_GRACE_MS) {
          if (exited) return Promise.resolve();
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
