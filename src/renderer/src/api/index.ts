/**
 * The console's only door to the backend. Typed by the shared contract:
 *   api.call('clock.step', { ticks: 1 })  -> Promise<ApiResult<ClockState>>
 *   api.on('clock', (state) => …)         -> unsubscribe function
 * `createApi(transport)` makes one; main.ts creates it over the shell's transport (./transport) and
 * provides it to the app (`app.use(apiPlugin(api))`); stores, composables and components get it with
 * `useApi()`. Importing this module opens nothing, so tests provide an api over a fake or in-memory
 * transport.
 */
import { inject, readonly, ref, type App, type InjectionKey } from 'vue';
import type { Params, PushPayload, ResultOf } from '@shared/contract';
import type { ApiResult } from '@shared/errors';
import type { MethodName, PushName } from '@shared/methods';
import type { DownloadRef, GrantPurpose } from '@shared/files';
import type { ConnectionStatus, Transport } from './types';
import { downloadUrl } from '../download';

export type { ConnectionStatus, Transport } from './types';
export { LOST_CONNECTION_MESSAGE } from './types';

type PushCallback<P extends PushName> = (data: PushPayload<P>) => void;

export function createApi(transport: Transport) {
  const statusRef = ref<ConnectionStatus>('connecting');
  const listeners = new Map<PushName, Set<(data: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  const commandListeners = new Set<(result: ResultOf<'command.execute'>) => void>();
  let everOpened = false;

  transport.onStatus((s) => {
    const wasOpen = statusRef.value === 'open';
    statusRef.value = s;
    if (s === 'open' && !wasOpen) {
      if (everOpened) for (const l of reconnectListeners) l();
      everOpened = true;
    }
  });

  transport.onPush((name, data) => {
    const set = listeners.get(name);
    if (!set) return;
    for (const cb of set) {
      try {
        cb(data);
      } catch (e) {
        console.error(`push "${name}" listener failed`, e);
      }
    }
  });

  const api = {
    /** Which shell the console runs in. */
    shell: transport.kind,
    /** Reactive connection status: 'connecting' | 'open' | 'closed'. */
    status: readonly(statusRef),
    call<M extends MethodName>(method: M, params: Params<M>): Promise<ApiResult<ResultOf<M>>> {
      const p = transport.call(method, params) as Promise<ApiResult<ResultOf<M>>>;
      if (method !== 'command.execute') return p;
      return p.then((r) => {
        if (r.ok) for (const l of commandListeners) l(r.value as ResultOf<'command.execute'>);
        return r;
      });
    },
    /** Called after every command this console executed successfully (e.g. to follow its task). */
    onCommand(cb: (result: ResultOf<'command.execute'>) => void): () => void {
      commandListeners.add(cb);
      return () => {
        commandListeners.delete(cb);
      };
    },
    on<P extends PushName>(name: P, cb: PushCallback<P>): () => void {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      const fn = cb as (data: unknown) => void;
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },
    /** Called after the connection came back (subscriptions must be re-issued). */
    onReconnect(cb: () => void): () => void {
      reconnectListeners.add(cb);
      return () => {
        reconnectListeners.delete(cb);
      };
    },
    notify(title: string, body: string): void {
      transport.notify(title, body);
    },
    /** Tells the shell the console's language (the desktop's menus and dialogs follow it). */
    setLocale(locale: string): void {
      transport.setLocale?.(locale);
    },
    /**
     * Desktop only: a native dialog for `purpose` in the main process; answers the one-use grant to pass to the
     * method (the console never sends a path to write), or null when cancelled or in the browser.
     */
    async chooseFile(
      purpose: GrantPurpose,
      suggestedName?: string,
    ): Promise<{ grant: string; name: string } | null> {
      if (!transport.chooseFile) return null;
      return transport.chooseFile(suggestedName === undefined ? { purpose } : { purpose, suggestedName });
    },
    /**
     * Saves a file the service generates, the shell's way: on the desktop the user chooses the file in a native
     * save dialog and the method writes it through the grant; in the browser the method prepares a download and
     * the browser fetches it (GET /download/<id>). Answers the method's result, or null when the user cancelled.
     */
    async saveFile<M extends 'report.generate' | 'recording.export' | 'export.inventory'>(
      method: M,
      params: Params<M>,
      file: { purpose: GrantPurpose; suggestedName: string },
    ): Promise<ApiResult<ResultOf<M>> | null> {
      if (transport.kind === 'electron') {
        const choice = await api.chooseFile(file.purpose, file.suggestedName);
        if (!choice) return null;
        return api.call(method, { ...params, grant: choice.grant } as Params<M>);
      }
      const r = await api.call(method, { ...params, download: true } as Params<M>);
      if (r.ok) {
        const v = r.value as { download?: DownloadRef; downloads?: DownloadRef[] };
        for (const d of [...(v.download ? [v.download] : []), ...(v.downloads ?? [])]) api.download(d);
      }
      return r;
    },
    /** Browser: fetches a prepared download (a real HTTP download with Content-Disposition). */
    download(ref: DownloadRef): void {
      if (transport.downloadUrl) downloadUrl(transport.downloadUrl(ref), ref.name);
    },
  };
  return api;
}

export type Api = ReturnType<typeof createApi>;

export const API_KEY: InjectionKey<Api> = Symbol('vdc-api');

/** `app.use(apiPlugin(api))`: provides the api to every component, composable and Pinia store of the app. */
export function apiPlugin(api: Api): { install(app: App): void } {
  return {
    install(app: App) {
      app.provide(API_KEY, api);
    },
  };
}

/** The app's api; call it in a component's setup, a composable or a Pinia setup store. */
export function useApi(): Api {
  const api = inject(API_KEY, null);
  if (!api) throw new Error('No VDC api provided: install apiPlugin(createApi(transport)) on the app first.');
  return api;
}
