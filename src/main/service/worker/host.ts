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
  const privileged = new Map<number, { done: (v: unknown) => void; fail: (e: Error) => void }>();
  const clients = new Map<string, ServiceClient>();
  let seq = 0;
  let dead: string | null = null;
  let onDisposed: (() => void) | null = null;

  const send = (m: ToWorker) => worker.postMessage(m);

  return new Promise<WorkerService>((resolve, reject) => {
    const failAll = (message: string) => {
      dead = message;
      for (const done of pending.values()) done({ ok: false, error: { code: 'INTERNAL', message } });
      pending.clear();
      for (const p of privileged.values()) p.fail(new Error(message));
      privileged.clear();
    };
    worker.on('error', (e) => {
      failAll(`The simulation service stopped unexpectedly: ${e.message}`);
      reject(e);
    });
    worker.on('exit', () => {
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
        dispose() {
          if (dead) return Promise.resolve();
          return new Promise<void>((done) => {
            const timer = setTimeout(() => void worker.terminate().then(() => done()), 10_000);
            onDisposed = () => {
              clearTimeout(timer);
              done();
            };
            send({ type: 'dispose' });
          });
        },
      };
    }
  });
}
