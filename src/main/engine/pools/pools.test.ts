/**
 * Resource pools and vApps (issue 20): the division of contended CPU through the pool tree (shares among
 * siblings, reservations, limits, the pie paradox), reservation admission with expandable borrowing,
 * the commands, vApp start order, and snapshots. Hosts are 1000 MHz cores so numbers work out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { restoreEngine } from '../engine';
import { METRIC_CATALOG } from '../metrics/catalog';
import type { Command } from '../model/commands';
import type { ResourcePoolSpec, Scenario, VmSpec } from '../model/scenario';
import { engineOf, flat, metric, testVm, tinyScenario } from '../testing/fixtures';
import type { PoolView } from './view';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
function refused(e: Engine, c: Command): { code: string; message: string } {
  const r = e.execute(c);
  if (r.ok) throw new Error(`${c.type} was accepted`);
  return r.error;
}

/** One host of `cores` × 1000 MHz and 64 GiB; every VM busy at 100 % of its vCPUs. */
function oneHost(vms: VmSpec[], pools: ResourcePoolSpec[], cores = 8): Scenario {
  return { ...tinyScenario(vms, { hosts: 1, cores, memMiB: 65536 }), resourcePools: pools };
}
const busy = (id: string, vcpus = 1, extra: Partial<VmSpec> = {}) =>
  testVm(id, 'host-1', vcpus, 1024, flat(100, 10), extra);

function usage(e: Engine, blocks: ReturnType<Engine['step']>['blocks'], id: string): number {
  return metric(blocks, METRIC_CATALOG, 'vm', id, 'cpu.usage.mhz');
}
const view = (e: Engine, id: string): PoolView => must(e.pools('cl-1')).find((p) => p.id === id)!;

