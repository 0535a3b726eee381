import { describe, expect, it } from 'vitest';
import { host, scenario, setDemand, vm, world } from './testing/fixture';
import { schedulingStatus } from './status';

describe('schedulingStatus', () => {
  it('reports DRS, DPM and HA for a cluster, and null for an unknown one', () => {
    const w = world(
      scenario([host(1), host(2)], [vm('vm-1', 'host-1', { cpuResMHz: 1000 })], {
        placementPolicy: 'leastLoaded',
        drs: { enabled: true, automation: 'manual', threshold: 3 },
      }),
    );
    setDemand(w, { 'vm-1': { cpuMHz: 20000 } });
    const s = schedulingStatus(w, 'cluster-1')!;
    expect(s.placementPolicy).toBe('nova');
    expect(s.drs.automatic).toBe(false);
    // σ = 0.31 is above the target, but moving the only VM would just mirror the imbalance: no recommendation.
    expect(s.drs.imbalance).toBeGreaterThan(s.drs.targetImbalance);
    expect(s.drs.recommendations).toEqual([]);
    expect(s.dpm.enabled).toBe(false);
    // Default HA: percentage, 25 %; one VM reserving 1000 + 32 MHz of 64 000.
    expect(s.ha.policy).toBe('percentage');
    expect(s.ha.cpuFailoverPct).toBeCloseTo(((64000 - 1032) / 64000) * 100, 9);
    expect(s.ha.slotCpuMHz).toBe(1000);
    expect(schedulingStatus(w, 'cluster-x')).toBeNull();
  });
});
