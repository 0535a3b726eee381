/**
 * Which web permissions the console may have. Everything is refused except two harmless ones the console's
 * own page may use: writing (sanitized) text to the clipboard, and element full screen (charts, presenter
 * mode). Camera, microphone, geolocation, notifications (shown by the main process instead), MIDI, HID, USB,
 * serial, clipboard *read* and the rest are always refused. Pure; security.ts installs it.
 */
import { isTrustedRendererUrl, type RendererLocation } from './trusted-origin';

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  location: RendererLocation,
): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isTrustedRendererUrl(requestingUrl, location);
}