describe('dividing contended CPU through pools', () => {
  it('the pie paradox: a pool of 8 VMs with the shares of one 4-vCPU sibling VM gets the same total as that VM', () => {
    const many = Array.from({ length: 8 }, (_, i) => busy(`vm-m${i}`, 1, { poolId: 'pool-many' }));
    const solo = busy('vm-solo', 4);
    const pooled = engineOf(oneHost([...many, solo], [{ id: 'pool-many', name: 'Many', clusterId: 'cl-1' }]));
    const b = pooled.step().blocks;
    // Root: the pool (4000 shares, normal) and the VM (4 vCPUs × 1000 = 4000 shares) split 8000 MHz evenly.
    expect(usage(pooled, b, 'vm-solo')).toBeCloseTo(4000, 6);
    for (let i = 0; i < 8; i++) expect(usage(pooled, b, `vm-m${i}`)).toBeCloseTo(500, 6);
    const v = view(pooled, 'pool-many');
    expect(v.cpu.entitlement).toBeCloseTo(4000, 6);
    expect(v.cpu.usage).toBeCloseTo(4000, 6);
    expect(v.cpu.demand).toBeCloseTo(8000, 6);
    // The same VMs without the pool: 12 vCPUs' worth of shares, each share worth 8000 / 12000 MHz.
    const flatEngine = engineOf(oneHost([...many.map(({ poolId: _p, ...m }) => m), solo], []));
    const fb = flatEngine.step().blocks;
    expect(usage(flatEngine, fb, 'vm-solo')).toBeCloseTo(8000 / 3, 6);
    expect(usage(flatEngine, fb, 'vm-m0')).toBeCloseTo(2000 / 3, 6);
  });

  it('sibling pools divide by their shares (high 8000 : low 2000) and the whole host is used', () => {
    const vms = [
      ...Array.from({ length: 4 }, (_, i) => busy(`vm-h${i}`, 1, { poolId: 'pool-high' })),
      ...Array.from({ length: 4 }, (_, i) => busy(`vm-l${i}`, 1, { poolId: 'pool-low' })),
    ];
    const e = engineOf(
      oneHost(
        vms,
        [
          { id: 'pool-high', name: 'High', clusterId: 'cl-1', cpu: { shares: 'high' } },
          { id: 'pool-low', name: 'Low', clusterId: 'cl-1', cpu: { shares: 'low' } },
        ],
        4,
      ),
    );
    const b = e.step().blocks;
    expect(view(e, 'pool-high').cpu.entitlement).toBeCloseTo(3200, 6);
    expect(view(e, 'pool-low').cpu.entitlement).toBeCloseTo(800, 6);
    expect(usage(e, b, 'vm-h0')).toBeCloseTo(800, 6);
    expect(usage(e, b, 'vm-l0')).toBeCloseTo(200, 6);
    const total = vms.reduce((s, v) => s + usage(e, b, v.id), 0);
    expect(total).toBeCloseTo(4000, 6);
  });

  it('a reservation is served first, the rest by shares; a limit caps the pool even on an idle host', () => {
    const vms = [
      ...Array.from({ length: 4 }, (_, i) => busy(`vm-h${i}`, 1, { poolId: 'pool-high' })),
      ...Array.from({ length: 4 }, (_, i) => busy(`vm-l${i}`, 1, { poolId: 'pool-low' })),
    ];
    const e = engineOf(
      oneHost(
        vms,
        [
          { id: 'pool-high', name: 'High', clusterId: 'cl-1', cpu: { shares: 'high' } },
          { id: 'pool-low', name: 'Low', clusterId: 'cl-1', cpu: { shares: 'low', reservation: 2000 } },
        ],
        4,
      ),
    );
    e.step();
    // Low gets its 2000 MHz reservation; the other 2000 go 8000 : 2000.
    expect(view(e, 'pool-low').cpu.entitlement).toBeCloseTo(2400, 6);
    expect(view(e, 'pool-high').cpu.entitlement).toBeCloseTo(1600, 6);

    const capped = engineOf(
      oneHost(
        [busy('vm-a', 2, { poolId: 'pool-cap' }), busy('vm-b', 2, { poolId: 'pool-cap' })],
        [{ id: 'pool-cap', name: 'Capped', clusterId: 'cl-1', cpu: { limit: 1000 } }],
        16,
      ),
    );
    const b = capped.step().blocks;
    expect(usage(capped, b, 'vm-a') + usage(capped, b, 'vm-b')).toBeCloseTo(1000, 6);
    expect(metric(b, METRIC_CATALOG, 'vm', 'vm-a', 'cpu.ready.ms')).toBeGreaterThan(0);
  });

  it('a child pool divides its parent’s entitlement (nested shares)', () => {
    const vms = [
      busy('vm-x', 4),
      busy('vm-c1', 2, { poolId: 'pool-c1' }),
      busy('vm-c2', 2, { poolId: 'pool-c2' }),
    ];
    const e = engineOf(
      oneHost(
        vms,
        [
          { id: 'pool-p', name: 'Parent', clusterId: 'cl-1' },
          { id: 'pool-c1', name: 'C1', clusterId: 'cl-1', parentId: 'pool-p', cpu: { shares: 3000 } },
          { id: 'pool-c2', name: 'C2', clusterId: 'cl-1', parentId: 'pool-p', cpu: { shares: 1000 } },
        ],
        4,
      ),
    );
    const b = e.step().blocks;
    // Root: vm-x (4000 shares) and the parent pool (4000) get 2000 each; the parent splits 3 : 1.
    expect(usage(e, b, 'vm-x')).toBeCloseTo(2000, 6);
    expect(usage(e, b, 'vm-c1')).toBeCloseTo(1500, 6);
    expect(usage(e, b, 'vm-c2')).toBeCloseTo(500, 6);
    expect(view(e, 'pool-p').childIds).toEqual(['pool-c1', 'pool-c2']);
  });

  it('without contention every VM gets its demand, pools or not', () => {
    const e = engineOf(
      oneHost(
        [busy('vm-a', 1, { poolId: 'pool-a' }), busy('vm-b', 1)],
        [{ id: 'pool-a', name: 'A', clusterId: 'cl-1', cpu: { shares: 'low' } }],
      ),
    );
    const b = e.step().blocks;
    expect(usage(e, b, 'vm-a')).toBeCloseTo(1000, 6);
    expect(usage(e, b, 'vm-b')).toBeCloseTo(1000, 6);
  });
});

