import { describe, expect, it } from 'vitest';
import { ctxOf, host, scenario, vm, world } from '../testing/fixture';
import { failoverCapacity, failoverLevel, haAdmissionProblems as problemMsgs } from './admission';
import { msgText } from '../../messages';
import { vmOverheadMiB } from '../../world/defaults';

const haAdmissionProblems = (...a: Parameters<typeof problemMsgs>): string[] =>
  problemMsgs(...a).map(msgText);

const guest = (cpuRes: number) => ({
  vcpus: 2,
  memMiB: 4096,
  cpuReservationMHz: cpuRes,
  memReservationMiB: 0,
  requestMilli: 0,
  isContainer: false,
});

describe('failoverLevel', () => {
  it('counts how many of the largest hosts may fail', () => {
    expect(failoverLevel([4, 4, 4], 5)).toBe(1);
    expect(failoverLevel([4, 4, 4], 4)).toBe(2);
    expect(failoverLevel([4, 4], 9)).toBe(0);
  });
});

describe('HA admission control', () => {
  it('percentage: refuses a power-on that leaves less than the reserved share', () => {
    // 2 hosts × 32000 MHz; 50 % reserved; a VM with 20000 MHz reservation runs (+32 MHz default each).
    const s = scenario([host(1), host(2)], [vm('vm-a', 'host-1', { cpuResMHz: 20000 })], {
      ha: {
        enabled: true,
        admission: 'percentage',
        cpuReservePct: 50,
        memReservePct: 0,
        failoverHostIds: [],
        restartDelaySec: 30,
      },
    });
    const w = world(s);
    const { book } = ctxOf(w);
    const cap = failoverCapacity(w, book, 'cluster-1');
    expect(cap.cpuReservedMHz).toBe(20032);
    expect(cap.cpuFailoverPct).toBeCloseTo(((64000 - 20032) / 64000) * 100, 9);
    // 20032 + 12000 + 32 = 32064 > 32000 → 49.9 % < 50 %.
    expect(haAdmissionProblems(w, book, w.hosts[1]!, guest(12000))[0]).toMatch(/below the reserved 50/);
    expect(haAdmissionProblems(w, book, w.hosts[1]!, guest(11000))).toEqual([]);
  });

  it('slots: refuses the VM that would drop the failover level below the configured one', () => {
    // Slot CPU 8000 MHz → 4 slots per 32000 MHz host, 8 in all; losing one host leaves 4.
    const vms = [1, 2, 3, 4].map((i) => vm(`vm-${i}`, i <= 2 ? 'host-1' : 'host-2', { cpuResMHz: 8000 }));
    const w = world(
      scenario([host(1), host(2)], vms, {
        ha: {
          enabled: true,
          admission: 'slots',
          cpuReservePct: 0,
          memReservePct: 0,
          failoverHostIds: [],
          restartDelaySec: 30,
        },
      }),
    );
    const { book } = ctxOf(w);
    const cap = failoverCapacity(w, book, 'cluster-1');
    expect(cap.slotCpuMHz).toBe(8000);
    expect(cap.slotMemMiB).toBeCloseTo(vmOverheadMiB(4096, 2), 9);
    expect(cap.totalSlots).toBe(8);
    expect(cap.failoverLevel).toBe(1);
    expect(cap.satisfied).toBe(true);
    expect(haAdmissionProblems(w, book, w.hosts[0]!, guest(0))[0]).toMatch(/tolerate 0 host failure/);
  });

  it('failover hosts: refuse power-ons there, allow elsewhere', () => {
    const w = world(
      scenario([host(1), host(2)], [], {
        ha: {
          enabled: true,
          admission: 'failoverHosts',
          cpuReservePct: 0,
          memReservePct: 0,
          failoverHostIds: ['host-2'],
          restartDelaySec: 30,
        },
      }),
    );
    const { book } = ctxOf(w);
    expect(haAdmissionProblems(w, book, w.hosts[1]!, guest(0))).toHaveLength(1);
    expect(haAdmissionProblems(w, book, w.hosts[0]!, guest(0))).toEqual([]);
    expect(failoverCapacity(w, book, 'cluster-1').failoverHostsReady).toBe(1);
  });

  it('nothing is enforced with HA or admission control off', () => {
    const w = world(
      scenario([host(1)], [vm('vm-a', 'host-1', { cpuResMHz: 30000 })], {
        ha: {
          enabled: false,
          admission: 'percentage',
          cpuReservePct: 90,
          memReservePct: 90,
          failoverHostIds: [],
          restartDelaySec: 30,
        },
      }),
    );
    expect(haAdmissionProblems(w, ctxOf(w).book, w.hosts[0]!, guest(0))).toEqual([]);
  });
});
