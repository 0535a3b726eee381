import { describe, expect, it } from 'vitest';
import { restoreEngine } from '../engine';
import { METRIC_CATALOG } from '../metrics/catalog';
import type { Scenario } from '../model/scenario';
import { describeAs, engineOf, flat, metric, testVm, tinyScenario } from '../testing/fixtures';

/** A database (3,000 IOPS, high shares) and a backup job (12,000 IOPS, low shares) on a 10,000-IOPS datastore, 5 ms base. */
function backupScenario(sioc: boolean): Scenario {
  const s = tinyScenario(
    [
      testVm('vm-db', 'host-1', 2, 4096, flat(50, 20, { iopsPeak: 3000 })),
      testVm('vm-backup', 'host-1', 2, 4096, flat(50, 20, { iopsPeak: 12000 })),
    ],
    { hosts: 1 },
  );
  s.datastores[0] = {
    ...s.datastores[0]!,
    maxIops: 10000,
    baseLatencyMs: 5,
    ...(sioc ? { sioc: { enabled: true } } : {}),
  };
  s.vms[0]!.disks[0]!.iopsShares = 'high';
  s.vms[1]!.disks[0]!.iopsShares = 'low';
  return s;
}

const vm = (blocks: Parameters<typeof metric>[0], id: string, name: string): number =>
  metric(blocks, METRIC_CATALOG, 'vm', id, name);

describe('Storage I/O Control', () => {
  it('without SIOC the backup job takes the datastore: IOPS in proportion to demand, latency for all', () => {
    const e = engineOf(backupScenario(false));
    const r = e.step();
    expect(vm(r.blocks, 'vm-db', 'disk.iops')).toBeCloseTo(2000, 6);
    expect(vm(r.blocks, 'vm-db', 'disk.latency.ms')).toBeCloseTo((5 * 20 * 1.5) / 0.95, 6);
  });

  it('with SIOC above the threshold the device is held at 30 ms and the shares divide it: the database gets its IOPS', () => {
    const e = engineOf(backupScenario(true));
    const r = e.step();
    const cap = (1 - 5 / 30) * 10000;
    expect(vm(r.blocks, 'vm-db', 'disk.iops')).toBeCloseTo(3000, 6);
    expect(vm(r.blocks, 'vm-backup', 'disk.iops')).toBeCloseTo(cap - 3000, 6);
    expect(vm(r.blocks, 'vm-db', 'disk.latency.ms')).toBeCloseTo(30, 6);
    // The throttled backup waits in its host queue: 30 ms × demand / granted.
    expect(vm(r.blocks, 'vm-backup', 'disk.latency.ms')).toBeCloseTo((30 * 12000) / (cap - 3000), 6);
    expect(metric(r.blocks, METRIC_CATALOG, 'datastore', 'ds-1', 'disk.iops')).toBeCloseTo(cap, 6);
    expect(metric(r.blocks, METRIC_CATALOG, 'datastore', 'ds-1', 'disk.latency.ms')).toBeCloseTo(30, 6);
    const d = describeAs(e, 'ds-1', 'datastore');
    expect(d.properties.siocEnabled).toBe(true);
    expect(d.properties.siocThresholdMs).toBe(30);
    expect(describeAs(e, 'vm-db', 'vm').disks[0]).toMatchObject({ iopsShares: 2000, iopsLimit: null });
  });

  it('below the threshold SIOC changes nothing', () => {
    const s = backupScenario(true);
    s.vms[1]!.workload = flat(50, 20, { iopsPeak: 1000 });
    const a = engineOf(s).step();
    const b = engineOf({ ...s, datastores: [{ ...s.datastores[0]!, sioc: { enabled: false } }] }).step();
    expect(Array.from(a.blocks[1]!.values)).toEqual(Array.from(b.blocks[1]!.values));
  });

  it('a disk IOPS limit caps the disk whatever the datastore does; its I/Os queue (latency × demand / limit)', () => {
    const s = tinyScenario([testVm('vm-a', 'host-1', 2, 4096, flat(50, 20, { iopsPeak: 3000 }))], {
      hosts: 1,
    });
    s.datastores[0] = { ...s.datastores[0]!, maxIops: 10000, baseLatencyMs: 5 };
    s.vms[0]!.disks[0]!.iopsLimit = 1000;
    const r = engineOf(s).step();
    const ds = 5 / (1 - 1000 / 10000);
    expect(vm(r.blocks, 'vm-a', 'disk.iops')).toBeCloseTo(1000, 6);
    expect(vm(r.blocks, 'vm-a', 'disk.latency.ms')).toBeCloseTo(ds * 3, 6);
  });

  it('datastore.sioc and vm.disk.io configure at run time, name the field they refuse, and survive a checkpoint', () => {
    const e = engineOf(backupScenario(false));
    e.step();
    const bad = e.execute({ type: 'datastore.sioc', datastoreId: 'ds-1', enabled: true, thresholdMs: 2 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('sioc.thresholdMs');
    expect(
      e.execute({ type: 'datastore.sioc', datastoreId: 'ds-1', enabled: true, thresholdMs: 20 }).ok,
    ).toBe(true);
    const noDisk = e.execute({ type: 'vm.disk.io', vmId: 'vm-db', index: 3, iopsLimit: 5 });
    expect(noDisk.ok).toBe(false);
    if (!noDisk.ok) expect(noDisk.error.message).toContain('index');
    expect(e.execute({ type: 'vm.disk.io', vmId: 'vm-backup', index: 0, iopsLimit: 4000 }).ok).toBe(true);
    const r = e.step();
    expect(vm(r.blocks, 'vm-backup', 'disk.iops')).toBeLessThanOrEqual(4000 + 1e-9);
    expect(vm(r.blocks, 'vm-db', 'disk.iops')).toBeCloseTo(3000, 6);
    const snap = e.snapshot();
    const b = restoreEngine(snap);
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(b.value.runHash()).toBe(e.runHash());
    expect(Array.from(b.value.step().blocks[1]!.values)).toEqual(Array.from(e.step().blocks[1]!.values));
    expect(
      e.execute({ type: 'vm.disk.io', vmId: 'vm-backup', index: 0, iopsLimit: null, iopsShares: 'normal' })
        .ok,
    ).toBe(true);
    expect(describeAs(e, 'vm-backup', 'vm').disks[0]).toMatchObject({ iopsShares: 1000, iopsLimit: null });
    expect(e.snapshot().vms[1]!.disks[0]).not.toHaveProperty('iopsLimit');
  });
});
