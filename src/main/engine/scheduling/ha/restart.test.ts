import { describe, expect, it } from 'vitest';
import { ctxOf, host, scenario, setDemand, vm, world } from '../testing/fixture';
import { planHaRestarts, restartPriority } from './restart';

function failed() {
  const w = world(
    scenario(
      [host(1, { state: 'failed' }), host(2), host(3)],
      [
        vm('vm-low', 'host-1', { tags: ['ha-priority:low'] }),
        vm('vm-mid', 'host-1'),
        vm('vm-off', 'host-1', { tags: ['ha-priority:disabled'] }),
        vm('vm-high', 'host-1', { tags: ['ha-priority:high'] }),
      ],
    ),
  );
  setDemand(w, {
    'vm-low': { cpuMHz: 4000 },
    'vm-mid': { cpuMHz: 4000 },
    'vm-high': { cpuMHz: 4000 },
    'vm-off': { cpuMHz: 4000 },
  });
  return w;
}

describe('planHaRestarts', () => {
  it('restarts by priority, spreads, and reports disabled VMs', () => {
    const w = failed();
    expect(w.vmById.get('vm-mid')!.haPending).toBe(true);
    expect(restartPriority(w.vmById.get('vm-high')!)).toBe('high');
    const plan = planHaRestarts(w, ctxOf(w).book, ['vm-low', 'vm-mid', 'vm-off', 'vm-high']);
    expect(plan.restarts.map((r) => [r.vmId, r.hostId])).toEqual([
      ['vm-high', 'host-2'],
      ['vm-mid', 'host-3'],
      ['vm-low', 'host-2'],
    ]);
    expect(plan.unplaced).toEqual([
      expect.objectContaining({ vmId: 'vm-off', reason: 'restart priority is disabled' }),
    ]);
  });

  it('reports restarts no host can take, with the reasons', () => {
    const w = world(
      scenario(
        [host(1, { state: 'failed' }), host(2)],
        [
          vm('vm-big', 'host-1', { memMiB: 60000, memResMiB: 60000 }),
          vm('vm-there', 'host-2', { memMiB: 8192, memResMiB: 8192 }),
        ],
      ),
    );
    const plan = planHaRestarts(w, ctxOf(w).book, ['vm-big']);
    expect(plan.restarts).toEqual([]);
    expect(plan.unplaced[0]!.reason).toMatch(/esx-02: ReservationFilter: memory reservations/);
  });

  it('plans each VM once even when asked twice', () => {
    const w = failed();
    const plan = planHaRestarts(w, ctxOf(w).book, ['vm-mid', 'vm-mid', 'vm-high']);
    expect(plan.restarts.map((r) => r.vmId)).toEqual(['vm-high', 'vm-mid']);
  });
});
