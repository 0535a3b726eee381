import { describe, expect, it } from 'vitest';
import { EntityDetailSchema, type ClusterSchedulingView, type EntityDetailOf } from '@shared/schemas/views';
import { canApply, isPlacementPolicy, schedulingOf } from './scheduling';

const alloc = {
  vcpusAllocated: 0,
  physicalCores: 8,
  cpuAllocatedMHz: 0,
  memAllocatedMiB: 0,
  cpuCapacityMHz: 16000,
  memCapacityMiB: 65536,
  vcpuPerCoreRatio: 0,
  vramPerRamRatio: 0,
};
const settings = {
  placementPolicy: 'nova-stack',
  drsEnabled: true,
  drsAutomation: 'manual',
  drsThreshold: 3,
  haEnabled: true,
  haAdmission: 'slots',
  haCpuReservePct: 25,
  haMemReservePct: 25,
  haRestartDelaySec: 0,
  dpmEnabled: false,
  cpuAllocationRatio: 4,
  memAllocationRatio: 1.5,
  migrationDowntimeTargetMs: 300,
  migrationMaxRounds: 30,
  haFailuresToTolerate: 1,
  rules: 0,
  haHostMonitoring: true,
  haRestartPriority: 'medium',
  dpmAutomation: 'automatic',
  vmGroups: 0,
  hostGroups: 0,
  ...alloc,
} as const;
/** The full settings the cluster detail carries (the Edit cluster settings dialog starts from them). */
const fullSettings = {
  placementPolicy: 'nova-stack',
  drs: { enabled: true, automation: 'manual', threshold: 3 },
  ha: {
    enabled: true,
    admission: 'slots',
    cpuReservePct: 25,
    memReservePct: 25,
    failoverHostIds: [],
    restartDelaySec: 0,
    failuresToTolerate: 1,
  },
  dpm: { enabled: false },
  cpuAllocationRatio: 4,
  memAllocationRatio: 1.5,
  migration: { downtimeTargetMs: 300, maxRounds: 30, maxConcurrentPerHost: 8 },
};
const scheduling = (automation: 'manual' | 'partial' | 'full'): ClusterSchedulingView => ({
  placementPolicy: 'nova',
  drs: {
    enabled: true,
    automation,
    threshold: 2,
    automatic: automation === 'full',
    imbalance: 0.3,
    targetImbalance: 0.1,
    imbalanceAfter: 0.12,
    summary: '2 moves',
    recommendations: [
      {
        vmId: 'vm-2',
        vmName: 'b',
        fromHostId: 'h1',
        toHostId: 'h2',
        priority: 4,
        reason: 'balance',
        predictedSourceLoadPct: 50,
        predictedTargetLoadPct: 25,
      },
      {
        vmId: 'vm-1',
        vmName: 'a',
        fromHostId: 'h1',
        toHostId: 'h3',
        priority: 1,
        reason: 'rule',
        predictedSourceLoadPct: 70,
        predictedTargetLoadPct: 40,
      },
    ],
    deferred: [],
  },
  dpm: {
    enabled: true,
    standbyHostIds: [],
    action: { hostId: 'h4', enter: true, reason: 'low load' },
    evacuatingHostId: null,
    evacuations: [],
    summary: 'h4 to standby',
  },
  ha: {
    enabled: true,
    admissionPolicy: 'percentage',
    enforced: true,
    cpuFailoverPct: 33,
    memFailoverPct: 41,
    cpuReservePct: 25,
    memReservePct: 25,
    slotCpuMHz: 0,
    slotMemMiB: 0,
    totalSlots: 0,
    usedSlots: 0,
    failoverLevel: 1,
    failuresToTolerate: 1,
    failoverHostIds: [],
    failoverHostsReady: 0,
    satisfied: true,
    summary: 'ok',
  },
});
/** A cluster detail that the contract's strict schema accepts (parsed, so a shape drift fails here). */
const cluster = (s?: ClusterSchedulingView): EntityDetailOf<'cluster'> => {
  const d = EntityDetailSchema.parse({
    id: 'cluster-1',
    kind: 'cluster',
    name: 'c1',
    state: 'ok',
    parentId: 'dc-1',
    metrics: {},
    childIds: [],
    properties: settings,
    settings: fullSettings,
    allocation: alloc,
    derivedRules: [],
    ...(s ? { scheduling: s } : {}),
  });
  if (d.kind !== 'cluster') throw new Error('not a cluster');
  return d;
};

describe('schedulingOf', () => {
  it('shows only the settings of a cluster without scheduling status, and offers no Apply', () => {
    const v = schedulingOf(cluster())!;
    expect(v.live).toBe(false);
    expect(v.placementPolicy).toBe('nova-stack');
    expect(v.drs).toMatchObject({ enabled: true, automation: 'manual', threshold: 3, moves: [] });
    expect(v.ha.policy).toBe('slots');
    expect(canApply(v)).toBe(false);
  });

  it('orders recommendations by priority and carries the predicted loads', () => {
    const v = schedulingOf(cluster(scheduling('partial')))!;
    expect(v.drs.moves.map((m) => m.vmId)).toEqual(['vm-1', 'vm-2']);
    expect(v.drs.moves[0]).toMatchObject({ sourceLoadPct: 70, targetLoadPct: 40 });
    expect(v.drs.moves[1]).toMatchObject({ sourceLoadPct: 50, targetLoadPct: 25 });
    expect(v.ha).toMatchObject({
      policy: 'percentage',
      cpuFailoverPct: 33,
      memFailoverPct: 41,
      satisfied: true,
    });
    expect(v.dpm.plan).toEqual([{ hostId: 'h4', hostName: null, enter: true, reason: 'low load' }]);
    expect(canApply(v)).toBe(true);
  });

  it('offers no Apply for a fully automated cluster, and nothing for other kinds', () => {
    expect(canApply(schedulingOf(cluster(scheduling('full')))!)).toBe(false);
    const host = EntityDetailSchema.safeParse({ id: 'host-1', kind: 'host', name: 'h', state: 'connected' });
    expect(host.success).toBe(false); // the strict schema refuses a partial host
  });

  it('the contract refuses the loose shapes the console used to guess at', () => {
    const loose = {
      id: 'cluster-1',
      kind: 'cluster',
      name: 'c1',
      state: 'ok',
      parentId: null,
      metrics: {},
      childIds: [],
      properties: settings,
      allocation: alloc,
    };
    expect(
      EntityDetailSchema.safeParse({
        ...loose,
        scheduling: { ...scheduling('manual'), ha: { admissionPolicy: { kind: 'percentage' } } },
      }).success,
    ).toBe(false);
    expect(EntityDetailSchema.safeParse({ ...loose, kind: 'host' }).success).toBe(false);
  });

  it('knows the placement policy names', () => {
    expect(isPlacementPolicy('worst-fit')).toBe(true);
    expect(isPlacementPolicy('random')).toBe(false);
  });
});
