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

  it('records the pools’ metrics: the file gains the "pool" columns, keeps its older history, and a reopen continues and queries them', () => {
    const path = unpackFixture(release, 'small-lab');
    const run = must(openRecordedRun({ path, scenario: builtinScenario('small-lab') }));
    const ws = run.session.workspace!;
    const start = run.session.engine.time;
    // The fixture's catalogue had no pools: the kind is appended from the continuation on.
    expect(ws.catalogChanges().at(-1)!.added).toContain('pool/cpu.reservation.used.mhz');
    expect(ws.catalogChanges().at(-1)!.time).toBe(start);
    const engine = run.session.engine;
    const cluster = engine.list('cluster')[0]!;
    const vm = engine.list('vm', cluster.id).find((v) => v.state === 'poweredOn')!;
    const poolId = must(
      run.session.execute({
        type: 'pool.create',
        clusterId: cluster.id,
        name: 'Tenant A',
        cpu: { reservation: 1000 },
      }),
    ).createdId!;
    must(run.session.execute({ type: 'pool.moveVm', vmId: vm.id, poolId }));
    for (let i = 0; i < 6; i++) run.step();
    const end = engine.time;
    const q = (w: typeof ws, metric: string) =>
      must(w.querySeries({ entityIds: [poolId], metrics: [metric], from: start, to: end })).series[0]!.points;
    expect(ws.entity(poolId)).toMatchObject({ kind: 'pool', name: 'Tenant A', parentId: cluster.id });
    // One point per tick since the pool was created (6 ticks).
    expect(q(ws, 'cpu.reservation.mhz').map((p) => p[1])).toEqual(Array(6).fill(1000));
    expect(q(ws, 'vms.running').at(-1)![1]).toBe(1);
    const usage = q(ws, 'cpu.usage.mhz').at(-1)![1];
    expect(usage).toBeGreaterThan(0);
    // The VMs' older history (before the continuation) is still there.
    const old = must(ws.querySeries({ entityIds: [vm.id], metrics: ['cpu.usage.mhz'], from: 0, to: start }));
    expect(old.series[0]!.points.length).toBeGreaterThan(0);
    must(run.finish());

    const again = must(openRecordedRun({ path, scenario: builtinScenario('small-lab') }));
    for (let i = 0; i < 3; i++) again.step();
    const ws2 = again.session.workspace!;
    const points = must(
      ws2.querySeries({
        entityIds: [poolId],
        metrics: ['cpu.reservation.mhz'],
        from: start,
        to: again.session.engine.time,
      }),
    ).series[0]!.points;
    expect(points.length).toBe(9);
    expect(points.every((p) => p[1] === 1000)).toBe(true);
    must(again.finish());
  });
});
