import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG } from '../metrics/catalog';
import { engineOf, flat, metric, testVm, tinyScenario } from '../testing/fixtures';
import { datastoreLatencyMs } from './storage';
import { hostPowerW } from './power';
import { splitNic } from './network';
import { minFreeMiB, vmOverheadMiB, hypervisorMemMiB } from '../world/defaults';

const m = (
  blocks: Parameters<typeof metric>[0],
  kind: Parameters<typeof metric>[2],
  id: string,
  name: string,
) => metric(blocks, METRIC_CATALOG, kind, id, name);

describe('CPU contention (hand-computed)', () => {
  it('grants demand when the host has room, with no ready time', () => {
    // 4 cores × 1000 MHz. One 2-vCPU VM at 50 % → 1000 MHz demand.
    const e = engineOf(tinyScenario([testVm('vm-a', 'host-1', 2, 1024, flat(50, 10))]));
    const r = e.step();
    expect(m(r.blocks, 'vm', 'vm-a', 'cpu.demand.mhz')).toBeCloseTo(1000);
    expect(m(r.blocks, 'vm', 'vm-a', 'cpu.usage.mhz')).toBeCloseTo(1000);
    expect(m(r.blocks, 'vm', 'vm-a', 'cpu.ready.ms')).toBe(0);
    expect(m(r.blocks, 'host', 'host-1', 'cpu.usage.pct')).toBeCloseTo(25);
  });

  it('divides an overloaded host by shares and reports the rest as ready', () => {
    // Two 4-vCPU VMs at 100 % want 4000 MHz each on a 4000 MHz host. Shares high (8000) vs normal (4000):
    // grants 2667 and 1333 MHz. Ready of the second = (4000 − 1333.3) / 1000 MHz × 20 000 ms = 53 333 ms
    // = 266.7 % summed over its 4 vCPUs (vCenter's convention).
    const e = engineOf(
      tinyScenario([
        testVm('vm-a', 'host-1', 4, 1024, flat(100, 10), { cpu: { shares: 'high' } }),
        testVm('vm-b', 'host-1', 4, 1024, flat(100, 10)),
      ]),
    );
    const r = e.step();
    expect(m(r.blocks, 'vm', 'vm-a', 'cpu.usage.mhz')).toBeCloseTo(8000 / 3, 3);
    expect(m(r.blocks, 'vm', 'vm-b', 'cpu.usage.mhz')).toBeCloseTo(4000 / 3, 3);
    expect(m(r.blocks, 'vm', 'vm-b', 'cpu.ready.ms')).toBeCloseTo(((4000 - 4000 / 3) / 1000) * 20000, 3);
    expect(m(r.blocks, 'vm', 'vm-b', 'cpu.ready.pct')).toBeCloseTo(((4000 - 4000 / 3) / 1000) * 100, 3);
    expect(m(r.blocks, 'host', 'host-1', 'cpu.usage.mhz')).toBeCloseTo(4000, 6);
  });

  it('honours a reservation before shares and caps at the limit', () => {
    // vm-a reserves 3000 MHz (normal shares), vm-b has high shares; both want 4000.
    // a gets 3000 first, the remaining 1000 split 4000:8000 → a +333.3, b 666.7.
    const e = engineOf(
      tinyScenario([
        testVm('vm-a', 'host-1', 4, 1024, flat(100, 10), { cpu: { reservationMHz: 3000 } }),
        testVm('vm-b', 'host-1', 4, 1024, flat(100, 10), { cpu: { shares: 'high' } }),
        testVm('vm-c', 'host-2', 4, 1024, flat(100, 10), { cpu: { limitMHz: 1500 } }),
      ]),
    );
    const r = e.step();
    expect(m(r.blocks, 'vm', 'vm-a', 'cpu.usage.mhz')).toBeCloseTo(3000 + 1000 / 3, 3);
    expect(m(r.blocks, 'vm', 'vm-b', 'cpu.usage.mhz')).toBeCloseTo(2000 / 3, 3);
    // The limit: 1500 of 4000 wanted; the throttled part counts as ready.
    expect(m(r.blocks, 'vm', 'vm-c', 'cpu.usage.mhz')).toBeCloseTo(1500);
    expect(m(r.blocks, 'vm', 'vm-c', 'cpu.ready.ms')).toBeCloseTo(2.5 * 20000);
  });
});

