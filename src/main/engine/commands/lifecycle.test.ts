/** VM lifecycle against the real engine: snapshots, delta disks, templates, clone customisation, tags. */
import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine, type Engine } from '../engine';
import { builtinScenario, builtinScenarios } from '../scenarios';
import { IO_SIZE_KIB, WRITE_RATIO } from '../physics/storage';
import type { EngineEvent } from '../api';
import type { Scenario } from '../model/scenario';
import {
  describeAs,
  engineOf as plainEngine,
  flat,
  runUntilDone,
  testVm,
  tinyScenario,
} from '../testing/fixtures';

/** An engine that keeps the events its ticks return (`events()`). */
function engineOf(sc: Scenario): Engine & { events: () => EngineEvent[] } {
  const e = plainEngine(sc);
  const log: EngineEvent[] = [];
  const step = e.step.bind(e);
  e.step = () => {
    const r = step();
    log.push(...r.events);
    return r;
  };
  return Object.assign(e, { events: () => log });
}

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const vmOf = (e: Engine, id: string) => e.world.vmById.get(id)!;
const run = (e: Engine, cmd: Parameters<Engine['execute']>[0]) => {
  const rc = ok(e.execute(cmd));
  if (rc.taskId) expect(runUntilDone(e, rc.taskId)).toBe('success');
  return rc;
};
const refusal = (e: Engine, cmd: Parameters<Engine['execute']>[0]): string => {
  const r = e.execute(cmd);
  if (r.ok) throw new Error('expected a refusal');
  return r.error.message;
};
/** A VM writing steadily: 1000 IOPS → 1000 × 0.3 × 16 KiB = 4.6875 MiB/s. */
const writer = (id = 'vm-w', extra = {}) =>
  testVm(id, 'host-1', 2, 2048, flat(50, 30, { iopsPeak: 1000 }), extra);

