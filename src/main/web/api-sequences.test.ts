/**
 * Random valid command sequences through the API into the engine: each run opens a fresh small-lab
 * workspace, then sends a seeded random mix of schema-generated commands (ids resolved against the
 * world as it is at that moment) and clock steps over the real WebSocket transport. The engine's
 * invariants are checked after every tick and every command: no guest lost or duplicated, every VM
 * on one existing host, granted resources within capacity, reservations honoured, every metric
 * finite. No answer may be INTERNAL. Runs: VDC_SEQUENCE_RUNS (default 15 runs × 10–40 operations).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { startTestServer, WsClient, wsUrl, type TestServer } from './test-server';
import { idPools, InvariantWatch, isTypedError, Timings } from './testing/fuzz-harness';
import { arbitraryOf, jsonSchemaOf, resolveIds } from './testing/schema-arbitrary';

const RUNS = Number(process.env.VDC_SEQUENCE_RUNS ?? 15);
const MAX_OPS = 40;

let t: TestServer;
let c: WsClient;
let sandbox: string;
const timings = new Timings();
const call = (method: string, params: unknown) => timings.time(method, () => c.call(method, params));

beforeAll(async () => {
  t = await startTestServer();
  c = await WsClient.connect(wsUrl(t.server));
  sandbox = mkdtempSync(join(tmpdir(), 'vdc-seq-files-'));
});
afterAll(async () => {
  console.log(timings.report('API command sequences'));
  c.close();
  await t.close();
  rmSync(sandbox, { recursive: true, force: true });
});

type Op = { k: 'cmd'; raw: unknown } | { k: 'step'; ticks: number };

describe('random valid command sequences through the API', () => {
  it('keep every engine invariant after every tick', async () => {
    const command = arbitraryOf(jsonSchemaOf(contract['command.execute'].params), {
      mode: 'valid',
      sandbox,
      metrics: [],
    });
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 3, arbitrary: command.map((raw) => ({ k: 'cmd' as const, raw })) },
      {
        weight: 2,
        arbitrary: fc.integer({ min: 1, max: 8 }).map((ticks) => ({ k: 'step' as const, ticks })),
      },
    );
    const totals = { runs: 0, ops: 0, sent: 0, reached: 0, accepted: 0, ticks: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: MAX_OPS, size: 'max' }), async (ops) => {
        expect((await call('workspace.new', { scenarioId: 'small-lab' })).ok).toBe(true);
        const watch = new InvariantWatch(t.service);
        try {
          for (const o of ops) {
            if (o.k === 'step') {
              const r = await call('clock.step', { ticks: o.ticks });
              expect(r.ok, JSON.stringify(r)).toBe(true);
            } else {
              const params = resolveIds(o.raw, idPools(t.service));
              const r = await call('command.execute', params);
              totals.sent++;
              if (!r.ok)
                expect(
                  isTypedError(r),
                  `command.execute answered ${JSON.stringify(r).slice(0, 300)} to ${JSON.stringify(params).slice(0, 300)}`,
                ).toBe(true);
            }
            expect(watch.violations).toEqual([]);
          }
          expect((await call('clock.step', { ticks: 3 })).ok).toBe(true);
          expect(watch.violations).toEqual([]);
        } finally {
          watch.dispose();
          totals.runs++;
          totals.ops += ops.length;
          totals.reached += watch.commandsReached;
          totals.accepted += watch.commandsAccepted;
          totals.ticks += watch.ticks;
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.VDC_FUZZ_SEED ?? 2112) },
    );
    console.log(
      `API command sequences: ${totals.runs} runs, ${totals.ops} random operations (${(totals.ops / totals.runs).toFixed(1)} per run), ${totals.sent} commands sent, ${totals.reached} reached the engine, ${totals.accepted} accepted, ${totals.ticks} ticks with invariants checked`,
    );
    expect(totals.reached).toBe(totals.sent);
    expect(totals.accepted).toBeGreaterThan(totals.sent / 10);
    // The service still answers after all of it.
    expect((await call('clock.get', {})).ok).toBe(true);
  });
});
