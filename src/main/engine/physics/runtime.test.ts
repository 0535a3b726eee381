import { describe, expect, it } from 'vitest';
import { restoreEngine } from '../engine';
import { rightsizeVm } from '../capacity/rightsize';
import { METRIC_CATALOG } from '../metrics/catalog';
import { describeAs, engineOf, flat, metric, testVm, tinyScenario } from '../testing/fixtures';
import { HEAP_USED_MIN, HEAP_USED_SPAN } from './runtime';

const jvm = (heapMiB: number) => ({ runtime: { kind: 'jvm' as const, heapMiB } });
const vmm = (blocks: Parameters<typeof metric>[0], id: string, name: string): number =>
  metric(blocks, METRIC_CATALOG, 'vm', id, name);

describe('application runtimes', () => {
  it('a JVM commits its heap, uses part of it with activity, and the used heap counts as active memory', () => {
    const e = engineOf(tinyScenario([testVm('vm-app', 'host-1', 2, 16384, flat(50, 5, jvm(8192)))]));
    const r = e.step();
    expect(vmm(r.blocks, 'vm-app', 'runtime.heap.committed.mib')).toBe(8192);
    const used = vmm(r.blocks, 'vm-app', 'runtime.heap.used.mib');
    expect(used).toBeCloseTo(8192 * (HEAP_USED_MIN + HEAP_USED_SPAN * 0.5), 6);
    expect(vmm(r.blocks, 'vm-app', 'mem.active.mib')).toBeGreaterThanOrEqual(used);
    expect(vmm(r.blocks, 'vm-app', 'runtime.gc.pause.ms')).toBeCloseTo(0.02 * 0.5 * 20000, 6);
    // A VM without a runtime shows none.
    const plain = engineOf(tinyScenario([testVm('vm-x', 'host-1', 2, 16384, flat(50, 5))])).step();
    expect(vmm(plain.blocks, 'vm-x', 'runtime.heap.committed.mib')).toBe(0);
  });

  it('the balloon cannot take the heap; GC pauses grow on a host that reclaims memory', () => {
    const pressured = tinyScenario(
      [
        testVm('vm-java', 'host-1', 2, 12288, flat(20, 30, jvm(6144))),
        testVm('vm-plain', 'host-1', 2, 12288, flat(20, 30)),
      ],
      { hosts: 1 },
    );
    const e = engineOf(pressured);
    let r = e.step();
    for (let i = 0; i < 30; i++) r = e.step();
    const java = describeAs(e, 'vm-java', 'vm');
    const balloonJava = vmm(r.blocks, 'vm-java', 'mem.ballooned.mib');
    const want = e.world.vms[0]!.memWantMiB;
    expect(vmm(r.blocks, 'vm-plain', 'mem.ballooned.mib')).toBeGreaterThan(balloonJava);
    expect(balloonJava).toBeLessThanOrEqual(want - 6144 + 1e-6);
    expect(java.metrics['runtime.heap.committed.mib']).toBe(6144);
    const calm = engineOf(
      tinyScenario([testVm('vm-java', 'host-1', 2, 12288, flat(20, 30, jvm(6144)))], { hosts: 1 }),
    );
    let c = calm.step();
    for (let i = 0; i < 30; i++) c = calm.step();
    expect(vmm(r.blocks, 'vm-java', 'runtime.gc.pause.ms')).toBeGreaterThan(
      vmm(c.blocks, 'vm-java', 'runtime.gc.pause.ms'),
    );
  });

  it('right-sizing keeps room for the heap: heap / 0.75, whatever the active memory says', () => {
    const base = {
      id: 'vm-a',
      name: 'a',
      vcpus: 4,
      memMiB: 32768,
      provisionedGiB: 40,
      poweredOn: true,
      coreMHz: 2000,
      hostCores: 16,
      cpuDemandMHz: Array.from({ length: 100 }, () => 2000),
      memActiveMiB: Array.from({ length: 100 }, () => 2048),
    };
    expect(rightsizeVm(base).recommendedMemMiB).toBe(2048);
    expect(rightsizeVm({ ...base, heapMiB: 12288 }).recommendedMemMiB).toBe(16384);
  });

  it('a runtime is validated where it enters and survives a checkpoint', () => {
    const e = engineOf(tinyScenario([testVm('vm-app', 'host-1', 2, 16384, flat(50, 5))]));
    const bad = e.execute({ type: 'vm.configure', vmId: 'vm-app', workload: flat(50, 5, jvm(8)) });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('runtime.heapMiB');
    expect(e.execute({ type: 'vm.configure', vmId: 'vm-app', workload: flat(50, 5, jvm(4096)) }).ok).toBe(
      true,
    );
    for (let i = 0; i < 3; i++) e.step();
    const b = restoreEngine(e.snapshot());
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(b.value.runHash()).toBe(e.runHash());
    const x = e.step();
    const y = b.value.step();
    expect(Array.from(y.blocks[1]!.values)).toEqual(Array.from(x.blocks[1]!.values));
    expect(vmm(y.blocks, 'vm-app', 'runtime.heap.committed.mib')).toBe(4096);
    expect(() =>
      engineOf(
        tinyScenario([
          testVm('vm-z', 'host-1', 2, 4096, flat(5, 5, { runtime: { kind: 'php' as never, heapMiB: 64 } })),
        ]),
      ),
    ).toThrow(/vms\[0\]\.workload\.runtime\.kind/);
  });
});
