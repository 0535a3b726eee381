/**
 * Properties of the pool division (issue 20) on random pool trees, VMs, shares, reservations and limits
 * (one host of 8 × 1000 MHz, so the cluster's capacity is the host's and no host-level imbalance blurs it):
 * what VMs get sums to at most the capacity and, when the tree asks for more, to exactly the capacity
 * (work conserving); nobody gets more than it wants; a pool never gets above its limit; a pool's children
 * share exactly its entitlement when they want more; with no contention everyone gets its demand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG } from '../metrics/catalog';
import type { ResourcePoolSpec, VmSpec } from '../model/scenario';
import { engineOf, flat, metric, testVm, tinyScenario } from '../testing/fixtures';

const CAP = 8000;
const EPS = 1e-6;

const arbTree = fc
  .record({
    pools: fc.array(
      fc.record({
        parent: fc.nat(), // index into the pools before it (or the root)
        shares: fc.integer({ min: 1, max: 20000 }),
        reservation: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
        limit: fc.oneof(fc.constant(null), fc.integer({ min: 200, max: 9000 })),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    vms: fc.array(
      fc.record({
        pool: fc.nat(), // 0 = root, k = pool k−1
        vcpus: fc.integer({ min: 1, max: 4 }),
        pct: fc.integer({ min: 0, max: 100 }),
        shares: fc.integer({ min: 1, max: 8000 }),
      }),
      { minLength: 1, maxLength: 14 },
    ),
  })
  .map(({ pools, vms }) => {
    const specs: ResourcePoolSpec[] = pools.map((p, i) => {
      const parent = p.parent % (i + 1); // 0 = the cluster
      const reservation = p.limit === null ? p.reservation : Math.min(p.reservation, p.limit);
      return {
        id: `pool-${i}`,
        name: `P${i}`,
        clusterId: 'cl-1',
        ...(parent === 0 ? {} : { parentId: `pool-${parent - 1}` }),
        cpu: { shares: p.shares, reservation, limit: p.limit },
      };
    });
    const vmSpecs: VmSpec[] = vms.map((v, i) => {
      const k = v.pool % (pools.length + 1);
      return testVm(`vm-${i}`, 'host-1', v.vcpus, 1024, flat(v.pct, 10), {
        cpu: { shares: v.shares },
        ...(k === 0 ? {} : { poolId: `pool-${k - 1}` }),
      });
    });
    return { specs, vmSpecs };
  });

describe('pool division properties', () => {
  it('sums, demands, limits and work conservation hold on random trees', () => {
    fc.assert(
      fc.property(arbTree, ({ specs, vmSpecs }) => {
        const e = engineOf({
          ...tinyScenario(vmSpecs, { hosts: 1, cores: 8, memMiB: 65536 }),
          resourcePools: specs,
        });
        const b = e.step().blocks;
        const use = new Map(
          vmSpecs.map((v) => [v.id, metric(b, METRIC_CATALOG, 'vm', v.id, 'cpu.usage.mhz')]),
        );
        const want = new Map(
          vmSpecs.map((v) => [v.id, metric(b, METRIC_CATALOG, 'vm', v.id, 'cpu.demand.mhz')]),
        );
        const views = e.pools('cl-1');
        if (!views.ok) throw new Error(views.error.message);
        const byId = new Map(views.value.map((p) => [p.id, p]));
        let total = 0;
        for (const v of vmSpecs) {
          total += use.get(v.id)!;
          expect(use.get(v.id)!).toBeLessThanOrEqual(Math.min(want.get(v.id)!, v.vcpus * 1000) + EPS);
        }
        expect(total).toBeLessThanOrEqual(CAP + EPS);
        // What each node asks of its parent: its children's demand, capped by its limit.
        const asks = (id: string): number => {
          const p = byId.get(id)!;
          const own = p.vmIds.reduce((s, vm) => s + Math.min(want.get(vm)!, 1e9), 0);
          const kids = p.childIds.reduce((s, c) => s + asks(c), 0);
          return Math.min(p.cpu.limit ?? Infinity, own + kids);
        };
        const rootAsk = asks('cl-1');
        if (rootAsk >= CAP) expect(total).toBeCloseTo(CAP, 6);
        else expect(total).toBeCloseTo(rootAsk, 6);
        for (const p of views.value) {
          if (p.kind === 'root') continue;
          if (p.cpu.limit !== null) expect(p.cpu.entitlement).toBeLessThanOrEqual(p.cpu.limit + EPS);
          const got =
            p.vmIds.reduce((s, vm) => s + use.get(vm)!, 0) +
            p.childIds.reduce((s, c) => s + byId.get(c)!.cpu.entitlement, 0);
          expect(got).toBeLessThanOrEqual(p.cpu.entitlement + 1e-6 * Math.max(1, p.cpu.entitlement));
          // Work conserving inside a pool: its children use all of its entitlement when they ask for more.
          if (asks(p.id) > p.cpu.entitlement + EPS) expect(got).toBeCloseTo(p.cpu.entitlement, 6);
          expect(p.cpu.usage).toBeCloseTo(
            p.vmIds.reduce((s, vm) => s + use.get(vm)!, 0) +
              p.childIds.reduce((s, c) => s + byId.get(c)!.cpu.usage, 0),
            6,
          );
        }
      }),
      { numRuns: 80, seed: 20 },
    );
  });
});
