import { describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { builtinScenario } from '../scenarios';
import { engineOf, flat, runUntilDone, testVm, tinyScenario } from '../testing/fixtures';

const vmOf = (e: Engine, id: string) => e.world.vmById.get(id)!;
const hostsHolding = (e: Engine, id: string) =>
  e.world.hosts.filter((h) => e.world.vms.some((v) => v.id === id && v.hostId === h.id)).length;

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const NEW_VM = {
  name: 'new-1',
  vcpus: 2,
  memMiB: 2048,
  disks: [{ sizeGiB: 10, thin: true }],
  workload: flat(20, 30),
};

describe('VM lifecycle', () => {
  it('creates, powers on, powers off and deletes a VM through tasks', () => {
    const e = engineOf(tinyScenario([]));
    const rc = ok(e.execute({ type: 'vm.create', spec: NEW_VM, clusterId: 'cl-1' }));
    expect(rc.createdId).toBeDefined();
    expect(runUntilDone(e, rc.taskId!)).toBe('success');
    const id = rc.createdId!;
    expect(vmOf(e, id).power).toBe('poweredOn');
    e.step();
    expect(e.latest(id)?.['cpu.usage.mhz']).toBeCloseTo(1200); // booting: 60 % of 2 × 1000 MHz
    for (let i = 0; i < 7; i++) e.step();
    expect(e.latest(id)?.['cpu.usage.mhz']).toBeCloseTo(400); // then its workload: 20 %
    expect(e.execute({ type: 'vm.delete', vmId: id }).ok).toBe(false); // powered on
    expect(runUntilDone(e, ok(e.execute({ type: 'vm.power', vmId: id, action: 'off' })).taskId!)).toBe(
      'success',
    );
    expect(runUntilDone(e, ok(e.execute({ type: 'vm.delete', vmId: id })).taskId!)).toBe('success');
    expect(e.world.vmById.has(id)).toBe(false);
  });

  it('clones a VM with its configuration and copies its used space', () => {
    const e = engineOf(tinyScenario([testVm('vm-src', 'host-1', 2, 2048, flat(10, 20))]));
    const rc = ok(e.execute({ type: 'vm.clone', vmId: 'vm-src', name: 'copy' }));
    expect(runUntilDone(e, rc.taskId!)).toBe('success');
    const c = vmOf(e, rc.createdId!);
    expect(c.vcpus).toBe(2);
    expect(c.disks[0]!.usedGiB).toBe(5);
    expect(c.power).toBe('poweredOff');
  });

  it('hot-adds only when enabled, never hot-removes, grows disks only', () => {
    const e = engineOf(
      tinyScenario([
        testVm('vm-a', 'host-1', 2, 2048, flat(10, 20)),
        testVm('vm-h', 'host-1', 2, 2048, flat(10, 20), { hotAddCpu: true, hotAddMem: true }),
      ]),
    );
    expect(e.execute({ type: 'vm.resize', vmId: 'vm-a', vcpus: 4 }).ok).toBe(false);
    const remove = e.execute({ type: 'vm.resize', vmId: 'vm-h', memMiB: 1024 });
    expect(!remove.ok && remove.error.code).toBe('NOT_SUPPORTED');
    expect(e.execute({ type: 'vm.resize', vmId: 'vm-h', vcpus: 4, memMiB: 4096 }).ok).toBe(true);
    expect(vmOf(e, 'vm-h').vcpus).toBe(4);
    expect(vmOf(e, 'vm-h').cpuShares).toBe(4000);
    e.step();
    const shrink = e.execute({ type: 'vm.resize', vmId: 'vm-h', disk: { index: 0, sizeGiB: 10 } });
    expect(!shrink.ok && shrink.error.code).toBe('NOT_SUPPORTED');
  });
});

describe('live migration', () => {
  it('moves a running VM by pre-copy, holding memory on both hosts meanwhile, ending on exactly one host', () => {
    // 1 GbE: about 119 MiB/s for ~6 GiB of guest memory, so the copy spans several ticks.
    const e = engineOf(tinyScenario([testVm('vm-a', 'host-1', 2, 8192, flat(30, 50))], { nicMbps: 1000 }));
    e.step();
    const rc = ok(e.execute({ type: 'vm.migrate', vmId: 'vm-a', hostId: 'host-2' }));
    e.step();
    e.step();
    expect(vmOf(e, 'vm-a').migratingTo).toBe('host-2');
    expect(e.latest('host-2')?.['mem.consumed.mib']).toBeGreaterThan(e.world.hosts[1]!.memMiB * 0.02 + 1024);
    expect(e.latest('host-2')?.['net.vmotion.mbps']).toBeGreaterThan(0);
    expect(runUntilDone(e, rc.taskId!)).toBe('success');
    expect(vmOf(e, 'vm-a').hostId).toBe('host-2');
    expect(hostsHolding(e, 'vm-a')).toBe(1);
    const t = e.tasks().find((x) => x.id === rc.taskId)!;
    expect(t.reason).toMatch(/downtime \d+ ms/);
  });

  it('fails to converge when the guest dirties memory faster than the link, leaving the VM on the source', () => {
    // 1 GbE, a guest dirtying 40 % of 12 GiB active per second ≈ 4.9 GiB/s.
    const e = engineOf(
      tinyScenario([testVm('vm-a', 'host-1', 2, 12288, flat(100, 100, { dirtyPctPerSec: 40 }))], {
        nicMbps: 1000,
      }),
    );
    e.step();
    const pc = ok(e.precheckMigration('vm-a', 'host-2'));
    expect(pc.warnings.join()).toContain('may not converge');
    const rc = ok(e.execute({ type: 'vm.migrate', vmId: 'vm-a', hostId: 'host-2' }));
    expect(runUntilDone(e, rc.taskId!, 2000)).toBe('error');
    expect(e.tasks().find((x) => x.id === rc.taskId)!.reason).toContain('did not converge');
    expect(vmOf(e, 'vm-a').hostId).toBe('host-1');
    expect(vmOf(e, 'vm-a').migratingTo).toBeNull();
  });

  it('a cancelled migration leaves the VM on its source host', () => {
    const e = engineOf(tinyScenario([testVm('vm-a', 'host-1', 2, 8192, flat(30, 50))], { nicMbps: 1000 }));
    e.step();
    const rc = ok(e.execute({ type: 'vm.migrate', vmId: 'vm-a', hostId: 'host-2' }));
    e.step();
    ok(e.execute({ type: 'task.cancel', taskId: rc.taskId! }));
    expect(e.tasks().find((x) => x.id === rc.taskId)!.state).toBe('cancelled');
    expect(vmOf(e, 'vm-a').hostId).toBe('host-1');
    expect(vmOf(e, 'vm-a').migratingTo).toBeNull();
    expect(vmOf(e, 'vm-a').busyTaskId).toBeNull();
  });

  it('pre-check reports CPU incompatibility and unreachable networks as errors', () => {
    const s = tinyScenario([testVm('vm-a', 'host-1', 2, 2048, flat(10, 10))], { hosts: 3 });
    s.hosts[2] = { ...s.hosts[2]!, cpuVendor: 'amd' };
    const e = engineOf(s);
    const pc = ok(e.precheckMigration('vm-a', 'host-3'));
    expect(pc.errors.join()).toContain('CPU incompatible');
    const r = e.execute({ type: 'vm.migrate', vmId: 'vm-a', hostId: 'host-3' });
    expect(!r.ok && r.error.code).toBe('INVALID_STATE');
    expect(vmOf(e, 'vm-a').busyTaskId).toBeNull();
  });

  it('cold-migrates a powered-off VM and moves disks with storage migration', () => {
    const s = tinyScenario([testVm('vm-a', 'host-1', 2, 2048, flat(10, 10), { power: 'poweredOff' })]);
    s.datastores.push({ id: 'ds-2', name: 'second', clusterId: 'cl-1', capacityGiB: 500, maxIops: 5000 });
    const e = engineOf(s);
    expect(
      runUntilDone(e, ok(e.execute({ type: 'vm.migrate', vmId: 'vm-a', hostId: 'host-2' })).taskId!),
    ).toBe('success');
    expect(vmOf(e, 'vm-a').hostId).toBe('host-2');
    expect(
      runUntilDone(e, ok(e.execute({ type: 'vm.migrate', vmId: 'vm-a', datastoreId: 'ds-2' })).taskId!),
    ).toBe('success');
    expect(vmOf(e, 'vm-a').disks[0]!.datastoreId).toBe('ds-2');
  });
});

describe('hosts: maintenance, failure, HA', () => {
  it('maintenance mode evacuates running VMs by live migration', () => {
    const e = engineOf(builtinScenario('small-lab')!);
    e.step();
    const rc = ok(e.execute({ type: 'host.maintenance', hostId: 'host-esx-02', enter: true }));
    expect(runUntilDone(e, rc.taskId!, 2000)).toBe('success');
    const left = e.world.vms.filter((v) => v.hostId === 'host-esx-02' && v.power === 'poweredOn');
    expect(left).toEqual([]);
    expect(e.world.hostById.get('host-esx-02')!.state).toBe('maintenance');
    expect(e.execute({ type: 'host.maintenance', hostId: 'host-esx-02', enter: false }).ok).toBe(true);
  });

  it('a failed host takes its VMs down; HA restarts them elsewhere; repair brings the host back', () => {
    const e = engineOf(
      tinyScenario([
        testVm('vm-a', 'host-1', 1, 2048, flat(10, 10)),
        testVm('vm-b', 'host-1', 1, 2048, flat(10, 10)),
      ]),
    );
    e.step();
    ok(e.execute({ type: 'host.fail', hostId: 'host-1' }));
    const r = e.step();
    expect(r.events.some((x) => x.type === 'host.failed')).toBe(true);
    for (let i = 0; i < 5; i++) e.step();
    expect(vmOf(e, 'vm-a').hostId).toBe('host-2');
    expect(vmOf(e, 'vm-a').haPending).toBe(false);
    expect(e.world.vms.length).toBe(2);
    const rep = ok(e.execute({ type: 'host.repair', hostId: 'host-1' }));
    expect(runUntilDone(e, rep.taskId!)).toBe('success');
    expect(e.world.hostById.get('host-1')!.state).toBe('connected');
  });

  it('without capacity HA says why and keeps trying; admission refuses power-on beyond reservations', () => {
    const big = (id: string, host: string) =>
      testVm(id, host, 1, 8192, flat(10, 10), { mem: { reservationMiB: 8000 } });
    const e = engineOf(
      tinyScenario([
        big('vm-a', 'host-1'),
        big('vm-b', 'host-2'),
        testVm('vm-c', 'host-2', 1, 8192, flat(1, 1), { power: 'poweredOff', mem: { reservationMiB: 8000 } }),
      ]),
    );
    const on = e.execute({ type: 'vm.power', vmId: 'vm-c', action: 'on' });
    expect(!on.ok && on.error.code).toBe('INSUFFICIENT_CAPACITY');
    ok(e.execute({ type: 'host.fail', hostId: 'host-1' }));
    const events = [];
    for (let i = 0; i < 4; i++) events.push(...e.step().events);
    expect(events.some((x) => x.type === 'ha.restartFailed')).toBe(true);
    expect(vmOf(e, 'vm-a').haPending).toBe(true);
  });
});

describe('containers and services', () => {
  it('keeps a service at its replica count and scales it', () => {
    const s = tinyScenario([testVm('vm-node', 'host-1', 4, 8192, flat(2, 5), { containerHost: true })]);
    const e = engineOf(s);
    const rc = ok(
      e.execute({
        type: 'service.create',
        name: 'api',
        clusterId: 'cl-1',
        replicas: 3,
        antiAffinity: false,
        template: {
          kind: 'container',
          cpuRequestMilli: 250,
          memRequestMiB: 256,
          imageMiB: 50,
          workload: flat(20, 40),
        },
      }),
    );
    for (let i = 0; i < 3; i++) e.step();
    const replicas = () => e.world.containers.filter((c) => c.serviceId === rc.createdId);
    expect(replicas().length).toBe(3);
    expect(replicas().every((c) => c.vmId === 'vm-node')).toBe(true);
    ok(e.execute({ type: 'service.scale', serviceId: rc.createdId!, replicas: 1 }));
    e.step();
    expect(replicas().length).toBe(1);
    ok(e.execute({ type: 'container.delete', containerId: replicas()[0]!.id }));
    e.step();
    expect(replicas().length).toBe(1); // replaced
  });

  it('spreads the load of a service over its replicas: scaling out lowers the CPU of each', () => {
    const s = tinyScenario([testVm('vm-node', 'host-1', 4, 8192, flat(2, 5), { containerHost: true })], {
      cores: 16,
    });
    const e = engineOf(s);
    // Sized for 2 replicas: each wants 40 % of its 1000 m limit = 400 MHz at 1000 MHz per core.
    const rc = ok(
      e.execute({
        type: 'service.create',
        name: 'api',
        clusterId: 'cl-1',
        replicas: 2,
        antiAffinity: false,
        template: {
          kind: 'container',
          cpuRequestMilli: 250,
          cpuLimitMilli: 1000,
          memRequestMiB: 128,
          imageMiB: 10,
          workload: flat(40, 40),
        },
      }),
    );
    for (let i = 0; i < 3; i++) e.step();
    const replicas = () =>
      e.world.containers.filter((c) => c.serviceId === rc.createdId && c.state === 'running');
    expect(replicas().map((c) => c.cpuUsageMHz)).toEqual([400, 400]);
    ok(e.execute({ type: 'service.scale', serviceId: rc.createdId!, replicas: 4 }));
    for (let i = 0; i < 3; i++) e.step();
    // The same total (800 MHz) over 4 replicas.
    expect(replicas().length).toBe(4);
    for (const c of replicas()) expect(c.cpuUsageMHz).toBeCloseTo(200, 9);
  });

  it('anti-affinity spreads VM replicas over distinct hosts and stops when hosts run out', () => {
    const e = engineOf(tinyScenario([], { hosts: 3 }));
    const rc = ok(
      e.execute({
        type: 'service.create',
        name: 'web',
        clusterId: 'cl-1',
        replicas: 4,
        antiAffinity: true,
        template: { kind: 'vm', vcpus: 1, memMiB: 1024, diskGiB: 10, thin: true, workload: flat(10, 20) },
      }),
    );
    for (let i = 0; i < 5; i++) e.step();
    const vms = e.world.vms.filter((v) => v.serviceId === rc.createdId);
    expect(vms.length).toBe(3);
    expect(new Set(vms.map((v) => v.hostId)).size).toBe(3);
  });

  it('OOM-kills a container over its memory limit and restarts it with back-off', () => {
    const s = tinyScenario([testVm('vm-node', 'host-1', 4, 8192, flat(2, 5), { containerHost: true })]);
    s.containers.push({
      id: 'ctr-leak',
      name: 'leak',
      vmId: 'vm-node',
      cpuRequestMilli: 100,
      memRequestMiB: 100,
      memLimitMiB: 200,
      imageMiB: 10,
      workload: flat(10, 120),
    });
    const e = engineOf(s);
    const r = e.step();
    expect(r.events.some((x) => x.type === 'container.oomKilled')).toBe(true);
    const ct = e.world.containerById.get('ctr-leak')!;
    expect(ct.state).toBe('backoff');
    expect(ct.restartAt).toBe(10);
    e.step();
    expect(ct.restarts).toBeGreaterThanOrEqual(2); // restarted, and killed again
  });
});

describe('storage', () => {
  it('a full datastore pauses VMs whose thin disks must grow, and they resume when space returns', () => {
    const s = tinyScenario([
      testVm('vm-w', 'host-1', 1, 1024, flat(50, 10, { iopsPeak: 5000, newDataPct: 100 })),
    ]);
    s.datastores[0] = { ...s.datastores[0]!, capacityGiB: 7 };
    const e = engineOf(s);
    const events = [];
    for (let i = 0; i < 60 && !vmOf(e, 'vm-w').paused; i++) events.push(...e.step().events);
    expect(vmOf(e, 'vm-w').paused).toBe(true);
    expect(events.some((x) => x.type === 'vm.paused.noSpace')).toBe(true);
    e.step();
    expect(e.latest('vm-w')?.['cpu.usage.mhz']).toBe(0);
    e.world.datastores[0]!.capacityGiB = 100;
    e.step();
    expect(vmOf(e, 'vm-w').paused).toBe(false);
  });
});

describe('inventory changes and settings', () => {
  it('adds a host, uses it, and removes it only once it is empty and in maintenance', () => {
    const e = engineOf(tinyScenario([]));
    const spec = {
      name: 'esx-new',
      sockets: 1,
      coresPerSocket: 8,
      coreMHz: 2000,
      memMiB: 32768,
      nicMbps: 10000,
      cpuModel: 'Test CPU',
      cpuVendor: 'intel' as const,
      cpuGeneration: 5,
      power: { idleW: 80, maxW: 200 },
    };
    const added = ok(e.execute({ type: 'host.add', clusterId: 'cl-1', spec }));
    const id = added.createdId!;
    const vm = ok(e.execute({ type: 'vm.create', spec: NEW_VM, hostId: id }));
    expect(runUntilDone(e, vm.taskId!)).toBe('success');
    e.step();
    expect(e.latest(id)?.['power.w']).toBeGreaterThan(80);
    expect(e.execute({ type: 'host.remove', hostId: id }).ok).toBe(false);
    expect(
      runUntilDone(e, ok(e.execute({ type: 'host.maintenance', hostId: id, enter: true })).taskId!),
    ).toBe('success');
    expect(vmOf(e, vm.createdId!).hostId).not.toBe(id);
    ok(e.execute({ type: 'host.remove', hostId: id }));
    expect(e.world.hostById.has(id)).toBe(false);
    expect(e.step().blocks.find((b) => b.kind === 'host')!.ids).not.toContain(id);
  });

  it('puts an empty host in standby (0 W) and wakes it with a boot task', () => {
    const e = engineOf(tinyScenario([testVm('vm-a', 'host-1', 1, 1024, flat(10, 10))]));
    ok(e.execute({ type: 'host.standby', hostId: 'host-2', enter: true }));
    e.step();
    expect(e.latest('host-2')?.['power.w']).toBe(0);
    expect(e.execute({ type: 'host.standby', hostId: 'host-1', enter: true }).ok).toBe(false);
    expect(
      runUntilDone(e, ok(e.execute({ type: 'host.standby', hostId: 'host-2', enter: false })).taskId!),
    ).toBe('success');
    expect(e.world.hostById.get('host-2')!.state).toBe('connected');
  });

  it('changes cluster settings and explains placement of an existing VM', () => {
    const e = engineOf(tinyScenario([testVm('vm-a', 'host-1', 1, 1024, flat(10, 10))], { hosts: 3 }));
    ok(
      e.execute({
        type: 'cluster.configure',
        clusterId: 'cl-1',
        settings: { drs: { threshold: 5 }, migration: { downtimeTargetMs: 100 } },
      }),
    );
    const cs = ok(e.clusterSettings('cl-1'));
    expect(cs.drs.threshold).toBe(5);
    expect(cs.drs.automation).toBe('full');
    expect(cs.migration.downtimeTargetMs).toBe(100);
    e.step();
    const ex = ok(e.explainPlacement({ vmId: 'vm-a' }));
    expect(ex.chosenHostId).not.toBe('host-1');
    expect(ex.hosts.find((h) => h.hostId === 'host-1')!.eligible).toBe(false);
  });
});
