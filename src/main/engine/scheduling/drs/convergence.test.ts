/** DRS skips moves whose pre-copy the migration pre-check predicts may not converge, and picks others. */
import { describe, expect, it } from 'vitest';
import { describeAs, engineOf, flat, testVm, tinyScenario } from '../../testing/fixtures';

function scenario(automation: 'manual' | 'full') {
  // 100 Mbit/s NICs (~12 MiB/s): a 4 GiB guest dirtying 20 %/s of its memory can never converge.
  const vms = [
    testVm('vm-dirty', 'host-1', 4, 4096, flat(90, 50, { dirtyPctPerSec: 20 })),
    ...[1, 2, 3].map((i) => testVm(`vm-${i}`, 'host-1', 1, 512, flat(90, 20, { dirtyPctPerSec: 0 }))),
  ];
  const s = tinyScenario(vms, { hosts: 3, nicMbps: 100 });
  s.clusters[0]!.settings = { ...s.clusters[0]!.settings, drs: { enabled: true, automation, threshold: 5 } };
  return s;
}

describe('DRS and non-converging migrations', () => {
  it('a fully automated pass never migrates the VM whose pre-copy would not converge, but balances with others', () => {
    const e = engineOf(scenario('full'));
    for (let i = 0; i < 40; i++) e.step();
    const moves = e.tasks().filter((t) => t.type === 'vm.migrate');
    expect(moves.some((t) => t.target === 'vm-dirty')).toBe(false);
    expect(moves.length).toBeGreaterThan(0);
    expect(e.list('vm').find((v) => v.id === 'vm-dirty')!.parentId).toBe('host-1');
  });

  it('the cluster detail lists such a move as deferred with the reason', () => {
    const e = engineOf(scenario('manual'));
    for (let i = 0; i < 5; i++) e.step();
    const drs = describeAs(e, 'cl-1', 'cluster').scheduling!.drs;
    expect(drs.recommendations.some((r) => r.vmId === 'vm-dirty')).toBe(false);
    expect(drs.deferred.some((x) => x.vmId === 'vm-dirty' && /may not converge/.test(x.reason))).toBe(true);
  });
});
