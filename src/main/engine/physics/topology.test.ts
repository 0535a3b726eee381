import { describe, expect, it } from 'vitest';
import { restoreEngine } from '../engine';
import { METRIC_CATALOG } from '../metrics/catalog';
import type { HostSpec, Scenario, VmSpec } from '../model/scenario';
import { describeAs, engineOf, flat, metric, testVm, tinyScenario } from '../testing/fixtures';
import { vmOverheadMiB } from '../world/defaults';
import { withResourceDepth } from '../scenarios/depth';
import { syntheticScenario } from '../scenarios/synthetic';
import { coStopFrac, HT_CORE_GAIN, numaStretch, vmOverheadTableMiB, waitingVcpus } from './topology';

const TOPO = { numaNodes: 2, threadsPerCore: 2 as const };

/** One host of 2 sockets × 16 cores × 2000 MHz, 256 GiB, two NUMA nodes (16 cores, 128 GiB each). */
function numaScenario(vms: VmSpec[], topology: HostSpec['topology'] | null = TOPO): Scenario {
  const s = tinyScenario(vms, { hosts: 1 });
  s.hosts[0] = {
    ...s.hosts[0]!,
    sockets: 2,
    coresPerSocket: 16,
    coreMHz: 2000,
    memMiB: 256 * 1024,
    ...(topology ? { topology } : {}),
  };
  return s;
}

const vmMetric = (blocks: Parameters<typeof metric>[0], id: string, name: string): number =>
  metric(blocks, METRIC_CATALOG, 'vm', id, name);

describe('topology formulas', () => {
  it('the machine-interference queue: no wait while every vCPU has a thread, then it grows with the ratio', () => {
    expect(waitingVcpus(16, 16, 0.9)).toBe(0);
    // n = 2, c = 1, u = 0.5 (r = 1): p0 : p1 : p2 = 1 : 2 : 2, Lq = p2 = 2/5.
    expect(waitingVcpus(2, 1, 0.5)).toBeCloseTo(0.4, 12);
    const low = waitingVcpus(24, 16, 0.3);
    const high = waitingVcpus(48, 16, 0.3);
    expect(low).toBeGreaterThan(0);
    expect(high / 48).toBeGreaterThan(low / 24);
    // Large hosts stay finite (rescaled terms).
    expect(Number.isFinite(waitingVcpus(4000, 512, 0.5))).toBe(true);
  });

  it('overhead memory follows the vSphere sample table at its points and interpolates between them', () => {
    expect(vmOverheadTableMiB(1024, 1)).toBeCloseTo(25.9, 6);
    expect(vmOverheadTableMiB(16384, 8)).toBeCloseTo(168.6, 6);
    expect(vmOverheadTableMiB(4096, 2)).toBeCloseTo(52.72, 6);
    // 2048 MB, 1 vCPU: a third of the way from 1024 to 4096.
    expect(vmOverheadTableMiB(2048, 1)).toBeCloseTo(25.9 + (48.64 - 25.9) / 3, 6);
    // Beyond the table: linear extrapolation, growing with memory and vCPUs.
    expect(vmOverheadTableMiB(65536, 32)).toBeGreaterThan(vmOverheadTableMiB(16384, 8));
  });

  it('remote memory stretches a VM by stall × remote share × (ratio − 1); co-stop needs two vCPUs and some ready', () => {
    expect(numaStretch(1)).toBe(1);
    expect(numaStretch(0.5)).toBeCloseTo(1 + 0.3 * 0.5 * 1.1, 12);
    expect(coStopFrac(1, 0.2)).toBe(0);
    expect(coStopFrac(8, 0)).toBe(0);
    expect(coStopFrac(32, 0.05)).toBeGreaterThan(coStopFrac(8, 0.05));
  });
});

