/**
 * Property tests: random command sequences against a small world, checking after every tick that
 * no guest is lost or duplicated, granted resources stay within capacity, reservations are honoured,
 * migrations end with the VM on exactly one host, and that replay and snapshot/restore are exact.
 * Runs: VDC_PROPERTY_RUNS (default 150 sequences × up to 40 operations).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine } from './engine';
import { restoreEngine } from './engine';
import type { Command } from './model/commands';
import type { World } from './world/world';
import { engineOf, flat, testVm, tinyScenario } from './testing/fixtures';
import { GuestLedger, metricViolations, worldViolations } from './testing/invariants';

const RUNS = Number(process.env.VDC_PROPERTY_RUNS ?? 150);

type Op =
  | { k: 'step'; n: number }
  | { k: 'create'; vcpus: number; memGiB: number; res: number; host: number; on: boolean }
  | { k: 'clone'; vm: number }
  | { k: 'delete'; vm: number }
  | { k: 'power'; vm: number; action: 'on' | 'off' | 'reset' | 'suspend' | 'shutdown' }
  | { k: 'migrate'; vm: number; host: number }
  | { k: 'resize'; vm: number; vcpus: number; memGiB: number }
  | { k: 'reserve'; vm: number; mhz: number; mib: number }
  | { k: 'maint'; host: number; enter: boolean }
  | { k: 'fail'; host: number }
  | { k: 'repair'; host: number }
  | { k: 'ctr'; host: number; inVm: boolean; vm: number }
  | { k: 'ctrDel'; ctr: number }
  | { k: 'cancel'; task: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('step' as const), n: fc.integer({ min: 1, max: 6 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('create' as const),
      vcpus: fc.integer({ min: 1, max: 4 }),
      memGiB: fc.integer({ min: 1, max: 8 }),
      res: fc.integer({ min: 0, max: 4 }),
      host: fc.nat(5),
      on: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('clone' as const), vm: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), vm: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('power' as const),
      vm: fc.nat(20),
      action: fc.constantFrom(
        'on' as const,
        'off' as const,
        'reset' as const,
        'suspend' as const,
        'shutdown' as const,
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant('migrate' as const), vm: fc.nat(20), host: fc.nat(5) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('resize' as const),
      vm: fc.nat(20),
      vcpus: fc.integer({ min: 1, max: 4 }),
      memGiB: fc.integer({ min: 1, max: 8 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('reserve' as const),
      vm: fc.nat(20),
      mhz: fc.integer({ min: 0, max: 3000 }),
      mib: fc.integer({ min: 0, max: 6000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('maint' as const), host: fc.nat(5), enter: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('fail' as const), host: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('repair' as const), host: fc.nat(5) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('ctr' as const),
      host: fc.nat(5),
      inVm: fc.boolean(),
      vm: fc.nat(20),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('ctrDel' as const), ctr: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cancel' as const), task: fc.nat(30) }) },
);

function world() {
  const s = tinyScenario(
    [
      testVm('vm-1', 'host-1', 2, 4096, flat(60, 50, { dirtyPctPerSec: 5 }), {
        cpu: { reservationMHz: 1000 },
        mem: { reservationMiB: 2048 },
      }),
      testVm('vm-2', 'host-1', 4, 8192, flat(90, 80)),
      testVm('vm-3', 'host-2', 2, 4096, flat(30, 60), { containerHost: true }),
      testVm('vm-4', 'host-2', 2, 6144, flat(70, 90), { hotAddCpu: true, hotAddMem: true }),
      testVm('vm-5', 'host-3', 1, 2048, flat(20, 40), { power: 'poweredOff' }),
    ],
    { hosts: 3, memMiB: 16384, nicMbps: 1000 },
  );
  return s;
}

const pick = <T>(xs: readonly T[], i: number): T | undefined =>
  xs.length === 0 ? undefined : xs[i % xs.length];

/** Resolves an abstract operation against the current world into a command (or a step). */
function toCommand(e: Engine, op: Op): Command | null {
  const w = e.world;
  const vm = 'vm' in op ? (pick(w.vms, op.vm)?.id ?? 'vm-none') : '';
  const host = 'host' in op ? (pick(w.hosts, op.host)?.id ?? 'host-none') : '';
  switch (op.k) {
    case 'step':
      return null;
    case 'create':
      return {
        type: 'vm.create',
        spec: {
          name: 'p',
          vcpus: op.vcpus,
          memMiB: op.memGiB * 1024,
          disks: [{ sizeGiB: 5, thin: true }],
          mem: { reservationMiB: op.res * 512 },
          workload: flat(50, 60),
        },
        hostId: host,
        powerOn: op.on,
      };
    case 'clone':
      return { type: 'vm.clone', vmId: vm, name: 'c', powerOn: true };
    case 'delete':
      return { type: 'vm.delete', vmId: vm };
    case 'power':
      return { type: 'vm.power', vmId: vm, action: op.action };
    case 'migrate':
      return { type: 'vm.migrate', vmId: vm, hostId: host };
    case 'resize':
      return { type: 'vm.resize', vmId: vm, vcpus: op.vcpus, memMiB: op.memGiB * 1024 };
    case 'reserve':
      return {
        type: 'vm.configure',
        vmId: vm,
        cpu: { reservationMHz: op.mhz },
        mem: { reservationMiB: op.mib },
      };
    case 'maint':
      return { type: 'host.maintenance', hostId: host, enter: op.enter };
    case 'fail':
      return { type: 'host.fail', hostId: host };
    case 'repair':
      return { type: 'host.repair', hostId: host };
    case 'ctr':
      return {
        type: 'container.create',
        spec: {
          name: 'k',
          cpuRequestMilli: 500,
          cpuLimitMilli: 2000,
          memRequestMiB: 512,
          memLimitMiB: 1024,
          imageMiB: 20,
          workload: flat(50, 50),
        },
        ...(op.inVm ? { vmId: vm } : { hostId: host }),
      };
    case 'ctrDel':
      return { type: 'container.delete', containerId: pick(w.containers, op.ctr)?.id ?? 'ctr-none' };
    case 'cancel':
      return { type: 'task.cancel', taskId: pick(w.tasks, op.task)?.id ?? 'task-none' };
  }
}

