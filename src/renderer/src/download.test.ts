// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from './api';
import { createFakeTransport } from './api/fake-transport';
import { downloadBase64, downloadText, downloadUrl, safeFileName } from './download';

/** Records each link the helpers click (href, download name) and the blobs behind object URLs. */
function capture() {
  const clicks: { href: string; download: string; attached: boolean }[] = [];
  const blobs = new Map<string, Blob>();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push({ href: this.href, download: this.download, attached: document.body.contains(this) });
  });
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b: Blob | MediaSource) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, b as Blob);
    return url;
  });
  return { clicks, blobs };
}

afterEach(() => vi.restoreAllMocks());

describe('download helpers (the one module for the console)', () => {
  const cases: [what: string, run: () => void, name: string, type: string, bytes: number[]][] = [
    [
      'CSV text (default type)',
      () => downloadText('a,b\r\n', 'x.csv'),
      'x.csv',
      'text/csv',
      [...new TextEncoder().encode('a,b\r\n')],
    ],
    [
      'HTML text',
      () => downloadText('<p>é</p>', 'r.html', 'text/html'),
      'r.html',
      'text/html',
      [...new TextEncoder().encode('<p>é</p>')],
    ],
    [
      'base64 bytes (PDF)',
      () => downloadBase64(btoa('%PDF\u00ff\u0000'), 'r.pdf', 'application/pdf'),
      'r.pdf',
      'application/pdf',
      [37, 80, 68, 70, 255, 0],
    ],
  ];
  it.each(cases)(
    '%s: one click on an attached link, the exact bytes and type',
    async (_what, run, name, type, bytes) => {
      const { clicks, blobs } = capture();
      run();
      expect(clicks).toHaveLength(1);
      expect(clicks[0]!.download).toBe(name);
      expect(clicks[0]!.attached).toBe(true);
      const blob = blobs.get(clicks[0]!.href)!;
      expect(blob.type).toBe(type);
      expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual(bytes);
      expect(document.querySelectorAll('a')).toHaveLength(0);
    },
  );

  it('saves a data URL as given', () => {
    const { clicks } = capture();
    downloadUrl('data:image/png;base64,AAAA', 'c.png');
    expect(clicks).toEqual([{ href: 'data:image/png;base64,AAAA', download: 'c.png', attached: true }]);
  });

  it('safe file names', () => {
    expect(safeFileName('esx-01 / 集群: cpu.usage.pct')).toBe('esx-01_cpu.usage.pct');
    expect(safeFileName('x'.repeat(100))).toHaveLength(80);
  });

  it("api.download (the browser shell's prepared files) goes through the same helper", () => {
    const { clicks } = capture();
    const transport = { ...createFakeTransport({}), downloadUrl: (r: { url: string }) => `${r.url}?token=t` };
    createApi(transport).download({ id: 'dl-1', name: 'report.pdf', bytes: 4, url: '/download/dl-1' });
    expect(clicks).toEqual([
      { href: expect.stringMatching(/\/download\/dl-1\?token=t$/), download: 'report.pdf', attached: true },
    ]);
    expect(document.querySelectorAll('a')).toHaveLength(0);
  });

  it('no other console module makes its own download link', () => {
    // Every console source as text (Vite's raw import), this module and the tests left out.
    const sources = import.meta.glob<string>(
      ['./**/*.ts', './**/*.vue', '!./**/*.test.ts', '!./download.ts'],
      {
        query: '?raw',
        import: 'default',
        eager: true,
      },
    );
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const makers = Object.entries(sources)
      .filter(([, text]) => /createElement\(['"]a['"]\)|\.download\s*=/.test(text))
      .map(([file]) => file);
    expect(makers).toEqual([]);
  });
});
