/**
 * An in-memory transport from the console's api to the REAL service running in this process: calls
 * go through VdcService.call (params validated by the contract, handlers on the real engine and a
 * real workspace file) and pushes come from the service's push hub, each copied with structuredClone
 * as a real transport would serialise them. For tests of the console's stores against the backend.
 */
import type { Transport } from '../renderer/src/api/types';
import type { PushName } from '../shared/methods';
import type { VdcService } from '../main/service/vdc-service';

export function memoryTransport(svc: VdcService, clientId = 'console'): Transport & { disconnect(): void } {
  const listeners = new Set<(name: PushName, data: unknown) => void>();
  const disconnect = svc.connect({
    id: clientId,
    push: (name, data) => {
      for (const l of listeners) l(name, structuredClone(data));
    },
  });
  return {
    kind: 'web',
    call: async (method, params) =>
      structuredClone(await svc.call(clientId, method, structuredClone(params ?? {}))),
    onPush(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatus(listener) {
      listener('open');
      return () => undefined;
    },
    notify: () => undefined,
    disconnect,
  };
}
