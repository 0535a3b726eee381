/** Transport over the Electron preload bridge (`window.vdc`). */
import type { ApiResult } from '@shared/errors';
import type { VdcBridge } from '@shared/bridge';
import type { MethodName } from '@shared/methods';
import type { ConnectionStatus, PushListener, Transport } from './types';

export function createElectronTransport(bridge: VdcBridge): Transport {
  return {
    kind: 'electron',
    async call(method: MethodName, params: unknown): Promise<ApiResult<unknown>> {
      const fn = bridge.methods[method];
      if (typeof fn !== 'function') {
        return {
          ok: false,
          error: { code: 'UNKNOWN_METHOD', message: `The desktop shell does not offer "${method}".` },
        };
      }
      try {
        return await fn(params);
      } catch (e) {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) },
        };
      }
    },
    onPush(listener: PushListener) {
      return bridge.onPush(listener);
    },
    onStatus(listener: (status: ConnectionStatus) => void) {
      listener('open');
      return () => undefined;
    },
    notify(title: string, body: string) {
      bridge.notify(title, body);
    },
    chooseFile(request) {
      return typeof bridge.chooseFile === 'function' ? bridge.chooseFile(request) : Promise.resolve(null);
    },
    setLocale(locale) {
      if (typeof bridge.setLocale === 'function') bridge.setLocale(locale);
    },
  };
}