describe('snapshots', () => {
  it('take, grow the delta with written data, revert and delete: the chain and "You are here"', () => {
    const e = engineOf(tinyScenario([writer()]));
    e.step();
    run(e, { type: 'vm.snapshot.create', vmId: 'vm-w', name: 'before patch', description: 'clean' });
    const vm = vmOf(e, 'vm-w');
    const baseUsed = vm.disks[0]!.usedGiB;
    expect(vm.snap!.list.map((x) => x.name)).toEqual(['before patch']);
    // The delta grows by W·dt·(1 − delta/provisioned) per tick; the base disk is frozen.
    const prov = 20;
    let expected = vm.snap!.runningDeltaGiB;
    for (let i = 0; i < 30; i++) {
      e.step();
      const w = (vm.diskIops * WRITE_RATIO * IO_SIZE_KIB) / 1024 / 1024; // GiB/s this tick
      expected += w * 20 * (1 - expected / prov);
    }
    expect(vm.disks[0]!.usedGiB).toBe(baseUsed);
    expect(vm.snap!.runningDeltaGiB).toBeGreaterThan(1);
    expect(vm.snap!.runningDeltaGiB).toBeCloseTo(expected, 6);
    // The datastore counts the delta.
    const ds = e.world.datastoreById.get('ds-1')!;
    const usedWith = ds.usedGiB;
    run(e, { type: 'vm.snapshot.create', vmId: 'vm-w', name: 'after patch', memory: true });
    const s = vm.snap!;
    const [s1, s2] = s.list;
    expect(s2!.parentId).toBe(s1!.id);
    expect(s2!.deltaGiB).toBeGreaterThan(1);
    expect(s2!.memory).toBe(true);
    expect(s2!.memGiB).toBe(2);
    expect(s.currentId).toBe(s2!.id);
    e.step();
    expect(ds.usedGiB).toBeGreaterThan(usedWith + 2); // + the 2 GiB memory file
    // Revert to the first (no memory): the running delta is discarded, the VM powers off.
    run(e, { type: 'vm.snapshot.revert', vmId: 'vm-w', snapshotId: s1!.id });
    expect(s.currentId).toBe(s1!.id);
    expect(s.runningDeltaGiB).toBe(0);
    expect(vm.power).toBe('poweredOff');
    const d = describeAs(e, 'vm-w', 'vm');
    expect(d.lifecycle.currentSnapshotId).toBe(s1!.id);
    expect(d.lifecycle.snapshots.map((x) => [x.name, x.parentId])).toEqual([
      ['before patch', null],
      ['after patch', s1!.id],
    ]);
    // Revert to the memory snapshot: back to running.
    run(e, { type: 'vm.snapshot.revert', vmId: 'vm-w', snapshotId: s2!.id });
    expect(vm.power).toBe('poweredOn');
    // Delete the first: its child takes its place at the root.
    run(e, { type: 'vm.snapshot.delete', vmId: 'vm-w', snapshotId: s1!.id });
    expect(vm.snap!.list.map((x) => [x.name, x.parentId])).toEqual([['after patch', null]]);
    // Delete all: the current branch and the running delta merge into the thin base disk.
    for (let i = 0; i < 5; i++) e.step();
    run(e, { type: 'vm.power', vmId: 'vm-w', action: 'off' }); // no more writes: the sizes stay put
    const merged = vm.snap!.runningDeltaGiB + vm.snap!.list[0]!.deltaGiB;
    const before = vm.disks[0]!.usedGiB;
    run(e, { type: 'vm.snapshot.deleteAll', vmId: 'vm-w' });
    expect(vm.snap).toBeUndefined();
    expect(vm.disks[0]!.usedGiB).toBeCloseTo(before + merged * (1 - before / prov), 6);
    expect(e.events().map((x) => x.type)).toEqual(
      expect.arrayContaining(['vm.snapshot.created', 'vm.snapshot.reverted', 'vm.snapshot.deleted']),
    );
  });

  it('a full datastore pauses the VM whose delta cannot grow, with an event; freeing space resumes it', () => {
    const thick = { disks: [{ datastoreId: 'ds-1', sizeGiB: 3, thin: false }], power: 'poweredOff' as const };
    const sc = tinyScenario([writer(), testVm('vm-junk', 'host-1', 1, 1024, flat(1, 1), thick)]);
    sc.datastores[0]!.capacityGiB = 10; // 5 GiB disk + 1 GiB swap + 3 GiB thick: 1 GiB left for the delta
    sc.vms[0]!.mem = { reservationMiB: 1024 };
    const e = engineOf(sc);
    e.step();
    run(e, { type: 'vm.snapshot.create', vmId: 'vm-w', name: 's' });
    const vm = vmOf(e, 'vm-w');
    for (let i = 0; i < 60 && !vm.paused; i++) e.step();
    expect(vm.paused).toBe(true);
    const ev = e.events().find((x) => x.type === 'vm.paused.noSpace');
    expect(ev?.message).toContain('snapshot delta disk cannot grow');
    // A new snapshot with memory is refused with the reason.
    expect(refusal(e, { type: 'vm.snapshot.create', vmId: 'vm-w', name: 't', memory: true })).toMatch(
      /is full/,
    );
    // Freeing space (deleting another VM) resumes it; the delta grows again.
    run(e, { type: 'vm.delete', vmId: 'vm-junk' });
    e.step();
    expect(vm.paused).toBe(false);
    const d0 = vm.snap!.runningDeltaGiB;
    e.step();
    expect(vm.snap!.runningDeltaGiB).toBeGreaterThan(d0);
    expect(e.events().some((x) => x.type === 'vm.resumed')).toBe(true);
  });

  it('a failed merge leaves deltas to consolidate; Consolidate merges them once there is room', () => {
    const thick = {
      disks: [{ datastoreId: 'ds-1', sizeGiB: 30, thin: false }],
      power: 'poweredOff' as const,
    };
    const sc = tinyScenario([writer(), testVm('vm-big', 'host-1', 1, 1024, flat(1, 1), thick)]);
    sc.vms[0]!.mem = { reservationMiB: 2048 }; // no swap file
    sc.datastores[0]!.capacityGiB = 40; // 5 + 30: 5 GiB for the delta
    const e = engineOf(sc);
    e.step();
    run(e, { type: 'vm.snapshot.create', vmId: 'vm-w', name: 's' });
    for (let i = 0; i < 40; i++) e.step();
    const vm = vmOf(e, 'vm-w');
    run(e, { type: 'vm.power', vmId: 'vm-w', action: 'off' }); // no more writes
    e.step();
    // Merging the delta into the base needs room for the base's growth while the delta still exists.
    const ds = e.world.datastoreById.get('ds-1')!;
    expect(ds.capacityGiB - ds.usedGiB).toBeLessThan(vm.snap!.runningDeltaGiB * 0.75);
    run(e, { type: 'vm.snapshot.deleteAll', vmId: 'vm-w' });
    expect(vm.snap!.list).toEqual([]);
    expect(vm.snap!.orphanGiB).toBeGreaterThan(0);
    expect(describeAs(e, 'vm-w', 'vm').lifecycle.consolidationNeeded).toBe(true);
    expect(e.events().some((x) => x.type === 'vm.consolidationNeeded')).toBe(true);
    expect(refusal(e, { type: 'vm.consolidate', vmId: 'vm-w' })).toMatch(/GiB free; consolidating/);
    run(e, { type: 'vm.delete', vmId: 'vm-big' });
    e.step();
    run(e, { type: 'vm.consolidate', vmId: 'vm-w' });
    expect(vm.snap).toBeUndefined();
  });

  it('a VM with snapshots takes longer to move to another datastore (its deltas are copied too)', () => {
    const sc = tinyScenario([writer(), writer('vm-x')]);
    sc.vms[1]!.name = 'x';
    sc.datastores.push({ id: 'ds-2', name: 'second', clusterId: 'cl-1', capacityGiB: 1000, maxIops: 10000 });
    const e = engineOf(sc);
    e.step();
    run(e, { type: 'vm.snapshot.create', vmId: 'vm-w', name: 's' });
    for (let i = 0; i < 60; i++) e.step();
    const durationOf = (vmId: string) => {
      const rc = ok(e.execute({ type: 'vm.migrate', vmId, datastoreId: 'ds-2' }));
      const t = e.world.taskById.get(rc.taskId!)!;
      return t.op.kind === 'timed' ? t.op.durationSec : NaN;
    };
    const withSnap = durationOf('vm-w');
    const without = durationOf('vm-x');
    const delta = vmOf(e, 'vm-w').snap!.runningDeltaGiB;
    expect(withSnap - without).toBeCloseTo((delta * 1024) / 400, 0);
    expect(withSnap).toBeGreaterThan(without);
  });

  it('refuses with reasons: unknown snapshot, memory of a powered-off VM, a busy VM, bad names', () => {
    const e = engineOf(
      tinyScenario([writer(), testVm('vm-off', 'host-1', 1, 1024, flat(1, 1), { power: 'poweredOff' })]),
    );
    expect(refusal(e, { type: 'vm.snapshot.revert', vmId: 'vm-w', snapshotId: 'snapshot-9' })).toMatch(
      /No snapshot/,
    );
    expect(refusal(e, { type: 'vm.snapshot.create', vmId: 'vm-off', name: 's', memory: true })).toMatch(
      /only a powered-on VM's memory/,
    );
    expect(refusal(e, { type: 'vm.snapshot.create', vmId: 'vm-w', name: ' ' })).toMatch(/snapshot name/);
    expect(refusal(e, { type: 'vm.snapshot.deleteAll', vmId: 'vm-w' })).toMatch(/has no snapshots/);
    ok(e.execute({ type: 'vm.snapshot.create', vmId: 'vm-w', name: 's' }));
    expect(refusal(e, { type: 'vm.snapshot.create', vmId: 'vm-w', name: 't' })).toMatch(/busy/);
  });

  it('snapshots survive an engine snapshot and restore; damaged snapshot records are refused', () => {
    const e = engineOf(tinyScenario([writer()]));
    e.step();
    run(e, { type: 'vm.snapshot.create', vmId: 'vm-w', name: 's1' });
    for (let i = 0; i < 10; i++) e.step();
    run(e, { type: 'vm.snapshot.create', vmId: 'vm-w', name: 's2' });
    const snap = e.snapshot();
    const r = ok(restoreEngine(snap));
    expect(r.runHash()).toBe(e.runHash());
    for (let i = 0; i < 20; i++) {
      e.step();
      r.step();
    }
    expect(r.runHash()).toBe(e.runHash());
    expect(r.world.vmById.get('vm-w')!.snap!.list.length).toBe(2);
    const bad = JSON.parse(JSON.stringify(snap)) as {
      vms: { snap: { currentId: string; list: { deltaGiB: number }[] } }[];
    };
    bad.vms[0]!.snap.currentId = 'snapshot-77';
    bad.vms[0]!.snap.list[0]!.deltaGiB = -1;
    const refused = restoreEngine(bad);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.message).toMatch(/snap\.currentId/);
      expect(refused.error.message).toMatch(/deltaGiB/);
    }
  });
});

