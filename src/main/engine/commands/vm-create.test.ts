/** vm.create by cluster: a batch in one tick spreads, because creations still in progress reserve already. */
import { describe, expect, it } from 'vitest';
import { engineOf, flat, runUntilDone, tinyScenario } from '../testing/fixtures';
import { hypervisorMemMiB, vmOverheadMiB } from '../world/defaults';

describe('vm.create with clusterId', () => {
  it('10 creates in the same tick land on several hosts and never over-commit reservations', () => {
    // First fit packs: without counting the creations in progress all 10 would land on host-1.
    const s = tinyScenario([], { hosts: 3 });
    s.clusters[0]!.settings = { ...s.clusters[0]!.settings, placementPolicy: 'first-fit' };
    const e = engineOf(s);
    e.step();
    const ids: string[] = [];
    const tasks: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = e.execute({
        type: 'vm.create',
        clusterId: 'cl-1',
        spec: {
          name: `batch-${i}`,
          vcpus: 1,
          memMiB: 2048,
          mem: { reservationMiB: 2048 },
          disks: [{ sizeGiB: 10, thin: true }],
          networkId: 'net-1',
          workload: flat(10, 20),
        },
      });
      expect(r.ok).toBe(true);
      if (r.ok) {
        ids.push(r.value.createdId!);
        tasks.push(r.value.taskId!);
      }
    }
    for (const t of tasks) expect(runUntilDone(e, t)).toBe('success');
    const vms = e.list('vm').filter((v) => ids.includes(v.id));
    const perHost = new Map<string, number>();
    for (const v of vms) perHost.set(v.parentId!, (perHost.get(v.parentId!) ?? 0) + 1);
    expect(perHost.size).toBeGreaterThanOrEqual(2);
    // Hand check: each VM reserves 2048 MiB + overhead; a 16 GiB host has 16384 − hypervisor share usable.
    const usable = 16384 - hypervisorMemMiB(16384);
    const each = 2048 + vmOverheadMiB(2048, 1);
    for (const n of perHost.values()) expect(n * each).toBeLessThanOrEqual(usable);
    expect(vms.every((v) => v.state === 'poweredOn')).toBe(true);
  });
});

describe('explainPlacement pass-through', () => {
  it('carries the summary, the rejecting filter and the weights per host', () => {
    const e = engineOf(tinyScenario([], { hosts: 3 }));
    e.step();
    e.execute({ type: 'host.maintenance', hostId: 'host-2', enter: true });
    e.step();
    const x = e.explainPlacement({ kind: 'vm', vcpus: 1, memMiB: 1024 });
    expect(x.ok).toBe(true);
    if (!x.ok) return;
    expect(x.value.summary.length).toBeGreaterThan(0);
    const h2 = x.value.hosts.find((h) => h.hostId === 'host-2')!;
    expect(h2.eligible).toBe(false);
    expect(h2.rejectedBy).toBe('ComputeFilter');
    const h1 = x.value.hosts.find((h) => h.hostId === 'host-1')!;
    expect(h1.rejectedBy).toBeNull();
    expect(h1.weights.map((w) => w.weigher)).toContain('RAMWeigher');
  });
});
