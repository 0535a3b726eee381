/**
 * HA inside the engine: restarts by restart priority, unplaced VMs reported (never dropped), admission
 * control never blocks a restart, containers rescheduled, and no VM restarted twice.
 */
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../api';
import type { Engine } from '../engine';
import type { VmSpec } from '../model/scenario';
import { engineOf, flat, testVm, tinyScenario } from '../testing/fixtures';

/** A VM holding 6000 MiB reserved: two fit on a 16 GiB host, three do not. */
const big = (id: string, hostId: string, extra: Partial<VmSpec> = {}): VmSpec =>
  testVm(id, hostId, 1, 6000, flat(10, 20), { mem: { reservationMiB: 6000 }, ...extra });

function run(e: Engine, ticks: number): EngineEvent[] {
  const out: EngineEvent[] = [];
  for (let i = 0; i < ticks; i++) out.push(...e.step().events);
  return out;
}

function lab(): Engine {
  // host-1: low then high priority (inventory order low first); host-2 full; host-3 has room for one more.
  const s = tinyScenario(
    [
      big('vm-low', 'host-1', { tags: ['ha-priority:low'] }),
      big('vm-high', 'host-1', { tags: ['ha-priority:high'] }),
      big('vm-a', 'host-2'),
      big('vm-b', 'host-2'),
      big('vm-c', 'host-3'),
    ],
    { hosts: 3 },
  );
  s.containers = [
    {
      id: 'ct-1',
      name: 'web',
      hostId: 'host-1',
      cpuRequestMilli: 250,
      memRequestMiB: 256,
      imageMiB: 50,
      workload: flat(10, 20),
    },
  ];
  return engineOf(s);
}

describe('HA restarts', () => {
  it('restarts the higher priority first and reports the one no host can take', () => {
    const e = lab();
    run(e, 2);
    expect(e.execute({ type: 'host.fail', hostId: 'host-1' }).ok).toBe(true);
    const events = run(e, 3);
    const vms = new Map(e.list('vm').map((v) => [v.id, v]));
    expect(vms.get('vm-high')!.parentId).toBe('host-3');
    expect(vms.get('vm-low')!.parentId).toBe('host-1');
    const failed = events.filter((ev) => ev.type === 'ha.restartFailed');
    expect(failed.map((ev) => ev.objects[0])).toContain('vm-low');
    expect(failed.find((ev) => ev.objects[0] === 'vm-low')!.message).toMatch(/low/);
    // The container that ran on the failed host now runs on a surviving one.
    const ct = e.list('container').find((c) => c.id === 'ct-1')!;
    expect(['host-2', 'host-3']).toContain(ct.parentId);
    expect(events.some((ev) => ev.type === 'container.rescheduled')).toBe(true);
  });

  it('never restarts a VM twice, also when its host comes back', () => {
    const e = lab();
    run(e, 2);
    e.execute({ type: 'host.fail', hostId: 'host-1' });
    const events = run(e, 20);
    e.execute({ type: 'host.repair', hostId: 'host-1' });
    events.push(...run(e, 40));
    const restarts = events.filter((ev) => ev.type === 'vm.restarted').map((ev) => ev.objects[0]);
    expect(new Set(restarts).size).toBe(restarts.length);
    expect(restarts).toContain('vm-high');
    // Every VM still exists exactly once.
    expect(
      e
        .list('vm')
        .map((v) => v.id)
        .sort(),
    ).toEqual(['vm-a', 'vm-b', 'vm-c', 'vm-high', 'vm-low']);
  });

  it('admission control does not block a restart', () => {
    const s = tinyScenario(
      [testVm('vm-1', 'host-1', 2, 4096, flat(10, 20)), testVm('vm-2', 'host-2', 2, 4096, flat(10, 20))],
      { hosts: 2 },
    );
    s.clusters[0]!.settings = {
      ha: { restartDelaySec: 0, admission: 'percentage', cpuReservePct: 100, memReservePct: 100 },
    };
    const e = engineOf(s);
    run(e, 1);
    // A new power-on is refused by admission control with 100 % reserved…
    const x = e.explainPlacement({ kind: 'vm', vcpus: 1, memMiB: 1024 });
    expect(x.ok && x.value.hosts.every((h) => !h.eligible)).toBe(true);
    // …but the HA restart goes ahead.
    e.execute({ type: 'host.fail', hostId: 'host-1' });
    run(e, 2);
    expect(e.list('vm').find((v) => v.id === 'vm-1')!.parentId).toBe('host-2');
  });

  it('a VM with restart priority disabled stays off and is reported', () => {
    const s = tinyScenario(
      [testVm('vm-1', 'host-1', 1, 1024, flat(10, 20), { tags: ['ha-priority:disabled'] })],
      { hosts: 2 },
    );
    const e = engineOf(s);
    run(e, 1);
    e.execute({ type: 'host.fail', hostId: 'host-1' });
    const events = run(e, 3);
    expect(
      events.some(
        (ev) => ev.type === 'vm.poweredOff' && ev.objects[0] === 'vm-1' && /disabled/.test(ev.message),
      ),
    ).toBe(true);
    expect(e.describe('vm-1').ok && e.list('vm')[0]!.state).not.toBe('down');
  });
});