describe('hosts with a topology', () => {
  it('hyper-threading adds 25 % of the cores to the capacity, not a core per thread', () => {
    const e = engineOf(numaScenario([testVm('vm-a', 'host-1', 2, 4096, flat(10, 20))]));
    const r = e.step();
    expect(metric(r.blocks, METRIC_CATALOG, 'host', 'host-1', 'cpu.capacity.mhz')).toBe(
      32 * 2000 * (1 + HT_CORE_GAIN),
    );
    const d = describeAs(e, 'host-1', 'host');
    expect(d.topology).toEqual({
      numaNodes: 2,
      threadsPerCore: 2,
      coresPerNode: 16,
      memMiBPerNode: 128 * 1024,
      logicalCpus: 64,
      cpuCapacityMHz: 80000,
    });
    const flatHost = engineOf(numaScenario([testVm('vm-a', 'host-1', 2, 4096, flat(10, 20))], null));
    const f = flatHost.step();
    expect(metric(f.blocks, METRIC_CATALOG, 'host', 'host-1', 'cpu.capacity.mhz')).toBe(64000);
    expect(describeAs(flatHost, 'host-1', 'host').topology).toBeNull();
  });

  it('a VM wider than a NUMA node has 50 % locality and needs more cycles for the same work; one that fits is local', () => {
    const e = engineOf(
      numaScenario([
        testVm('vm-wide', 'host-1', 32, 16384, flat(20, 20)),
        testVm('vm-narrow', 'host-1', 8, 16384, flat(80, 20)),
      ]),
    );
    const r = e.step();
    expect(vmMetric(r.blocks, 'vm-wide', 'numa.locality.pct')).toBe(50);
    expect(vmMetric(r.blocks, 'vm-narrow', 'numa.locality.pct')).toBe(100);
    // Same guest work (32 × 20 % = 8 × 80 % = 6.4 vCPUs), the wide VM uses more of the host for it.
    const wide = vmMetric(r.blocks, 'vm-wide', 'cpu.usage.mhz');
    const narrow = vmMetric(r.blocks, 'vm-narrow', 'cpu.usage.mhz');
    expect(vmMetric(r.blocks, 'vm-wide', 'cpu.demand.mhz')).toBeCloseTo(12800, 6);
    expect(wide).toBeGreaterThan(narrow * 1.1);
    // A VM whose memory is larger than a node spans two as well.
    const big = engineOf(numaScenario([testVm('vm-mem', 'host-1', 4, 200 * 1024, flat(20, 20))]));
    expect(vmMetric(big.step().blocks, 'vm-mem', 'numa.locality.pct')).toBe(50);
  });

  it('ready follows the vCPU:pCPU ratio on an uncontended host: none while vCPUs ≤ cores × 1.25, some above', () => {
    const vms = (n: number, pct: number): VmSpec[] =>
      Array.from({ length: n }, (_, i) => testVm(`vm-${i}`, 'host-1', 8, 4096, flat(pct, 20)));
    const fits = engineOf(numaScenario(vms(5, 60))); // 40 vCPUs on 32 cores × 1.25 = 40 queue servers
    const r1 = fits.step();
    expect(vmMetric(r1.blocks, 'vm-0', 'cpu.ready.ms')).toBe(0);
    // The same guest work on 96 vCPUs (12 × 8 at 25 %) and on 48 (6 × 8 at 50 %): more vCPUs, more ready.
    const many = engineOf(numaScenario(vms(12, 25))).step();
    const few = engineOf(numaScenario(vms(6, 50))).step();
    expect(metric(many.blocks, METRIC_CATALOG, 'host', 'host-1', 'cpu.usage.pct')).toBeLessThan(70);
    const readyMany = vmMetric(many.blocks, 'vm-0', 'cpu.ready.vcpu.pct');
    const readyFew = vmMetric(few.blocks, 'vm-0', 'cpu.ready.vcpu.pct');
    expect(readyMany).toBeGreaterThan(0);
    expect(readyMany).toBeGreaterThan(readyFew);
    // The same load on a flat host shows no ready at all (the old model).
    const flatHost = engineOf(numaScenario(vms(12, 25), null));
    expect(vmMetric(flatHost.step().blocks, 'vm-0', 'cpu.ready.ms')).toBe(0);
  });

  it('co-stop: a wide SMP VM on a contended host is co-stopped, a 1-vCPU VM never; the wide VM loses more', () => {
    const list: VmSpec[] = [
      testVm('vm-wide', 'host-1', 32, 16384, flat(40, 20)),
      testVm('vm-eight', 'host-1', 8, 16384, flat(40, 20)),
      testVm('vm-one', 'host-1', 1, 2048, flat(90, 20)),
      ...Array.from({ length: 8 }, (_, i) => testVm(`vm-bg-${i}`, 'host-1', 8, 8192, flat(70, 20))),
    ];
    const e = engineOf(numaScenario(list));
    const r = e.step();
    const pct = (id: string): number =>
      vmMetric(r.blocks, id, 'cpu.costop.pct') / (id === 'vm-wide' ? 32 : 8);
    expect(vmMetric(r.blocks, 'vm-one', 'cpu.costop.ms')).toBe(0);
    expect(vmMetric(r.blocks, 'vm-wide', 'cpu.costop.ms')).toBeGreaterThan(0);
    expect(pct('vm-wide')).toBeGreaterThan(pct('vm-eight'));
    expect(vmMetric(r.blocks, 'vm-wide', 'cpu.ready.ms')).toBeGreaterThan(0);
    // Host usage never exceeds its (hyper-threaded) capacity.
    expect(metric(r.blocks, METRIC_CATALOG, 'host', 'host-1', 'cpu.usage.mhz')).toBeLessThanOrEqual(
      80000 + 1e-6,
    );
  });

  it('each layer costs: monitor CPU, I/O emulation unless passed through, a nested hypervisor on top', () => {
    const e = engineOf(
      numaScenario([
        testVm('vm-plain', 'host-1', 4, 8192, flat(50, 20)),
        testVm('vm-nested', 'host-1', 4, 8192, flat(50, 20), { nested: true }),
        testVm('vm-gpu', 'host-1', 4, 8192, flat(50, 20), { passthrough: ['gpu0'] }),
      ]),
    );
    const r = e.step();
    const ovh = (id: string): number => vmMetric(r.blocks, id, 'cpu.overhead.mhz');
    // plain: 4 × 2000 × 0.5 % + 4000 × (2 % + 3 %) = 40 + 200
    expect(ovh('vm-plain')).toBeCloseTo(240, 6);
    expect(ovh('vm-nested')).toBeCloseTo(240 + 4000 * 0.07, 6);
    expect(ovh('vm-gpu')).toBeCloseTo(240 - 4000 * 0.03, 6);
    const plainLayers = describeAs(e, 'vm-plain', 'vm').layers;
    expect(plainLayers.rows.find((x) => x.layer === 'monitor')!.memMiB).toBeCloseTo(
      vmOverheadTableMiB(8192, 4),
      2,
    );
    const layers = describeAs(e, 'vm-nested', 'vm').layers;
    expect(layers.model).toBe('topology');
    const row = (n: string) => layers.rows.find((x) => x.layer === n)!;
    expect(row('nested').cpuMHz).toBeCloseTo(280, 1);
    expect(row('monitor').cpuMHz).toBeCloseTo(40 + 80, 1);
    expect(row('ioEmulation').cpuMHz).toBeCloseTo(120, 1);
    expect(row('guest').cpuMHz).toBeCloseTo(4000, 6);
    expect(describeAs(e, 'vm-gpu', 'vm').layers.rows.find((x) => x.layer === 'ioEmulation')!.cpuMHz).toBe(0);
  });

  it('a flat host keeps the old figures: no co-stop, all-local memory, the overhead approximation, no CPU overhead', () => {
    const e = engineOf(tinyScenario([testVm('vm-a', 'host-1', 4, 4096, flat(90, 20))]));
    const r = e.step();
    expect(vmMetric(r.blocks, 'vm-a', 'cpu.costop.ms')).toBe(0);
    expect(vmMetric(r.blocks, 'vm-a', 'numa.locality.pct')).toBe(100);
    expect(vmMetric(r.blocks, 'vm-a', 'cpu.overhead.mhz')).toBe(0);
    const l = describeAs(e, 'vm-a', 'vm').layers;
    expect(l.model).toBe('flat');
    expect(l.rows.find((x) => x.layer === 'monitor')!.memMiB).toBeCloseTo(vmOverheadMiB(4096, 4), 2);
  });

  it('containers inside a VM pay both layers in the layers view', () => {
    const s = numaScenario([testVm('vm-k8s', 'host-1', 4, 8192, flat(10, 20), { containerHost: true })]);
    s.containers = [
      {
        id: 'ctr-a',
        name: 'a',
        vmId: 'vm-k8s',
        cpuRequestMilli: 1000,
        cpuLimitMilli: 2000,
        memRequestMiB: 512,
        memLimitMiB: 1024,
        imageMiB: 10,
        workload: flat(50, 20),
      },
    ];
    const e = engineOf(s);
    e.step();
    const l = describeAs(e, 'ctr-a', 'container').layers;
    expect(l.vmId).toBe('vm-k8s');
    expect(l.rows[0]!.layer).toBe('container');
    expect(l.rows[0]!.cpuMHz).toBeCloseTo(2000, 6);
    expect(l.rows.find((x) => x.layer === 'monitor')!.cpuMHz).toBeGreaterThan(0);
    // The container got its whole demand (the host is idle).
    expect(l.rows.find((x) => x.layer === 'granted')!.cpuMHz).toBeCloseTo(2000, 6);
  });
});

