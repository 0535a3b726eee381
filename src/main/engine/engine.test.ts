import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from './engine';
import { METRIC_CATALOG } from './metrics/catalog';
import { builtinScenario, builtinScenarios } from './scenarios';
import { engineOf } from './testing/fixtures';

describe('engine', () => {
  it('runs every built-in scenario and returns one block per kind with catalogue-shaped values', () => {
    for (const b of builtinScenarios) {
      const e = engineOf(builtinScenario(b.id)!);
      const r = e.step();
      expect(r.tick).toBe(1);
      expect(r.time).toBe(e.tickSeconds);
      expect(r.blocks.map((x) => x.kind).sort()).toEqual([
        'cluster',
        'container',
        'datastore',
        'host',
        'pool',
        'vm',
      ]);
      for (const blk of r.blocks) {
        expect(blk.values.length).toBe(METRIC_CATALOG[blk.kind].length * blk.ids.length);
        expect(blk.values.every((v) => Number.isFinite(v))).toBe(true);
      }
    }
  });

  it('cluster metrics are the sums of their hosts and guests', () => {
    const e = engineOf(builtinScenario('small-lab')!);
    for (let i = 0; i < 5; i++) e.step();
    const c = e.latest('cl-lab')!;
    const hosts = e.list('host');
    const sum = (name: string) => hosts.reduce((a, h) => a + (h.metrics?.[name] ?? 0), 0);
    expect(c['cpu.usage.mhz']).toBeCloseTo(sum('cpu.usage.mhz'), 6);
    expect(c['power.w']).toBeCloseTo(sum('power.w'), 6);
    expect(c['vms.poweredOn']).toBe(e.world.vms.filter((v) => v.power === 'poweredOn').length);
    expect(c['containers.running']).toBe(e.world.containers.filter((x) => x.state === 'running').length);
    expect(c['hosts.connected']).toBe(3);
  });

  it('small-lab has 3 hosts, about 30 guests, and real contention during business hours', () => {
    const s = builtinScenario('small-lab')!;
    expect(s.hosts.length).toBe(3);
    expect(s.vms.length + s.containers.length).toBeGreaterThanOrEqual(28);
    const e = engineOf(s);
    // Start is 06:00; run to 11:00 (15 ticks per 5 min).
    let last = e.step();
    for (let i = 0; i < 5 * 180; i++) last = e.step();
    const hostBlock = last.blocks.find((b) => b.kind === 'host')!;
    const n = hostBlock.ids.length;
    const cpuPctIdx = METRIC_CATALOG.host.findIndex((m) => m.name === 'cpu.usage.pct');
    const busiest = Math.max(...hostBlock.ids.map((_, k) => hostBlock.values[cpuPctIdx * n + k]!));
    expect(busiest).toBeGreaterThan(50);
    expect(busiest).toBeLessThanOrEqual(100 + 1e-9);
  });

  it('is deterministic: same scenario, seed and commands give the same hash; another seed differs', () => {
    const run = (seed: number): string => {
      const e = engineOf(builtinScenario('small-lab')!, seed);
      for (let i = 0; i < 50; i++) e.step();
      e.execute({ type: 'host.maintenance', hostId: 'host-esx-02', enter: true });
      for (let i = 0; i < 100; i++) e.step();
      return e.runHash();
    };
    expect(run(5)).toBe(run(5));
    expect(run(5)).not.toBe(run(6));
  });

  it('snapshot → JSON → restore continues identically', () => {
    const a = engineOf(builtinScenario('small-lab')!);
    for (let i = 0; i < 40; i++) a.step();
    a.execute({ type: 'vm.migrate', vmId: 'vm-app-01', hostId: 'host-esx-03' });
    a.step();
    const snap = JSON.parse(JSON.stringify(a.snapshot()));
    const b = restoreEngine(snap);
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(b.value.runHash()).toBe(a.runHash());
    for (let i = 0; i < 60; i++) {
      const ra = a.step();
      const rb = b.value.step();
      expect(Array.from(rb.blocks[1]!.values)).toEqual(Array.from(ra.blocks[1]!.values));
    }
    expect(b.value.runHash()).toBe(a.runHash());
    expect(b.value.tick).toBe(a.tick);
  });

  it('reuses metric arrays in a ring of 3 unless asked for fresh ones', () => {
    const ring = engineOf(builtinScenario('small-lab')!);
    const first = ring.step().blocks[1]!.values;
    const copy = first.slice();
    ring.step();
    ring.step();
    expect(Array.from(first)).toEqual(Array.from(copy)); // still valid two steps later
    expect(ring.step().blocks[1]!.values).toBe(first); // then reused
    const fresh = createEngine(builtinScenario('small-lab')!, { freshMetricArrays: true });
    if (!fresh.ok) throw new Error(fresh.error.message);
    const a = fresh.value.step().blocks[1]!.values;
    for (let i = 0; i < 3; i++) fresh.value.step();
    expect(fresh.value.step().blocks[1]!.values).not.toBe(a);
  });

  it('refuses bad scenarios and snapshots with typed errors', () => {
    const s = builtinScenario('small-lab')!;
    const dup = createEngine({ ...s, vms: [...s.vms, s.vms[0]!] });
    expect(!dup.ok && dup.error.code).toBe('INVALID_ARGUMENT');
    expect(!dup.ok && dup.error.message).toContain('duplicate id');
    const v2 = createEngine({ ...s, version: 2 } as unknown as typeof s);
    expect(!v2.ok && v2.error.code).toBe('NOT_SUPPORTED');
    const badHost = createEngine({ ...s, vms: [{ ...s.vms[0]!, hostId: 'host-nope' }] });
    expect(!badHost.ok && badHost.error.message).toContain('unknown host');
    expect(restoreEngine({ format: 'nope' }).ok).toBe(false);
    // An older checkpoint without the derived workload params still restores and runs.
    const e = engineOf(builtinScenario('small-lab')!);
    e.step();
    const old = JSON.parse(e.snapshotJson());
    for (const v of old.vms) delete v.wp;
    const back = restoreEngine(old);
    expect(back.ok && back.value.step().tick).toBe(2);
    expect(restoreEngine(null).ok).toBe(false);
  });

  it('answers list, latest, describe, inventory and precheck for a console', () => {
    const e = engineOf(builtinScenario('small-lab')!);
    e.step();
    const vms = e.list('vm', 'host-esx-01');
    expect(vms.length).toBeGreaterThan(3);
    expect(vms.every((v) => v.parentId === 'host-esx-01' && v.metrics !== undefined)).toBe(true);
    expect(e.list('vm', 'cl-lab').length).toBe(builtinScenario('small-lab')!.vms.length);
    expect(e.latest('host-esx-01')?.['cpu.usage.mhz']).toBeGreaterThan(0);
    const d = e.describe('vm-db-01');
    expect(d.ok && d.value.kind === 'vm' && d.value.properties.cpuReservationMHz).toBe(4800);
    expect(e.describe('nope').ok).toBe(false);
    const tree = e.inventory();
    expect(tree[0]!.kind).toBe('datacenter');
    const pc = e.precheckMigration('vm-web-01', 'host-esx-02');
    expect(pc.ok && pc.value.errors).toEqual([]);
    expect(pc.ok && pc.value.predictedDurationSec).toBeGreaterThan(0);
    const same = e.precheckMigration('vm-web-01', 'host-esx-01');
    expect(same.ok && same.value.errors.join()).toContain('already runs');
    const ex = e.explainPlacement({ kind: 'vm', vcpus: 2, memMiB: 4096 });
    expect(ex.ok && ex.value.hosts.length).toBe(3);
    expect(ex.ok && ex.value.chosenHostId).not.toBeNull();
  });
});
