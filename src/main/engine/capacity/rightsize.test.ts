import { describe, expect, it } from 'vitest';
import { reclamation, rightsizeVm, type RightsizeInput } from './rightsize';

const vm = (over: Partial<RightsizeInput>): RightsizeInput => ({
  id: 'vm-1',
  name: 'vm-1',
  vcpus: 4,
  memMiB: 16_384,
  provisionedGiB: 100,
  poweredOn: true,
  coreMHz: 2000,
  hostCores: 32,
  cpuDemandMHz: [],
  memActiveMiB: [],
  ...over,
});
const ramp = (n: number, step: number) => Array.from({ length: n }, (_, i) => (i + 1) * step);

describe('right-sizing', () => {
  it('recommends from the 95th percentile (oversized)', () => {
    // CPU samples 30, 60 … 3000 MHz: P95 = 2850 → ⌈2850/2000⌉ = 2 vCPUs.
    // memory samples 40 … 4000 MiB: P95 = 3800 → rounded up to 256 → 3840 MiB.
    const r = rightsizeVm(vm({ cpuDemandMHz: ramp(100, 30), memActiveMiB: ramp(100, 40) }));
    expect(r.cpuPctlMHz).toBe(2850);
    expect(r.recommendedVcpus).toBe(2);
    expect(r.memPctlMiB).toBe(3800);
    expect(r.recommendedMemMiB).toBe(3840);
    expect(r.verdict).toBe('oversized');
    expect(r.reclaimVcpus).toBe(2);
    expect(r.reclaimMemMiB).toBe(16_384 - 3840);
  });

  it('flags undersized VMs and caps at the host cores', () => {
    const r = rightsizeVm(
      vm({
        vcpus: 2,
        hostCores: 6,
        cpuDemandMHz: Array(20).fill(15_000),
        memActiveMiB: Array(20).fill(1000),
      }),
    );
    expect(r.recommendedVcpus).toBe(6);
    expect(r.verdict).toBe('undersized');
    expect(r.reclaimVcpus).toBe(0);
  });

  it('applies the buffer', () => {
    const r = rightsizeVm(vm({ cpuDemandMHz: Array(10).fill(3000), memActiveMiB: Array(10).fill(16_000) }), {
      percentile: 95,
      bufferPct: 50,
      idleMHz: 100,
      idleTimePct: 90,
      minMemMiB: 1024,
    });
    // 3000 × 1.5 / 2000 = 2.25 → 3; 16000 × 1.5 = 24000 → 24064 (multiple of 256) → undersized.
    expect(r.recommendedVcpus).toBe(3);
    expect(r.recommendedMemMiB).toBe(24_064);
    expect(r.verdict).toBe('undersized');
  });

  it('idle: at least 90 % of samples at or below 100 MHz', () => {
    const samples = [...Array(9).fill(50), 900];
    const r = rightsizeVm(vm({ cpuDemandMHz: samples, memActiveMiB: Array(10).fill(500) }));
    expect(r.idleSharePct).toBe(90);
    expect(r.verdict).toBe('idle');
    expect(r.reclaimVcpus).toBe(4);
    const busy = rightsizeVm(
      vm({ cpuDemandMHz: [...Array(8).fill(50), 900, 900], memActiveMiB: Array(10).fill(500) }),
    );
    expect(busy.verdict).not.toBe('idle');
  });

  it('totals reclaimable resources, powered-off VMs reclaim their disks', () => {
    const rec = reclamation([
      vm({ id: 'a', cpuDemandMHz: ramp(100, 30), memActiveMiB: ramp(100, 40) }),
      vm({ id: 'b', poweredOn: false, provisionedGiB: 250 }),
      vm({
        id: 'c',
        cpuDemandMHz: Array(10).fill(10),
        memActiveMiB: Array(10).fill(100),
        provisionedGiB: 40,
      }),
      vm({ id: 'd' }),
    ]);
    expect(rec.oversized).toBe(1);
    expect(rec.poweredOff).toBe(1);
    expect(rec.idle).toBe(1);
    expect(rec.rows[3]!.verdict).toBe('noData');
    expect(rec.reclaimVcpus).toBe(2 + 4);
    expect(rec.reclaimMemMiB).toBe(16_384 - 3840 + 16_384);
    expect(rec.reclaimDiskGiB).toBe(250 + 40);
  });
});
