import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ApiResult } from '../../shared/errors';
import type { PushName } from '../../shared/methods';
import type {
  ConsolidationPush,
  ConsolidationRunView,
  ConsolidationFinishedView,
  ConsolidationPolicyInfo,
} from '../../shared/contract-consolidation';
import { runConsolidation, type TraceInput } from '../engine/consolidation';
import { VdcService } from './vdc-service';
import { syntheticSamples, writeSyntheticWorkload } from './consolidation/testing';

let dir: string;
let svc: VdcService;
let pushes: ConsolidationPush[];
let workload: string;
let traces: TraceInput[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-consol-'));
  svc = await VdcService.start({ dataDir: join(dir, 'data'), shell: 'test', autoPlay: false });
  pushes = [];
  svc.connect({
    id: 't',
    push: (name: PushName, data: unknown) =>
      void (name === 'consolidation' && pushes.push(data as ConsolidationPush)),
  });
  workload = join(dir, 'day');
  traces = writeSyntheticWorkload(workload, 20);
});
afterEach(async () => {
  await svc.call('t', 'consolidation.cancel', {});
  await svc.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const call = async <T>(method: string, params: unknown): Promise<T> => {
  const r = await svc.call('t', method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
};
const fail = async (method: string, params: unknown) => {
  const r: ApiResult<unknown> = await svc.call('t', method, params);
  if (r.ok) throw new Error(`${method} unexpectedly succeeded`);
  return r.error;
};
type State = { run: ConsolidationRunView | null; finished: ConsolidationFinishedView[] };

/** Resolves with the final push of a run (done, cancelled or failed). */
async function finished(runId: string): Promise<ConsolidationPush> {
  for (;;) {
    const end = pushes.find((p) => p.runId === runId && p.status !== 'running');
    if (end) return end;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('consolidation API', () => {
  it('lists every policy with its parameter rule and default', async () => {
    const list = await call<ConsolidationPolicyInfo[]>('consolidation.policies', {});
    expect(list).toHaveLength(22);
    expect(list.find((p) => p.name === 'npa')!.param).toBeNull();
    expect(list.find((p) => p.name === 'thr-mmt')!.param).toMatchObject({
      defaultValue: 0.8,
      min: 0,
      max: 1,
      minExclusive: true,
    });
    expect(list.find((p) => p.name === 'mad-rs')!.param!.defaultValue).toBe(2.5);
    expect(list.find((p) => p.name === 'lrr-mc')).toMatchObject({
      detector: 'lrr',
      selector: 'mc',
      param: { defaultValue: 1.2 },
    });
  });

  it('runs to the end in the background; result, timeline and pushes equal runConsolidation on the same traces', async () => {
    const run = await call<ConsolidationRunView>('consolidation.start', {
      workloadDir: workload,
      policy: 'lr-mmt',
    });
    expect(run).toMatchObject({
      status: 'running',
      policy: 'lr-mmt 1.2',
      policyName: 'lr-mmt',
      param: 1.2,
      mode: 'reference',
      seed: 1,
      hosts: 800,
      vms: 20,
      result: null,
    });
    const end = await finished(run.runId);
    expect(end.status).toBe('done');
    const expected = runConsolidation(traces, { policy: 'lr-mmt', timeline: true });
    if (!expected.ok) throw new Error(expected.error.message);
    const { timeline, policy: _p, mode: _m, ...metrics } = expected.value;
    const state = await call<State>('consolidation.state', {});
    expect(state.run!.status).toBe('done');
    expect(state.run!.progress).toBe(1);
    const { wallSeconds, ...got } = state.run!.result!;
    expect(got).toEqual(metrics);
    expect(wallSeconds).toBeGreaterThan(0);
    expect(state.run!.timeline).toEqual(timeline);
    // The pushes carry the timeline incrementally, without gaps or repeats.
    let have = 0;
    for (const p of pushes.filter((x) => x.runId === run.runId)) {
      expect(p.from).toBe(have);
      have += p.points.length;
    }
    expect(pushes.flatMap((p) => p.points)).toEqual(timeline);
    expect(end.result).toEqual(state.run!.result);
    expect(state.finished).toEqual([
      expect.objectContaining({ runId: run.runId, policy: 'lr-mmt 1.2', result: state.run!.result }),
    ]);
  });

  it('keeps finished runs for comparison, with their mode, seed and parameter; clear forgets them', async () => {
    const a = await call<ConsolidationRunView>('consolidation.start', {
      workloadDir: workload,
      policy: 'dvfs',
    });
    await finished(a.runId);
    const b = await call<ConsolidationRunView>('consolidation.start', {
      workloadDir: workload,
      policy: 'thr-rs',
      param: 0.7,
      native: true,
      seed: 7,
    });
    await finished(b.runId);
    const state = await call<State>('consolidation.state', {});
    expect(state.finished.map((f) => [f.policy, f.mode, f.seed, f.param])).toEqual([
      ['dvfs', 'reference', 1, null],
      ['thr-rs 0.7', 'native', 7, 0.7],
    ]);
    const native = runConsolidation(traces, { policy: 'thr-rs', param: 0.7, native: true, seed: 7 });
    if (!native.ok) throw new Error(native.error.message);
    expect(state.finished[1]!.result.energyKWh).toBe(native.value.energyKWh);
    expect(state.finished[1]!.result.migrations).toBe(native.value.migrations);
    await call('consolidation.clear', {});
    expect((await call<State>('consolidation.state', {})).finished).toEqual([]);
  });

  it('one run at a time; cancel stops it and keeps nothing for comparison; the next start works', async () => {
    const a = await call<ConsolidationRunView>('consolidation.start', {
      workloadDir: workload,
      policy: 'lr-mc',
    });
    const busy = await fail('consolidation.start', { workloadDir: workload, policy: 'npa' });
    expect(busy.code).toBe('CONFLICT');
    expect(busy.message).toMatch(/in progress; cancel it/);
    const cancelled = await call<ConsolidationRunView>('consolidation.cancel', {});
    expect(cancelled.status).toBe('cancelled');
    expect((await finished(a.runId)).status).toBe('cancelled');
    const state = await call<State>('consolidation.state', {});
    expect(state.run!.status).toBe('cancelled');
    expect(state.finished).toEqual([]);
    const b = await call<ConsolidationRunView>('consolidation.start', {
      workloadDir: workload,
      policy: 'npa',
    });
    expect((await finished(b.runId)).status).toBe('done');
  });

  it('does not touch the open workspace', async () => {
    const before = await call<{ tick: number }>('clock.get', {});
    const r = await call<ConsolidationRunView>('consolidation.start', {
      workloadDir: workload,
      policy: 'dvfs',
    });
    await finished(r.runId);
    expect(await call<{ tick: number }>('clock.get', {})).toMatchObject({ tick: before.tick });
    expect(svc.workspaceInfo()).not.toBeNull();
  });

  describe('bad input starts nothing and says what to fix', () => {
    const expectNothingStarted = async () =>
      expect(await call<State>('consolidation.state', {})).toEqual({ run: null, finished: [] });

    it('missing folder, a file instead of a folder, an empty folder, a relative path', async () => {
      const missing = await fail('consolidation.start', { workloadDir: join(dir, 'nope'), policy: 'npa' });
      expect(missing.code).toBe('NOT_FOUND');
      expect(missing.message).toContain(`workload folder ${join(dir, 'nope')} does not exist`);
      const file = await fail('consolidation.start', { workloadDir: join(workload, 'vm-00'), policy: 'npa' });
      expect(file.message).toContain('is not a folder');
      mkdirSync(join(dir, 'empty'));
      writeFileSync(join(dir, 'empty', '.hidden'), '1\n');
      const empty = await fail('consolidation.start', { workloadDir: join(dir, 'empty'), policy: 'npa' });
      expect(empty.message).toContain('contains no trace files');
      const relative = await fail('consolidation.start', { workloadDir: 'day', policy: 'npa' });
      expect(relative.code).toBe('BAD_REQUEST');
      expect(relative.message).toContain('workloadDir: must be an absolute folder path');
      await expectNothingStarted();
    });

    it('malformed files: the file and the line', async () => {
      const bad = (name: string, lines: string[]) => {
        const d = join(dir, name);
        writeSyntheticWorkload(d, 3);
        writeFileSync(join(d, 'vm-01'), `${lines.join('\n')}\n`);
        return d;
      };
      const short = await fail('consolidation.start', {
        workloadDir: bad('short', syntheticSamples(1).slice(0, 287).map(String)),
        policy: 'npa',
      });
      expect(short.message).toContain(`${join(dir, 'short', 'vm-01')}: expected 288 lines`);
      expect(short.message).toContain('found 287');
      const text = syntheticSamples(1).map(String);
      text[16] = 'abc';
      const nan = await fail('consolidation.start', { workloadDir: bad('nan', text), policy: 'npa' });
      expect(nan.code).toBe('INVALID_ARGUMENT');
      expect(nan.message).toContain(
        `${join(dir, 'nan', 'vm-01')} line 17, column 1: expected an integer percentage from 0 to 100, found a letter`,
      );
      expect(nan.message).not.toContain('abc');
      expect(nan.details).toEqual({ file: join(dir, 'nan', 'vm-01'), line: 17, column: 1 });
      const high = syntheticSamples(1).map(String);
      high[2] = '150';
      const range = await fail('consolidation.start', { workloadDir: bad('high', high), policy: 'npa' });
      expect(range.message).toContain(
        'line 3: expected an integer percentage from 0 to 100, found a number above 100',
      );
      expect(range.message).not.toContain('150');
      await expectNothingStarted();
    });

    it('unknown policy lists the valid ones; an out-of-range parameter gives the rule', async () => {
      const p = await fail('consolidation.start', { workloadDir: workload, policy: 'lr-xyz' });
      expect(p.code).toBe('INVALID_ARGUMENT');
      expect(p.message).toContain('unknown policy "lr-xyz"; valid policies: npa, dvfs, thr-mmt');
      const x = await fail('consolidation.start', { workloadDir: workload, policy: 'thr-mmt', param: 1.5 });
      expect(x.message).toContain('parameter 1.5 is out of range for thr');
      const np = await fail('consolidation.start', { workloadDir: workload, policy: 'npa', param: 1 });
      expect(np.message).toContain('policy npa takes no parameter');
      await expectNothingStarted();
    });
  });
});

const planetlab = resolve(__dirname, '../../../..', 'shared', 'data', 'planetlab');
const hasPlanetLab = existsSync(join(planetlab, '20110303'));
if (!hasPlanetLab) console.warn(`SKIPPED: the PlanetLab run through the API: ${planetlab} is absent`);

describe.skipIf(!hasPlanetLab)(
  `consolidation API on real PlanetLab traces${hasPlanetLab ? '' : ' [SKIPPED: ../shared/data/planetlab is absent]'}`,
  () => {
    it('DVFS on 20110303 reproduces the calibration point: 802.754 kWh, 520 of 1,052 VMs alive', async () => {
      const run = await call<ConsolidationRunView>('consolidation.start', {
        workloadDir: join(planetlab, '20110303'),
        policy: 'dvfs',
      });
      expect(run.vms).toBe(1052);
      expect((await finished(run.runId)).status).toBe('done');
      const { run: done } = await call<State>('consolidation.state', {});
      expect(done!.result!.energyKWh.toFixed(3)).toBe('802.754');
      expect(done!.result!.vmsRunningAtEnd).toBe(520);
      expect(done!.timeline).toHaveLength(287);
    });
  },
);
