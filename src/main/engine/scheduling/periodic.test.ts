import { describe, expect, it } from 'vitest';
import { host, scenario, setDemand, vm, world } from './testing/fixture';
import { isSchedulingTick, schedulerActions } from './periodic';

describe('periodic scheduling', () => {
  const w = world(
    scenario(
      [1, 2, 3, 4].map((i) => host(i)),
      [1, 2, 3, 4].map((i) => vm(`vm-${i}`, 'host-1')),
    ),
  );
  setDemand(w, Object.fromEntries([1, 2, 3, 4].map((i) => [`vm-${i}`, { cpuMHz: 4000 }])));
  it('runs every 300 s of simulated time (20 s ticks: every 15th tick)', () => {
    expect(isSchedulingTick(w, 0)).toBe(false);
    expect(isSchedulingTick(w, 14)).toBe(false);
    expect(isSchedulingTick(w, 15)).toBe(true);
    expect(isSchedulingTick(w, 30)).toBe(true);
  });
  it('turns fully automated DRS recommendations into migrations', () => {
    expect(schedulerActions(w, 14)).toEqual([]);
    const a = schedulerActions(w, 15);
    expect(a.map((x) => (x.kind === 'migrate' ? [x.vmId, x.hostId] : x.kind))).toEqual([
      ['vm-1', 'host-2'],
      ['vm-2', 'host-3'],
    ]);
  });
  it('only recommends under partial automation', () => {
    w.clusterById.get('cluster-1')!.settings.drs.automation = 'partial';
    expect(schedulerActions(w, 15)).toEqual([]);
  });
});
