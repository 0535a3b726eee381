/**
 * Process-wide hardening: the CSP response header, denied permissions, and for every web contents denied
 * navigation, new windows and <webview>. https links the console opens go to the system browser.
 */
import { app, shell, type Session } from 'electron';
import { withContentSecurityPolicy } from './csp';
import { isPermissionAllowed } from './permissions';
import { isSafeExternalUrl, isTrustedRendererUrl, type RendererLocation } from './trusted-origin';

function openExternally(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
}

/**
 * Sets the CSP header on every response and refuses permission requests and checks, except the two
 * harmless ones in permissions.ts for the console page itself. Notifications are shown by the main process
 * (notifications.ts), so the page never needs that permission.
 */
export function hardenSession(session: Session, location: RendererLocation): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl || contents.getURL(), location));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, location);
  });
  session.setDevicePermissionHandler(() => false);
}

/** Must run before the first window is created. */
export function hardenAllWebContents(location: RendererLocation): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      // The console is a single page: any real navigation (link without target, form post, location change)
      // is refused; an https link is handed to the system browser instead.
      event.preventDefault();
      if (!isTrustedRendererUrl(event.url, location)) openExternally(event.url);
    });
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame && !isTrustedRendererUrl(event.url, location)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isTrustedRendererUrl(event.url, location)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url);
      return { action: 'deny' };
    });
  });
}
