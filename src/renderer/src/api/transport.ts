/**
 * The transport the shell offers: Electron's preload bridge when `window.vdc` exists, otherwise the
 * browser shell's WebSocket with the page's `token` query parameter. The only place that reads
 * `window.vdc` (a lint rule keeps it so); main.ts calls it once at startup.
 */
import type { VdcBridge } from '@shared/bridge';
import { createElectronTransport } from './transport-electron';
import { createWsTransport, wsUrlFor } from './transport-ws';
import type { Transport } from './types';

declare global {
  interface Window {
    vdc?: VdcBridge;
  }
}

export function shellTransport(): Transport {
  if (typeof window !== 'undefined' && window.vdc) return createElectronTransport(window.vdc);
  return createWsTransport(wsUrlFor(window.location));
}