describe('memory (hand-computed)', () => {
  it('computes minFree like ESXi: 899 MB per 28 GB plus 1 % above', () => {
    expect(minFreeMiB(28 * 1024)).toBeCloseTo(899);
    expect(minFreeMiB(128 * 1024)).toBeCloseTo(899 + 0.01 * 100 * 1024);
  });

  it('backs active + half the idle memory without reclamation on a roomy host', () => {
    // 4096 MiB VM, 25 % active = 1024 MiB; cache 50 % of the idle 3072 → wants 2560 MiB.
    const e = engineOf(tinyScenario([testVm('vm-a', 'host-1', 1, 4096, flat(10, 25))]));
    const r = e.step();
    expect(m(r.blocks, 'vm', 'vm-a', 'mem.active.mib')).toBeCloseTo(1024);
    expect(m(r.blocks, 'vm', 'vm-a', 'mem.granted.mib')).toBeCloseTo(2560);
    expect(m(r.blocks, 'vm', 'vm-a', 'mem.ballooned.mib')).toBe(0);
    expect(m(r.blocks, 'vm', 'vm-a', 'mem.usage.pct')).toBeCloseTo(25);
    // Host consumed = guest consumed + overhead + hypervisor.
    expect(m(r.blocks, 'host', 'host-1', 'mem.consumed.mib')).toBeCloseTo(
      2560 + vmOverheadMiB(4096, 1) + hypervisorMemMiB(16384),
      6,
    );
  });

  it('balloons, then swaps, an overcommitted host but never touches reservations', () => {
    // 16 GiB host; three 8 GiB VMs at 90 % active want 7.6 GiB each = far more than the host has.
    const vms = ['a', 'b', 'c'].map((x) => testVm(`vm-${x}`, 'host-1', 1, 8192, flat(5, 90)));
    vms[0] = { ...vms[0]!, mem: { reservationMiB: 6000 } };
    const e = engineOf(tinyScenario(vms));
    const r = e.step();
    const host = e.describe('host-1');
    expect(host.ok && host.value.kind === 'host' && host.value.properties.memState).not.toBe('high');
    const reclaimedB =
      m(r.blocks, 'vm', 'vm-b', 'mem.ballooned.mib') +
      m(r.blocks, 'vm', 'vm-b', 'mem.swapped.mib') +
      m(r.blocks, 'vm', 'vm-b', 'mem.compressed.mib');
    expect(reclaimedB).toBeGreaterThan(0);
    // The reserved VM keeps at least its reservation granted.
    expect(m(r.blocks, 'vm', 'vm-a', 'mem.granted.mib')).toBeGreaterThanOrEqual(6000 - 1e-6);
    // Consumed never exceeds the host.
    expect(m(r.blocks, 'host', 'host-1', 'mem.consumed.mib')).toBeLessThanOrEqual(16384);
    // Swapped active pages stall the guest: swap wait appears.
    if (m(r.blocks, 'vm', 'vm-b', 'mem.swapped.mib') > 0)
      expect(m(r.blocks, 'vm', 'vm-b', 'cpu.swapwait.ms')).toBeGreaterThan(0);
  });
});

describe('storage, network and power formulas', () => {
  it('latency follows S/(1−ρ) below saturation and grows linearly beyond', () => {
    expect(datastoreLatencyMs(1, 0)).toBe(1);
    expect(datastoreLatencyMs(1, 0.5)).toBeCloseTo(2);
    expect(datastoreLatencyMs(2, 0.9)).toBeCloseTo(20);
    expect(datastoreLatencyMs(1, 0.95)).toBeCloseTo(20);
    expect(datastoreLatencyMs(1, 1.9)).toBeCloseTo(40);
  });

  it('splits a NIC between guests (100 shares) and migrations (50 shares)', () => {
    const out = { guestFactor: 0, perMigrationMbps: 0 };
    splitNic(10000, 2000, 0, out);
    expect(out).toEqual({ guestFactor: 1, perMigrationMbps: 0 });
    splitNic(10000, 2000, 2, out); // migrations take what guests leave: 8000 for two flows
    expect(out.guestFactor).toBe(1);
    expect(out.perMigrationMbps).toBeCloseTo(4000);
    splitNic(9000, 9000, 1, out); // both want everything: 2:1 → guests 6000, migration 3000
    expect(out.guestFactor).toBeCloseTo(6000 / 9000);
    expect(out.perMigrationMbps).toBeCloseTo(3000);
  });

  it('power is linear between idle and max, or interpolates a table', () => {
    const h = { state: 'connected', idleW: 100, maxW: 300, tableW: null } as Parameters<typeof hostPowerW>[0];
    expect(hostPowerW(h, 0.5)).toBe(200);
    const t = { ...h, tableW: [50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150] };
    expect(hostPowerW(t, 0.25)).toBeCloseTo(75);
    expect(hostPowerW({ ...h, state: 'failed' }, 0.5)).toBe(0);
  });
});