describe('everything on at scale', () => {
  it('a synthetic datacenter with every issue-20 feature runs with finite metrics and restores identically', () => {
    const e = engineOf(withResourceDepth(syntheticScenario({ hosts: 20, vms: 200, containers: 200 })));
    let r = e.step();
    for (let i = 0; i < 20; i++) r = e.step();
    for (const b of r.blocks) expect(b.values.every((v) => Number.isFinite(v))).toBe(true);
    const vmBlock = r.blocks.find((b) => b.kind === 'vm')!;
    const col = (name: string) => METRIC_CATALOG.vm.findIndex((m) => m.name === name);
    const n = vmBlock.ids.length;
    const sum = (name: string) =>
      vmBlock.values.slice(col(name) * n, (col(name) + 1) * n).reduce((a, b) => a + b, 0);
    expect(sum('cpu.overhead.mhz')).toBeGreaterThan(0);
    expect(sum('runtime.heap.committed.mib')).toBeGreaterThan(0);
    const b = restoreEngine(e.snapshot());
    if (!b.ok) throw new Error(b.error.message);
    expect(Array.from(b.value.step().blocks[1]!.values)).toEqual(Array.from(e.step().blocks[1]!.values));
  });
});

describe('commands and checkpoints', () => {
  it('host.topology needs an empty host and validates the nodes; vm.layers needs a powered-off VM', () => {
    const e = engineOf(numaScenario([testVm('vm-a', 'host-1', 2, 4096, flat(10, 20))], null));
    const busy = e.execute({ type: 'host.topology', hostId: 'host-1', topology: TOPO });
    expect(busy.ok).toBe(false);
    if (!busy.ok) expect(busy.error.code).toBe('INVALID_STATE');
    e.execute({ type: 'vm.power', vmId: 'vm-a', action: 'off' });
    for (let i = 0; i < 3; i++) e.step();
    const bad = e.execute({
      type: 'host.topology',
      hostId: 'host-1',
      topology: { numaNodes: 3, threadsPerCore: 2 },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('topology.numaNodes: must divide the host');
    expect(e.execute({ type: 'host.topology', hostId: 'host-1', topology: TOPO }).ok).toBe(true);
    expect(describeAs(e, 'host-1', 'host').topology?.logicalCpus).toBe(64);
    expect(e.execute({ type: 'vm.layers', vmId: 'vm-a', passthrough: ['gpu0'], nested: true }).ok).toBe(true);
    e.execute({ type: 'vm.power', vmId: 'vm-a', action: 'on' });
    for (let i = 0; i < 3; i++) e.step();
    const on = e.execute({ type: 'vm.layers', vmId: 'vm-a', passthrough: [] });
    expect(on.ok).toBe(false);
    if (!on.ok) expect(on.error.message).toContain('power it off');
    expect(e.execute({ type: 'host.topology', hostId: 'host-1', topology: null }).ok).toBe(false);
  });

  it('a VM with a passthrough device cannot be migrated live: the pre-check names the device', () => {
    const s = tinyScenario([testVm('vm-gpu', 'host-1', 2, 4096, flat(10, 20), { passthrough: ['gpu0'] })]);
    const e = engineOf(s);
    e.step();
    const p = e.precheckMigration('vm-gpu', 'host-2');
    expect(p.ok).toBe(true);
    if (p.ok) expect(p.value.errors.join(' ')).toContain('passthrough devices (gpu0)');
    const m = e.execute({ type: 'vm.migrate', vmId: 'vm-gpu', hostId: 'host-2' });
    expect(m.ok).toBe(false);
    // Powered off it moves (cold migration keeps no device state).
    e.execute({ type: 'vm.power', vmId: 'vm-gpu', action: 'off' });
    for (let i = 0; i < 3; i++) e.step();
    const cold = e.precheckMigration('vm-gpu', 'host-2');
    if (cold.ok) expect(cold.value.errors).toEqual([]);
  });

  it('a checkpoint keeps the topology and layers and continues identically', () => {
    const e = engineOf(
      numaScenario([
        testVm('vm-wide', 'host-1', 32, 16384, flat(60, 20), { nested: true }),
        testVm('vm-gpu', 'host-1', 4, 8192, flat(50, 20), { passthrough: ['gpu0', 'nic1'] }),
      ]),
    );
    for (let i = 0; i < 5; i++) e.step();
    const snap = e.snapshot();
    const b = restoreEngine(snap);
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(b.value.runHash()).toBe(e.runHash());
    for (let i = 0; i < 5; i++) {
      const x = e.step();
      const y = b.value.step();
      expect(Array.from(y.blocks[1]!.values)).toEqual(Array.from(x.blocks[1]!.values));
    }
    expect(b.value.runHash()).toBe(e.runHash());
    // A damaged checkpoint is refused naming the field.
    const bad = JSON.parse(JSON.stringify(snap)) as { hosts: { topology: unknown }[] };
    bad.hosts[0]!.topology = { numaNodes: 5, threadsPerCore: 2 };
    const r = restoreEngine(bad as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('hosts[0].topology.numaNodes');
  });

  it('a scenario with a bad topology is refused naming the field', () => {
    const s = numaScenario([]);
    s.hosts[0]!.topology = { numaNodes: 2, threadsPerCore: 3 as never };
    expect(() => engineOf(s)).toThrow(/hosts\[0\]\.topology\.threadsPerCore/);
  });
});
