import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { ConsolidationPush } from '../../../shared/contract-consolidation';
import type { ApiResult } from '../../../shared/errors';
import type { TraceInput } from '../../engine/consolidation';
import { ConsolidationRunner, readWorkloadOffThread, type WorkloadReader } from './runner';
import { writeSyntheticWorkload } from './testing';
import { loadWorkloadFolder, workloadResult } from './workload-folder';

let dir: string;
let pushes: ConsolidationPush[];
let runner: ConsolidationRunner;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-runner-'));
  writeSyntheticWorkload(dir, 6);
  pushes = [];
});
afterEach(() => {
  runner.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const turn = () => new Promise<void>((r) => setImmediate(r));
/** Reads on this thread (the unit tests of slicing; the service reads in the task thread). */
const inThread: WorkloadReader = (d) => ({
  result: Promise.resolve(workloadResult(loadWorkloadFolder(d))),
  cancel: () => undefined,
});

describe('ConsolidationRunner slicing', () => {
  it('with a zero slice budget each turn of the event loop runs exactly one 300-s interval', async () => {
    // sliceMs 0: one step per slice; pushIntervalMs 0: a push after every slice.
    runner = new ConsolidationRunner({
      publish: (p) => pushes.push(p),
      sliceMs: 0,
      pushIntervalMs: 0,
      readWorkload: inThread,
    });
    const started = await runner.start({ workloadDir: dir, policy: 'thr-mmt' });
    expect(started.ok).toBe(true);
    expect(runner.state().run!.timeline).toHaveLength(0);
    await turn();
    expect(runner.state().run!.timeline.map((p) => p.timeSec)).toEqual([300.1]);
    await turn();
    await turn();
    const run = runner.state().run!;
    expect(run.timeline).toHaveLength(3);
    expect(run.timeline[2]!.timeSec).toBeCloseTo(900.1, 6);
    expect(run.progress).toBeCloseTo(900.1 / 86_400, 9);
    expect(pushes.map((p) => [p.from, p.points.length])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
    expect(runner.cancel()!.status).toBe('cancelled');
    await turn();
    expect(runner.state().run!.timeline).toHaveLength(3);
    expect(pushes.at(-1)).toMatchObject({ status: 'cancelled', from: 3, points: [] });
  });

  it('keeps only the newest finished runs', async () => {
    runner = new ConsolidationRunner({
      publish: (p) => pushes.push(p),
      keepFinished: 2,
      readWorkload: inThread,
    });
    for (const policy of ['npa', 'dvfs', 'npa']) {
      expect((await runner.start({ workloadDir: dir, policy })).ok).toBe(true);
      while (runner.running) await new Promise((r) => setTimeout(r, 5));
    }
    expect(runner.state().finished.map((f) => [f.runId, f.policy])).toEqual([
      ['run-2', 'dvfs'],
      ['run-3', 'npa'],
    ]);
  });
});

describe('reading the workload', () => {
  it('happens in the task thread, never on the service thread', async () => {
    const read = readWorkloadOffThread(dir);
    const r = await read.result;
    expect(r.ok && r.value.map((t) => t.name)).toEqual([
      'vm-00',
      'vm-01',
      'vm-02',
      'vm-03',
      'vm-04',
      'vm-05',
    ]);
    const thread = read.threadId;
    expect(thread).not.toBeNull();
    expect(thread).not.toBe(threadId);
    // The runner's default reader is that one: a bad folder comes back from there with its error.
    runner = new ConsolidationRunner({ publish: (p) => pushes.push(p) });
    const bad = await runner.start({ workloadDir: join(dir, 'nope'), policy: 'npa' });
    expect(!bad.ok && bad.error).toMatchObject({ code: 'NOT_FOUND' });
    const good = await runner.start({ workloadDir: dir, policy: 'npa' });
    expect(good.ok && good.value.vms).toBe(6);
  });

  it('a second start while the first reads is refused; cancel ends the read and starts nothing', async () => {
    let finish: (r: ApiResult<TraceInput[]>) => void = () => undefined;
    let cancelled = 0;
    const slow: WorkloadReader = () => ({
      result: new Promise((resolve) => (finish = resolve)),
      cancel: () => {
        cancelled++;
        finish({ ok: false, error: { code: 'CONFLICT', message: 'cancelled' } });
      },
    });
    runner = new ConsolidationRunner({ publish: (p) => pushes.push(p), readWorkload: slow });
    const first = runner.start({ workloadDir: dir, policy: 'npa' });
    const second = await runner.start({ workloadDir: dir, policy: 'npa' });
    expect(!second.ok && second.error.code).toBe('CONFLICT');
    expect(!second.ok && second.error.message).toMatch(/being read/);
    expect(runner.cancel()).toBeNull();
    expect(cancelled).toBe(1);
    expect(await first).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'cancelled' } });
    expect(runner.state()).toEqual({ run: null, finished: [] });
  });
});