/** Applies one op; with a ledger, checks every invariant after every tick and every command. */
function apply(e: Engine, op: Op, ledger: GuestLedger | null): void {
  if (op.k === 'step') {
    for (let i = 0; i < op.n; i++) {
      const r = e.step();
      if (ledger) {
        // No guest lost or duplicated: one goes only with its delete task, or inside a deleted VM;
        // this world has no services, so nothing appears during a tick either.
        expect(ledger.afterTick(e.world, r, { noNewGuests: true })).toEqual([]);
        expect(worldViolations(e.world)).toEqual([]);
        expect(metricViolations(r)).toEqual([]);
      }
    }
    return;
  }
  const cmd = toCommand(e, op)!;
  const r = e.execute(cmd);
  if (ledger) {
    // Only the container a successful container.delete names may go between ticks; created guests join.
    expect(ledger.rebase(e.world, r.ok && cmd.type === 'container.delete' ? [cmd.containerId] : [])).toEqual(
      [],
    );
    if (r.ok && r.value.createdId)
      expect(e.world.vmById.has(r.value.createdId) || e.world.containerById.has(r.value.createdId)).toBe(
        true,
      );
  }
}

describe('invariants under random command sequences', () => {
  it(
    'holds every invariant after every tick',
    () => {
      fc.assert(
        fc.property(fc.array(opArb, { minLength: 5, maxLength: 40 }), (ops) => {
          const e = engineOf(world());
          const ledger = new GuestLedger(e.world);
          for (const op of ops) apply(e, op, ledger);
          apply(e, { k: 'step', n: 3 }, ledger);
        }),
        { numRuns: RUNS },
      );
    },
    Math.max(60_000, RUNS * 200),
  );

  it(
    'same seed and commands give the same run hash; snapshot/restore gives the same continuation',
    () => {
      fc.assert(
        fc.property(
          fc.array(opArb, { minLength: 4, maxLength: 30 }),
          fc.integer({ min: 0, max: 1000 }),
          (ops, seed) => {
            const a = engineOf(world(), seed);
            const b = engineOf(world(), seed);
            const half = Math.floor(ops.length / 2);
            for (const op of ops.slice(0, half)) {
              apply(a, op, null);
              apply(b, op, null);
            }
            expect(b.runHash()).toBe(a.runHash());
            const restored = restoreEngine(JSON.parse(JSON.stringify(a.snapshot())));
            if (!restored.ok) throw new Error(restored.error.message);
            const c = restored.value;
            for (const op of [...ops.slice(half), { k: 'step' as const, n: 2 }]) {
              apply(a, op, null);
              apply(c, op, null);
            }
            expect(c.runHash()).toBe(a.runHash());
          },
        ),
        { numRuns: Math.max(20, Math.floor(RUNS / 3)) },
      );
    },
    Math.max(60_000, RUNS * 200),
  );
});

