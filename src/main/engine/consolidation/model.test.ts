import { describe, expect, it } from 'vitest';
import { updateHost, type MetricSink } from './host-update';
import { addMigratingIn, allocatedMips, type Host } from './model';
import { REFERENCE } from './semantics';
import { migrationTimeSec } from './simulation';
import { hostsWith, runningVm } from './test-helpers';

const sink = (): MetricSink => ({ shutdownDurationsSec: [] });

describe('time-shared over-subscription scheduler', () => {
  it('caps each request at the PE MIPS and grants it when the sum fits', () => {
    const a = runningVm(0, 2000, 1740, 1); // requests 2000, capped at 1860 on a G4
    const b = runningVm(1, 2000, 1740, 1);
    const g4 = hostsWith(1, [
      [0, a],
      [0, b],
    ])[0] as Host;
    updateHost(g4, 300.1, sink());
    expect(allocatedMips(g4, a)).toBe(1860);
    expect(allocatedMips(g4, b)).toBe(1860);
    // the host history entry: allocated 3720 < requested 4000 -> an SLA-violating period
    expect(g4.entryAllocMips).toBe(3720);
    expect(g4.entryReqMips).toBe(4000);
  });

  it('scales every capped request by capacity / demand and floors it when over-subscribed', () => {
    const a = runningVm(0, 1000, 613, 1);
    const b = runningVm(1, 1000, 613, 1);
    const c = runningVm(2, 2000, 613, 1); // capped at 1860
    const g4 = hostsWith(1, [
      [0, a],
      [0, b],
      [0, c],
    ])[0] as Host;
    updateHost(g4, 300.1, sink());
    // scale = 3720 / 3860: 1000 -> 963.7 -> 963; 1860 -> 1792.5 -> 1792
    expect(allocatedMips(g4, a)).toBe(963);
    expect(allocatedMips(g4, b)).toBe(963);
    expect(allocatedMips(g4, c)).toBe(1792);
    expect(g4.availableMips).toBe(0);
  });

  it('gives a migrating VM 90 % on the source and reserves 10 % on the destination', () => {
    const vm = runningVm(0, 1000, 613, 0.5); // 500 MIPS
    const hosts = hostsWith(2, [[0, vm]]);
    const [src, dst] = hosts as [Host, Host];
    updateHost(src, 300.1, sink());
    addMigratingIn(dst, vm, REFERENCE);
    updateHost(dst, 300.1, sink());
    updateHost(src, 300.1, sink());
    expect(allocatedMips(src, vm)).toBeCloseTo(450, 9);
    expect(allocatedMips(dst, vm)).toBeCloseTo(50, 9);
    // the source still burns 100 % (450 / 0.9), the destination counts 10 % used but 100 % requested
    expect(src.utilMips).toBeCloseTo(500, 9);
    expect(dst.utilMips).toBeCloseTo(50, 9);
    expect(dst.entryReqMips).toBeCloseTo(500, 9);
    // the VM's history entry comes from the source and is flagged in migration
    expect(vm.entryInMigration).toBe(true);
    expect(vm.entryAllocMips).toBeCloseTo(450, 9);
  });
});

describe('live migration time', () => {
  it('is RAM / (1 Gbit/s / 2 in MB/s)', () => {
    expect(migrationTimeSec(613, 1_000_000)).toBeCloseTo(9.808, 12);
    expect(migrationTimeSec(870, 1_000_000)).toBeCloseTo(13.92, 12);
    expect(migrationTimeSec(1740, 1_000_000)).toBeCloseTo(27.84, 12);
  });
});
