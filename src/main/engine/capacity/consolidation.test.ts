import { describe, expect, it } from 'vitest';
import { consolidate, type ConsolidationPolicy } from './consolidation';
import { clusterTolerance, simulateFailure } from './failover';
import { capHost, capVm } from './testing';

const pack: ConsolidationPolicy = {
  id: 'p',
  name: 'p',
  cpuCeilPct: 90,
  memCeilPct: 90,
  spareHosts: 0,
  source: '',
};

describe('consolidation estimate', () => {
  it('packs 8 × 4000 MHz onto 2 hosts and saves 200 W (hand-computed)', () => {
    // 4 hosts: 20000 MHz, 100 W idle, 300 W max; two VMs each (u = 0.4 → 180 W; 720 W total).
    const hosts = ['h-1', 'h-2', 'h-3', 'h-4'].map((id) => capHost(id, 'c', { cpuDemandMHz: 8000 }));
    const vms = Array.from({ length: 8 }, (_, i) =>
      capVm(`vm-${i}`, `h-${(i % 4) + 1}`, 'c', { cpuDemandMHz: 4000, memConsumedMiB: 16_384 }),
    );
    const r = consolidate(hosts, vms, pack);
    // ceiling 18000 MHz → 4 VMs per host → 2 hosts at u = 0.8 → 260 W each = 520 W.
    expect(r.hostsNow).toBe(4);
    expect(r.hostsNeeded).toBe(2);
    expect(r.powerNowW).toBeCloseTo(720, 9);
    expect(r.powerAfterW).toBeCloseTo(520, 9);
    expect(r.energySavedKWhPerDay).toBeCloseTo(4.8, 9);
    // 80 % ceiling: 16000 → still 4 per host; with one spare (idle 100 W) → 3 hosts, 620 W.
    const spare = consolidate(hosts, vms, { ...pack, cpuCeilPct: 80, spareHosts: 1 });
    expect(spare.hostsNeeded).toBe(3);
    expect(spare.powerAfterW).toBeCloseTo(620, 9);
  });

  it('memory can bind too and oversize guests are reported', () => {
    const hosts = ['h-1', 'h-2'].map((id) => capHost(id, 'c', { memMiB: 100_000 }));
    const vms = [
      capVm('a', 'h-1', 'c', { memConsumedMiB: 50_000 }),
      capVm('b', 'h-1', 'c', { memConsumedMiB: 50_000 }),
      capVm('c', 'h-2', 'c', { memConsumedMiB: 95_000 }),
    ];
    const r = consolidate(hosts, vms, pack);
    expect(r.unplaceable).toBe(1);
    expect(r.hostsNeeded).toBe(2);
  });
});

describe('failover estimate', () => {
  // 3 hosts of 10 cores × 2000 MHz and 102400 MiB (usable 102400 − 2048 = 100352).
  const hosts = ['h-1', 'h-2', 'h-3'].map((id) =>
    capHost(id, 'c', { cpuDemandMHz: 12_000, memConsumedMiB: 40_000 }),
  );
  const vms = ['h-1', 'h-2', 'h-3'].flatMap((h) =>
    [1, 2].map((i) =>
      capVm(`${h}-vm${i}`, h, 'c', { vcpus: 4, memMiB: 20_000, cpuDemandMHz: 6000, memConsumedMiB: 20_000 }),
    ),
  );

  it('restarts a failed host’s VMs and measures unmet CPU by hand', () => {
    const r = simulateFailure(hosts, vms, ['h-1']);
    expect(r.restarted).toBe(2);
    expect(r.notRestarted).toEqual([]);
    // each survivor takes one VM: 18000 of 20000 MHz → no unmet demand; 60000 MiB of memory.
    expect(r.unmetCpuMHz).toBe(0);
    expect(r.peakCpuPct).toBeCloseTo(90, 9);
    // losing two hosts puts 24000 + 12000 − 0 … all four VMs onto h-3: 12000 + 24000 = 36000 > 20000 → 16000 unmet.
    const two = simulateFailure(hosts, vms, ['h-1', 'h-2']);
    expect(two.restarted).toBe(4);
    expect(two.unmetCpuMHz).toBe(16_000);
    // memory 40000 + 80000 = 120000 vs 100352 usable → 19648 unmet.
    expect(two.unmetMemMiB).toBeCloseTo(19_648, 6);
  });

  it('reservations that do not fit leave VMs down, with the reason', () => {
    const big = vms.map((v) => ({ ...v, memResMiB: 20_000 }));
    const r = simulateFailure(hosts, big, ['h-1', 'h-2']);
    // h-3 reserves 2 × (20000 + 30 + 200 + 32) = 40524; room for 2 more of 20262 within 100352 → 2 of 4 restart.
    expect(r.restarted).toBe(2);
    expect(r.notRestarted).toHaveLength(2);
    expect(r.notRestarted[0]!.reason).toContain('memory reservations');
  });

  it('N+1 holds, N+2 does not', () => {
    const t = clusterTolerance('c', hosts, vms);
    expect(t.single).toHaveLength(3);
    expect(t.nPlus1).toBe(true);
    expect(t.nPlus2).toBe(false);
    expect(t.worstPair!.failedHostIds).toHaveLength(2);
  });
});
