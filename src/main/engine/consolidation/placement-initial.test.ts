import { describe, expect, it } from 'vitest';
import { currentPowerFor, type PolicyContext } from './allocation';
import { makeHostList, makeVms, placeInitially } from './experiment';
import { JavaRandom } from './java-random';
import type { Host } from './model';
import { REFERENCE } from './semantics';

function setUp(policy: 'migration' | 'dvfs') {
  const traces = Array.from({ length: 1052 }, (_, i) => ({
    name: `f${String(i).padStart(4, '0')}`,
    samples: Array(288).fill(7),
  }));
  const hosts = makeHostList();
  const vms = makeVms(traces);
  const ctx: PolicyContext = {
    hosts,
    detector: { kind: 'thr', param: 0.8, semantics: REFERENCE, round: 0 },
    selector: 'mmt',
    rng: new JavaRandom(1),
    semantics: REFERENCE,
    currentPowerW: currentPowerFor(REFERENCE),
  };
  placeInitially(
    vms,
    hosts,
    policy === 'migration'
      ? { kind: 'migration', detector: 'thr', selector: 'mmt', param: 0.8 }
      : { kind: 'dvfs' },
    ctx,
    REFERENCE,
  );
  return { hosts, vms };
}

/** "G5:2000+2000"-style description of each host's VMs. */
const shape = (h: Host): string => `${h.id % 2 === 0 ? 'G4' : 'G5'}:${h.vmList.map((v) => v.mips).join('+')}`;

describe('initial placement at t = 0 (N = 1,052)', () => {
  it('PABFD spreads the VMs over all 800 hosts, as published (§7)', () => {
    const { hosts, vms } = setUp('migration');
    expect(vms[0]?.host?.id).toBe(1);
    expect(vms[1]?.host?.id).toBe(3);
    expect(vms[526]?.host?.id).toBe(0);
    const counts = new Map<string, number>();
    for (const h of hosts) counts.set(shape(h), (counts.get(shape(h)) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({
      'G5:2500': 263,
      'G5:2000': 11,
      'G5:2000+2000': 126,
      'G4:1000': 263,
      'G4:500': 11,
      'G4:500+500': 126,
    });
  });

  it('DVFS/NPA use first fit by nominal MIPS and RAM', () => {
    const { hosts, vms } = setUp('dvfs');
    // two 2500-MIPS VMs fill a G5 (5000 of 5320 MIPS; a G4 core has only 1860)
    expect(vms[0]?.host?.id).toBe(1);
    expect(vms[1]?.host?.id).toBe(1);
    expect(vms[2]?.host?.id).toBe(3);
    expect(vms.every((v) => v.created)).toBe(true);
    const used = hosts.filter((h) => h.vmList.length > 0).length;
    expect(used).toBeLessThan(800);
  });
});
