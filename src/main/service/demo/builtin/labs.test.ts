import { describe, expect, it } from 'vitest';
import type { Command } from '../../../engine';
import type { Lab, LoggedCommand } from '../../../engine/labs';
import { loadLab } from '../load';
import { runLabHeadless } from '../headless';
import { builtinLabs } from './index';

const at = (sec: number, command: Command): LoggedCommand => ({ tick: sec / 20, command });

function run(lab: Lab, commands: LoggedCommand[]) {
  const loaded = loadLab(lab);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const r = runLabHeadless(lab, loaded.value.scenario, commands);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const labs = new Map(builtinLabs().map((l) => [l.id, l]));
const lab = (id: string): Lab => labs.get(id)!;
const vmOn = (vmId: string, sec = 0): LoggedCommand => at(sec, { type: 'vm.power', vmId, action: 'on' });
/** A medium VM on host-lab-0(1…4) in turn (placing by host: the engine places cluster-wide creations one at a time). */
const medium = (i: number): Command => ({
  type: 'vm.create',
  hostId: `host-lab-0${(i % 4) + 1}`,
  powerOn: true,
  spec: {
    name: `new-${i}`,
    vcpus: 2,
    memMiB: 4096,
    disks: [{ sizeGiB: 20, thin: true }],
    workload: { pattern: 'constant', cpuBasePct: 10, cpuPeakPct: 10, memActivePct: 30 },
  },
});

describe('built-in labs', () => {
  it('are eight, beginner to advanced then the issue-20 ones, with English and Chinese texts, and all validate', () => {
    const all = builtinLabs();
    expect(all).toHaveLength(8);
    expect(all.map((l) => l.level)).toEqual([
      'beginner',
      'beginner',
      'intermediate',
      'advanced',
      'advanced',
      'intermediate',
      'intermediate',
      'intermediate',
    ]);
    for (const l of all) {
      expect(loadLab(l).ok).toBe(true);
      for (const t of [l.title, l.goal, ...l.hints, ...l.checks.map((c) => c.text)])
        expect(t['zh-CN']).toBeTruthy();
    }
  });

  it('lab-power-on: powering on the four web VMs passes; only two fails when time is up', () => {
    const good = run(
      lab('lab-power-on'),
      ['vm-web-01', 'vm-web-02', 'vm-web-03', 'vm-web-04'].map((id) => vmOn(id, 60)),
    );
    expect(good.status).toBe('passed');
    expect(good.actions).toHaveLength(4);
    const bad = run(lab('lab-power-on'), [vmOn('vm-web-01', 60), vmOn('vm-web-02', 60)]);
    expect(bad.status).toBe('failed');
    expect(bad.checks[0]).toMatchObject({ id: 'all-on', status: 'failing', value: 4 });
  });

  it('lab-cpu-ready: spreading the VMs two per host passes; doing nothing or adding a host fails', () => {
    const moves: [string, string][] = [
      ['vm-calc-02', 'host-lab-02'],
      ['vm-calc-03', 'host-lab-03'],
      ['vm-calc-04', 'host-lab-02'],
      ['vm-calc-05', 'host-lab-03'],
    ];
    const good = run(
      lab('lab-cpu-ready'),
      moves.map(([vmId, hostId]) => at(60, { type: 'vm.migrate', vmId, hostId })),
    );
    expect(good.status).toBe('passed');
    const addHost: Command = {
      type: 'host.add',
      clusterId: 'cluster-lab',
      spec: {
        name: 'esx-extra',
        sockets: 1,
        coresPerSocket: 8,
        coreMHz: 2500,
        memMiB: 65536,
        nicMbps: 10000,
        cpuModel: 'x',
        cpuVendor: 'intel',
        cpuGeneration: 10,
        power: { idleW: 100, maxW: 300 },
      },
    };
    // 24,000 MHz of demand on a 20,000 MHz host: the VMs wait for CPU well above 5 %
    const idle = run(lab('lab-cpu-ready'), []);
    expect(idle.status).toBe('failed');
    expect(idle.checks[0]!.value).toBeGreaterThan(5);
    const bad = run(lab('lab-cpu-ready'), [at(60, addHost)]);
    expect(bad).toMatchObject({ status: 'failed', failedAt: 80, failure: 'No host was added' });
  });

  it('lab-ha: turning HA on before the failure passes; doing nothing leaves VMs down and fails', () => {
    const enableHa = {
      type: 'cluster.configure',
      clusterId: 'cluster-lab',
      settings: { ha: { enabled: true } },
    } as unknown as Command;
    const good = run(lab('lab-ha'), [at(100, enableHa)]);
    expect(good.status).toBe('passed');
    const bad = run(lab('lab-ha'), []);
    expect(bad.status).toBe('failed');
    // the three VMs of the failed host stay down
    expect(bad.checks[0]).toMatchObject({ status: 'failing', value: -3 });
  });

  it('lab-capacity: removing the zombies then creating 40 VMs passes; creating them straight away fails', () => {
    const zombies = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `vm-zombie-0${i}`);
    const creates = Array.from({ length: 40 }, (_, i) => at(600, medium(i + 1)));
    const good = run(lab('lab-capacity'), [
      ...zombies.map((vmId) => at(20, { type: 'vm.power', vmId, action: 'off' })),
      ...zombies.map((vmId) => at(200, { type: 'vm.delete', vmId })),
      ...creates,
    ]);
    expect(good.status).toBe('passed');
    const bad = run(
      lab('lab-capacity'),
      Array.from({ length: 40 }, (_, i) => at(60, medium(i + 1))),
    );
    expect(bad.status).toBe('failed');
    // 7 per host fit beside the zombies (see the scenario): 24 + 28 = 52 < 56
    expect(bad.checks[0]!.value).toBe(52);
  });

  it('lab-energy: evacuating three hosts and putting them in standby passes; doing nothing fails', () => {
    const hosts = ['host-night-04', 'host-night-05', 'host-night-06'];
    const good = run(lab('lab-energy'), [
      ...hosts.map((hostId) => at(20, { type: 'host.maintenance', hostId, enter: true })),
      ...hosts.map((hostId) => at(900, { type: 'host.standby', hostId, enter: true })),
    ]);
    expect(good.status).toBe('passed');
    const bad = run(lab('lab-energy'), []);
    expect(bad.status).toBe('failed');
    expect(bad.checks.find((c) => c.id === 'power')!.value).toBeGreaterThan(90);
  });

  it('lab-pie-paradox: four times Test’s shares for Production (or lower Test’s) passes; "high" stays unfair', () => {
    const good = run(lab('lab-pie-paradox'), [
      at(60, { type: 'pool.configure', poolId: 'pool-prod', cpu: { shares: 16000 } }),
    ]);
    expect(good.status).toBe('passed');
    const lower = run(lab('lab-pie-paradox'), [
      at(60, { type: 'pool.configure', poolId: 'pool-test', cpu: { shares: 'low' } }),
    ]);
    expect(lower.status).toBe('passed');
    const idle = run(lab('lab-pie-paradox'), []);
    expect(idle.status).toBe('failed');
    // 20,000 MHz × 8/12 over eight VMs
    expect(idle.checks[0]!.value).toBeCloseTo((20000 * (8 / 12)) / 8, 0);
    const vmShares = run(lab('lab-pie-paradox'), [
      at(60, { type: 'vm.configure', vmId: 'vm-prod-01', cpu: { shares: 'high' } }),
    ]);
    expect(vmShares.status).toBe('failed');
  });
});
