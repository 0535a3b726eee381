/**
 * Edge-value fuzz: for every API method, payloads that pass the method's schema but put every field
 * at an extreme (its minimum and maximum, 0, negative, 1e308 and 5e-324 where allowed, empty,
 * maximal-length and unicode strings, empty and full arrays), with the running scenario's real ids.
 * This is the kind of run that found #21 finding 2 (one valid call killing the service).
 *
 * Every answer must be a valid result or a typed error other than INTERNAL. After each method the
 * service must still answer, and its state must be sane: a few more ticks run with the engine's
 * invariants checked after each (no guest lost, capacity respected, no NaN or infinite metric).
 * File paths only ever point into a sandbox folder. KNOWN_ELSEWHERE (now empty) lists cases left out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { MAX_PAYLOAD_BYTES, METHOD_NAMES, type MethodName } from '../../shared/methods';
import { builtinScenario } from '../engine';
import { startTestServer, WsClient, wsUrl, type TestServer } from './test-server';
import {
  idPools,
  InvariantWatch,
  isTypedError,
  knownElsewhere,
  overBudget,
  Timings,
} from './testing/fuzz-harness';
import { arbitraryOf, jsonSchemaOf, resolveIds } from './testing/schema-arbitrary';

/** Payloads per method (VDC_EDGE_RUNS to change). */
const RUNS = Number(process.env.VDC_EDGE_RUNS ?? 25);
/**
 * The workspace the run starts in (VDC_FUZZ_SCENARIO, default the small lab): `enterprise` measures the
 * longest block per method on a large simulation (docs/benchmarks.md, Responsiveness).
 */
const SCENARIO = process.env.VDC_FUZZ_SCENARIO;

let t: TestServer;
let c: WsClient;
let sandbox: string;
let watch: InvariantWatch;
const timings = new Timings();
const counts = new Map<
  string,
  { sent: number; valid: number; ok: number; excluded: number; oversize: number }
>();

beforeAll(async () => {
  t = await startTestServer(SCENARIO ? { defaultScenarioId: SCENARIO } : {});
  c = await WsClient.connect(wsUrl(t.server));
  sandbox = mkdtempSync(join(tmpdir(), 'vdc-edge-files-'));
  watch = new InvariantWatch(t.service);
});
afterAll(async () => {
  watch.dispose();
  const rows = [...counts].map(
    ([m, n]) =>
      `  ${m.padEnd(24)} ${n.sent} sent (${n.valid} schema-valid, ${n.ok} ok), ${n.excluded} excluded, ${n.oversize} over the size limit`,
  );
  console.log(`edge-value fuzz: ${RUNS} payloads per method\n${rows.join('\n')}`);
  console.log(timings.report(`edge-value fuzz (${SCENARIO ?? 'small-lab'})`));
  c.close();
  await t.close();
  rmSync(sandbox, { recursive: true, force: true });
});

const call = async (method: string, params: unknown) => {
  if (process.env.VDC_FUZZ_TRACE) process.stderr.write(`${method} ${JSON.stringify(params).slice(0, 200)}\n`);
  watch.attach();
  const r = await timings.time(method, () => c.call(method, params));
  watch.attach();
  return r;
};

/**
 * `workspace.new` with a built-in scenario in which one number is set to an extreme (the shape of
 * #21 finding 2: memMiB -1, coreMHz 0, replicas 1e6): refused with the field named, or run with sane
 * physics.
 */
function scenarioEdges(): fc.Arbitrary<Record<string, unknown>> {
  const base = builtinScenario('small-lab')!;
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    if (typeof v === 'number') paths.push(at);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  walk(base, []);
  return fc
    .tuple(fc.constantFrom(...paths), fc.constantFrom(0, -1, 0.5, 1e6, 2 ** 53, 1e308, -1e308))
    .map(([path, value]) => {
      const scenario = structuredClone(base) as unknown as Record<string | number, unknown>;
      let o = scenario;
      for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
      o[path[path.length - 1]!] = value;
      return { scenario };
    });
}

