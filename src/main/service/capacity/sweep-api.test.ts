/** capacity.sweep.start / state / cancel through the real service (worker threads, real workspace). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VdcService } from '../vdc-service';
import type { SweepState } from '../../../shared/contract-capacity';

let dir: string;
let svc: VdcService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-sweep-api-'));
  svc = await VdcService.start({ dataDir: dir, shell: 'test', autoPlay: false });
});
afterEach(async () => {
  await svc.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const call = async <T>(method: string, params: unknown): Promise<T> => {
  const r = await svc.call('t', method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
};

describe('capacity sweep API', () => {
  it('runs with progress to a CDF per cluster × resource; refuses a second start while running; cancels', async () => {
    await call('clock.step', { ticks: 30 });
    expect(await call<SweepState | null>('capacity.sweep.state', {})).toBeNull();
    const started = await call<SweepState>('capacity.sweep.start', { runs: 2, horizonDays: 3, workers: 2 });
    expect(started.status).toBe('running');
    const again = await svc.call('t', 'capacity.sweep.start', { runs: 2, horizonDays: 3 });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('INVALID_STATE');
    await vi.waitFor(
      async () => expect((await call<SweepState>('capacity.sweep.state', {})).status).toBe('done'),
      { timeout: 120_000, interval: 200 },
    );
    const done = await call<SweepState>('capacity.sweep.state', {});
    // It ran as a job of the service's job mechanism.
    expect(await call<{ kind: string; status: string }[]>('jobs.list', {})).toContainEqual(
      expect.objectContaining({ kind: 'capacity.sweep', status: 'done', progress: 1 }),
    );
    expect(done.progress).toBe(1);
    expect(done.clusters!.length).toBeGreaterThan(0);
    for (const c of done.clusters!) for (const r of c.resources) expect(r.cdf).toHaveLength(3);

    await call('capacity.sweep.start', { runs: 50, horizonDays: 366, workers: 1 });
    const cancelled = await call<SweepState>('capacity.sweep.cancel', {});
    expect(['running', 'cancelled']).toContain(cancelled.status);
    await vi.waitFor(
      async () => expect((await call<SweepState>('capacity.sweep.state', {})).status).toBe('cancelled'),
      { timeout: 30_000, interval: 100 },
    );
    // jobs.cancel stops a sweep too.
    await call('capacity.sweep.start', { runs: 50, horizonDays: 366, workers: 1 });
    const job = (await call<{ id: string; kind: string; status: string }[]>('jobs.list', {})).find(
      (j) => j.kind === 'capacity.sweep' && j.status === 'running',
    )!;
    await call('jobs.cancel', { id: job.id });
    await vi.waitFor(
      async () => expect((await call<SweepState>('capacity.sweep.state', {})).status).toBe('cancelled'),
      { timeout: 30_000, interval: 100 },
    );
    const bad = await svc.call('t', 'capacity.sweep.start', { runs: 0 });
    expect(bad.ok).toBe(false);
  }, 180_000);
});