describe('reservation admission and expandable reservations', () => {
  /** A 4 × 1000 MHz host; a parent pool of 2000 MHz (not expandable) with an expandable child of 1000 MHz. */
  function tree(): Engine {
    const idle = (id: string, res: number) =>
      testVm(id, 'host-1', 1, 1024, flat(5, 10), {
        power: 'poweredOff',
        poolId: 'pool-child',
        cpu: { reservationMHz: res },
      });
    return engineOf({
      ...tinyScenario([idle('vm-r1', 1500), idle('vm-r2', 1500)], { hosts: 1 }),
      resourcePools: [
        {
          id: 'pool-parent',
          name: 'Parent',
          clusterId: 'cl-1',
          cpu: { reservation: 2000, expandable: false },
        },
        {
          id: 'pool-child',
          name: 'Child',
          clusterId: 'cl-1',
          parentId: 'pool-parent',
          cpu: { reservation: 1000 },
        },
      ],
    });
  }

  it('an expandable child borrows from its parent; the parent, not expandable, refuses beyond its reservation', () => {
    const e = tree();
    must(e.execute({ type: 'vm.power', vmId: 'vm-r1', action: 'on' }));
    for (let i = 0; i < 3; i++) e.step();
    const child = view(e, 'pool-child');
    expect(child.cpu.reservationUsed).toBe(1500);
    expect(view(e, 'pool-parent').cpu.reservationUsed).toBe(1500);
    expect(view(e, 'pool-parent').cpu.unreserved).toBe(500);
    const r = refused(e, { type: 'vm.power', vmId: 'vm-r2', action: 'on' });
    expect(r.code).toBe('INSUFFICIENT_CAPACITY');
    expect(r.message).toContain('resource pool Parent has 500 MHz of CPU unreserved');
    // Making the parent expandable lets it borrow from the cluster (4000 MHz).
    must(e.execute({ type: 'pool.configure', poolId: 'pool-parent', cpu: { expandable: true } }));
    must(e.execute({ type: 'vm.power', vmId: 'vm-r2', action: 'on' }));
    for (let i = 0; i < 3; i++) e.step();
    expect(view(e, 'pool-parent').cpu.reservationUsed).toBe(3000);
    expect(view(e, 'cl-1').cpu.reservationUsed).toBe(3000);
    expect(view(e, 'cl-1').cpu.unreserved).toBe(1000);
  });

  it('a pool’s reservation is admitted against its parent; limits and non-expandable pools are checked', () => {
    const e = tree();
    const over = refused(e, {
      type: 'pool.create',
      clusterId: 'cl-1',
      name: 'Big',
      cpu: { reservation: 2500 },
    });
    expect(over.code).toBe('INSUFFICIENT_CAPACITY');
    expect(over.message).toContain('the cluster Cluster has 2000 MHz of CPU unreserved');
    const inParent = refused(e, {
      type: 'pool.create',
      clusterId: 'cl-1',
      parentId: 'pool-parent',
      name: 'Second',
      cpu: { reservation: 1500 },
    });
    expect(inParent.message).toContain('resource pool Parent has 1000 MHz');
    const bad = refused(e, {
      type: 'pool.create',
      clusterId: 'cl-1',
      name: 'X',
      cpu: { reservation: 10, limit: 5 },
    });
    expect(bad.code).toBe('INVALID_ARGUMENT');
    expect(bad.message).toContain('cpu.reservation: 10 MHz exceeds the limit of 5 MHz');
    const id = must(
      e.execute({ type: 'pool.create', clusterId: 'cl-1', name: 'Fits', cpu: { reservation: 2000 } }),
    ).createdId!;
    expect(view(e, id).cpu.reservation).toBe(2000);
    expect(view(e, 'cl-1').cpu.unreserved).toBe(0);
  });

  it('a VM needs its overhead memory reserved: a non-expandable pool without a memory reservation refuses it', () => {
    const e = engineOf({
      ...tinyScenario(
        [testVm('vm-a', 'host-1', 1, 1024, flat(5, 10), { power: 'poweredOff', poolId: 'pool-strict' })],
        { hosts: 1 },
      ),
      resourcePools: [{ id: 'pool-strict', name: 'Strict', clusterId: 'cl-1', mem: { expandable: false } }],
    });
    const r = refused(e, { type: 'vm.power', vmId: 'vm-a', action: 'on' });
    expect(r.message).toContain('resource pool Strict has 0 MiB of memory unreserved');
    must(e.execute({ type: 'pool.configure', poolId: 'pool-strict', mem: { reservation: 512 } }));
    must(e.execute({ type: 'vm.power', vmId: 'vm-a', action: 'on' }));
  });
});

