import { describe, expect, it } from 'vitest';
import { createEngine, type TickResult } from '../../../engine';
import { runStoryline, type Storyline } from '../../../engine/storyline';
import type { Command } from '../../../engine';
import type { Lab, LoggedCommand } from '../../../engine/labs';
import { loadLab, loadStoryline } from '../load';
import { runLabHeadless } from '../headless';
import { pieParadox, siocBackup, siocLab, wideVm, wideVmLab } from './resource-depth';

const at = (sec: number, command: Command): LoggedCommand => ({ tick: sec / 20, command });

function grade(lab: Lab, commands: LoggedCommand[]) {
  const loaded = loadLab(lab);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const r = runLabHeadless(lab, loaded.value.scenario, commands);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Runs a storyline and keeps, per simulated time, the latest metrics of one kind (VMs by default) by id and name. */
function run(
  story: Storyline,
  kind: 'vm' | 'pool' = 'vm',
): (time: number, vmId: string, metric: string) => number {
  const loaded = loadStoryline(story);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const e = createEngine(loaded.value.scenario);
  if (!e.ok) throw new Error(e.error.message);
  const names = e.value.catalog()[kind].map((m) => m.name);
  const byTime = new Map<number, TickResult['blocks'][number]>();
  runStoryline(e.value, story, {
    onTick: (r) => {
      const b = r.blocks.find((x) => x.kind === kind)!;
      byTime.set(r.time, { ...b, values: Float64Array.from(b.values) });
    },
  });
  return (time, vmId, metric) => {
    const b = byTime.get(time);
    if (!b) throw new Error(`no tick at ${time}`);
    const m = names.indexOf(metric);
    const i = b.ids.indexOf(vmId);
    if (m < 0 || i < 0) throw new Error(`no ${vmId} / ${metric}`);
    return b.values[m * b.ids.length + i]!;
  };
}

describe('issue 20 storylines', () => {
  it('wide-vm: the 32-vCPU VM uses more CPU for the same work, is half local, and co-stops more per vCPU once the host is busy', () => {
    const at = run(wideVm());
    expect(at(600, 'vm-wide', 'numa.locality.pct')).toBe(50);
    expect(at(600, 'vm-lean', 'numa.locality.pct')).toBe(100);
    expect(at(600, 'vm-wide', 'cpu.usage.mhz')).toBeGreaterThan(1.15 * at(600, 'vm-lean', 'cpu.usage.mhz'));
    // Calm host: no co-stop worth speaking of.
    expect(at(600, 'vm-wide', 'cpu.costop.pct') / 32).toBeLessThan(1);
    // During the neighbours' spike: contention, and co-stop per vCPU several times the lean VM's.
    const wide = at(1500, 'vm-wide', 'cpu.costop.pct') / 32;
    const lean = at(1500, 'vm-lean', 'cpu.costop.pct') / 8;
    expect(at(1500, 'vm-wide', 'cpu.ready.vcpu.pct')).toBeGreaterThan(1);
    expect(wide).toBeGreaterThan(lean);
    expect(wide).toBeGreaterThan(1);
  });

  it('sioc-backup: the backup saturates the datastore, SIOC gives the database its IOPS back at the threshold', () => {
    const at = run(siocBackup());
    expect(at(600, 'vm-db', 'disk.iops')).toBeCloseTo(3000, 0);
    expect(at(600, 'vm-db', 'disk.latency.ms')).toBeLessThan(10);
    // Backup running, no SIOC.
    expect(at(1500, 'vm-db', 'disk.iops')).toBeLessThan(2200);
    expect(at(1500, 'vm-db', 'disk.latency.ms')).toBeGreaterThan(100);
    // SIOC on.
    expect(at(2100, 'vm-db', 'disk.iops')).toBeCloseTo(3000, 0);
    expect(at(2100, 'vm-db', 'disk.latency.ms')).toBeCloseTo(30, 0);
    expect(at(2100, 'vm-backup', 'disk.latency.ms')).toBeGreaterThan(50);
  });
});

describe('the pie-paradox storyline (issue 20, session 6)', () => {
  it('high shares and eight VMs give each half the CPU of a normal-share VM; 4× the shares make it even, in the pools’ history too', () => {
    const story = pieParadox();
    const vm = run(story);
    const pool = run(story, 'pool');
    expect(vm(600, 'vm-prod-01', 'cpu.usage.mhz')).toBeCloseTo(20_000 / 12, 0);
    expect(vm(600, 'vm-test-01', 'cpu.usage.mhz')).toBeCloseTo(20_000 / 6, 0);
    expect(pool(600, 'pool-prod', 'cpu.entitlement.mhz')).toBeCloseTo((20_000 * 2) / 3, 0);
    expect(pool(600, 'pool-prod', 'cpu.usage.mhz')).toBeCloseTo((20_000 * 2) / 3, 0);
    expect(pool(600, 'pool-prod', 'cpu.shares.pct')).toBeCloseTo(200 / 3, 3);
    expect(pool(600, 'pool-prod', 'vms.running')).toBe(8);
    // Test's two VMs want about 10,000 MHz (noise aside) and get 6,667.
    expect(pool(600, 'pool-test', 'cpu.demand.mhz')).toBeGreaterThan(9000);
    expect(pool(600, 'pool-test', 'cpu.entitlement.mhz')).toBeCloseTo(20_000 / 3, 0);
    // After Production's shares go to 16,000 (at 900 s): 2,000 MHz per VM on both sides.
    expect(vm(1200, 'vm-prod-01', 'cpu.usage.mhz')).toBeCloseTo(2000, 0);
    expect(vm(1200, 'vm-test-01', 'cpu.usage.mhz')).toBeCloseTo(2000, 0);
    expect(pool(1200, 'pool-prod', 'cpu.entitlement.mhz')).toBeCloseTo(16_000, 0);
    expect(pool(1200, 'pool-prod', 'cpu.shares.pct')).toBeCloseTo(80, 3);
  });
});

describe('issue 20 labs', () => {
  it('lab-wide-vm: powering wide off, resizing it to 8 vCPUs and on again passes; doing nothing fails', () => {
    const fix = [
      at(60, { type: 'vm.power', vmId: 'vm-wide', action: 'off' }),
      at(120, { type: 'vm.resize', vmId: 'vm-wide', vcpus: 8 }),
      at(180, { type: 'vm.power', vmId: 'vm-wide', action: 'on' }),
    ];
    expect(grade(wideVmLab(), fix).status).toBe('passed');
    const idle = grade(wideVmLab(), []);
    expect(idle.status).toBe('failed');
    expect(idle.checks.find((c) => c.id === 'local')!.value).toBe(50);
    expect(idle.checks.find((c) => c.id === 'costop')!.status).not.toBe('passed');
  });

  it('lab-sioc: SIOC on passes, so does a limit on the backup disk; powering the backup off fails', () => {
    expect(
      grade(siocLab(), [at(60, { type: 'datastore.sioc', datastoreId: 'ds-san', enabled: true })]).status,
    ).toBe('passed');
    expect(
      grade(siocLab(), [at(60, { type: 'vm.disk.io', vmId: 'vm-backup', index: 0, iopsLimit: 4000 })]).status,
    ).toBe('passed');
    const off = grade(siocLab(), [at(60, { type: 'vm.power', vmId: 'vm-backup', action: 'off' })]);
    expect(off.status).toBe('failed');
    expect(grade(siocLab(), []).status).toBe('failed');
  });
});
