/**
 * Averaged demand for DRS and DPM: hand-computed window means, inventory changes, a one-tick spike that
 * moves nothing while a sustained one does, and snapshot/restore in the middle of a window.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine, type Engine } from '../engine';
import type { EngineSnapshot } from '../snapshot';
import type { World } from '../world/world';
import { vmOverheadMiB } from '../world/defaults';
import { demandState, restoreDemandState } from './demand-state';
import { closeInterval, demandHistory, recordDemand } from './demand-window';
import { drsPass } from './drs/recommendations';
import { dpmPass } from './dpm';
import { periodicActions } from './index';
import { host, scenario, setDemand, vm, world } from './testing/fixture';

const noHa = {
  enabled: false,
  admission: 'disabled' as const,
  cpuReservePct: 0,
  memReservePct: 0,
  failoverHostIds: [],
  restartDelaySec: 30,
};

/** Runs ticks `from..to` (inclusive) through the periodic scheduler with hand-set demand per tick. */
function run(
  w: World,
  from: number,
  to: number,
  demandAt: (tick: number) => Record<string, { cpuMHz: number; memActiveMiB?: number }>,
) {
  const actions = [];
  for (let k = from; k <= to; k++) {
    w.tick = k;
    setDemand(w, demandAt(k));
    actions.push(...periodicActions(w, k));
  }
  return actions;
}

describe('window means (hand-computed)', () => {
  it('a VM averages its samples; the open window uses the samples it has', () => {
    const w = world(scenario([host(1), host(2)], [vm('vm-1', 'host-1'), vm('vm-2', 'host-2')], { ha: noHa }));
    const vm1 = w.vmById.get('vm-1')!;
    for (let k = 1; k <= 3; k++) {
      setDemand(w, { 'vm-1': { cpuMHz: 100 * k, memActiveMiB: 1000 } });
      recordDemand(w);
    }
    const h = demandHistory(w)!;
    expect(h.vmCpuMHz(vm1)).toBe((100 + 200 + 300) / 3);
    expect(h.vmMemMiB(vm1)).toBeCloseTo(1000 + vmOverheadMiB(4096, 2), 9);
    for (let k = 4; k <= 15; k++) {
      setDemand(w, { 'vm-1': { cpuMHz: 100 * k, memActiveMiB: 1000 } });
      recordDemand(w);
    }
    closeInterval(w);
    // 100 + 200 + … + 1500 = 12 000 over 15 samples.
    expect(h.vmCpuMHz(vm1)).toBe(800);
    expect(h.hostLongDemand('host-1')!.cpuMHz).toBe(800);
  });

  it('the 40-minute host demand is the tick-weighted mean of its intervals and follows migrations', () => {
    const w = world(scenario([host(1), host(2)], [vm('vm-1', 'host-1'), vm('vm-2', 'host-2')], { ha: noHa }));
    const h = () => demandHistory(w)!;
    const interval = (cpu1: number) => {
      for (let k = 0; k < 15; k++) {
        setDemand(w, { 'vm-1': { cpuMHz: cpu1 }, 'vm-2': { cpuMHz: 0 } });
        recordDemand(w);
      }
      closeInterval(w);
    };
    interval(800);
    interval(2000);
    expect(h().hostLongDemand('host-1')!.cpuMHz).toBe((800 + 2000) / 2);
    w.vmById.get('vm-1')!.hostId = 'host-2'; // migrated: its own window goes with it
    w.version++; // as the engine does when a VM changes host
    interval(500);
    expect(h().hostLongDemand('host-1')!.cpuMHz).toBeCloseTo((800 + 2000 + 0) / 3, 9);
    expect(h().hostLongDemand('host-2')!.cpuMHz).toBeCloseTo((0 + 0 + 500) / 3, 9);
    expect(h().vmCpuMHz(w.vmById.get('vm-1')!)).toBe(500);
    // 8 intervals later the first three have left the 40-minute ring.
    for (let i = 0; i < 8; i++) interval(300);
    expect(h().hostLongDemand('host-2')!.cpuMHz).toBe(300);
    expect(h().hostLongDemand('host-2')!.ticks).toBe(8 * 15);
  });

  it('a deleted VM takes its history with it; the others keep theirs', () => {
    const w = world(scenario([host(1)], [vm('vm-1', 'host-1'), vm('vm-2', 'host-1')], { ha: noHa }));
    for (let k = 0; k < 4; k++) {
      setDemand(w, { 'vm-1': { cpuMHz: 900 }, 'vm-2': { cpuMHz: 100 * (k + 1) } });
      recordDemand(w);
    }
    w.vms.splice(0, 1); // vm-1 deleted: vm-2 moves to index 0
    w.reindex();
    setDemand(w, { 'vm-2': { cpuMHz: 500 } });
    recordDemand(w);
    expect(demandHistory(w)!.vmCpuMHz(w.vmById.get('vm-2')!)).toBe((100 + 200 + 300 + 400 + 500) / 5);
    expect(demandHistory(w)!.vms.ids).toEqual(['vm-2']);
  });
});

