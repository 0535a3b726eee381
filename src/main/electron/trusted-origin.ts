/**
 * Which pages may talk to the main process, and which links may leave the app. Pure (no electron
 * import): the IPC sender check, the navigation guard and the window-open handler all use these.
 */
import { pathToFileURL } from 'node:url';

/** Where the console is legitimately loaded from in this run. */
export interface RendererLocation {
  /** file:// URL of the built out/renderer/index.html. */
  readonly fileUrl: string;
  /** Origin of the electron-vite dev server (development only), e.g. http://localhost:5173. */
  readonly devServerOrigin: string | null;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Builds the trusted location. The dev server URL (ELECTRON_RENDERER_URL, set by `electron-vite dev`) is
 * honoured only in an unpackaged app and only when it is plain http on a loopback host.
 */
export function rendererLocation(opts: {
  indexHtmlPath: string;
  devServerUrl?: string | undefined;
  isPackaged: boolean;
}): RendererLocation {
  let devServerOrigin: string | null = null;
  if (!opts.isPackaged && opts.devServerUrl) {
    const dev = parseUrl(opts.devServerUrl);
    if (
      dev &&
      dev.protocol === 'http:' &&
      LOOPBACK_HOSTS.has(dev.hostname) &&
      !dev.username &&
      !dev.password
    ) {
      devServerOrigin = dev.origin;
    }
  }
  return { fileUrl: pathToFileURL(opts.indexHtmlPath).href, devServerOrigin };
}

/**
 * True when `url` is the console itself: the exact built index.html (any query or #hash route), or any
 * page of the dev server origin. Everything else — other files, other hosts, about:blank, data:, devtools — is
 * untrusted.
 */
export function isTrustedRendererUrl(url: string, location: RendererLocation): boolean {
  const candidate = parseUrl(url);
  if (!candidate) return false;
  if (candidate.protocol === 'file:') {
    const own = new URL(location.fileUrl);
    return candidate.host === own.host && candidate.pathname === own.pathname;
  }
  if (location.devServerOrigin !== null && candidate.protocol === 'http:') {
    return candidate.origin === location.devServerOrigin;
  }
  return false;
}

/** Links the app may hand to the operating system's browser: https only, no embedded credentials. */
export function isSafeExternalUrl(url: string): boolean {
  const candidate = parseUrl(url);
  return (
    candidate !== null &&
    candidate.protocol === 'https:' &&
    !candidate.username &&
    !candidate.password &&
    candidate.hostname !== ''
  );
}