describe('HA settings and restart priority fields', () => {
  it('haRestartPriority on the VM spec orders restarts and vm.configure changes it', () => {
    const s = tinyScenario(
      [
        big('vm-low', 'host-1', { haRestartPriority: 'low' }),
        big('vm-high', 'host-1'),
        big('vm-a', 'host-2'),
        big('vm-b', 'host-2'),
        big('vm-c', 'host-3'),
      ],
      { hosts: 3 },
    );
    const e = engineOf(s);
    run(e, 1);
    // vm-high has no priority (medium); raising vm-low to highest puts it first.
    expect(e.execute({ type: 'vm.configure', vmId: 'vm-low', haRestartPriority: 'highest' }).ok).toBe(true);
    const bad = e.execute({ type: 'vm.configure', vmId: 'vm-low', haRestartPriority: 'urgent' as never });
    expect(bad.ok).toBe(false);
    e.execute({ type: 'host.fail', hostId: 'host-1' });
    run(e, 3);
    const where = new Map(e.list('vm').map((v) => [v.id, v.parentId]));
    expect(where.get('vm-low')).toBe('host-3');
    expect(where.get('vm-high')).toBe('host-1');
  });

  it('cluster settings keep declared rules and failuresToTolerate', () => {
    const e = engineOf(
      tinyScenario(
        [testVm('vm-1', 'host-1', 1, 1024, flat(10, 20)), testVm('vm-2', 'host-1', 1, 1024, flat(10, 20))],
        { hosts: 3 },
      ),
    );
    const rule = {
      id: 'r1',
      name: 'apart',
      kind: 'separate' as const,
      mandatory: true,
      vmIds: ['vm-1', 'vm-2'],
      hostIds: [],
    };
    expect(
      e.execute({
        type: 'cluster.configure',
        clusterId: 'cl-1',
        settings: { rules: [rule], ha: { failuresToTolerate: 2 } },
      }).ok,
    ).toBe(true);
    // Another patch keeps the rules.
    expect(
      e.execute({ type: 'cluster.configure', clusterId: 'cl-1', settings: { drs: { threshold: 4 } } }).ok,
    ).toBe(true);
    const snap = e.snapshot() as { world?: unknown };
    expect(JSON.stringify(snap)).toContain('"failuresToTolerate":2');
    expect(JSON.stringify(snap)).toContain('"r1"');
    const bad = e.execute({
      type: 'cluster.configure',
      clusterId: 'cl-1',
      settings: { rules: [{ ...rule, kind: 'glue' as never }], ha: { failuresToTolerate: 0 } },
    });
    expect(bad.ok).toBe(false);
  });
});