describe('DRS decides on the window mean', () => {
  // host-1: vm-1..vm-4 at 1000 MHz (12.5 % of 32 000 MHz), host-2: vm-5 (3.1 %): priority 5, no move at threshold 3.
  // A spike to 7000 MHz per VM puts host-1 at 87.5 %: σ = 0.42, priority 2 → moves.
  const spec = () =>
    scenario(
      [host(1), host(2)],
      [1, 2, 3, 4].map((i) => vm(`vm-${i}`, 'host-1', { vcpus: 4 })).concat(vm('vm-5', 'host-2')),
      { drs: { enabled: true, automation: 'full', threshold: 3 }, ha: noHa },
    );
  const base = {
    'vm-1': { cpuMHz: 1000 },
    'vm-2': { cpuMHz: 1000 },
    'vm-3': { cpuMHz: 1000 },
    'vm-4': { cpuMHz: 1000 },
    'vm-5': { cpuMHz: 1000 },
  };
  const spike = {
    ...base,
    'vm-1': { cpuMHz: 7000 },
    'vm-2': { cpuMHz: 7000 },
    'vm-3': { cpuMHz: 7000 },
    'vm-4': { cpuMHz: 7000 },
  };

  it('the spike alone would move VMs (instantaneous demand, no history)', () => {
    const w = world(spec());
    setDemand(w, spike);
    expect(drsPass(w, 'cluster-1').recommendations.length).toBeGreaterThan(0);
  });

  it('a one-tick spike on the scheduling tick moves nothing', () => {
    const w = world(spec());
    const actions = run(w, 1, 15, (k) => (k === 15 ? spike : base));
    expect(actions).toEqual([]);
    // Mean per host-1 VM: (14 × 1000 + 7000) / 15 = 1400 MHz → host-1 at 5600 / 32 000 = 17.5 %.
    const r = drsPass(w, 'cluster-1');
    expect(r.hosts[0]!.load).toBeCloseTo(5600 / 32000, 12);
    expect(r.demandWindowSec).toBe(300);
    expect(r.summary).toMatch(/balanced/);
  });

  it('a spike sustained over the window moves VMs at the next pass, and says which demand it used', () => {
    const w = world(spec());
    expect(run(w, 1, 15, () => base)).toEqual([]);
    const actions = run(w, 16, 30, () => spike);
    expect(actions.some((a) => a.kind === 'migrate')).toBe(true);
    const r = drsPass(w, 'cluster-1');
    expect(r.hosts[0]!.load).toBeCloseTo(28000 / 32000, 12);
    expect(r.summary).toContain('demand averaged over the last 300 s (15 samples)');
  });
});

describe('DPM decides on the window mean', () => {
  // host-3 is in standby; host-1 carries 4 VMs. Wake needs a host above 81 % over 5 minutes.
  const spec = () =>
    scenario(
      [host(1), host(2), host(3, { state: 'standby' })],
      [1, 2, 3, 4].map((i) => vm(`vm-${i}`, 'host-1', { vcpus: 4 })),
      { dpm: { enabled: true }, drs: { enabled: false, automation: 'manual', threshold: 3 }, ha: noHa },
    );
  const base = {
    'vm-1': { cpuMHz: 1000 },
    'vm-2': { cpuMHz: 1000 },
    'vm-3': { cpuMHz: 1000 },
    'vm-4': { cpuMHz: 1000 },
  };
  const spike = {
    'vm-1': { cpuMHz: 7000 },
    'vm-2': { cpuMHz: 7000 },
    'vm-3': { cpuMHz: 7000 },
    'vm-4': { cpuMHz: 7000 },
  };

  it('a one-tick spike does not wake a host; a sustained one does', () => {
    const w = world(spec());
    expect(run(w, 1, 15, (k) => (k === 15 ? spike : base))).toEqual([]);
    const actions = run(w, 16, 30, () => spike);
    expect(actions).toEqual([
      expect.objectContaining({ kind: 'hostStandby', hostId: 'host-3', enter: false }),
    ]);
  });
});