describe('pool commands', () => {
  it('create, move a VM in and out, delete (its VMs and child pools go to the parent)', () => {
    const e = engineOf(tinyScenario([testVm('vm-a', 'host-1', 1, 1024, flat(10, 10))], { hosts: 1 }));
    expect(must(e.pools())).toEqual([]);
    const p = must(e.execute({ type: 'pool.create', clusterId: 'cl-1', name: 'Tenant A' })).createdId!;
    const c = must(
      e.execute({ type: 'pool.create', clusterId: 'cl-1', parentId: p, name: 'Dev' }),
    ).createdId!;
    must(e.execute({ type: 'pool.moveVm', vmId: 'vm-a', poolId: c }));
    expect(view(e, c).vmIds).toEqual(['vm-a']);
    expect(refused(e, { type: 'pool.moveVm', vmId: 'vm-a', poolId: c }).message).toContain('already in Dev');
    must(e.execute({ type: 'pool.delete', poolId: p }));
    expect(view(e, c).parentId).toBe('cl-1');
    expect(view(e, c).vmIds).toEqual(['vm-a']);
    must(e.execute({ type: 'pool.moveVm', vmId: 'vm-a', poolId: 'cl-1' }));
    expect(view(e, 'cl-1').vmIds).toEqual(['vm-a']);
    expect(refused(e, { type: 'pool.delete', poolId: 'pool-nope' }).code).toBe('NOT_FOUND');
    expect(refused(e, { type: 'pool.configure', poolId: c, startOrder: [] }).message).toContain(
      'startOrder: Dev is a resource pool, not a vApp',
    );
    expect(refused(e, { type: 'pool.configure', poolId: c, cpu: { shares: 0 } }).message).toContain(
      'cpu.shares',
    );
  });

  it('a vApp powers its VMs on in start order, each after the previous one’s delay, and off in reverse', () => {
    const off = (id: string) =>
      testVm(id, 'host-1', 1, 1024, flat(10, 10), { power: 'poweredOff', poolId: 'pool-app' });
    const e = engineOf({
      ...tinyScenario([off('vm-web'), off('vm-db'), off('vm-app')], { hosts: 1 }),
      resourcePools: [
        {
          id: 'pool-app',
          name: 'Shop',
          clusterId: 'cl-1',
          vapp: {
            startOrder: [
              { vmId: 'vm-db', delaySec: 60 },
              { vmId: 'vm-app', delaySec: 40 },
              { vmId: 'vm-web', delaySec: 0 },
            ],
          },
        },
      ],
    });
    must(e.execute({ type: 'pool.power', poolId: 'pool-app', action: 'on' }));
    const onAt = new Map<string, number>();
    for (let i = 0; i < 12; i++) {
      for (const t of e.tasks())
        if (t.type === 'vm.power.on' && !onAt.has(t.target)) onAt.set(t.target, t.queuedAt);
      e.step();
    }
    expect([...onAt.entries()]).toEqual([
      ['vm-db', 0],
      ['vm-app', 60],
      ['vm-web', 100],
    ]);
    expect(view(e, 'pool-app').kind).toBe('vapp');
    expect(view(e, 'pool-app').runningVms).toBe(3);
    must(e.execute({ type: 'pool.power', poolId: 'pool-app', action: 'off' }));
    for (let i = 0; i < 3; i++) e.step();
    expect(view(e, 'pool-app').runningVms).toBe(0);
  });
});

describe('scenarios and snapshots with pools', () => {
  it('scenario problems name the field', () => {
    const bad = engineOfResult({
      ...tinyScenario([testVm('vm-a', 'host-1', 1, 1024, flat(10, 10), { poolId: 'pool-x' })], { hosts: 1 }),
      resourcePools: [
        { id: 'pool-y', name: 'Y', clusterId: 'cl-1', parentId: 'pool-z' },
        { id: 'pool-w', name: 'W', clusterId: 'cl-9' },
        { id: 'pool-v', name: 'V', clusterId: 'cl-1', cpu: { reservation: 20, limit: 10 } },
      ],
    });
    expect(bad).toContain('resourcePools[0].parentId: "pool-z" is not a pool listed before this one');
    expect(bad).toContain('resourcePools[1].clusterId: unknown cluster "cl-9"');
    expect(bad).toContain('resourcePools[2].cpu.reservation: 20 MHz exceeds the limit of 10 MHz');
    expect(bad).toContain('vms[0].poolId: unknown resource pool "pool-x"');
  });

  it('a snapshot carries the pools: a restored engine continues identically; a world without pools has no "pools" key', () => {
    const e = engineOf(
      oneHost(
        [busy('vm-a', 2, { poolId: 'pool-a' }), busy('vm-b', 4)],
        [{ id: 'pool-a', name: 'A', clusterId: 'cl-1', cpu: { shares: 'high', reservation: 500 } }],
        4,
      ),
    );
    for (let i = 0; i < 5; i++) e.step();
    must(e.execute({ type: 'pool.create', clusterId: 'cl-1', parentId: 'pool-a', name: 'Sub', vapp: true }));
    const copy = must(restoreEngine(JSON.parse(e.snapshotJson()) as unknown));
    for (let i = 0; i < 10; i++) {
      e.step();
      copy.step();
    }
    expect(copy.runHash()).toBe(e.runHash());
    expect(must(copy.pools())).toEqual(must(e.pools()));
    const plain = engineOf(oneHost([busy('vm-a')], []));
    expect(Object.keys(JSON.parse(plain.snapshotJson()) as object)).not.toContain('pools');
    const broken = JSON.parse(e.snapshotJson()) as { pools: { cpu: { shares: unknown } }[] };
    broken.pools[0]!.cpu.shares = 'lots';
    const r = restoreEngine(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('pools[0].cpu.shares');
  });
});

function engineOfResult(s: Scenario): string {
  try {
    engineOf(s);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}
