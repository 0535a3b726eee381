import { describe, expect, it } from 'vitest';
import type { EntityDetailView } from '@shared/schemas/views';
import { canApply, isPlacementPolicy, schedulingOf } from './scheduling';

const cluster = (extra: Record<string, unknown>): EntityDetailView => ({ id: 'cluster-1', kind: 'cluster', name: 'c1', state: 'ok', ...extra });

describe('schedulingOf', () => {
  it('reads only settings from an older backend and offers no Apply', () => {
    const v = schedulingOf(cluster({ properties: { placementPolicy: 'nova-stack', drsEnabled: true, drsAutomation: 'manual', drsThreshold: 3, haAdmission: 'slots' } }))!;
    expect(v.live).toBe(false);
    expect(v.placementPolicy).toBe('nova-stack');
    expect(v.drs).toMatchObject({ enabled: true, automation: 'manual', threshold: 3, moves: [] });
    expect(v.ha.policy).toBe('slots');
    expect(canApply(v)).toBe(false);
  });

  it('orders recommendations by priority and turns fractional predicted loads into percentages', () => {
    const v = schedulingOf(
      cluster({
        scheduling: {
          drs: {
            automation: 'partial',
            threshold: 2,
            recommendations: [
              { vmId: 'vm-2', vmName: 'b', fromHostId: 'h1', toHostId: 'h2', priority: 4, reason: 'balance', predicted: { sourceAfter: 0.5, targetAfter: 0.25 } },
              { vmId: 'vm-1', vmName: 'a', fromHostId: 'h1', toHostId: 'h3', priority: 1, reason: 'rule', predictedSourceLoadPct: 70, predictedTargetLoadPct: 40 },
              { vmName: 'broken' },
            ],
          },
          ha: { admissionPolicy: { kind: 'percentage' }, failoverCapacity: { cpuFailoverPct: 33, memFailoverPct: 41, satisfied: true } },
          dpm: { enabled: true, action: { hostId: 'h4', enter: true, reason: 'low load' } },
        },
      }),
    )!;
    expect(v.drs.moves.map((m) => m.vmId)).toEqual(['vm-1', 'vm-2']);
    expect(v.drs.moves[0]).toMatchObject({ sourceLoadPct: 70, targetLoadPct: 40 });
    expect(v.drs.moves[1]).toMatchObject({ sourceLoadPct: 50, targetLoadPct: 25 });
    expect(v.ha).toMatchObject({ policy: 'percentage', cpuFailoverPct: 33, memFailoverPct: 41, satisfied: true });
    expect(v.dpm.plan).toEqual([{ hostId: 'h4', hostName: null, enter: true, reason: 'low load' }]);
    expect(canApply(v)).toBe(true);
  });

  it('offers no Apply for a fully automated cluster, and nothing for other kinds', () => {
    const v = schedulingOf(cluster({ scheduling: { drs: { automation: 'full', recommendations: [{ vmId: 'v', fromHostId: 'a', toHostId: 'b' }] } } }))!;
    expect(canApply(v)).toBe(false);
    expect(schedulingOf({ id: 'host-1', kind: 'host', name: 'h', state: 'connected' })).toBeNull();
  });

  it('knows the placement policy names', () => {
    expect(isPlacementPolicy('worst-fit')).toBe(true);
    expect(isPlacementPolicy('random')).toBe(false);
  });
});
