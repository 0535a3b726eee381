/**
 * The service worker thread: runs the whole service (engine, store, clock) off the shell's thread,
 * so the Electron main process and the browser-mode server never wait for a tick or a flush.
 */
import { parentPort } from 'node:worker_threads';
import { VdcService } from '../vdc-service';
import type { FromWorker, ToWorker } from './protocol';
import { stallIfAsked } from './test-stall';

if (!parentPort) throw new Error('The service worker must run in a worker thread.');
const port = parentPort;
const post = (m: FromWorker) => port.postMessage(m);
let service: VdcService | null = null;
const disconnects = new Map<string, () => void>();

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'start':
      VdcService.start(m.options).then(
        (s) => {
          service = s;
          post({ type: 'started', startupError: s.startupError });
          stallIfAsked();
        },
        (e: unknown) => post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) }),
      );
      return;
    case 'call': {
      const s = service;
      if (!s) {
        post({
          type: 'result',
          id: m.id,
          result: {
            ok: false,
            error: { code: 'INTERNAL', message: 'The service is still starting; try again in a moment.' },
          },
        });
        return;
      }
      void s
        .call(m.clientId, m.method, m.params)
        .then((result) => post({ type: 'result', id: m.id, result }));
      return;
    }
    case 'grant': {
      const s = service;
      if (!s)
        return post({ type: 'granted', id: m.id, grant: null, error: 'The service is still starting.' });
      s.grantFile(m.request).then(
        (grant) => post({ type: 'granted', id: m.id, grant }),
        (e: unknown) =>
          post({ type: 'granted', id: m.id, grant: null, error: e instanceof Error ? e.message : String(e) }),
      );
      return;
    }
    case 'takeDownload': {
      const s = service;
      if (!s) return post({ type: 'download', id: m.id, download: null });
      void s.takeDownload(m.downloadId).then((download) => post({ type: 'download', id: m.id, download }));
      return;
    }
    case 'connect':
      if (service) {
        disconnects.set(
          m.clientId,
          service.connect({
            id: m.clientId,
            push: (name, data) => post({ type: 'push', clientId: m.clientId, name, data }),
          }),
        );
      }
      return;
    case 'disconnect':
      disconnects.get(m.clientId)?.();
      disconnects.delete(m.clientId);
      return;
    case 'dispose':
      void (service?.dispose() ?? Promise.resolve()).then(() => {
        post({ type: 'disposed' });
        port.close();
      });
      return;
  }
});
