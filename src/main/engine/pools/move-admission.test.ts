/**
 * Issue 20, session 6: moving a pool to another parent (admission, cycles, depth, order of the tree), pool
 * admission of VMs created, cloned or deployed powered on, and HA restarts (which keep their reservation in
 * their pool and need no pool admission, as in vSphere). Hosts are 1000 MHz cores.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { restoreEngine } from '../engine';
import type { Command } from '../model/commands';
import type { ResourcePoolSpec, Scenario, VmSpec } from '../model/scenario';
import { engineOf, flat, testVm, tinyScenario } from '../testing/fixtures';
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
const view = (e: Engine, id: string): PoolView => must(e.pools('cl-1')).find((p) => p.id === id)!;
const withPools = (vms: VmSpec[], pools: ResourcePoolSpec[], hosts = 1, cores = 4): Scenario => ({
  ...tinyScenario(vms, { hosts, cores, memMiB: 65536 }),
  resourcePools: pools,
});
const idle = (id: string, hostId: string, resMHz: number, extra: Partial<VmSpec> = {}) =>
  testVm(id, hostId, 1, 1024, flat(5, 10), { cpu: { reservationMHz: resMHz }, ...extra });

describe('pool.move', () => {
  it('moves a pool with its VMs under a pool created after it; the tree divides as it now is, and a snapshot continues identically', () => {
    const busy = (id: string, poolId?: string) =>
      testVm(id, 'host-1', 2, 1024, flat(100, 10), poolId ? { poolId } : {});
    const e = engineOf(
      withPools(
        [busy('vm-a', 'pool-a'), busy('vm-b', 'pool-b'), busy('vm-x')],
        [
          { id: 'pool-a', name: 'A', clusterId: 'cl-1' },
          { id: 'pool-b', name: 'B', clusterId: 'cl-1', cpu: { shares: 'high' } },
        ],
      ),
    );
    e.step();
    // Root: A (4000 shares), B (8000) and vm-x (2000) each want 2000 of 4000 MHz: B's share (2286) is
    // more than it wants, so it gets 2000 and A and vm-x split the other 2000 by 4000 : 2000.
    expect(view(e, 'pool-a').cpu.entitlement).toBeCloseTo(4000 / 3, 6);
    must(e.execute({ type: 'pool.move', poolId: 'pool-a', parentId: 'pool-b' }));
    const moved = e.step().events.filter((x) => x.type === 'pool.moved');
    expect(moved.map((x) => [x.message, x.objects])).toEqual([
      ['Resource pool A moved to B', ['pool-a', 'pool-b']],
    ]);
    const a = view(e, 'pool-a');
    expect(a.parentId).toBe('pool-b');
    expect(a.vmIds).toEqual(['vm-a']);
    expect(view(e, 'pool-b').childIds).toEqual(['pool-a']);
    expect(view(e, 'cl-1').childIds).toEqual(['pool-b']);
    // Root: B (8000, asking 4000: its VM's and A's) and vm-x (2000): B gets 3200 MHz. B splits 3200 between
    // A (4000 shares) and vm-b (2000): A's 2133 is more than its 2000, so A gets 2000, vm-b 1200.
    expect(view(e, 'pool-b').cpu.entitlement).toBeCloseTo(3200, 6);
    expect(a.cpu.entitlement).toBeCloseTo(2000, 6);
    const copy = must(restoreEngine(JSON.parse(e.snapshotJson()) as unknown));
    for (let i = 0; i < 5; i++) {
      e.step();
      copy.step();
    }
    expect(copy.runHash()).toBe(e.runHash());
    expect(must(copy.pools())).toEqual(must(e.pools()));
    // And back to the root.
    must(e.execute({ type: 'pool.move', poolId: 'pool-a', parentId: 'cl-1' }));
    expect(view(e, 'pool-a').parentId).toBe('cl-1');
  });

  it('refuses a cycle, the same parent, another cluster, an unknown pool and a tree deeper than 8', () => {
    const pools: ResourcePoolSpec[] = [
      { id: 'pool-1', name: 'P1', clusterId: 'cl-1' },
      { id: 'pool-2', name: 'P2', clusterId: 'cl-1', parentId: 'pool-1' },
      { id: 'pool-3', name: 'P3', clusterId: 'cl-1', parentId: 'pool-2' },
    ];
    const s = withPools([], pools);
    s.clusters.push({ id: 'cl-2', name: 'Other', datacenterId: 'dc-1' });
    s.resourcePools!.push({ id: 'pool-o', name: 'O', clusterId: 'cl-2' });
    const e = engineOf(s);
    const self = refused(e, { type: 'pool.move', poolId: 'pool-1', parentId: 'pool-1' });
    expect(self.code).toBe('INVALID_ARGUMENT');
    expect(self.message).toContain('a pool cannot be its own parent');
    const cycle = refused(e, { type: 'pool.move', poolId: 'pool-1', parentId: 'pool-3' });
    expect(cycle.message).toContain('P3 is inside P1; a pool cannot move into its own subtree');
    expect(refused(e, { type: 'pool.move', poolId: 'pool-2', parentId: 'pool-1' }).message).toContain(
      'P2 is already in P1',
    );
    expect(refused(e, { type: 'pool.move', poolId: 'pool-2', parentId: 'pool-o' }).message).toContain(
      'O is in cluster cl-2',
    );
    expect(refused(e, { type: 'pool.move', poolId: 'pool-2', parentId: 'cl-2' }).message).toContain(
      'pools move within their cluster',
    );
    expect(refused(e, { type: 'pool.move', poolId: 'pool-9', parentId: 'cl-1' }).code).toBe('NOT_FOUND');
    expect(refused(e, { type: 'pool.move', poolId: 'pool-2', parentId: 'pool-9' }).code).toBe('NOT_FOUND');
    // A chain of 6 more under a sibling (depth 6), then the 3-deep P1 under its bottom: 6 + 3 > 8.
    let parent = 'cl-1';
    for (let i = 0; i < 6; i++)
      parent = must(
        e.execute({
          type: 'pool.create',
          clusterId: 'cl-1',
          name: `C${i}`,
          ...(parent === 'cl-1' ? {} : { parentId: parent }),
        }),
      ).createdId!;
    expect(refused(e, { type: 'pool.move', poolId: 'pool-1', parentId: parent }).message).toContain(
      'pools nest at most 8 deep',
    );
    // P2 (2 deep) fits: 6 + 2 = 8.
    must(e.execute({ type: 'pool.move', poolId: 'pool-2', parentId: parent }));
    expect(view(e, 'pool-3').parentId).toBe('pool-2');
  });

  it('admits what the pool reserves against its new parent: refused into a fixed pool without room, accepted once it has it', () => {
    const e = engineOf(
      withPools(
        [idle('vm-r', 'host-1', 1500, { poolId: 'pool-t' })],
        [
          {
            id: 'pool-fixed',
            name: 'Fixed',
            clusterId: 'cl-1',
            cpu: { reservation: 1000, expandable: false },
          },
          { id: 'pool-t', name: 'Tenant', clusterId: 'cl-1', cpu: { reservation: 500 } },
          {
            id: 'pool-small',
            name: 'Small',
            clusterId: 'cl-1',
            cpu: { limit: 400 },
          },
        ],
      ),
    );
    e.step();
    // Tenant holds max(500, 1500 used by its VM) = 1500 from its parent.
    expect(view(e, 'pool-t').cpu.reservationUsed).toBe(1500);
    const r = refused(e, { type: 'pool.move', poolId: 'pool-t', parentId: 'pool-fixed' });
    expect(r.code).toBe('INSUFFICIENT_CAPACITY');
    expect(r.message).toContain('resource pool Fixed has 1000 MHz of CPU unreserved');
    expect(refused(e, { type: 'pool.move', poolId: 'pool-t', parentId: 'pool-small' }).message).toContain(
      'cpu.reservation: 500 exceeds the limit of Small (400)',
    );
    expect(view(e, 'pool-t').parentId).toBe('cl-1');
    must(e.execute({ type: 'pool.configure', poolId: 'pool-fixed', cpu: { reservation: 1500 } }));
    must(e.execute({ type: 'pool.move', poolId: 'pool-t', parentId: 'pool-fixed' }));
    e.step();
    expect(view(e, 'pool-fixed').cpu.reservationUsed).toBe(1500);
    expect(view(e, 'pool-fixed').cpu.unreserved).toBe(0);
    // The cluster root gave Tenant's hold back: it now holds only Fixed's 1500 (of 4000).
    expect(view(e, 'cl-1').cpu.reservationUsed).toBe(1500);
  });
});

describe('pool admission of new VMs', () => {
  const spec = (name: string, resMHz: number) => ({
    name,
    vcpus: 1,
    memMiB: 1024,
    disks: [{ sizeGiB: 10, thin: true }],
    cpu: { reservationMHz: resMHz },
    workload: flat(5, 10),
  });

  it('create powered on in a fixed pool is refused without room; powered off it is accepted, in the pool', () => {
    const e = engineOf(
      withPools(
        [],
        [
          { id: 'pool-f', name: 'Fixed', clusterId: 'cl-1', cpu: { reservation: 1000, expandable: false } },
          { id: 'pool-big', name: 'Big', clusterId: 'cl-1', cpu: { reservation: 6000 } },
        ],
        2,
      ),
    );
    const r = refused(e, { type: 'vm.create', spec: spec('big', 1500), poolId: 'pool-f', powerOn: true });
    expect(r.code).toBe('INSUFFICIENT_CAPACITY');
    expect(r.message).toContain('resource pool Fixed has 1000 MHz of CPU unreserved');
    const id = must(
      e.execute({ type: 'vm.create', spec: spec('big', 1500), poolId: 'pool-f', powerOn: false }),
    ).createdId!;
    for (let i = 0; i < 3; i++) e.step();
    expect(view(e, 'pool-f').vmIds).toEqual([id]);
    // Fits: 800 MHz of the 1000, then a second of 800 does not.
    must(e.execute({ type: 'vm.create', spec: spec('fits', 800), poolId: 'pool-f', powerOn: true }));
    expect(
      refused(e, { type: 'vm.create', spec: spec('more', 800), poolId: 'pool-f', powerOn: true }).message,
    ).toContain('resource pool Fixed has 200 MHz');
    // The root of a cluster whose pools reserve most of it: 8000 − 7000 unreserved (each host could take it).
    expect(
      refused(e, { type: 'vm.create', spec: spec('root', 1500), clusterId: 'cl-1', powerOn: true }).message,
    ).toContain('the cluster Cluster has 1000 MHz of CPU unreserved');
    must(e.execute({ type: 'vm.create', spec: spec('root', 900), clusterId: 'cl-1', powerOn: true }));
    expect(refused(e, { type: 'vm.create', spec: spec('x', 0), poolId: 'pool-zz' }).code).toBe('NOT_FOUND');
  });

  it('a clone lands in its source’s pool (or the given one) and is admitted there when powered on', () => {
    const e = engineOf(
      withPools(
        [idle('vm-src', 'host-1', 600, { poolId: 'pool-f' })],
        [
          { id: 'pool-f', name: 'Fixed', clusterId: 'cl-1', cpu: { reservation: 1000, expandable: false } },
          { id: 'pool-o', name: 'Open', clusterId: 'cl-1' },
        ],
      ),
    );
    e.step();
    const r = refused(e, { type: 'vm.clone', vmId: 'vm-src', name: 'copy', powerOn: true });
    expect(r.code).toBe('INSUFFICIENT_CAPACITY');
    expect(r.message).toContain('resource pool Fixed has 400 MHz of CPU unreserved');
    const off = must(e.execute({ type: 'vm.clone', vmId: 'vm-src', name: 'copy' })).createdId!;
    const on = must(
      e.execute({ type: 'vm.clone', vmId: 'vm-src', name: 'copy2', powerOn: true, poolId: 'pool-o' }),
    ).createdId!;
    for (let i = 0; i < 20; i++) e.step();
    expect(view(e, 'pool-f').vmIds).toEqual(['vm-src', off]);
    expect(view(e, 'pool-o').vmIds).toEqual([on]);
    expect(view(e, 'pool-o').runningVms).toBe(1);
  });
});

describe('HA restarts and pools', () => {
  it('a VM waiting for HA keeps its reservation in its pool; HA restarts it though the cluster root is overcommitted', () => {
    const e = engineOf(
      withPools(
        [
          idle('vm-1', 'host-1', 1000, { poolId: 'pool-a' }),
          idle('vm-2', 'host-2', 1000, { poolId: 'pool-a' }),
          idle('vm-3', 'host-1', 1000, { poolId: 'pool-a', power: 'poweredOff' }),
          idle('vm-root', 'host-1', 500, { power: 'poweredOff' }),
        ],
        [
          { id: 'pool-a', name: 'A', clusterId: 'cl-1', cpu: { reservation: 2000, expandable: false } },
          { id: 'pool-b', name: 'B', clusterId: 'cl-1', cpu: { reservation: 3000, expandable: false } },
        ],
        2,
      ),
    );
    e.step();
    must(e.execute({ type: 'host.fail', hostId: 'host-2' }));
    // vm-2 is down, waiting for HA: its 1000 MHz stay reserved in A, so vm-3 cannot take them.
    expect(view(e, 'pool-a').cpu.reservationUsed).toBe(2000);
    const r = refused(e, { type: 'vm.power', vmId: 'vm-3', action: 'on' });
    expect(r.message).toContain('resource pool A has 0 MHz of CPU unreserved');
    // The root lost a host: 4000 MHz for 5000 reserved by the pools (overcommitted, "yellow").
    expect(view(e, 'cl-1').cpu.unreserved).toBe(-1000);
    expect(refused(e, { type: 'vm.power', vmId: 'vm-root', action: 'on' }).message).toContain(
      'the cluster Cluster has 0 MHz of CPU unreserved',
    );
    const restarted: string[] = [];
    for (let i = 0; i < 3; i++)
      for (const ev of e.step().events) if (ev.type === 'vm.restarted') restarted.push(ev.objects[0]!);
    expect(restarted).toEqual(['vm-2']);
    expect(must(e.describe('vm-2')).state).toBe('poweredOn');
    expect(view(e, 'pool-a').runningVms).toBe(2);
    expect(view(e, 'pool-a').cpu.reservationUsed).toBe(2000);
  });
});
