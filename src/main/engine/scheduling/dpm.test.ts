import { describe, expect, it } from 'vitest';
import { host, scenario, setDemand, vm, world } from './testing/fixture';
import { dpmPass, DPM_HIGH, DPM_LOW } from './dpm';

const noHa = {
  enabled: false,
  admission: 'disabled' as const,
  cpuReservePct: 0,
  memReservePct: 0,
  failoverHostIds: [],
  restartDelaySec: 30,
};

function idle(ha = noHa, tick = 120) {
  // host-1: 2 × 4000 MHz (load 0.25), host-2: 1 × 2000 MHz (0.0625), host-3: empty.
  const w = world(
    scenario(
      [host(1), host(2), host(3)],
      [vm('vm-1', 'host-1'), vm('vm-2', 'host-1'), vm('vm-3', 'host-2')],
      { dpm: { enabled: true }, ha },
    ),
  );
  setDemand(w, { 'vm-1': { cpuMHz: 4000 }, 'vm-2': { cpuMHz: 4000 }, 'vm-3': { cpuMHz: 2000 } });
  w.tick = tick; // 120 ticks × 20 s = 2400 s: hosts have been up for DPM's 40-minute history
  return w;
}

describe('dpmPass', () => {
  it('uses the vSphere band 45 %..81 % around the 63 % target', () => {
    expect(DPM_LOW).toBeCloseTo(0.45, 12);
    expect(DPM_HIGH).toBeCloseTo(0.81, 12);
  });

  it('puts an empty host in standby when the rest carry the load under the target', () => {
    const r = dpmPass(idle(), 'cluster-1');
    expect(r.action).toMatchObject({ hostId: 'host-3', enter: true });
    // 10 000 MHz of demand on the remaining 64 000 MHz = 16 %.
    expect(r.action!.reason).toContain('CPU 16 %');
  });

  it('empties the least-loaded host first, spreading its VMs, and keeps DRS off it', () => {
    // Two hosts with VMs, all below 45 %: host-2 (1 VM, 6 %) is emptied onto host-1 (25 %) … with a third host
    // to take it, the plan spreads by projected load.
    const w = world(
      scenario(
        [host(1), host(2), host(3)],
        [vm('vm-1', 'host-1'), vm('vm-2', 'host-2'), vm('vm-3', 'host-3'), vm('vm-4', 'host-3')],
        { dpm: { enabled: true }, ha: noHa },
      ),
    );
    setDemand(w, {
      'vm-1': { cpuMHz: 6000 },
      'vm-2': { cpuMHz: 1000 },
      'vm-3': { cpuMHz: 3000 },
      'vm-4': { cpuMHz: 3000 },
    });
    w.tick = 120;
    const r = dpmPass(w, 'cluster-1');
    expect(r.action).toBeNull();
    expect(r.evacuatingHostId).toBe('host-2');
    expect(r.evacuations.map((m) => [m.vmId, m.hostId])).toEqual([['vm-2', 'host-1']]);
    expect(r.evacuations[0]!.reason).toMatch(/^DPM: every host is below 45 %/);
  });

  it('waits for 40 minutes of history before a power-off', () => {
    expect(dpmPass(idle(noHa, 10), 'cluster-1').action).toBeNull();
  });

  it('keeps two hosts on when HA is enabled', () => {
    const w = world(scenario([host(1), host(2)], [vm('vm-1', 'host-1')], { dpm: { enabled: true } }));
    w.tick = 200;
    expect(dpmPass(w, 'cluster-1').action).toBeNull();
  });

  it('wakes a standby host when a powered-on host runs above 81 %', () => {
    const w = idle();
    w.hostById.get('host-3')!.state = 'standby';
    setDemand(w, { 'vm-1': { cpuMHz: 14000 }, 'vm-2': { cpuMHz: 14000 }, 'vm-3': { cpuMHz: 2000 } });
    const r = dpmPass(w, 'cluster-1');
    expect(r.action).toMatchObject({ hostId: 'host-3', enter: false });
    expect(r.action!.reason).toMatch(/esx-01 is at 88 %/);
  });

  it('does nothing when disabled or when some host is busy', () => {
    const w = idle();
    w.clusterById.get('cluster-1')!.settings.dpm.enabled = false;
    expect(dpmPass(w, 'cluster-1').action).toBeNull();
    const busy = idle();
    setDemand(busy, { 'vm-1': { cpuMHz: 8000 }, 'vm-2': { cpuMHz: 8000 } });
    expect(dpmPass(busy, 'cluster-1').action).toBeNull();
  });
});