/**
 * The ledger must be able to fail: a mutant engine that loses a guest in a tick (here: drops a container
 * from the world every 5th tick, as a bug in a controller would) must make the invariant test fail.
 */
describe('the invariant test catches a lost guest (mutants)', () => {
  /** The mutant: after every `every`-th tick, the first container (or VM) is gone without a trace. */
  function mutate(e: Engine, kind: 'container' | 'vm', every: number): Engine {
    const step = e.step.bind(e);
    let n = 0;
    e.step = () => {
      const r = step();
      n++;
      const w = e.world as World;
      if (n % every === 0) {
        if (kind === 'container' && w.containers.length > 0) w.containers.splice(0, 1);
        if (kind === 'vm' && w.vms.length > 0) w.vms.splice(0, 1);
        w.reindex();
      }
      return r;
    };
    return e;
  }
  const ctr = (hostId: string): Command => ({
    type: 'container.create',
    spec: {
      name: 'k',
      cpuRequestMilli: 500,
      cpuLimitMilli: 2000,
      memRequestMiB: 512,
      memLimitMiB: 1024,
      imageMiB: 20,
      workload: flat(50, 50),
    },
    hostId,
  });

  it('a container deleted inside a tick is reported lost, naming it', () => {
    const e = mutate(engineOf(world()), 'container', 5);
    for (const h of ['host-1', 'host-2']) expect(e.execute(ctr(h)).ok).toBe(true);
    const ledger = new GuestLedger(e.world);
    const first = e.world.containers[0]!.id;
    const reports: string[][] = [];
    for (let i = 0; i < 5; i++) reports.push(ledger.afterTick(e.world, e.step(), { noNewGuests: true }));
    expect(reports.slice(0, 4)).toEqual([[], [], [], []]);
    expect(reports[4]).toEqual([`container ${first} lost`]);
    // The world itself still looks sound: only the ledger sees the loss.
    expect(worldViolations(e.world)).toEqual([]);
  });

  it('a VM deleted inside a tick is reported lost', () => {
    const e = mutate(engineOf(world()), 'vm', 1);
    const ledger = new GuestLedger(e.world);
    const first = e.world.vms[0]!.id;
    expect(ledger.afterTick(e.world, e.step())).toContain(`VM ${first} lost`);
  });

  it('the property test fails on the mutant (and passes on the real engine with the same sequences)', () => {
    // Sequences that create containers and step past the 5th tick: the mutant must be caught.
    const seq = fc.array(
      fc.oneof(
        opArb,
        fc.record({ k: fc.constant('ctr' as const), host: fc.nat(5), inVm: fc.boolean(), vm: fc.nat(20) }),
      ),
      { minLength: 5, maxLength: 30 },
    );
    const run = (mutant: boolean) =>
      fc.assert(
        fc.property(seq, (ops) => {
          const e = engineOf(world());
          if (mutant) mutate(e, 'container', 5);
          const ledger = new GuestLedger(e.world);
          for (const op of ops) apply(e, op, ledger);
          apply(e, { k: 'step', n: 6 }, ledger);
        }),
        { numRuns: 40, seed: 7, includeErrorInReport: true },
      );
    expect(() => run(true)).toThrow(/container ctr-\S+ lost/);
    expect(() => run(false)).not.toThrow();
  });
});
