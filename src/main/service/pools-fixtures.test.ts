/**
 * Issue 20: workspaces written before resource pools existed (the v0.1.0 and v0.2.0 fixtures, whose
 * checkpoints have no "pools") keep opening; pools created in them are logged commands and checkpointed,
 * so the reopened workspace has them again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { builtinScenario } from '../engine';
import { unpackFixture } from '../store/testing/fixtures';
import { removeTempDirs } from '../store/testing/synth';
import { openRecordedRun } from './headless';

afterAll(removeTempDirs);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe.each(['v0.1.0', 'v0.2.0'])('a %s workspace (no pools in its checkpoints)', (release) => {
  it('opens with no pools, takes a pool and keeps it after a reopen', () => {
    const path = unpackFixture(release, 'small-lab');
    const run = must(openRecordedRun({ path, scenario: builtinScenario('small-lab') }));
    expect(run.continued).toBe(true);
    const engine = run.session.engine;
    expect(must(engine.pools())).toEqual([]);
    const cluster = engine.list('cluster')[0]!;
    const vm = engine.list('vm', cluster.id).find((v) => v.state === 'poweredOn')!;
    const poolId = must(
      run.session.execute({
        type: 'pool.create',
        clusterId: cluster.id,
        name: 'Tenant A',
        cpu: { shares: 'high', reservation: 1000 },
      }),
    ).createdId!;
    must(run.session.execute({ type: 'pool.moveVm', vmId: vm.id, poolId }));
    for (let i = 0; i < 5; i++) run.step();
    const before = must(engine.pools(cluster.id));
    const hash = engine.runHash();
    must(run.finish());

    const again = must(openRecordedRun({ path, scenario: builtinScenario('small-lab') }));
    const after = must(again.session.engine.pools(cluster.id));
    expect(after.find((p) => p.id === poolId)).toMatchObject({ name: 'Tenant A', vmIds: [vm.id] });
    expect(after.find((p) => p.id === poolId)!.cpu.reservation).toBe(1000);
    expect(again.session.engine.runHash()).toBe(hash);
    expect(after).toEqual(before);
    must(again.finish());
  });
});
