/**
 * Capacity analyses off the service thread (issue 21 finding 4: building their context took the service
 * thread 0.2–0.45 s on the enterprise scenario, a simulated failover seconds). Through the real service,
 * real workspace and real task threads: each analysis answered in a thread from the live snapshot read in
 * slices equals the one-step answer on the service thread (the path before), and the service keeps running
 * ticks while an analysis runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '../../../shared/contract';
import type { ApiResult } from '../../../shared/errors';
import { VdcService } from '../vdc-service';
import { capCtx } from './analysis';
import { answerCapacity, type CapacityRequest } from './requests';

let dir: string;
let svc: VdcService;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-live-analysis-'));
  // Every analysis in a thread, however small the simulation (the small lab is answered here otherwise).
  svc = await VdcService.start({
    dataDir: dir,
    shell: 'test',
    autoPlay: false,
    testHooks: { capacityInlineMax: -1, jobSliceMs: 0 },
  });
  // A few simulated hours of history (the analyses read peaks and trends from it).
  const r = await svc.call('t', 'clock.step', { ticks: 600 });
  if (!r.ok) throw new Error(r.error.message);
});
afterAll(async () => {
  await svc.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const cases: [CapacityRequest['method'], Record<string, unknown>][] = [
  ['capacity.summary', {}],
  ['capacity.summary', { windowHours: 1 }],
  ['capacity.headroom', {}],
  ['capacity.forecast', { historyDays: 1, horizonDays: 30 }],
  ['capacity.failover', { method: 'estimate' }],
  ['capacity.failover', { method: 'simulate', settleMinutes: 5 }],
  ['capacity.rightsize', {}],
  ['capacity.consolidation', {}],
  ['capacity.csv', { table: 'headroom' }],
  ['capacity.csv', { table: 'rightsize' }],
  // The baseline row of a comparison (no branch): the current workspace over its recent history.
  ['whatif.compare', { ids: [] }],
];

describe('capacity analyses in a task thread', () => {
  it('answer exactly what the one-step path on the service thread answers', async () => {
    for (const [method, raw] of cases) {
      const params = contract[method].params.parse(raw) as Record<string, unknown>;
      const threaded = (await svc.call('t', method, raw)) as ApiResult<unknown>;
      const session = svc.session!;
      const request = (
        method === 'capacity.csv'
          ? { method, params: { table: params['table'] } }
          : method === 'whatif.compare'
            ? { method, params: { parentPath: session.workspace!.path, ids: params['ids'] } }
            : { method, params }
      ) as CapacityRequest;
      const oneStep = answerCapacity(capCtx(session.engine, session.workspace), request);
      expect(threaded.ok, `${method} ${JSON.stringify(raw)}: ${JSON.stringify(threaded).slice(0, 300)}`).toBe(
        true,
      );
      expect(oneStep.ok, `${method} ${JSON.stringify(raw)} on the service thread`).toBe(true);
      if (threaded.ok && oneStep.ok) {
        const v =
          method === 'capacity.csv'
            ? (({ name, text }) => ({ name, text }))(threaded.value as never)
            : threaded.value;
        expect(v, `${method} ${JSON.stringify(raw)}`).toEqual(oneStep.value);
      }
    }
  }, 600_000);

  it('the service runs ticks while an analysis runs in its thread', async () => {
    const before = svc.session!.engine.tick;
    let analysed = false;
    let stepped = false;
    const analysis = svc.call('t', 'capacity.failover', { method: 'simulate' }).then((r) => {
      analysed = true;
      return r;
    });
    // The step waits only for the live state's reading (the clock held), not for the analysis.
    const step = svc.call('t', 'clock.step', { ticks: 2 }).then((r) => {
      stepped = true;
      expect(analysed, 'the step was answered before the analysis').toBe(false);
      return r;
    });
    expect((await step).ok).toBe(true);
    expect(stepped).toBe(true);
    expect(svc.session!.engine.tick).toBe(before + 2);
    const r = await analysis;
    expect(r.ok).toBe(true);
  }, 300_000);
});
