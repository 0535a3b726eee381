/**
 * Issue 21 finding 4: a client that stops reading grew the server's memory without bound (+79 MiB in
 * 90 s). Real server, real service, real ws client whose socket is paused (it reads nothing); pushes go
 * through the service's own push hub. The tests assert the bytes queued per client, not time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import { startTestServer, WsClient, wsUrl, type TestServer } from './test-server';

const KiB = 1024;
const pad = 'x'.repeat(128 * KiB);
let t: TestServer | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const socketOf = (c: WsClient): Socket => (c.ws as unknown as { _socket: Socket })._socket;

async function until(cond: () => boolean, what: string, tries = 2000): Promise<void> {
  for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond(), what).toBe(true);
}

describe('back-pressure per client', () => {
  it('merges superseded pushes for a client that stops reading; it gets the latest when it reads again', async () => {
    const limits = { mergeAboveBytes: 256 * KiB, maxQueuedBytes: 4096 * KiB, maxBehindMs: 60_000 };
    t = await startTestServer({ sendLimits: limits });
    const c = await WsClient.connect(wsUrl(t.server));
    await until(() => c.pushes.some((p) => p.push === 'clock'), 'the first pushes arrived');
    // The service pushes a tick of its own at its first flush after a client connects (the values it
    // primed; the clock is paused, so no other). Had it come while the client was behind, after the
    // test's last tick, it would have superseded that tick (merged away, never sent): wait for it first.
    await until(() => c.pushes.some((p) => p.push === 'tick'), "the service's own first tick arrived");
    socketOf(c).pause();
    let maxQueued = 0;
    const pushes = 400; // 50 MiB of tick pushes
    for (let i = 0; i < pushes; i++) {
      t.service.hub.broadcast('tick', { seq: i, pad });
      if (i % 4 === 3) await tick(); // let the socket write what the kernel takes
      for (const s of t.server.clients()) maxQueued = Math.max(maxQueued, s.queuedBytes);
    }
    // The hub's own timer at the worst moment (after the test's last tick, the client still behind): it has
    // no tick of the service's left to send, so nothing supersedes the test's last one.
    t.service.hub.flush();
    const [stats] = t.server.clients();
    expect(stats).toBeDefined();
    expect(maxQueued).toBeLessThanOrEqual(limits.mergeAboveBytes + 2 * pad.length);
    expect(stats!.held).toBe(1); // the newest tick only
    expect(stats!.merged).toBeGreaterThan(pushes / 2);
    socketOf(c).resume();
    // The test's ticks carry a seq; the service may push a tick of its own too (it primes the latest values).
    const ours = () =>
      c.pushes.filter((p) => p.push === 'tick' && typeof (p.data as { seq?: unknown }).seq === 'number');
    const last = () => ours().at(-1)?.data as { seq: number } | undefined;
    await until(() => last()?.seq === pushes - 1, 'the newest tick arrived after the client read again');
    expect(ours().length).toBeLessThan(pushes / 2);
    expect(t.server.slowDisconnects).toBe(0);
    c.close();
  });

  it('disconnects a client whose queue of pushes that cannot be merged passes the cap', async () => {
    const limits = { mergeAboveBytes: 256 * KiB, maxQueuedBytes: 2048 * KiB, maxBehindMs: 60_000 };
    t = await startTestServer({ sendLimits: limits });
    const c = await WsClient.connect(wsUrl(t.server));
    const closed = new Promise((r) => c.ws.once('close', r));
    await until(() => c.pushes.some((p) => p.push === 'clock'), 'the first pushes arrived');
    socketOf(c).pause();
    let maxQueued = 0;
    for (let i = 0; i < 800 && t.server.clients().length > 0; i++) {
      t.service.hub.broadcast('events', [{ seq: i, pad }]);
      if (i % 4 === 3) await tick();
      for (const s of t.server.clients()) maxQueued = Math.max(maxQueued, s.queuedBytes);
    }
    expect(t.server.clients()).toEqual([]);
    expect(t.server.slowDisconnects).toBe(1);
    expect(maxQueued).toBeLessThanOrEqual(limits.maxQueuedBytes);
    socketOf(c).resume();
    await closed;
  });

  it('disconnects a client that stays behind longer than the limit', async () => {
    t = await startTestServer({
      sendLimits: { mergeAboveBytes: 64 * KiB, maxQueuedBytes: 4096 * KiB, maxBehindMs: 200 },
    });
    const c = await WsClient.connect(wsUrl(t.server));
    await until(() => c.pushes.some((p) => p.push === 'clock'), 'the first pushes arrived');
    socketOf(c).pause();
    for (let i = 0; i < 800 && t.server.clients().length > 0; i++) {
      t.service.hub.broadcast('tick', { seq: i, pad });
      await tick();
    }
    await until(() => t!.server.clients().length === 0, 'the slow client was disconnected');
    expect(t.server.slowDisconnects).toBe(1);
    socketOf(c).resume();
  });
});
