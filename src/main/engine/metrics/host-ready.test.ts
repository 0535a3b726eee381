/** CPU ready at host level (issue 12, item 8): the average per vCPU of the VMs running on the host. */
import { describe, expect, it } from 'vitest';
import { builtinScenario, createEngine, METRIC_CATALOG } from '../index';

describe('host cpu.ready.pct', () => {
  it('is in the host catalogue and equals the vCPU-weighted ready of its VMs, within 0–100 %', () => {
    const hostNames = METRIC_CATALOG.host.map((d) => d.name);
    const vmNames = METRIC_CATALOG.vm.map((d) => d.name);
    expect(hostNames).toContain('cpu.ready.pct');
    const created = createEngine(builtinScenario('small-lab')!);
    if (!created.ok) throw new Error(created.error.message);
    const engine = created.value;
    let checked = 0;
    let positive = 0;
    for (let t = 0; t < 2000; t++) {
      const r = engine.step();
      if (t % 50 !== 49) continue;
      const hb = r.blocks.find((b) => b.kind === 'host')!;
      const vb = r.blocks.find((b) => b.kind === 'vm')!;
      const hm = hostNames.indexOf('cpu.ready.pct');
      const [rp, rv] = [vmNames.indexOf('cpu.ready.pct'), vmNames.indexOf('cpu.ready.vcpu.pct')];
      const nh = hb.ids.length;
      const nv = vb.ids.length;
      for (let h = 0; h < nh; h++) {
        const hostId = hb.ids[h]!;
        let ready = 0;
        let vcpus = 0;
        for (let v = 0; v < nv; v++) {
          const dr = engine.describe(vb.ids[v]!);
          const d = dr.ok ? dr.value : null;
          if (!d || d.kind !== 'vm' || d.properties.hostId !== hostId || d.properties.power !== 'poweredOn')
            continue;
          const per = vb.values[rv * nv + v]!;
          const n = d.properties.vcpus;
          ready += per * n;
          vcpus += n;
          expect(vb.values[rp * nv + v]!).toBeCloseTo(per * n, 6);
        }
        const value = hb.values[hm * nh + h]!;
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(100);
        expect(value).toBeCloseTo(vcpus > 0 ? ready / vcpus : 0, 6);
        checked++;
        if (value > 0) positive++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(positive, 'some host shows ready time').toBeGreaterThan(0);
  });
});
