/** Cluster details carry the scheduling status and allocation figures; drs.apply approves recommendations. */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { describeAs, engineOf, flat, runUntilDone, testVm, tinyScenario } from '../testing/fixtures';

function crowded(automation: 'manual' | 'partial' | 'full'): Engine {
  const vms = Array.from({ length: 6 }, (_, i) => testVm(`vm-${i + 1}`, 'host-1', 2, 2048, flat(90, 20)));
  const s = tinyScenario(vms, { hosts: 3 });
  s.clusters[0]!.settings = { ...s.clusters[0]!.settings, drs: { enabled: true, automation, threshold: 3 } };
  const e = engineOf(s);
  for (let i = 0; i < 3; i++) e.step();
  return e;
}

describe('cluster detail: scheduling and allocation', () => {
  it('shows the DRS recommendations of a manual cluster with predicted loads, DPM and HA', () => {
    const e = crowded('manual');
    const sch = describeAs(e, 'cl-1', 'cluster').scheduling!;
    expect(sch.drs.automation).toBe('manual');
    expect(sch.drs.threshold).toBe(3);
    expect(sch.drs.recommendations.length).toBeGreaterThan(0);
    const r = sch.drs.recommendations[0]!;
    expect(r.fromHostId).toBe('host-1');
    expect(['host-2', 'host-3']).toContain(r.toHostId);
    expect(r.predictedTargetLoadPct).toBeGreaterThan(0);
    expect(r.predictedSourceLoadPct).toBeGreaterThan(0);
    expect(sch.ha.admissionPolicy).toBe('disabled');
    expect(sch.ha.failuresToTolerate).toBe(1);
    expect(typeof sch.dpm.summary).toBe('string');
  });

  it('allocation figures: hand-computed for 6 VMs of 2 vCPU / 2 GiB on one 4-core 16 GiB host of three', () => {
    const e = crowded('manual');
    const h = { value: describeAs(e, 'host-1', 'host') };
    const c = { value: describeAs(e, 'cl-1', 'cluster') };
    const dc = { value: describeAs(e, 'dc-1', 'datacenter') };
    expect(h.value.allocation).toEqual({
      vcpusAllocated: 12,
      physicalCores: 4,
      cpuAllocatedMHz: 12000,
      memAllocatedMiB: 12288,
      cpuCapacityMHz: 4000,
      memCapacityMiB: 16384,
      vcpuPerCoreRatio: 3,
      vramPerRamRatio: 0.75,
    });
    expect(c.value.allocation).toEqual({
      vcpusAllocated: 12,
      physicalCores: 12,
      cpuAllocatedMHz: 12000,
      memAllocatedMiB: 12288,
      cpuCapacityMHz: 12000,
      memCapacityMiB: 49152,
      vcpuPerCoreRatio: 1,
      vramPerRamRatio: 0.25,
    });
    expect(dc.value.allocation).toEqual(c.value.allocation);
    expect(h.value.properties.vcpuPerCoreRatio).toBe(3);
  });
});

describe('drs.apply', () => {
  it('applies one recommendation of a manual cluster as a migration task, then all the rest', () => {
    const e = crowded('manual');
    const first = describeAs(e, 'cl-1', 'cluster').scheduling!.drs.recommendations[0]!;
    const r = e.execute({ type: 'drs.apply', clusterId: 'cl-1', vmId: first.vmId });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(runUntilDone(e, r.value.taskId!)).toBe('success');
    expect(e.list('vm').find((v) => v.id === first.vmId)!.parentId).toBe(first.toHostId);
    const all = e.execute({ type: 'drs.apply', clusterId: 'cl-1' });
    expect(all.ok).toBe(true);
    for (let i = 0; i < 60; i++) e.step();
    expect(e.list('vm').filter((v) => v.parentId === 'host-1').length).toBeLessThan(5);
  });

  it('refuses a fully automated cluster, unknown ids, and a VM without recommendation, changing nothing', () => {
    expect(crowded('full').execute({ type: 'drs.apply', clusterId: 'cl-1' }).ok).toBe(false);
    const e = crowded('partial');
    const before = e.runHash();
    const bad = [
      e.execute({ type: 'drs.apply', clusterId: 'nope' }),
      e.execute({ type: 'drs.apply', clusterId: 'cl-1', vmId: 'nope' }),
    ];
    for (const b of bad) expect(b.ok ? '' : b.error.code).toBe('NOT_FOUND');
    expect(e.runHash()).toBe(before);
  });
});
