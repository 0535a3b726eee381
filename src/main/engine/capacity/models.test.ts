import { describe, expect, it } from 'vitest';
import { allocationModel, bindingResource } from './allocation';
import { demandModel } from './demand';
import { DEFAULT_POLICY, type CapInventory } from './types';
import { capCluster, capHost, capVm } from './testing';

// Two hosts of 10 cores × 2000 MHz, 100 GiB; one maintenance host that must not count.
function inventory(): CapInventory {
  return {
    clusters: [capCluster('cl-1', { haCpuReservePct: 25, haMemReservePct: 50 })],
    hosts: [
      capHost('h-1', 'cl-1', {
        cpuDemandMHz: 6000,
        memConsumedMiB: 40_960,
        memBalloonMiB: 100,
        memSwappedMiB: 10,
      }),
      capHost('h-2', 'cl-1', { cpuDemandMHz: 2000, memConsumedMiB: 20_480 }),
      capHost('h-3', 'cl-1', { state: 'maintenance' }),
    ],
    vms: [
      capVm('vm-1', 'h-1', 'cl-1', { vcpus: 8, memMiB: 32_768, provisionedGiB: 100, readyPct: 4 }),
      capVm('vm-2', 'h-1', 'cl-1', { vcpus: 4, memMiB: 16_384, provisionedGiB: 60, readyPct: 1 }),
      capVm('vm-3', 'h-2', 'cl-1', { vcpus: 4, memMiB: 8192, provisionedGiB: 40, poweredOn: false }),
    ],
    datastores: [
      {
        id: 'ds-1',
        name: 'ds-1',
        clusterId: 'cl-1',
        hostId: null,
        capacityGiB: 1000,
        provisionedGiB: 200,
        usedGiB: 300,
      },
    ],
  };
}

describe('allocation model', () => {
  it('computes ratios, HA reserve and buffer at cluster scope by hand', () => {
    const rows = allocationModel(inventory(), {
      ...DEFAULT_POLICY,
      cpuOvercommit: 4,
      memOvercommit: 1.5,
      bufferPct: 10,
    });
    const cl = rows.find((r) => r.scope === 'cluster' && r.id === 'cl-1')!;
    // 20 cores (h-3 in maintenance), 12 vCPUs powered on → 0.6 vCPU/core.
    expect(cl.cpu.physical).toBe(20);
    expect(cl.cpu.configured).toBe(12);
    expect(cl.cpu.ratio).toBeCloseTo(0.6, 10);
    // capacity 80 vCPU, usable 80 × 0.75 × 0.9 = 54, remaining 42.
    expect(cl.cpu.usable).toBeCloseTo(54, 10);
    expect(cl.cpu.remaining).toBeCloseTo(42, 10);
    // memory: 204800 × 1.5 × 0.5 × 0.9 = 138240 usable; 49152 configured.
    expect(cl.mem.usable).toBeCloseTo(138_240, 6);
    expect(cl.mem.configured).toBe(49_152);
    // disk: all three VMs count (powered-off disks stay): 200 GiB of 1000 × 0.9.
    expect(cl.disk.configured).toBe(200);
    expect(cl.disk.usable).toBeCloseTo(900, 10);
    expect(cl.vms).toBe(3);
    expect(bindingResource(cl)).toBe('mem');
  });

  it('has no HA reserve at host scope and sums clusters into the datacenter', () => {
    const rows = allocationModel(inventory(), DEFAULT_POLICY);
    const h1 = rows.find((r) => r.id === 'h-1')!;
    expect(h1.cpu.usable).toBe(40);
    expect(h1.cpu.configured).toBe(12);
    const dc = rows.find((r) => r.scope === 'datacenter')!;
    const cl = rows.find((r) => r.scope === 'cluster')!;
    expect(dc.cpu.usable).toBeCloseTo(cl.cpu.usable, 9);
    expect(dc.mem.usable).toBeCloseTo(cl.mem.usable, 6);
  });

  it('counts powered-off VMs when the policy says so', () => {
    const rows = allocationModel(inventory(), { ...DEFAULT_POLICY, includePoweredOff: true });
    expect(rows.find((r) => r.id === 'cl-1')!.cpu.configured).toBe(16);
  });
});

describe('demand model', () => {
  it('compares demand with usable capacity after HA and buffer', () => {
    const rows = demandModel(inventory(), { ...DEFAULT_POLICY, bufferPct: 20 });
    const cl = rows.find((r) => r.scope === 'cluster')!;
    // CPU capacity 2 × 20000 MHz; usable 40000 × 0.75 × 0.8 = 24000; demand 8000.
    expect(cl.cpuMHz.capacity).toBe(40_000);
    expect(cl.cpuMHz.usable).toBeCloseTo(24_000, 9);
    expect(cl.cpuMHz.demand).toBe(8000);
    expect(cl.cpuMHz.usedPct).toBeCloseTo(100 / 3, 9);
    // memory usable 204800 × 0.5 × 0.8 = 81920; demand 61440 → 75 %.
    expect(cl.memMiB.usedPct).toBeCloseTo(75, 9);
    expect(cl.diskGiB.demand).toBe(300);
    // ready weighted by vCPUs of powered-on VMs: (4×8 + 1×4)/12 = 3.
    expect(cl.readyPct).toBeCloseTo(3, 9);
    expect(cl.readyMaxPct).toBe(4);
    expect(cl.balloonedMiB).toBe(100);
    expect(cl.swappedMiB).toBe(10);
  });
});
