import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsolidationPush } from '../../../shared/contract-consolidation';
import { ConsolidationRunner } from './runner';
import { writeSyntheticWorkload } from './testing';

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

describe('ConsolidationRunner slicing', () => {
  it('with a zero slice budget each turn of the event loop runs exactly one 300-s interval', async () => {
    // sliceMs 0: one step per slice; pushIntervalMs 0: a push after every slice.
    runner = new ConsolidationRunner({ publish: (p) => pushes.push(p), sliceMs: 0, pushIntervalMs: 0 });
    const started = runner.start({ workloadDir: dir, policy: 'thr-mmt' });
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
    runner = new ConsolidationRunner({ publish: (p) => pushes.push(p), keepFinished: 2 });
    for (const policy of ['npa', 'dvfs', 'npa']) {
      expect(runner.start({ workloadDir: dir, policy }).ok).toBe(true);
      while (runner.running) await new Promise((r) => setTimeout(r, 5));
    }
    expect(runner.state().finished.map((f) => [f.runId, f.policy])).toEqual([
      ['run-2', 'dvfs'],
      ['run-3', 'npa'],
    ]);
  });
});
