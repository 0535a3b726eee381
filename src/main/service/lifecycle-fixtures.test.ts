/**
 * VM snapshots and the checkpoint format: every release's fixture workspace (written before snapshots
 * existed) restores, takes a snapshot, checkpoints, and reopens with the snapshot tree and deltas intact.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { builtinScenario } from '../engine';
import { fixtureNames, fixtureReleases, unpackFixture } from '../store/testing/fixtures';
import { removeTempDirs } from '../store/testing/synth';
import { openRecordedRun } from './headless';

afterAll(removeTempDirs);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('snapshots in checkpoints of older workspaces', () => {
  for (const release of fixtureReleases()) {
    for (const name of fixtureNames(release)) {
      it(`${release}/${name}: restores without snapshots, then keeps the ones taken`, () => {
        const path = unpackFixture(release, name);
        const run = must(openRecordedRun({ path, scenario: builtinScenario(name) }));
        expect(run.continued).toBe(true);
        const engine = run.session.engine;
        expect(engine.world.vms.every((v) => v.snap === undefined && v.template === undefined)).toBe(true);
        const vm = engine.world.vms.find((v) => v.power === 'poweredOn' && v.busyTaskId === null)!;
        const rc = must(
          run.session.execute({ type: 'vm.snapshot.create', vmId: vm.id, name: 'fixture', memory: true }),
        );
        for (let i = 0; i < 60; i++) run.step();
        expect(engine.world.taskById.get(rc.taskId!)?.state).toBe('success');
        const before = engine.world.vmById.get(vm.id)!.snap!;
        expect(before.list.map((x) => x.name)).toEqual(['fixture']);
        const hash = engine.runHash();
        must(run.finish());

        const again = must(openRecordedRun({ path, scenario: builtinScenario(name) }));
        const snap = again.session.engine.world.vmById.get(vm.id)!.snap!;
        expect(snap.list.map((x) => [x.name, x.memory])).toEqual([['fixture', true]]);
        expect(snap.runningDeltaGiB).toBe(before.runningDeltaGiB);
        expect(again.session.engine.runHash()).toBe(hash);
        must(again.finish());
      });
    }
  }
});
