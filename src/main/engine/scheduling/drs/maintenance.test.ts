/**
 * Maintenance mode and the DRS automation level, through the real engine: a manual or partially automated
 * cluster lists the evacuation as priority-1 recommendations and waits for the user; applying them
 * empties the host (spread 2 + 2) and the task completes; a fully automated cluster evacuates by itself.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../engine';
import type { DrsAutomation } from '../../model/scenario';
import { drsPass } from '../index';
import { host, scenario, vm } from '../testing/fixture';

const noHa = {
  enabled: false,
  admission: 'disabled' as const,
  cpuReservePct: 0,
  memReservePct: 0,
  failoverHostIds: [],
  restartDelaySec: 0,
};

function engineWith(automation: DrsAutomation): Engine {
  const work = {
    pattern: 'constant' as const,
    cpuBasePct: 50,
    cpuPeakPct: 50,
    memActivePct: 20,
    noisePct: 0,
  };
  const s = scenario(
    [host(1), host(2), host(3)],
    [1, 2, 3, 4].map((i) => ({ ...vm(`vm-${i}`, 'host-1'), workload: work })),
    { drs: { enabled: true, automation, threshold: 1 }, ha: noHa },
  );
  const r = createEngine(s);
  if (!r.ok) throw new Error(r.error.message);
  r.value.step();
  return r.value;
}

const parents = (e: Engine) => e.list('vm').map((v) => v.parentId);
const maintenanceTask = (e: Engine) => e.tasks().find((t) => t.type === 'host.maintenance.enter')!;

describe('maintenance mode in a cluster whose DRS is not fully automated', () => {
  it.each(['manual', 'partial'] as const)(
    '%s: the VMs stay until the user applies the priority-1 recommendations',
    (automation) => {
      const e = engineWith(automation);
      expect(e.execute({ type: 'host.maintenance', hostId: 'host-1', enter: true }).ok).toBe(true);
      for (let i = 0; i < 20; i++) e.step();
      expect(parents(e)).toEqual(['host-1', 'host-1', 'host-1', 'host-1']);
      expect(maintenanceTask(e).state).toBe('running');
      const pass = drsPass(e.world, 'cluster-1');
      const evac = pass.recommendations.filter((r) => r.kind === 'evacuate');
      expect(evac).toHaveLength(4);
      expect(evac.every((r) => r.priority === 1 && r.fromHostId === 'host-1')).toBe(true);
      // Spread like an automatic evacuation: two VMs to each empty host.
      expect(evac.filter((r) => r.toHostId === 'host-2')).toHaveLength(2);
      expect(evac.filter((r) => r.toHostId === 'host-3')).toHaveLength(2);
      expect(evac[0]!.reason).toMatch(/esx-01 is entering maintenance mode/);

      expect(e.execute({ type: 'drs.apply', clusterId: 'cluster-1' }).ok).toBe(true);
      for (let i = 0; i < 40; i++) e.step();
      const where = parents(e);
      expect(where.filter((h) => h === 'host-2')).toHaveLength(2);
      expect(where.filter((h) => h === 'host-3')).toHaveLength(2);
      expect(maintenanceTask(e).state).toBe('success');
    },
  );

  it('full: evacuates by itself, with no recommendation to approve', () => {
    const e = engineWith('full');
    expect(e.execute({ type: 'host.maintenance', hostId: 'host-1', enter: true }).ok).toBe(true);
    expect(drsPass(e.world, 'cluster-1').recommendations.filter((r) => r.kind === 'evacuate')).toEqual([]);
    for (let i = 0; i < 40; i++) e.step();
    expect(parents(e).includes('host-1')).toBe(false);
    expect(maintenanceTask(e).state).toBe('success');
  });
});
