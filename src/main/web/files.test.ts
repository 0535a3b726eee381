/** The browser shell's side of the file rule: symlinks never leave the static root; generated files come as one-use downloads. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, WsClient, wsUrl, type TestServer } from './test-server';
import { contentSecurityPolicy } from './static-files';
import { contentDisposition } from './downloads';

let t: TestServer;
let base: string;
beforeAll(async () => {
  t = await startTestServer();
  base = `http://127.0.0.1:${t.server.port}`;
  // Links planted in the static root: to a file outside, to a folder outside, to a file inside.
  symlinkSync(join(t.dataDir, 'secret.txt'), join(t.staticDir, 'leak.txt'));
  mkdirSync(join(t.dataDir, 'outdir'));
  writeFileSync(join(t.dataDir, 'outdir', 'x.js'), 'outside folder');
  symlinkSync(join(t.dataDir, 'outdir'), join(t.staticDir, 'assets'));
  writeFileSync(join(t.staticDir, 'real.js'), 'inside');
  symlinkSync(join(t.staticDir, 'real.js'), join(t.staticDir, 'alias.js'));
});
afterAll(async () => {
  await t.close();
});

describe('static files (issue #21 finding 1)', () => {
  it('refuses symlinks, to files or folders, even pointing inside', async () => {
    for (const p of ['/leak.txt', '/assets/x.js', '/alias.js']) {
      const res = await fetch(base + p);
      const body = await res.text();
      expect(res.status, p).toBe(404);
      expect(body, p).not.toContain('outside');
    }
    expect(await (await fetch(`${base}/real.js`)).text()).toBe('inside');
  });

  it("sends form-action 'none' in the CSP", async () => {
    expect(contentSecurityPolicy()).toContain("form-action 'none'");
    const res = await fetch(`${base}/`);
    expect(res.headers.get('content-security-policy')).toContain("form-action 'none'");
  });
});

describe('downloads over HTTP', () => {
  it('serves a generated report once, as an attachment, with the token only', async () => {
    const c = await WsClient.connect(wsUrl(t.server));
    try {
      await c.call('clock.step', { ticks: 2 });
      const r = (await c.call('report.generate', { format: 'html', download: true })) as {
        ok: true;
        value: { download: { url: string; name: string } };
      };
      expect(r.ok).toBe(true);
      const url = `${base}${r.value.download.url}`;
      expect((await fetch(url)).status).toBe(403);
      expect((await fetch(`${url}?token=${'x'.repeat(32)}`)).status).toBe(403);
      const res = await fetch(`${url}?token=${t.server.token}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="capacity-report.html"; filename*=UTF-8\'\'capacity-report.html',
      );
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-store');
      // Gone from the folder once it is being served — checked at its first bytes. (It used to be deleted
      // when the response closed, which comes after the file's last read: under load the client had the
      // whole body, and had even asked again, before that read returned, and found the file still there.)
      const file = join(t.service.downloads.folder!, r.value.download.url.slice(10));
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      expect(existsSync(file)).toBe(false);
      const chunks = [first.value!];
      for (let c = await reader.read(); !c.done; c = await reader.read()) chunks.push(c.value);
      expect(Buffer.concat(chunks).toString('utf8')).toContain('<html');
      const again = await fetch(`${url}?token=${t.server.token}`);
      expect(again.status).toBe(404);
      expect(existsSync(file)).toBe(false);
      expect((await fetch(`${base}/download/../secret.txt?token=${t.server.token}`)).status).toBe(404);
    } finally {
      c.close();
    }
  });

  it('deletes a download from the folder once it is being served, before its last byte', async () => {
    // A download of several read chunks: the response is still streaming when the client has its first
    // bytes. (It was deleted only when the response closed, after the file's last read; under load the
    // client had the whole body — and had asked again — before that read returned, and the file was there.)
    const ref = t.service.downloads.add(
      'big.bin',
      new Uint8Array(4 * 1024 * 1024).fill(7),
      'application/octet-stream',
    );
    const file = join(t.service.downloads.folder!, ref.id);
    expect(existsSync(file)).toBe(true);
    const res = await fetch(`${base}${ref.url}?token=${t.server.token}`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(existsSync(file)).toBe(false);
    let bytes = first.value!.byteLength;
    for (let c = await reader.read(); !c.done; c = await reader.read()) bytes += c.value.byteLength;
    expect(bytes).toBe(4 * 1024 * 1024);
  });

  it('quotes names safely in Content-Disposition', () => {
    expect(contentDisposition('报告 "a".pdf')).toBe(
      'attachment; filename="__ _a_.pdf"; filename*=UTF-8\'\'%E6%8A%A5%E5%91%8A%20%22a%22.pdf',
    );
  });
});
