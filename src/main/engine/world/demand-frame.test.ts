import { describe, expect, it } from 'vitest';
import { applyEffect } from '../ops/effects';
import { TickScratch } from '../physics/scratch';
import { simulateTick } from '../physics/tick';
import { builtinScenario } from '../scenarios';
import { demandState } from '../scheduling/demand-state';
import { recordDemand } from '../scheduling/demand-window';
import { workloadParams } from '../workload/params';
import { setClock, type WorkloadClock } from '../workload/profile';
import { buildWorld } from './build';
import { currentDemandFrame, invalidateDemandFrame } from './demand-frame';
import type { World } from './world';

function setup(id: string): { w: World; s: TickScratch; clk: WorkloadClock } {
  const r = buildWorld(builtinScenario(id)!);
  if (!r.ok) throw new Error(r.error.message);
  const w = r.value;
  const clk: WorkloadClock = {
    seed: w.seed,
    tick: 0,
    tickSeconds: w.tickSeconds,
    timeSec: 0,
    epochMs: w.startEpochMs,
    traces: w.traceById,
    dayShape0: 0,
    weekShape0: 0,
  };
  return { w, s: new TickScratch(), clk };
}

/** The physics of one tick only (no tasks, no scheduler), as Engine.step runs it. */
function physics(w: World, s: TickScratch, clk: WorkloadClock): void {
  s.ensure(w.hosts.length, w.vms.length, w.containers.length);
  setClock(clk, w.tick, w.timeSec, w.startEpochMs + w.timeSec * 1000);
  simulateTick(w, s, clk);
}

/** Every odd state the windows must tell apart: off, HA-pending, on a failed host, stopped, OOM-killed. */
function stir(w: World): void {
  const [a, b, c] = [w.vms[0]!, w.vms[1]!, w.vms[2]!];
  a.power = 'poweredOff';
  b.haPending = true;
  // Still powered on but its host failed (no HA restart yet): sampled with 0 MHz and its configured share.
  const failed = w.hostById.get(c.hostId)!;
  failed.state = 'failed';
  for (const ct of w.containers.slice(0, 2)) ct.state = 'stopped';
  const runsOn = (ct: (typeof w.containers)[number]): string | undefined =>
    ct.vmId === null ? (ct.hostId ?? undefined) : w.vmById.get(ct.vmId)?.hostId;
  const oom = w.containers.find(
    (ct) =>
      ct.state === 'running' &&
      ct.memLimitMiB !== null &&
      (ct.vmId === null || w.vmById.get(ct.vmId)!.power === 'poweredOn') &&
      runsOn(ct) !== failed.id &&
      ct.vmId !== b.id,
  );
  // Active memory at 150 % of its limit: OOM-killed in this tick's demand pass.
  if (oom)
    oom.wp = workloadParams(
      { ...oom.workload, pattern: 'constant', memActivePct: 150, noisePct: 0 },
      'container',
    );
}

describe('demand frame (what the DRS/DPM windows sample, written by the physics)', () => {
  for (const id of ['small-lab', 'enterprise']) {
    it(`holds exactly the guest records' values after the physics (${id})`, () => {
      const { w, s, clk } = setup(id);
      expect(w.containers.some((ct) => ct.vmId !== null)).toBe(true);
      for (let t = 0; t < 4; t++) {
        if (t === 2) stir(w);
        physics(w, s, clk);
        const f = currentDemandFrame(w);
        expect(f).toBe(s.frame);
        for (let i = 0; i < w.vms.length; i++) {
          const vm = w.vms[i]!;
          expect(f!.vmOn[i]).toBe(vm.power === 'poweredOn' && !vm.haPending ? 1 : 0);
          expect(f!.vmCpu[i]).toBe(vm.cpuDemandMHz);
          expect(f!.vmMem[i]).toBe(vm.memActiveMiB);
        }
        for (let i = 0; i < w.containers.length; i++) {
          const ct = w.containers[i]!;
          expect(f!.ctOn[i]).toBe(ct.state === 'running' ? 1 : 0);
          expect(f!.ctCpu[i]).toBe(ct.cpuDemandMHz);
          expect(f!.ctMem[i]).toBe(ct.memUsageMiB);
        }
        if (t === 2) expect(w.containers.some((ct) => ct.oomKills > 0 && ct.state !== 'running')).toBe(true);
        w.tick++;
      }
    });
  }

  it('recordDemand adds the same values from the frame as from the records', () => {
    const { w, s, clk } = setup('small-lab');
    stir(w);
    physics(w, s, clk);
    recordDemand(w); // from the frame
    const once = demandState(w)!;
    invalidateDemandFrame(w);
    recordDemand(w); // from the records, same tick: every sum must be exactly twice the first one
    const twice = demandState(w)!;
    for (const kind of ['vms', 'containers'] as const) {
      expect(once[kind].openCnt.some((c) => c === 0)).toBe(true);
      expect(twice[kind].openCpu).toEqual(once[kind].openCpu.map((x) => 2 * x));
      expect(twice[kind].openMem).toEqual(once[kind].openMem.map((x) => 2 * x));
      expect(twice[kind].openCnt).toEqual(once[kind].openCnt.map((x) => 2 * x));
    }
    // The VM on the failed host was sampled from its configured share (no active memory this tick).
    const c = w.vms[2]!;
    expect(once.vms.openMem[2]).toBe((c.memMiB * c.workload.memActivePct) / 100);
  });

  it('is stale on the next tick, after a guest list change and after a task effect', () => {
    const { w, s, clk } = setup('small-lab');
    physics(w, s, clk);
    expect(currentDemandFrame(w)).not.toBeNull();
    w.version++; // a VM moved host: the lists are unchanged
    expect(currentDemandFrame(w)).toBe(s.frame);
    w.addVm({ ...w.vms[0]!, id: 'vm-extra' });
    expect(currentDemandFrame(w)).toBeNull();
    physics(w, s, clk);
    w.containers = w.containers.slice(1);
    expect(currentDemandFrame(w)).toBeNull();
    physics(w, s, clk);
    expect(applyEffect(w, { kind: 'none' })).toBeNull();
    expect(currentDemandFrame(w)).toBeNull();
    physics(w, s, clk);
    w.tick++;
    expect(currentDemandFrame(w)).toBeNull();
  });
});
