import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl, isTrustedRendererUrl, rendererLocation } from './trusted-origin';

const indexHtmlPath = join('/opt', 'VDC Studio', 'resources', 'app.asar', 'out', 'renderer', 'index.html');
const ownUrl = pathToFileURL(indexHtmlPath).href;

describe('renderer location', () => {
  it('uses the built index.html as a file URL (spaces percent-encoded)', () => {
    const location = rendererLocation({ indexHtmlPath, isPackaged: true });
    expect(location.fileUrl).toBe(ownUrl);
    expect(location.fileUrl).toContain('VDC%20Studio');
    expect(location.devServerOrigin).toBeNull();
  });

  it('accepts the dev server only unpackaged, over http on a loopback host', () => {
    expect(
      rendererLocation({ indexHtmlPath, isPackaged: false, devServerUrl: 'http://localhost:5173' })
        .devServerOrigin,
    ).toBe('http://localhost:5173');
    expect(
      rendererLocation({ indexHtmlPath, isPackaged: false, devServerUrl: 'http://127.0.0.1:5174/' })
        .devServerOrigin,
    ).toBe('http://127.0.0.1:5174');
    expect(
      rendererLocation({ indexHtmlPath, isPackaged: false, devServerUrl: 'http://[::1]:5173' })
        .devServerOrigin,
    ).toBe('http://[::1]:5173');
    expect(
      rendererLocation({ indexHtmlPath, isPackaged: true, devServerUrl: 'http://localhost:5173' })
        .devServerOrigin,
    ).toBeNull();
    expect(
      rendererLocation({ indexHtmlPath, isPackaged: false, devServerUrl: 'http://evil.example:5173' })
        .devServerOrigin,
    ).toBeNull();
    expect(
      rendererLocation({ indexHtmlPath, isPackaged: false, devServerUrl: 'https://localhost:5173' })
        .devServerOrigin,
    ).toBeNull();
    expect(
      rendererLocation({ indexHtmlPath, isPackaged: false, devServerUrl: 'http://user:pw@localhost:5173' })
        .devServerOrigin,
    ).toBeNull();
    expect(
      rendererLocation({ indexHtmlPath, isPackaged: false, devServerUrl: 'not a url' }).devServerOrigin,
    ).toBeNull();
  });
});

describe('isTrustedRendererUrl (IPC sender and navigation check)', () => {
  const packaged = rendererLocation({ indexHtmlPath, isPackaged: true });
  const dev = rendererLocation({ indexHtmlPath, isPackaged: false, devServerUrl: 'http://localhost:5173' });

  it('trusts the console page itself, with any #route or query', () => {
    expect(isTrustedRendererUrl(ownUrl, packaged)).toBe(true);
    expect(isTrustedRendererUrl(`${ownUrl}#/hosts/host-1`, packaged)).toBe(true);
    expect(isTrustedRendererUrl(`${ownUrl}?lang=de`, packaged)).toBe(true);
  });

  it('refuses other local files, including siblings and look-alike paths', () => {
    expect(
      isTrustedRendererUrl(
        pathToFileURL(join('/opt', 'VDC Studio', 'resources', 'app.asar', 'out', 'renderer', 'other.html'))
          .href,
        packaged,
      ),
    ).toBe(false);
    expect(isTrustedRendererUrl(pathToFileURL('/tmp/index.html').href, packaged)).toBe(false);
    expect(isTrustedRendererUrl(`${ownUrl}.evil.html`, packaged)).toBe(false);
    expect(isTrustedRendererUrl(ownUrl.replace('file:///', 'file://remote-host/'), packaged)).toBe(false);
  });

  it('refuses web pages, blank and opaque URLs', () => {
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'about:blank',
      'data:text/html,hi',
      'devtools://devtools/bundled/inspector.html',
      '',
      'javascript:alert(1)',
    ]) {
      expect(isTrustedRendererUrl(url, packaged)).toBe(false);
    }
  });

  it('in development also trusts every page of the dev server origin, and only that origin', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/index.html#/vms', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl(ownUrl, dev)).toBe(true);
  });
});

describe('isSafeExternalUrl (links handed to the system browser)', () => {
  it('allows plain https links only', () => {
    expect(isSafeExternalUrl('https://www.vmware.com/docs')).toBe(true);
    expect(isSafeExternalUrl('http://example.com/')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('smb://server/share')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('https://user:secret@example.com/')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });
});
