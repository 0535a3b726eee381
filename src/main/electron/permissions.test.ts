import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from './permissions';
import { rendererLocation } from './trusted-origin';

const location = rendererLocation({ indexHtmlPath: '/opt/vdc/out/renderer/index.html', isPackaged: true });
const own = `${location.fileUrl}#/vms`;

describe('isPermissionAllowed', () => {
  it('grants only clipboard writing and full screen, and only to the console page', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', own, location)).toBe(true);
    expect(isPermissionAllowed('fullscreen', own, location)).toBe(true);
    expect(isPermissionAllowed('fullscreen', 'https://evil.example/', location)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'file:///tmp/x.html', location)).toBe(false);
  });

  it('refuses everything else, even to the console page', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'midi',
      'midiSysex',
      'hid',
      'usb',
      'serial',
      'openExternal',
      'pointerLock',
      'display-capture',
      'unknown',
    ]) {
      expect(isPermissionAllowed(permission, own, location), permission).toBe(false);
    }
  });
});
