import { describe, expect, it } from 'vitest';
import { JavaRandom } from './java-random';
import type { Host } from './model';
import { correlationCoefficients, selectMc, selectMmt, selectMu, selectRs, selectVm } from './selectors';
import { hostsWith, runningVm } from './test-helpers';

describe('MMT', () => {
  it('picks the smallest RAM (shortest migration); ties go to the first VM', () => {
    const vms = [
      runningVm(0, 2000, 1740, 0.1),
      runningVm(1, 2500, 870, 0.1),
      runningVm(2, 500, 613, 0.9),
      runningVm(3, 500, 613, 0.1),
    ];
    expect(selectMmt(vms)?.id).toBe(2);
  });

  it('skips VMs in migration', () => {
    const vms = [runningVm(0, 500, 613, 0.1), runningVm(1, 2500, 870, 0.1)];
    (vms[0] as (typeof vms)[number]).inMigration = true;
    expect(selectMmt(vms)?.id).toBe(1);
  });
});

describe('MU', () => {
  it('picks the smallest current utilisation fraction (not MIPS)', () => {
    // VM 0: 0.3 * 500 = 150 MIPS; VM 1: 0.2 * 2500 = 500 MIPS -> VM 1 has the smaller fraction
    expect(selectMu([runningVm(0, 500, 613, 0.3), runningVm(1, 2500, 870, 0.2)])?.id).toBe(1);
  });
});

describe('RS', () => {
  it('is uniform over the candidates and reproducible with a seed', () => {
    const vms = [0, 1, 2, 3].map((i) => runningVm(i, 1000, 1740, 0.5));
    const pick = (seed: number): number[] => {
      const rng = new JavaRandom(seed);
      return Array.from({ length: 40 }, () => selectRs(vms, rng)?.id ?? -1);
    };
    expect(pick(5)).toEqual(pick(5));
    expect(new Set(pick(5))).toEqual(new Set([0, 1, 2, 3]));
    // seed 42: next(31) = 1562431130, nextInt(4) = (4 * 1562431130) >> 31 = 2
    expect(selectRs(vms, new JavaRandom(42))?.id).toBe(2);
  });
});

describe('MC', () => {
  it('picks a VM of the correlated pair, not the independent one', () => {
    const a = [0.1, 0.3, 0.2, 0.5, 0.4, 0.6, 0.3, 0.7];
    const b = a.map((x, i) => x * 2 + (i % 2 === 0 ? 0.001 : -0.001));
    const c = [0.5, 0.1, 0.4, 0.2, 0.5, 0.1, 0.3, 0.2];
    const vms = [
      runningVm(0, 1000, 1740, 0.5, c),
      runningVm(1, 1000, 1740, 0.5, a),
      runningVm(2, 1000, 1740, 0.5, b),
    ];
    const r2 = correlationCoefficients(vms);
    // B = 2A (+/- 0.001): A and B explain each other almost perfectly, C is explained less well
    expect(r2[1] as number).toBeGreaterThan(0.999);
    expect(r2[2] as number).toBeGreaterThan(0.999);
    expect(r2[0] as number).toBeLessThan(r2[1] as number);
    expect([1, 2]).toContain(selectMc(vms)?.id);
  });

  it('falls back to MMT when the regression cannot be computed', () => {
    // two VMs with one sample each: 1 predictor needs at least 2 observations
    const vms = [runningVm(0, 2000, 1740, 0.5, [0.2]), runningVm(1, 500, 613, 0.5, [0.4])];
    expect(selectMc(vms)?.id).toBe(1);
    expect(selectMc([runningVm(7, 2000, 1740, 0.5, [0.2, 0.3, 0.4])])?.id).toBe(7);
  });
});

describe('selectVm on a host', () => {
  it('considers only the VMs of that host that are not migrating', () => {
    const v0 = runningVm(0, 500, 613, 0.5);
    const v1 = runningVm(1, 2500, 870, 0.5);
    const host = hostsWith(2, [
      [1, v0],
      [1, v1],
    ])[1] as Host;
    v0.inMigration = true;
    expect(selectVm(host, 'mmt', new JavaRandom(1))?.id).toBe(1);
  });
});
