import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, WsClient, wsUrl, type TestServer } from './test-server';
import { isAllowedOrigin, MAX_FRAME_BYTES } from './server';
import { safePath } from './static-files';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe('browser shell: access control', () => {
  it('binds to 127.0.0.1 and prints a URL with a long random token', () => {
    expect(t.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('refuses a WebSocket without the token or with a wrong one', async () => {
    await expect(WsClient.connect(`ws://127.0.0.1:${t.server.port}/ws`)).rejects.toThrow(/403/);
    await expect(WsClient.connect(wsUrl(t.server, 'x'.repeat(32)))).rejects.toThrow(/403/);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    await expect(WsClient.connect(wsUrl(t.server), { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(
      WsClient.connect(wsUrl(t.server), { Origin: `http://127.0.0.1:${t.server.port + 1}` }),
    ).rejects.toThrow(/403/);
    const ok = await WsClient.connect(wsUrl(t.server), { Origin: `http://127.0.0.1:${t.server.port}` });
    ok.close();
  });

  it('knows which origins are its own', () => {
    expect(isAllowedOrigin('http://localhost:5170', 5170)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5170', 5170)).toBe(true);
    expect(isAllowedOrigin('https://127.0.0.1:5170', 5170)).toBe(false);
    expect(isAllowedOrigin('null', 5170)).toBe(false);
  });

  it('serves the console with a CSP and never files outside its folder', async () => {
    const res = await fetch(`http://127.0.0.1:${t.server.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('VDC Studio');
    const escape = await fetch(`http://127.0.0.1:${t.server.port}/..%2fsecret.txt`);
    expect(await escape.text()).not.toContain('outside the static root');
    expect(safePath('/srv/app', '/../../etc/passwd')).toBe('/srv/app/etc/passwd');
    expect(safePath('/srv/app', '/%2e%2e/secret')).toBe('/srv/app/secret');
    expect(safePath('/srv/app', '/a%00b')).toBeNull();
  });
});

describe('browser shell: API over the WebSocket', () => {
  it('answers a valid call and pushes the workspace and clock on connect', async () => {
    const c = await WsClient.connect(wsUrl(t.server));
    const info = await c.call('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { name: 'VDC Studio', shell: 'test' } });
    expect(c.pushes.map((p) => p.push)).toEqual(expect.arrayContaining(['workspace', 'clock']));
    c.close();
  });

  it('answers typed errors for unknown methods, bad params, bad JSON and oversized frames', async () => {
    const c = await WsClient.connect(wsUrl(t.server));
    expect(await c.call('nope.nothing', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await c.call('clock.step', { ticks: -3 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await c.call('clock.setSpeed', { speed: 'fast' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await c.raw('{not json', -1)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      // Answered to the request's own id (a caller waiting on it gets the answer), naming the limit.
      await c.raw(JSON.stringify({ id: 5, method: 'app.info', params: {}, pad: 'x'.repeat(1_100_000) }), 5),
    ).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('1,000,000 bytes') },
    });
    expect(await c.raw('x'.repeat(1_100_000), -1)).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE' },
    });
    // The connection still works after all that.
    expect(await c.call('clock.get', {})).toMatchObject({ ok: true });
    c.close();
  });

  it('closes the connection of a frame above the 4,000,000-byte frame limit with code 1009 and a reason naming the limit', async () => {
    const c = await WsClient.connect(wsUrl(t.server));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      c.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    c.ws.send(
      JSON.stringify({ id: 9, method: 'app.info', params: {}, pad: 'x'.repeat(MAX_FRAME_BYTES + 10) }),
    );
    const { code, reason } = await closed;
    expect(code).toBe(1009);
    expect(reason).toContain(`${MAX_FRAME_BYTES}`);
    expect(reason).toMatch(/limit/);
    // Other clients and a new connection are unaffected.
    const again = await WsClient.connect(wsUrl(t.server));
    expect(await again.call('clock.get', {})).toMatchObject({ ok: true });
    again.close();
  });

  it('lets several tabs watch the same simulation', async () => {
    const a = await WsClient.connect(wsUrl(t.server));
    const b = await WsClient.connect(wsUrl(t.server));
    const stepped = await a.call('clock.step', { ticks: 3 });
    expect(stepped.ok).toBe(true);
    const seenByB = await b.call('clock.get', {});
    expect((seenByB.value as { tick: number }).tick).toBe((stepped.value as { tick: number }).tick);
    a.close();
    b.close();
  });
});
