import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeHostList, makeVms } from './experiment';
import { allocatedMips, type Host } from './model';
import { parsePolicy, POLICY_NAMES } from './policy';
import { NATIVE, REFERENCE } from './semantics';
import { startSimulation } from './simulation';

const traceArb = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 288, maxLength: 288 });

/** Invariants right after an interval update (the migrations it started are in flight). */
function checkState(hosts: readonly Host[]): void {
  for (const h of hosts) {
    let used = 0;
    for (const vm of h.migratingIn) {
      expect(h.vmList).toContain(vm);
      expect(vm.inMigration).toBe(true);
    }
    for (const vm of h.vmList) {
      if (!vm.inMigration) expect(vm.tableHost).toBe(h);
      const a = allocatedMips(h, vm);
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(h.peMips + 1e-9); // never more than one core per 1-PE VM
      used += a;
    }
    expect(used).toBeLessThanOrEqual(h.totalMips * (1 + 1e-12));
  }
}

describe('consolidation invariants on random workloads', () => {
  it('every VM sits on exactly one host, no host is over capacity, metrics stay in range', () => {
    fc.assert(
      fc.property(
        fc.array(traceArb, { minLength: 2, maxLength: 9 }),
        fc.constantFrom(...POLICY_NAMES),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (samples, policy, native, seed) => {
          const spec = parsePolicy(policy);
          if (!spec.ok) throw new Error(spec.error.message);
          const hosts = makeHostList(6);
          const vms = makeVms(samples.map((s, i) => ({ name: `t${i}`, samples: s })));
          const run = startSimulation(hosts, vms, spec.value, native ? NATIVE : REFERENCE, seed, false);
          for (let k = 0; k < 40; k++) {
            const p = run.step();
            if (p === null) break;
            expect(p.activeHosts).toBeLessThanOrEqual(6);
            checkState(hosts);
            // a VM that is not migrating is on exactly one host; a migrating one also on its destination(s)
            for (const vm of vms) {
              const on = hosts.filter((h) => h.vmList.includes(vm)).length;
              if (!vm.created || vm.removed) expect(on).toBe(0);
              else if (!vm.inMigration) expect(on).toBe(1);
              else expect(on).toBeGreaterThanOrEqual(2);
            }
          }
          const m = run.finish();
          expect(m.energyWs).toBeGreaterThanOrEqual(0);
          expect(m.slatah).toBeGreaterThanOrEqual(0);
          expect(m.slatah).toBeLessThanOrEqual(1);
          expect(m.pdm).toBeGreaterThanOrEqual(0);
          expect(m.pdm).toBeLessThanOrEqual(0.1); // at most the 10 % withheld during migrations
          if (spec.value.kind !== 'migration') expect(m.migrations).toBe(0);
        },
      ),
      { numRuns: 25, seed: 20110303 },
    );
  }, 120_000);
});