describe('templates and deploy', () => {
  it('converts a powered-off VM to a template and back; a template cannot be powered on', () => {
    const e = engineOf(
      tinyScenario([writer(), testVm('vm-t', 'host-1', 2, 2048, flat(5, 5), { power: 'poweredOff' })]),
    );
    expect(refusal(e, { type: 'vm.template', vmId: 'vm-w', template: true })).toMatch(/power it off/);
    ok(e.execute({ type: 'vm.template', vmId: 'vm-t', template: true }));
    expect(describeAs(e, 'vm-t', 'vm').state).toBe('template');
    expect(refusal(e, { type: 'vm.power', vmId: 'vm-t', action: 'on' })).toMatch(
      /template cannot be powered on/,
    );
    expect(refusal(e, { type: 'vm.snapshot.create', vmId: 'vm-t', name: 's' })).toMatch(/is a template/);
    // Deploy: a clone of the template, customised, is an ordinary VM.
    const rc = run(e, {
      type: 'vm.clone',
      vmId: 'vm-t',
      name: 'web-07',
      clusterId: 'cl-1',
      vcpus: 4,
      memMiB: 4096,
      powerOn: true,
    });
    const vm = vmOf(e, rc.createdId!);
    expect([vm.template, vm.vcpus, vm.memMiB, vm.power]).toEqual([undefined, 4, 4096, 'poweredOn']);
    expect(e.tasks().find((t) => t.id === rc.taskId)!.type).toBe('vm.deploy');
    ok(e.execute({ type: 'vm.template', vmId: 'vm-t', template: false }));
    expect(vmOf(e, 'vm-t').template).toBeUndefined();
    expect(describeAs(e, 'vm-t', 'vm').state).toBe('poweredOff');
  });

  it('clone customisation is validated: size, host and cluster together, unknown datastore', () => {
    const e = engineOf(tinyScenario([writer()]));
    expect(refusal(e, { type: 'vm.clone', vmId: 'vm-w', name: 'c', vcpus: 0 })).toMatch(/vcpus/);
    expect(refusal(e, { type: 'vm.clone', vmId: 'vm-w', name: 'c', vcpus: 64 })).toMatch(
      /exceed the host's 4 cores/,
    );
    expect(
      refusal(e, { type: 'vm.clone', vmId: 'vm-w', name: 'c', hostId: 'host-1', clusterId: 'cl-1' }),
    ).toMatch(/not both/);
    expect(refusal(e, { type: 'vm.clone', vmId: 'vm-w', name: 'c', datastoreId: 'ds-9' })).toMatch(
      /datastore/,
    );
    const rc = run(e, { type: 'vm.clone', vmId: 'vm-w', name: 'c', hostId: 'host-2', memMiB: 1024 });
    expect([vmOf(e, rc.createdId!).hostId, vmOf(e, rc.createdId!).memMiB]).toEqual(['host-2', 1024]);
  });
});

