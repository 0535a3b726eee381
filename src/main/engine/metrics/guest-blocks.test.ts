import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine';
import { TickScratch } from '../physics/scratch';
import { simulateTick } from '../physics/tick';
import { builtinScenario } from '../scenarios';
import { syntheticScenario } from '../scenarios/synthetic';
import type { Scenario } from '../model/scenario';
import { setClock, type WorkloadClock } from '../workload/profile';
import type { World } from '../world/world';
import { CONTAINER_METRICS, VM_METRICS } from './catalog';
import { containerValuesFromRecords, containerValuesFromScratch, vmValuesFromRecords, vmValuesFromScratch, type ClusterGuestSums } from './guest-blocks';

function sums(n: number): ClusterGuestSums {
  return { running: new Float64Array(n), readyMs: new Float64Array(n), vcpus: new Float64Array(n), containers: new Float64Array(n) };
}

/** Runs `ticks` physics ticks on the scenario's world with our own scratch, then writes both ways. */
function bothWays(scenario: Scenario, ticks: number) {
  const r = createEngine(scenario);
  if (!r.ok) throw new Error(r.error.message);
  const w = r.value.world as World;
  const s = new TickScratch();
  const clk: WorkloadClock = { seed: w.seed, tick: 0, tickSeconds: w.tickSeconds, timeSec: 0, epochMs: w.startEpochMs, traces: w.traceById, dayShape0: 0, weekShape0: 0 };
  for (let t = 0; t < ticks; t++) {
    s.ensure(w.hosts.length, w.vms.length, w.containers.length);
    s.hostMigFlows.fill(0);
    s.hostIncomingMiB.fill(0);
    setClock(clk, w.tick, w.timeSec, w.startEpochMs + w.timeSec * 1000);
    simulateTick(w, s, clk);
    w.tick++;
  }
  const nc = w.clusters.length;
  const vmFast = new Float64Array(VM_METRICS.length * w.vms.length).fill(NaN);
  const vmSlow = new Float64Array(vmFast.length);
  const ctFast = new Float64Array(CONTAINER_METRICS.length * w.containers.length).fill(NaN);
  const ctSlow = new Float64Array(ctFast.length);
  const a = sums(nc);
  const b = sums(nc);
  vmValuesFromScratch(w, s, vmFast, a);
  vmValuesFromRecords(w, s, vmSlow, b);
  containerValuesFromScratch(w, s, ctFast, a);
  containerValuesFromRecords(w, s, ctSlow, b);
  return { w, s, vmFast, vmSlow, ctFast, ctSlow, a, b };
}

describe('guest metric blocks', () => {
  it('the dense-array path writes exactly what the records hold (incl. memory pressure, CPU contention, containers in VMs)', () => {
    // 40 hosts for 1,500 VMs and 1,500 containers: hosts under memory pressure and CPU contention.
    const dense = syntheticScenario({ hosts: 40, vms: 1500, containers: 1500 });
    for (const sc of [dense, builtinScenario('small-lab')!, builtinScenario('edge')!]) {
      const { w, s, vmFast, vmSlow, ctFast, ctSlow, a, b } = bothWays(sc, 30);
      expect(Array.from(vmFast)).toEqual(Array.from(vmSlow));
      expect(Array.from(ctFast)).toEqual(Array.from(ctSlow));
      expect(Array.from(a.running)).toEqual(Array.from(b.running));
      expect(Array.from(a.readyMs)).toEqual(Array.from(b.readyMs));
      expect(Array.from(a.vcpus)).toEqual(Array.from(b.vcpus));
      expect(Array.from(a.containers)).toEqual(Array.from(b.containers));
      if (sc === dense) {
        // The case is only meaningful if some host took the detailed paths.
        let contended = 0;
        for (let h = 0; h < w.hosts.length; h++) if (s.hostFlags[h] !== 0) contended++;
        expect(contended).toBeGreaterThan(0);
      }
    }
  });

  it('swapped and compressed memory come from the record when the physics left some (a power-off between them clears it)', () => {
    const { w, s, vmFast } = bothWays(builtinScenario('small-lab')!, 3);
    const n = w.vms.length;
    const e = 1;
    // The physics left 512 MiB swapped and 64 MiB compressed; then the power-off effect cleared the record's swap.
    s.vmSwapped[e] = 512;
    s.vmCompressed[e] = 64;
    w.vms[e]!.memSwappedMiB = 0;
    w.vms[e]!.memCompressedMiB = 64;
    vmValuesFromScratch(w, s, vmFast, sums(w.clusters.length));
    expect(vmFast[12 * n + e]).toBe(0);
    expect(vmFast[11 * n + e]).toBe(64);
  });
});