/** The service answers, has (or gets back) an open workspace, and runs sane ticks. */
async function expectSane(after: MethodName): Promise<void> {
  expect((await call('app.info', {})).ok, `app.info after ${after}`).toBe(true);
  if (!t.service.session) expect((await call('workspace.new', { scenarioId: 'small-lab' })).ok).toBe(true);
  await call('clock.pause', {});
  await call('storyline.control', { action: 'stop' });
  expect((await call('clock.step', { ticks: 3 })).ok, `clock.step after ${after}`).toBe(true);
  const clock = (await call('clock.get', {})) as { ok: boolean; value?: { tick: number } };
  expect(clock.ok && Number.isFinite(clock.value!.tick)).toBe(true);
  expect(watch.violations, `invariants after ${after}`).toEqual([]);
}

/** Methods whose work runs in a task thread of its own (one thread started per call). */
const THREADED = new Set<string>([
  'whatif.create',
  'whatif.run',
  'recording.verify',
  'import.apply',
  'capacity.backtest.start',
  // Opening or creating a workspace restores its engine in a task thread (service/workspace-load.ts).
  'workspace.new',
  'workspace.open',
  'demo.branch',
  'demo.return',
]);

describe('schema-valid edge values for every method', () => {
  for (const method of METHOD_NAMES) {
    it(
      `${method}: edge values get a valid answer or a typed error, and the service stays sane`,
      async () => {
        const n = { sent: 0, valid: 0, ok: 0, excluded: 0, oversize: 0 };
        counts.set(method, n);
        const schemaArb = arbitraryOf(jsonSchemaOf(contract[method].params), {
          mode: 'edge',
          sandbox,
          metrics: ['cpu.usage.pct', 'mem.usage.pct', 'cpu.ready.pct'],
        });
        // workspace.new: its own fields at their extremes (no scenario), or a built-in scenario with one extreme number.
        const withoutScenario = schemaArb.map((p) =>
          Object.fromEntries(Object.entries(p as Record<string, unknown>).filter(([k]) => k !== 'scenario')),
        );
        const arb =
          method === 'workspace.new'
            ? fc.oneof({ weight: 2, arbitrary: withoutScenario }, { weight: 1, arbitrary: scenarioEdges() })
            : schemaArb;
        await fc.assert(
          fc.asyncProperty(arb, async (raw) => {
            const params = resolveIds(raw, idPools(t.service));
            const parsed = contract[method].params.safeParse(params);
            if (
              parsed.success &&
              (knownElsewhere(method, parsed.data) ||
                overBudget(method, parsed.data as Record<string, unknown>))
            ) {
              n.excluded++;
              return;
            }
            if (JSON.stringify(params).length > MAX_PAYLOAD_BYTES - 100) {
              // Oversized requests are refused before parsing (PAYLOAD_TOO_LARGE, tested in server.test.ts).
              n.oversize++;
              return;
            }
            n.sent++;
            if (parsed.success) n.valid++;
            const r = await call(method, params);
            if (r.ok) {
              n.ok++;
              const check = contract[method].result.safeParse(r.value);
              expect(
                check.success,
                `${method} answered a value that breaks its result schema: ${JSON.stringify(check.error?.issues?.slice(0, 2))}`,
              ).toBe(true);
            } else
              expect(
                isTypedError(r),
                `${method} answered ${JSON.stringify(r).slice(0, 300)} to ${JSON.stringify(params).slice(0, 300)}`,
              ).toBe(true);
            expect(
              watch.violations,
              `invariants after ${method} ${JSON.stringify(params).slice(0, 300)}`,
            ).toEqual([]);
          }),
          { numRuns: RUNS, seed: Number(process.env.VDC_FUZZ_SEED ?? 21) },
        );
        await expectSane(method);
      }, // Each valid call of these starts a task thread (service/off-thread); under tsx a thread takes seconds to load.
      THREADED.has(method) ? 300_000 : undefined,
    );
  }
});
