import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { ApiResult } from '../../../shared/errors';
import type { BacktestJobView } from '../../../shared/contract-backtest';
import { VdcService } from '../vdc-service';
import { runBacktest } from './backtest';
import { builtinScenario } from '../../engine';

let dir: string;
let svc: VdcService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-backtest-'));
  svc = await VdcService.start({ dataDir: join(dir, 'data'), shell: 'test', autoPlay: false });
  svc.connect({ id: 't', push: () => undefined });
});
afterEach(async () => {
  await svc.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, params: unknown): Promise<ApiResult<BacktestJobView | null>> {
  return (await svc.call('t', method as never, params as never)) as ApiResult<BacktestJobView | null>;
}

/** Waits (on the event loop, no fixed sleep) until the job leaves "running". */
async function settle(): Promise<BacktestJobView> {
  for (;;) {
    const s = await call('capacity.backtest.state', {});
    if (!s.ok || !s.value) throw new Error('no job');
    if (s.value.status !== 'running') return s.value;
    await new Promise<void>((r) => setImmediate(r));
  }
}

describe('capacity.backtest.*', () => {
  it('runs as a job of the service in a thread of its own, with progress, and answers what the CLI answers', async () => {
    const started = await call('capacity.backtest.start', {
      scenario: 'growth',
      historyDays: 21,
      horizonDays: 40,
      seed: 3,
    });
    expect(started.ok && started.value?.status).toBe('running');
    // Requests are answered while it runs: the state shows progress below 1 at first.
    const mid = await call('capacity.backtest.state', {});
    expect(mid.ok && mid.value!.progress).toBeLessThan(1);
    // One job mechanism: it is listed with the other jobs (jobs.list, the jobs push).
    const listed = svc.jobs.list().find((j) => j.kind === 'capacity.backtest');
    expect(listed).toBeDefined();
    const done = await settle();
    expect(done.status).toBe('done');
    expect(svc.jobs.threadOf(listed!.id)).not.toBeNull();
    expect(svc.jobs.threadOf(listed!.id)).not.toBe(threadId);
    expect(done.progress).toBe(1);
    const direct = runBacktest({
      scenario: builtinScenario('growth')!,
      scenarioName: 'growth',
      historyDays: 21,
      horizonDays: 40,
      seed: 3,
    });
    expect(done.result).toEqual(direct);
  });

  it('cancels, and refuses an unknown scenario by name', async () => {
    await call('capacity.backtest.start', { scenario: 'growth', historyDays: 28, horizonDays: 700 });
    const c = await call('capacity.backtest.cancel', {});
    expect(c.ok && c.value!.status).toBe('cancelled');
    expect((await settle()).status).toBe('cancelled');
    const bad = await call('capacity.backtest.start', { scenario: 'atlantis' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('INVALID_ARGUMENT');
      expect(bad.error.message).toMatch(/Unknown scenario "atlantis"/);
    }
    const badParam = await call('capacity.backtest.start', { scenario: 'growth', historyDays: 2 });
    expect(badParam.ok).toBe(false);
  });
});
