/**
 * Property: HA never restarts a VM twice for one outage — between a VM going down and going down again,
 * at most one restart — and never loses or duplicates a VM, whatever the failures, repairs and priorities.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HaRestartPriority } from '../model/scenario';
import { engineOf, flat, testVm, tinyScenario } from '../testing/fixtures';

const PRIORITIES: HaRestartPriority[] = ['disabled', 'lowest', 'low', 'medium', 'high', 'highest'];

type Op =
  | { k: 'step'; n: number }
  | { k: 'fail'; host: number }
  | { k: 'repair'; host: number }
  | { k: 'prio'; vm: number; p: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('step' as const), n: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('fail' as const), host: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('repair' as const), host: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('prio' as const), vm: fc.nat(11), p: fc.nat(5) }) },
);

describe('HA property', () => {
  it('at most one restart per outage; every VM exists exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 5, maxLength: 30 }),
        fc.array(fc.nat(5), { minLength: 12, maxLength: 12 }),
        (ops, prios) => {
          const vms = Array.from({ length: 12 }, (_, i) =>
            testVm(`vm-${i}`, `host-${(i % 4) + 1}`, 1, 2048, flat(20, 20), {
              mem: { reservationMiB: 1024 * (i % 3) },
              haRestartPriority: PRIORITIES[prios[i]!]!,
            }),
          );
          const e = engineOf(tinyScenario(vms, { hosts: 4 }));
          const outage = new Map<string, number>();
          const check = (events: { type: string; objects: string[] }[]): void => {
            for (const ev of events) {
              const id = ev.objects[0] ?? '';
              if (ev.type === 'vm.down') outage.set(id, 0);
              if (ev.type === 'vm.restarted') {
                const n = (outage.get(id) ?? 0) + 1;
                outage.set(id, n);
                expect(n, `${id} restarted twice for one outage`).toBe(1);
              }
            }
          };
          for (const op of ops) {
            if (op.k === 'step') for (let i = 0; i < op.n; i++) check(e.step().events);
            else if (op.k === 'fail') e.execute({ type: 'host.fail', hostId: `host-${op.host + 1}` });
            else if (op.k === 'repair') e.execute({ type: 'host.repair', hostId: `host-${op.host + 1}` });
            else
              e.execute({ type: 'vm.configure', vmId: `vm-${op.vm}`, haRestartPriority: PRIORITIES[op.p]! });
          }
          for (let i = 0; i < 30; i++) check(e.step().events);
          const ids = e.list('vm').map((v) => v.id);
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids.length).toBe(12);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});
