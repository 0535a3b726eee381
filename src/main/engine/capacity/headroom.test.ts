import { describe, expect, it } from 'vitest';
import { allocationModel } from './allocation';
import { demandModel } from './demand';
import { headroomByAllocation, headroomByDemand, type VmProfile } from './headroom';
import { DEFAULT_POLICY, type CapInventory } from './types';
import { capCluster, capHost, capVm } from './testing';

const inv: CapInventory = {
  clusters: [capCluster('cl-1')],
  hosts: [
    capHost('h-1', 'cl-1', { cpuDemandMHz: 5000, memConsumedMiB: 51_200 }),
    capHost('h-2', 'cl-1', { cpuDemandMHz: 5000, memConsumedMiB: 51_200 }),
  ],
  vms: [capVm('vm-1', 'h-1', 'cl-1', { vcpus: 20, memMiB: 102_400, provisionedGiB: 100 })],
  datastores: [
    {
      id: 'ds-1',
      name: 'ds',
      clusterId: 'cl-1',
      hostId: null,
      capacityGiB: 1100,
      provisionedGiB: 100,
      usedGiB: 100,
    },
  ],
};
const limits = { maxCores: 10, maxMemMiB: 102_400, coreMHz: 2000 };
const p: VmProfile = {
  id: 'p',
  name: 'p',
  vcpus: 2,
  memMiB: 8192,
  diskGiB: 100,
  cpuUtilPct: 50,
  memUtilPct: 50,
  diskUtilPct: 100,
};

describe('headroom', () => {
  it('by allocation names the binding resource', () => {
    const row = allocationModel(inv, { ...DEFAULT_POLICY, cpuOvercommit: 4 }).find((r) => r.id === 'cl-1')!;
    // cpu: 80 − 20 = 60 vCPU → 30; mem: 204800 − 102400 = 102400 → 12 (12.5 floored); disk: 1000 → 10.
    const h = headroomByAllocation(row, p, limits);
    expect(h.perResource).toEqual({ cpu: 30, mem: 12, disk: 10 });
    expect(h.count).toBe(10);
    expect(h.binding).toBe('disk');
  });

  it('by demand uses the profile utilisation and a projected peak', () => {
    const row = demandModel(inv, DEFAULT_POLICY).find((r) => r.id === 'cl-1')!;
    // profile demand: 2 × 2000 × 50 % = 2000 MHz, 4096 MiB, 100 GiB.
    // cpu: (40000 − 10000)/2000 = 15; mem: (204800 − 102400)/4096 = 25; disk: 1000/100 = 10.
    expect(headroomByDemand(row, p, limits).perResource).toEqual({ cpu: 15, mem: 25, disk: 10 });
    // With a projected CPU peak of 34000 MHz: (40000 − 34000)/2000 = 3, now CPU binds.
    const h = headroomByDemand(row, p, limits, { cpu: 34_000 });
    expect(h.count).toBe(3);
    expect(h.binding).toBe('cpu');
  });

  it('a profile bigger than every host fits nowhere', () => {
    const row = allocationModel(inv, DEFAULT_POLICY).find((r) => r.id === 'cl-1')!;
    const h = headroomByAllocation(row, { ...p, vcpus: 12 }, limits);
    expect(h).toMatchObject({ count: 0, binding: 'hostSize' });
  });

  it('never answers a negative count when already over', () => {
    const row = allocationModel(inv, { ...DEFAULT_POLICY, cpuOvercommit: 0.5 }).find((r) => r.id === 'cl-1')!;
    expect(headroomByAllocation(row, p, limits)).toMatchObject({ count: 0, binding: 'cpu' });
  });
});
