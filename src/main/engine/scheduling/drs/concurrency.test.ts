import { describe, expect, it } from 'vitest';
import { host, scenario, world } from '../testing/fixture';
import { MigrationBudget, recentSources } from './concurrency';

describe('migration concurrency limits (vCenter)', () => {
  it('allows 8 vMotions per 10 GbE host and 4 per 1 GbE host; storage vMotion costs 4', () => {
    const w = world(scenario([host(1), host(2), host(3, { nicMbps: 1000 })], []));
    const b = new MigrationBudget(w);
    for (let i = 0; i < 8; i++) {
      expect(b.blocked('host-1', 'host-2')).toBeNull();
      b.take('host-1', 'host-2');
    }
    expect(b.blocked('host-1', 'host-2')).toMatch(/cost limit \(8\)/);
    const slow = new MigrationBudget(w);
    for (let i = 0; i < 4; i++) slow.take('host-3', 'host-2');
    expect(slow.blocked('host-3', 'host-2')).toMatch(/network limit \(4/);
    const sv = new MigrationBudget(w);
    sv.take('host-1', 'host-2', 4);
    expect(sv.blocked('host-1', 'host-2', 4)).toBeNull();
    sv.take('host-1', 'host-2', 4);
    expect(sv.blocked('host-1', 'host-2', 1)).toMatch(/cost limit/);
  });

  it('honours a lower per-host limit from the cluster settings', () => {
    const w = world(
      scenario([host(1), host(2)], [], {
        migration: { downtimeTargetMs: 500, maxRounds: 30, maxConcurrentPerHost: 2 },
      }),
    );
    const b = new MigrationBudget(w);
    b.take('host-1', 'host-2');
    b.take('host-1', 'host-2');
    expect(b.blocked('host-1', 'host-2')).toMatch(/cost limit \(2\)/);
  });

  it('remembers recent sources only within the hold-off window', () => {
    const w = world(scenario([host(1), host(2)], []));
    const op = {
      kind: 'liveMigrate' as const,
      vmId: 'vm-1',
      srcHostId: 'host-1',
      dstHostId: 'host-2',
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
    };
    w.tasks.push({
      id: 'task-1',
      type: 'vm.migrate',
      description: '',
      target: 'vm-1',
      state: 'success',
      progress: 100,
      queuedAt: 0,
      startedAt: 0,
      finishedAt: 100,
      reason: null,
      op,
    });
    w.tick = 100; // 2000 s
    expect(recentSources(w).get('vm-1')).toEqual(new Set(['host-1']));
    w.tick = 200; // 4000 s: 3900 s after the end > 3600 s
    expect(recentSources(w).get('vm-1')).toBeUndefined();
  });
});