describe('tags and custom attributes', () => {
  it('sets and clears tags and attributes on VMs and hosts; refuses bad ones', () => {
    const e = engineOf(tinyScenario([writer()]));
    ok(
      e.execute({
        type: 'object.annotate',
        objectId: 'vm-w',
        tags: ['web', ' web', 'prod'],
        attributes: [
          { key: 'owner', value: 'ana' },
          { key: 'cost-center', value: '42' },
        ],
      }),
    );
    const d = describeAs(e, 'vm-w', 'vm');
    expect(d.lifecycle.tags).toEqual(['web', 'prod']);
    expect(d.lifecycle.attributes.map((a) => a.key)).toEqual(['cost-center', 'owner']);
    ok(
      e.execute({
        type: 'object.annotate',
        objectId: 'host-1',
        tags: ['rack-a'],
        attributes: [{ key: 'row', value: '3' }],
      }),
    );
    expect(describeAs(e, 'host-1', 'host').annotations).toEqual({
      tags: ['rack-a'],
      attributes: [{ key: 'row', value: '3' }],
    });
    ok(e.execute({ type: 'object.annotate', objectId: 'host-1', tags: [], attributes: [] }));
    expect(e.world.hostById.get('host-1')!.tags).toBeUndefined();
    expect(
      refusal(e, {
        type: 'object.annotate',
        objectId: 'vm-w',
        attributes: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
      }),
    ).toMatch(/given twice/);
    expect(refusal(e, { type: 'object.annotate', objectId: 'ds-1', tags: ['x'] })).toMatch(/No VM or host/);
  });
});

describe('datastore browser', () => {
  it('lists each VM’s disks, deltas, memory files and swap with their sizes', () => {
    const e = engineOf(tinyScenario([writer()]));
    e.step();
    run(e, { type: 'vm.snapshot.create', vmId: 'vm-w', name: 's1', memory: true });
    for (let i = 0; i < 5; i++) e.step();
    const files = describeAs(e, 'ds-1', 'datastore').files;
    expect(files.map((f) => [f.path, f.type])).toEqual([
      ['w/w.vmdk', 'disk'],
      ['w/w-Snapshot1.vmsn', 'memory'],
      ['w/w-000001.vmdk', 'delta'],
      ['w/w.vswp', 'swap'],
    ]);
    expect(files[0]!.provisionedGiB).toBe(20);
    expect(files[2]!.sizeGiB).toBeGreaterThan(0);
  });
});

describe('run hashes of the built-in scenarios', () => {
  // Recorded on main before the VM lifecycle existed: VMs that never use it serialise as before.
  const RECORDED: Record<string, string> = {
    'small-lab': '360:34a03b0db91d4240',
    enterprise: '60:2028ac84db2d9ac9',
    edge: '360:0a3d28c0d8795aaf',
    growth: '360:85882cad1e3fa24c',
  };
  it('are unchanged', () => {
    for (const info of builtinScenarios) {
      const e = ok(createEngine(builtinScenario(info.id)!, {}));
      const n = info.id === 'enterprise' ? 60 : 360;
      for (let i = 0; i < n; i++) e.step();
      expect(`${n}:${e.runHash()}`, info.id).toBe(RECORDED[info.id]);
    }
  });
});
