/**
 * Property test: thousands of random and malformed payloads to every API method through the real
 * WebSocket transport. Every answer must be a typed error or a valid result, and the server must
 * keep serving afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contract } from '../../shared/contract';
import { ErrorCodes } from '../../shared/errors';
import { METHOD_NAMES, type MethodName } from '../../shared/methods';
import { startTestServer, WsClient, wsUrl, type TestServer } from './test-server';

let t: TestServer;
let c: WsClient;
beforeAll(async () => {
  t = await startTestServer();
  c = await WsClient.connect(wsUrl(t.server));
});
afterAll(async () => {
  c.close();
  await t.close();
});

/** Calls that would touch the file system or end the session are only fuzzed with invalid params. */
const ONLY_INVALID = new Set<MethodName>(['workspace.new', 'workspace.open', 'workspace.saveAs', 'workspace.close']);

const fieldValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -1, 0, 1, 2 ** 53, 1.5),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('host-1', 'vm-1', 'cluster-1', 'max', '', 'cpu.usage.pct', 'vm.create', 'host.fail'),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/** Params shaped like the method's own (its real keys with random values), or anything at all. */
function paramsFor(method: MethodName) {
  const schema = contract[method].params as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } };
  const keys = Object.keys(schema.shape ?? schema.def?.in?.shape ?? {});
  const shaped = keys.length ? fc.dictionary(fc.constantFrom(...keys), fieldValue, { maxKeys: keys.length + 1 }) : fc.constant({});
  return fc.oneof(shaped, fc.jsonValue({ maxDepth: 3 }), fc.anything({ maxDepth: 2 }).map((v) => (v === undefined ? null : v)));
}

function isTypedError(r: unknown): boolean {
  const e = (r as { ok?: boolean; error?: { code?: unknown; message?: unknown } }).error;
  return (r as { ok?: boolean }).ok === false && !!e && (ErrorCodes as readonly unknown[]).includes(e.code) && typeof e.message === 'string' && e.message.length > 5;
}

describe('API fuzz over the real WebSocket transport', () => {
  for (const method of METHOD_NAMES) {
    it(`${method}: every payload gets a typed error or a valid answer`, async () => {
      await fc.assert(
        fc.asyncProperty(paramsFor(method), async (raw) => {
          let params: unknown;
          try {
            params = JSON.parse(JSON.stringify(raw ?? null));
          } catch {
            params = null;
          }
          const valid = contract[method].params.safeParse(params ?? {});
          if (valid.success && ONLY_INVALID.has(method)) return;
          if (valid.success && method === 'clock.step' && (valid.data as { ticks: number }).ticks > 50) return;
          const r = await c.call(method, params);
          if (r.ok) {
            const check = contract[method].result.safeParse(r.value);
            expect(check.success, `${method} answered a value that breaks its result schema: ${JSON.stringify(check.error?.issues?.slice(0, 2))}`).toBe(true);
          } else {
            expect(isTypedError(r), `${method} answered ${JSON.stringify(r).slice(0, 300)}`).toBe(true);
          }
        }),
        { numRuns: 120, seed: 20261126 },
      );
    });
  }

  it('malformed envelopes get BAD_REQUEST and the server keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v))), async (frame) => {
        let isValidEnvelope = false;
        try {
          const v = JSON.parse(frame) as { id?: unknown; method?: unknown };
          isValidEnvelope = typeof v === 'object' && v !== null && Number.isInteger(v.id) && (v.id as number) >= 0 && typeof v.method === 'string';
        } catch {
          // not JSON
        }
        if (isValidEnvelope) return;
        const r = await c.raw(frame, -1);
        expect(isTypedError(r)).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
    const health = await c.call('app.info', {});
    expect(health.ok).toBe(true);
    const other = await WsClient.connect(wsUrl(t.server));
    expect((await other.call('clock.get', {})).ok).toBe(true);
    other.close();
  });
});
