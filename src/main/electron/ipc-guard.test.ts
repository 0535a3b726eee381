/**
 * The IPC request path (sender check → payload checks → service) against the real application service with a
 * real workspace in a temp folder: refused requests must change nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/errors';
import { MAX_PAYLOAD_BYTES } from '../../shared/methods';
import { VdcService } from '../service';
import { handleInvoke, normaliseParams, rejectSender, type InvokeSender } from './ipc-guard';
import { rendererLocation } from './trusted-origin';

const location = rendererLocation({
  indexHtmlPath: join('/opt', 'vdc', 'out', 'renderer', 'index.html'),
  isPackaged: true,
});
const consolePage: InvokeSender = { frameUrl: `${location.fileUrl}#/hosts`, isTopFrame: true };

let dataDir: string;
let service: VdcService;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vdc-ipc-guard-'));
  service = await VdcService.start({ dataDir, shell: 'test', autoPlay: false });
});
afterAll(async () => {
  await service?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = (
  method: 'clock.get' | 'clock.step' | 'clock.play' | 'app.info',
  params: unknown,
  sender: InvokeSender = consolePage,
): Promise<ApiResult<unknown>> =>
  handleInvoke(service, location, { clientId: 'wc-1', method, sender, params });

async function tick(): Promise<number> {
  const r = await call('clock.get', {});
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { tick: number }).tick;
}

describe('handleInvoke with the real service', () => {
  it('serves the console page', async () => {
    const info = await call('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { shell: 'test' } });
    const before = await tick();
    expect(await call('clock.step', { ticks: 3 })).toMatchObject({ ok: true, value: { tick: before + 3 } });
    expect(await tick()).toBe(before + 3);
  });

  it('refuses other pages, iframes and vanished frames, and the refused call changes nothing', async () => {
    const before = await tick();
    const senders: InvokeSender[] = [
      { frameUrl: 'https://evil.example/', isTopFrame: true },
      { frameUrl: 'file:///tmp/index.html', isTopFrame: true },
      { frameUrl: location.fileUrl, isTopFrame: false },
      { frameUrl: null, isTopFrame: true },
    ];
    for (const sender of senders) {
      const r = await call('clock.step', { ticks: 5 }, sender);
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'BAD_REQUEST',
          message: expect.stringContaining('did not come from the VDC Studio console'),
        },
      });
    }
    expect(await tick()).toBe(before);
  });

  it('answers oversized payloads with PAYLOAD_TOO_LARGE before the service runs them', async () => {
    const before = await tick();
    const r = await call('clock.step', { ticks: 1, padding: 'x'.repeat(MAX_PAYLOAD_BYTES) });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE', details: { limitBytes: MAX_PAYLOAD_BYTES } },
    });
    expect(await tick()).toBe(before);
  });

  it('answers values JSON cannot carry with BAD_REQUEST', async () => {
    const cyclic: Record<string, unknown> = { ticks: 1 };
    cyclic.self = cyclic;
    expect(await call('clock.step', cyclic)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('clock.step', { ticks: 10n })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('leaves parameter validation to the service, which names the bad field', async () => {
    const before = await tick();
    const r = await call('clock.step', { ticks: 'many' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('ticks') },
    });
    expect(await tick()).toBe(before);
  });

  it('turns a throwing service into a typed INTERNAL error', async () => {
    const throwing = {
      call: async (): Promise<ApiResult<unknown>> => {
        throw new Error('boom');
      },
    };
    const r = await handleInvoke(throwing, location, {
      clientId: 'wc-1',
      method: 'clock.get',
      sender: consolePage,
      params: {},
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('boom') },
    });
  });
});

describe('normaliseParams', () => {
  it('gives the service exactly what the WebSocket transport would (JSON semantics)', () => {
    const when = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(
      normaliseParams({ at: when, gone: undefined, map: new Map([[1, 2]]), list: [1, undefined] }),
    ).toEqual({
      ok: true,
      value: { at: '2026-01-02T03:04:05.000Z', map: {}, list: [1, null] },
    });
    expect(normaliseParams(undefined)).toEqual({ ok: true, value: undefined });
    expect(normaliseParams(() => 1)).toEqual({ ok: true, value: undefined });
  });

  it('measures the limit in UTF-8 bytes, not characters', () => {
    // "é" is 2 bytes in UTF-8: a string of N "é" serialises to 2N + 2 bytes (with its quotes).
    const justFits = 'é'.repeat((MAX_PAYLOAD_BYTES - 2) / 2);
    expect(normaliseParams(justFits).ok).toBe(true);
    expect(normaliseParams(`${justFits}é`).ok).toBe(false);
  });
});

describe('rejectSender', () => {
  it('accepts the console page with any route', () => {
    expect(rejectSender(consolePage, location)).toBeNull();
    expect(rejectSender({ frameUrl: location.fileUrl, isTopFrame: true }, location)).toBeNull();
  });
});
