/**
 * The schedulers inside the real engine: fully automated DRS migrates VMs off a full host within one
 * 5-minute pass, and DPM empties idle hosts and puts them in standby after their 40-minute history.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine, type Engine } from '../engine';
import { host, scenario, vm } from './testing/fixture';
import type { ClusterSettings, Scenario } from '../model/scenario';

function engineOf(s: Scenario): Engine {
  const r = createEngine(s);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function busy(settings: Partial<ClusterSettings>): Scenario {
  const vms = Array.from({ length: 8 }, (_, i) => ({
    ...vm(`vm-${i + 1}`, 'host-1'),
    workload: { pattern: 'constant' as const, cpuBasePct: 90, cpuPeakPct: 90, memActivePct: 20, noisePct: 0 },
  }));
  return scenario([host(1), host(2), host(3)], vms, settings);
}

describe('scheduling inside the engine', () => {
  it('fully automated DRS queues migrations off an overloaded host at the 300 s pass', () => {
    const e = engineOf(busy({ drs: { enabled: true, automation: 'full', threshold: 3 } }));
    for (let i = 0; i < 14; i++) e.step();
    expect(e.tasks().filter((t) => t.type === 'vm.migrate')).toEqual([]);
    for (let i = 0; i < 2; i++) e.step();
    const moves = e.tasks().filter((t) => t.type === 'vm.migrate');
    expect(moves.length).toBeGreaterThan(0);
    expect(moves[0]!.description).toMatch(/DRS \(priority [1-5]\)/);
    for (let i = 0; i < 30; i++) e.step();
    const onHost1 = e.list('vm').filter((v) => v.parentId === 'host-1').length;
    expect(onHost1).toBeLessThan(8);
  });

  it('manual DRS migrates nothing by itself', () => {
    const e = engineOf(busy({ drs: { enabled: true, automation: 'manual', threshold: 3 } }));
    for (let i = 0; i < 40; i++) e.step();
    expect(e.tasks().filter((t) => t.type === 'vm.migrate')).toEqual([]);
  });

  it('DPM puts an idle host in standby once it has 40 minutes of history', () => {
    const idle = scenario([host(1), host(2), host(3)], [vm('vm-1', 'host-1'), vm('vm-2', 'host-2')], {
      dpm: { enabled: true },
      ha: {
        enabled: false,
        admission: 'disabled',
        cpuReservePct: 0,
        memReservePct: 0,
        failoverHostIds: [],
        restartDelaySec: 30,
      },
    });
    const e = engineOf(idle);
    for (let i = 0; i < 100; i++) e.step(); // 2000 s: not yet
    expect(e.list('host').some((h) => h.state === 'standby')).toBe(false);
    for (let i = 0; i < 25; i++) e.step(); // the pass at 2400 s: the empty host-3 goes first
    expect(
      e
        .list('host')
        .filter((h) => h.state === 'standby')
        .map((h) => h.id),
    ).toEqual(['host-3']);
    // Next pass: the host of lower 40-minute load (1 small VM each) is emptied onto the other; the pass
    // after puts it in standby (no HA: one host suffices).
    for (let i = 0; i < 35; i++) e.step();
    const standby = e
      .list('host')
      .filter((h) => h.state === 'standby')
      .map((h) => h.id);
    expect(standby).toHaveLength(2);
    expect(standby).toContain('host-3');
    const on = ['host-1', 'host-2'].find((id) => !standby.includes(id))!;
    expect(e.list('vm').map((v) => v.parentId)).toEqual([on, on]);
  });

  it('maintenance mode spreads the evacuated VMs over the other hosts', () => {
    const s = scenario(
      [host(1), host(2), host(3)],
      [1, 2, 3, 4].map((i) => ({
        ...vm(`vm-${i}`, 'host-1'),
        workload: {
          pattern: 'constant' as const,
          cpuBasePct: 50,
          cpuPeakPct: 50,
          memActivePct: 20,
          noisePct: 0,
        },
      })),
      {
        drs: { enabled: false, automation: 'manual', threshold: 3 },
      },
    );
    const e = engineOf(s);
    e.step();
    const r = e.execute({ type: 'host.maintenance', hostId: 'host-1', enter: true });
    expect(r.ok).toBe(true);
    for (let i = 0; i < 30; i++) e.step();
    const where = e.list('vm').map((v) => v.parentId);
    expect(where.filter((h) => h === 'host-2')).toHaveLength(2);
    expect(where.filter((h) => h === 'host-3')).toHaveLength(2);
  });

  it('HA restarts the VMs of a failed host on the dedicated failover host first', () => {
    const s = scenario([host(1), host(2), host(3)], [vm('vm-1', 'host-1'), vm('vm-2', 'host-2')], {
      drs: { enabled: false, automation: 'manual', threshold: 3 },
      ha: {
        enabled: true,
        admission: 'failoverHosts',
        cpuReservePct: 0,
        memReservePct: 0,
        failoverHostIds: ['host-3'],
        restartDelaySec: 0,
      },
    });
    const e = engineOf(s);
    e.step();
    expect(e.execute({ type: 'host.fail', hostId: 'host-1' }).ok).toBe(true);
    for (let i = 0; i < 3; i++) e.step();
    expect(e.list('vm').find((v) => v.id === 'vm-1')!.parentId).toBe('host-3');
    // …while a new power-on may not use it.
    const x = e.explainPlacement({ kind: 'vm', vcpus: 1, memMiB: 1024 });
    expect(x.ok && x.value.hosts.find((h) => h.hostId === 'host-3')!.eligible).toBe(false);
  });

  it('is deterministic: same scenario, same commands → same run hash, also across a snapshot', () => {
    const s = busy({ drs: { enabled: true, automation: 'full', threshold: 4 }, dpm: { enabled: true } });
    const a = engineOf(s);
    const b = engineOf(s);
    for (let i = 0; i < 80; i++) {
      a.step();
      b.step();
    }
    expect(a.runHash()).toBe(b.runHash());
    const restored = restoreEngine(JSON.parse(JSON.stringify(a.snapshot())));
    if (!restored.ok) throw new Error(restored.error.message);
    for (let i = 0; i < 80; i++) {
      a.step();
      restored.value.step();
    }
    expect(restored.value.runHash()).toBe(a.runHash());
    expect(a.tasks().some((t) => t.type === 'vm.migrate')).toBe(true);
  });
});