describe('snapshot and restore in the middle of a window', () => {
  function engine(): Engine {
    const noisy = {
      pattern: 'constant' as const,
      cpuBasePct: 40,
      cpuPeakPct: 40,
      memActivePct: 30,
      noisePct: 30,
    };
    const s = scenario(
      [host(1), host(2), host(3)],
      [1, 2, 3, 4, 5, 6].map((i) => ({ ...vm(`vm-${i}`, 'host-1'), workload: noisy })),
      { drs: { enabled: true, automation: 'full', threshold: 4 }, dpm: { enabled: true }, ha: noHa },
    );
    const r = createEngine(s);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  it('continues bit-identically (windows, decisions, run hash)', () => {
    const a = engine();
    for (let i = 0; i < 22; i++) a.step(); // 7 ticks into the second interval
    const snap = JSON.parse(JSON.stringify(a.snapshot())) as EngineSnapshot;
    expect(snap.demand?.vms.ids).toHaveLength(6);
    const b = restoreEngine(snap);
    const bare = restoreEngine({ ...snap, demand: undefined });
    if (!b.ok || !bare.ok) throw new Error('restore failed');
    expect(demandState(b.value.world)).toEqual(demandState(a.world));
    for (let i = 0; i < 60; i++) {
      a.step();
      b.value.step();
      bare.value.step();
      expect(drsPass(b.value.world, 'cluster-1').hosts).toEqual(drsPass(a.world, 'cluster-1').hosts);
    }
    expect(demandState(b.value.world)).toEqual(demandState(a.world));
    expect(b.value.runHash()).toBe(a.runHash());
    // Without its windows the restored engine would average different samples.
    expect(demandState(bare.value.world)).not.toEqual(demandState(a.world));
  });
});

describe('restoring windows', () => {
  it('takes a saved state back exactly and refuses a malformed one (the world then starts fresh windows)', () => {
    const w = world(scenario([host(1)], [vm('vm-1', 'host-1')], { ha: noHa }));
    for (let k = 1; k <= 4; k++) {
      setDemand(w, { 'vm-1': { cpuMHz: 250 * k } });
      recordDemand(w);
    }
    const saved = JSON.parse(JSON.stringify(demandState(w)));
    const v = world(scenario([host(1)], [vm('vm-1', 'host-1')], { ha: noHa }));
    expect(restoreDemandState(v, saved)).toBe(true);
    expect(demandState(v)).toEqual(demandState(w));
    expect(demandHistory(v)!.vmCpuMHz(v.vmById.get('vm-1')!)).toBe(625);
    expect(restoreDemandState(v, { ...saved, ringCpu: [1] })).toBe(false);
    expect(demandHistory(v)).toBeNull();
    expect(restoreDemandState(v, { ...saved, vms: { ...saved.vms, openCnt: ['x'] } })).toBe(false);
    expect(restoreDemandState(v, null)).toBe(false);
  });
});

describe('window means against a brute-force recomputation (property)', () => {
  it('every VM average equals the mean of its own running samples in the open (else last) interval', () => {
    const tickArb = fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 8000 }), on: fc.boolean() }), {
      minLength: 3,
      maxLength: 3,
    });
    fc.assert(
      fc.property(
        fc.array(tickArb, { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 20 }),
        (ticks, every) => {
          const w = world(
            scenario([host(1), host(2)], [vm('a', 'host-1'), vm('b', 'host-1'), vm('c', 'host-2')], {
              ha: noHa,
            }),
          );
          const ids = ['a', 'b', 'c'];
          let open: number[][] = [[], [], []];
          let last: number[][] = [[], [], []];
          ticks.forEach((t, k) => {
            ids.forEach((id, i) => (w.vmById.get(id)!.power = t[i]!.on ? 'poweredOn' : 'poweredOff'));
            setDemand(w, Object.fromEntries(ids.map((id, i) => [id, { cpuMHz: t[i]!.cpu }])));
            recordDemand(w);
            ids.forEach((_, i) => t[i]!.on && open[i]!.push(t[i]!.cpu));
            if ((k + 1) % every === 0) {
              closeInterval(w);
              last = open;
              open = [[], [], []];
            }
          });
          const h = demandHistory(w)!;
          ids.forEach((id, i) => {
            const samples = open[i]!.length > 0 ? open[i]! : last[i]!;
            const vmRec = w.vmById.get(id)!;
            const expected =
              samples.length > 0 ? samples.reduce((x, y) => x + y, 0) / samples.length : vmRec.cpuDemandMHz;
            expect(h.vmCpuMHz(vmRec)).toBe(expected);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('DPM power-off history', () => {
  it('is the 40-minute host mean, but never below the host load of the VMs it runs now', () => {
    const w = world(
      scenario([host(1), host(2), host(3)], [vm('big', 'host-1'), vm('small', 'host-2')], {
        dpm: { enabled: true },
        ha: noHa,
      }),
    );
    const interval = () => {
      for (let k = 0; k < 15; k++) {
        setDemand(w, { big: { cpuMHz: 9600 }, small: { cpuMHz: 3200 } });
        recordDemand(w);
      }
      closeInterval(w);
    };
    for (let i = 0; i < 8; i++) interval();
    // 40 minutes of history: host-1 at 9600 / 32 000 = 30 %, host-2 at 10 %.
    let r = dpmPass(w, 'cluster-1');
    expect(r.hosts[0]!.longLoad).toBeCloseTo(0.3, 12);
    expect(r.hosts[1]!.longLoad).toBeCloseTo(0.1, 12);
    // "big" moves to host-2: one interval later host-2's history says (7 × 3200 + 12 800) / 8 = 4400 MHz,
    // but it runs 12 800 MHz now: 40 %.
    w.vmById.get('big')!.hostId = 'host-2';
    w.version++;
    interval();
    r = dpmPass(w, 'cluster-1');
    expect(r.hosts[1]!.load).toBeCloseTo(12800 / 32000, 12);
    expect(r.hosts[1]!.longLoad).toBeCloseTo(12800 / 32000, 12);
    // host-1's history still remembers "big" (7 of 8 intervals): 7 × 9600 / 8 = 8400 MHz.
    expect(r.hosts[0]!.longLoad).toBeCloseTo(8400 / 32000, 12);
  });
});
