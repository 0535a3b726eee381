import { describe, expect, it } from 'vitest';
import { host, scenario, setDemand, vm, world } from '../testing/fixture';
import { balancePriority, stdDev, targetImbalance } from './load';
import { drsPass } from './recommendations';
import type { World } from '../../world/world';
import type { TaskRec } from '../../ops/task-types';

// Four 32 000 MHz hosts; host-1 runs four VMs demanding 4000 MHz each (load 0.5), the others are empty.
function skewed(settings = {}, nicMbps = 10000): World {
  const hosts = [1, 2, 3, 4].map((i) => host(i, { nicMbps }));
  const w = world(
    scenario(
      hosts,
      [1, 2, 3, 4].map((i) => vm(`vm-${i}`, 'host-1')),
      settings,
    ),
  );
  setDemand(w, Object.fromEntries([1, 2, 3, 4].map((i) => [`vm-${i}`, { cpuMHz: 4000 }])));
  return w;
}

function migrationTask(
  id: string,
  vmId: string,
  src: string,
  dst: string,
  state: TaskRec['state'],
  finishedAt: number | null,
): TaskRec {
  return {
    id,
    type: 'vm.migrate',
    description: '',
    target: vmId,
    state,
    progress: 0,
    queuedAt: 0,
    startedAt: 0,
    finishedAt,
    reason: null,
    op: {
      kind: 'liveMigrate',
      vmId,
      srcHostId: src,
      dstHostId: dst,
      dstDatastoreId: null,
      storageLeftMiB: 0,
      round: 0,
      roundLeftMiB: 0,
      roundSec: 0,
      elapsedSec: 0,
      copiedMiB: 0,
      transferredMiB: 0,
      downtimeTargetMs: 500,
      maxRounds: 30,
      lastMiBps: 0,
      parentTaskId: null,
    },
  };
}

describe('DRS load model (KB 1007485)', () => {
  it('priority = 6 − ceil(σ / 0.1 × √N), clamped to 2..5', () => {
    // σ of [0.5, 0, 0, 0] = √(0.0625 − 0.015625) ≈ 0.2165 → ⌈4.33⌉ = 5 → 1 → clamped to 2.
    expect(stdDev([0.5, 0, 0, 0])).toBeCloseTo(Math.sqrt(0.046875), 12);
    expect(balancePriority(Math.sqrt(0.046875), 4)).toBe(2);
    // σ = 0.0884 on 4 hosts → ⌈1.77⌉ = 2 → priority 4.
    expect(balancePriority(0.0884, 4)).toBe(4);
    expect(balancePriority(0, 4)).toBeNull();
    expect(targetImbalance(3, 4)).toBeCloseTo(0.1, 12);
  });
});

describe('drsPass', () => {
  it('threshold 3 moves two VMs off the hot host and stops under the target', () => {
    const r = drsPass(skewed(), 'cluster-1');
    expect(r.imbalance).toBeCloseTo(Math.sqrt(0.046875), 9);
    expect(r.recommendations.map((x) => [x.vmId, x.toHostId])).toEqual([
      ['vm-1', 'host-2'],
      ['vm-2', 'host-3'],
    ]);
    const first = r.recommendations[0]!;
    expect(first.priority).toBe(2);
    expect(first.predicted.sourceBefore).toBeCloseTo(0.5, 12);
    expect(first.predicted.sourceAfter).toBeCloseTo(0.375, 12);
    expect(first.predicted.targetAfter).toBeCloseTo(0.125, 12);
    // [0.25, 0.125, 0.125, 0] → σ = √0.0078125 ≈ 0.088 ≤ 0.1.
    expect(r.imbalanceAfter).toBeCloseTo(Math.sqrt(0.0078125), 9);
    expect(r.automatic).toBe(true);
  });

  it('threshold 5 balances fully with a priority-4 last move; threshold 1 only fixes rules', () => {
    const r5 = drsPass(skewed(), 'cluster-1', { threshold: 5 });
    expect(r5.recommendations).toHaveLength(3);
    expect(r5.recommendations[2]!.priority).toBe(4);
    expect(r5.imbalanceAfter).toBeCloseTo(0, 9);
    expect(drsPass(skewed(), 'cluster-1', { threshold: 1 }).recommendations).toEqual([]);
  });

  it('manual automation recommends without applying', () => {
    const r = drsPass(skewed({ drs: { enabled: true, automation: 'manual', threshold: 3 } }), 'cluster-1');
    expect(r.recommendations).toHaveLength(2);
    expect(r.automatic).toBe(false);
  });

  it('does not move a VM back to a host it left within the hold-off window', () => {
    const w = skewed();
    w.tasks.push(migrationTask('task-1', 'vm-1', 'host-2', 'host-1', 'success', 0));
    w.reindex();
    const r = drsPass(w, 'cluster-1');
    expect(r.recommendations[0]).toMatchObject({ vmId: 'vm-1', toHostId: 'host-3' });
    expect(r.recommendations.every((x) => !(x.vmId === 'vm-1' && x.toHostId === 'host-2'))).toBe(true);
  });

  it('respects the network concurrency limit (4 vMotions on 1 GbE)', () => {
    const w = skewed({}, 1000);
    // Four queued migrations already touch host-1 (VMs elsewhere; only the budget matters here).
    for (let i = 0; i < 4; i++)
      w.tasks.push(migrationTask(`task-${i}`, `vm-x${i}`, 'host-1', 'host-4', 'queued', null));
    w.reindex();
    const r = drsPass(w, 'cluster-1');
    expect(r.recommendations).toEqual([]);
    expect(r.deferred[0]!.reason).toMatch(/network limit \(4/);
  });

  it('fixes a broken mandatory anti-affinity rule with a priority-1 move to the least-loaded host', () => {
    const w = world(
      scenario(
        [host(1), host(2), host(3)],
        [
          vm('vm-a', 'host-1', { tags: ['anti-affinity:db'] }),
          vm('vm-b', 'host-1', { tags: ['anti-affinity:db'] }),
          vm('vm-c', 'host-2'),
        ],
      ),
    );
    setDemand(w, { 'vm-a': { cpuMHz: 1000 }, 'vm-b': { cpuMHz: 1000 }, 'vm-c': { cpuMHz: 8000 } });
    const r = drsPass(w, 'cluster-1', { threshold: 1 });
    expect(r.recommendations).toHaveLength(1);
    expect(r.recommendations[0]).toMatchObject({
      vmId: 'vm-b',
      toHostId: 'host-3',
      priority: 1,
      kind: 'rule',
    });
  });

  it('recommends nothing when DRS is disabled', () => {
    expect(
      drsPass(skewed({ drs: { enabled: false, automation: 'full', threshold: 3 } }), 'cluster-1')
        .recommendations,
    ).toEqual([]);
  });
});

describe('drsPass with dedicated failover hosts', () => {
  it('leaves failover hosts out of the load model and never targets them', () => {
    const w = skewed({
      ha: {
        enabled: true,
        admission: 'failoverHosts',
        cpuReservePct: 0,
        memReservePct: 0,
        failoverHostIds: ['host-2'],
        restartDelaySec: 30,
      },
    });
    const r = drsPass(w, 'cluster-1', { threshold: 5 });
    expect(r.hosts.map((h) => h.hostId)).toEqual(['host-1', 'host-3', 'host-4']);
    expect(r.recommendations.every((x) => x.toHostId !== 'host-2')).toBe(true);
    expect(r.recommendations.length).toBeGreaterThan(0);
  });
});
