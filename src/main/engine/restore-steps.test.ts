/**
 * Issue 21: the service restores a big engine in slices (restoreEngineSteps). Driven to the end, the
 * sliced restore gives the engine the one-shot restore gives: the same run hash and the same ticks after
 * it, for every built-in scenario, validated or trusted (the service's thread-checked snapshot).
 */
import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine, restoreEngineSteps, type Engine } from './engine';
import { builtinScenario, builtinScenarios } from './scenarios';
import type { Result, TickResult } from './api';

function drive(gen: Generator<void, Result<Engine>, void>): { engine: Engine; steps: number } {
  let steps = 0;
  for (;;) {
    const r = gen.next();
    if (r.done) {
      if (!r.value.ok) throw new Error(r.value.error.message);
      return { engine: r.value.value, steps };
    }
    steps++;
  }
}

const plain = (r: TickResult) => ({
  tick: r.tick,
  blocks: r.blocks.map((b) => ({ kind: b.kind, ids: [...b.ids], values: Array.from(b.values) })),
  events: r.events,
  tasks: r.tasks,
});

describe('restoreEngineSteps (sliced restore)', () => {
  for (const info of builtinScenarios) {
    it(`gives the one-shot restore's engine for ${info.id}: same run hash, same ticks after`, () => {
      const created = createEngine(builtinScenario(info.id)!);
      if (!created.ok) throw new Error(created.error.message);
      const live = created.value;
      for (let i = 0; i < 12; i++) live.step();
      const json = live.snapshotJson();
      const one = restoreEngine(JSON.parse(json));
      if (!one.ok) throw new Error(one.error.message);
      const checked = drive(restoreEngineSteps(JSON.parse(json)));
      const trusted = drive(
        restoreEngineSteps(JSON.parse(json), { trusted: true, scenarioHash: live.scenarioHash }),
      );
      // It yields between pieces of work (validation, copy, records, indexes), so a caller can slice it.
      expect(checked.steps).toBeGreaterThan(3);
      expect(trusted.steps).toBeGreaterThan(2);
      for (const e of [checked.engine, trusted.engine]) {
        expect(e.runHash()).toBe(one.value.runHash());
        expect(e.snapshotJson()).toBe(json);
      }
      expect(one.value.runHash()).toBe(live.runHash());
      for (let i = 0; i < 8; i++) {
        const want = plain(one.value.step());
        expect(plain(checked.engine.step())).toEqual(want);
        expect(plain(trusted.engine.step())).toEqual(want);
        expect(plain(live.step())).toEqual(want);
      }
      expect(trusted.engine.runHash()).toBe(one.value.runHash());
      expect(checked.engine.runHash()).toBe(one.value.runHash());
    });
  }

  it('refuses a damaged snapshot as restoreEngine does', () => {
    const e = createEngine(builtinScenario('small-lab')!);
    if (!e.ok) throw new Error(e.error.message);
    const snap = JSON.parse(e.value.snapshotJson()) as { vms: { memMiB: number }[] };
    snap.vms[0]!.memMiB = -1;
    const gen = restoreEngineSteps(snap);
    let r = gen.next();
    while (!r.done) r = gen.next();
    expect(r.value).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('a restored engine takes the latest values handed to it, without changing its run', () => {
    const e = createEngine(builtinScenario('small-lab')!);
    if (!e.ok) throw new Error(e.error.message);
    const json = e.value.snapshotJson();
    const a = restoreEngine(JSON.parse(json));
    const b = restoreEngine(JSON.parse(json));
    if (!a.ok || !b.ok) throw new Error('restore');
    const blocks = a.value.primeLatest()!;
    expect(b.value.latestBlocks()).toEqual([]);
    b.value.keepLatest(blocks);
    const host = blocks.find((x) => x.kind === 'host')!.ids[0]!;
    expect(b.value.latest(host)).toEqual(a.value.latest(host));
    expect(b.value.primeLatest()).toBeNull();
    expect(plain(b.value.step())).toEqual(plain(a.value.step()));
  });
});
