import { describe, expect, it } from 'vitest';
import { currentPowerFor, findHostForVm, type PolicyContext } from './allocation';
import { JavaRandom } from './java-random';
import { makeHosts, Vm, type Host } from './model';
import { REFERENCE } from './semantics';
import { hostsWith, runningVm } from './test-helpers';

function ctxFor(hosts: Host[], threshold = 0.8): PolicyContext {
  return {
    hosts,
    detector: { kind: 'thr', param: threshold, semantics: REFERENCE, round: -1 },
    selector: 'mmt',
    rng: new JavaRandom(1),
    semantics: REFERENCE,
    currentPowerW: currentPowerFor(REFERENCE),
  };
}

describe('PABFD', () => {
  it('picks the host whose power rises least: an empty G5 beats an empty G4 for a 1000-MIPS VM', () => {
    // G4: P(1000/3720) - 86 = 92.6 + 3.4 * 0.688 - 86 = 8.94 W; G5: P(1000/5320) - 93.7 = 6.82 W
    const hosts = makeHosts(2);
    const vm = runningVm(9, 1000, 1740, 1);
    expect(findHostForVm(vm, hosts, new Set(), ctxFor(hosts))?.id).toBe(1);
  });

  it('never places a VM whose request exceeds the per-PE capacity', () => {
    const hosts = makeHosts(2);
    const vm = runningVm(9, 2500, 870, 0.8); // 2000 MIPS > 1860 per G4 core
    expect(findHostForVm(vm, [hosts[0] as Host], new Set(), ctxFor(hosts))).toBeNull();
  });

  it('skips excluded hosts and hosts that the VM would overload', () => {
    // host 1 (G5) already requests 4000 of 5320: + 500 -> 0.846 > 0.8, so the G4 host 0 is chosen
    const busy = runningVm(0, 2000, 1740, 1);
    const busy2 = runningVm(1, 2000, 1740, 1);
    const hosts = hostsWith(2, [
      [1, busy],
      [1, busy2],
    ]);
    const vm = runningVm(9, 500, 613, 1);
    const ctx = ctxFor(hosts);
    expect(findHostForVm(vm, hosts, new Set(), ctx)?.id).toBe(0);
    expect(findHostForVm(vm, hosts, new Set([hosts[0] as Host]), ctx)).toBeNull();
  });

  it('measures the cost against the utilisation of the last update (reference quirk)', () => {
    // Both G5 hosts (ids 1 and 3) look idle to the policy (no update yet), but host 1 already holds a
    // 2500-MIPS VM in its allocation: the cost there is P((2500 + 500) / 5320) - P(0) > P(500 / 5320) - P(0)
    const first = runningVm(0, 2500, 870, 1);
    const hosts = hostsWith(4, [[1, first]]);
    const vm = runningVm(9, 500, 613, 1);
    expect(findHostForVm(vm, [hosts[1] as Host, hosts[3] as Host], new Set(), ctxFor(hosts))?.id).toBe(3);
  });

  it('breaks ties by host order (first host wins)', () => {
    const hosts = makeHosts(6);
    const vm = new Vm(9, 'vm-9', 2000, 1740, new Float64Array(289));
    vm.instantiating = false;
    vm.reqMips = 1000;
    expect(
      findHostForVm(vm, [hosts[5] as Host, hosts[3] as Host, hosts[1] as Host], new Set(), ctxFor(hosts))?.id,
    ).toBe(5);
  });
});
