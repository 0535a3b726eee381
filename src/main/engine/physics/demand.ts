/**
 * Step 1 of a tick: what every running guest wants. VMs and containers evaluate their workload;
 * containers inside a VM add their demand to the VM; a container whose memory exceeds its limit is
 * OOM-killed and restarts with Kubernetes-style back-off (10 s doubling to 300 s).
 */
import {
  evalWorkload as evalWorkloadImport,
  type WorkloadClock,
  type WorkloadSample,
} from '../workload/profile';
import type { World } from '../world/world';
import type { TickScratch } from './scratch';
import { msg } from '../messages';
import { runtimeDemand } from './runtime';

// Hot per-guest calls go through module-level constants: under tsx every module is CommonJS and an
// imported function is read through a getter on each call (bundled code is unaffected).
const evalWorkload = evalWorkloadImport;

const sample: WorkloadSample = { cpuFrac: 0, memFrac: 0, intensity: 0 };

/**
 * Booting: for BOOT_SEC after a cold power-on, reset or HA restart a guest runs at least BOOT_CPU_FRAC of
 * its vCPUs with at least BOOT_MEM_FRAC of its memory active; Windows guests zero all their memory at
 * boot, so it is all touched (an approximation of a boot storm).
 */
export const BOOT_SEC = 120;
export const BOOT_CPU_FRAC = 0.6;
export const BOOT_MEM_FRAC = 0.3;

/** A service replica carries loadReplicas / activeReplicas of its template's CPU load (memory stays per replica). */
function spreadServiceLoad(w: World, serviceId: string): void {
  const svc = w.serviceById.get(serviceId);
  if (!svc) return;
  const f = svc.loadReplicas / Math.max(1, svc.activeReplicas);
  sample.cpuFrac = Math.min(1, sample.cpuFrac * f);
  sample.intensity = Math.min(1, sample.intensity * f);
}

export function oomBackoffSec(restarts: number): number {
  return Math.min(300, 10 * Math.pow(2, Math.max(0, restarts - 1)));
}

/** Indexes that change only with the layout (world.version): host of each VM, datastore of its first disk … */
function refreshLayout(w: World, s: TickScratch): void {
  s.layoutVersion = w.version;
  for (let h = 0; h < w.hosts.length; h++) s.hostCluster[h] = w.clusterIndex.get(w.hosts[h]!.clusterId) ?? -1;
  for (let i = 0; i < w.vms.length; i++) {
    const vm = w.vms[i]!;
    s.vmReg[i] = w.hostIndex.get(vm.hostId) ?? -1;
    const d0 = vm.disks[0];
    s.vmDs0[i] = d0 === undefined ? -1 : (w.datastoreIndex.get(d0.datastoreId) ?? -1);
  }
  for (let c = 0; c < w.containers.length; c++) {
    const ct = w.containers[c]!;
    s.ctrVmIdx[c] = ct.vmId === null ? -1 : (w.vmIndex.get(ct.vmId) ?? -1);
    s.ctrHostIdx[c] = ct.hostId === null ? -1 : (w.hostIndex.get(ct.hostId) ?? -1);
  }
}

/** Every guest's demand (each pass its own function with one loop: see physics/tick.ts). */
export function computeDemand(w: World, s: TickScratch, clk: WorkloadClock): void {
  if (s.layoutVersion !== w.version) refreshLayout(w, s);
  const n = w.hosts.length;
  s.hostRunning.fill(0, 0, n);
  s.hostHead.fill(-1, 0, n);
  s.hostCtrHead.fill(-1, 0, n);
  s.hostCtrMiB.fill(0, 0, n);
  s.frame.begin(w);
  vmDemand(w, s, clk);
  // A managed runtime's GC touches its used heap (physics/runtime.ts).
  runtimeDemand(w, s);
  containerDemand(w, s, clk);
}

function vmDemand(w: World, s: TickScratch, clk: WorkloadClock): void {
  const hosts = w.hosts;
  const vms = w.vms;
  const now = clk.timeSec;
  // What the DRS/DPM windows sample (world/demand-frame.ts): powered on without an HA restart pending.
  const { vmCpu, vmMem, vmOn } = s.frame;
  // With resource pools: what their division reads of each running VM (pools/divide.ts gather).
  const pin = w.pools.length > 0 ? s.poolIn : null;
  if (pin !== null) pin.ensure(vms.length);
  for (let i = 0; i < vms.length; i++) {
    const vm = vms[i]!;
    s.vmCtrDemand[i] = 0;
    s.vmPenalty[i] = 0;
    const hi = s.vmReg[i]!;
    const host = hi >= 0 ? hosts[hi] : undefined;
    const on = vm.power === 'poweredOn' && !vm.haPending;
    vmOn[i] = on ? 1 : 0;
    const running = on && host !== undefined && host.state !== 'failed' && host.state !== 'standby';
    if (!running || !host) {
      vmCpu[i] = 0;
      vmMem[i] = 0;
      s.vmHost[i] = -1;
      vm.cpuDemandMHz = 0;
      vm.cpuUsageMHz = 0;
      vm.cpuReadyMs = 0;
      vm.cpuSwapWaitMs = 0;
      vm.memActiveMiB = 0;
      vm.memWantMiB = 0;
      vm.memGrantedMiB = 0;
      vm.memConsumedMiB = 0;
      vm.memSharedMiB = 0;
      vm.memBalloonMiB = 0;
      vm.memSwappedMiB = 0;
      vm.memCompressedMiB = 0;
      vm.diskIops = 0;
      vm.diskLatencyMs = 0;
      vm.diskWriteMiBps = 0;
      vm.netMbps = 0;
      vm.level = 0;
      continue;
    }
    s.vmHost[i] = hi;
    s.hostRunning[hi] = s.hostRunning[hi]! + 1;
    s.vmNext[i] = s.hostHead[hi]!;
    s.hostHead[hi] = i;
    evalWorkload(vm.wp, vm.wl, vm.seq, clk, sample);
    if (vm.serviceId !== null) spreadServiceLoad(w, vm.serviceId);
    const paused = vm.paused;
    const booting = vm.bootUntil > now;
    if (booting) {
      sample.cpuFrac = Math.max(sample.cpuFrac, BOOT_CPU_FRAC);
      sample.memFrac = Math.max(sample.memFrac, vm.guestOS.includes('Windows') ? 1 : BOOT_MEM_FRAC);
    }
    vm.level = sample.cpuFrac;
    if (pin !== null) {
      pin.vcpuMHz[i] = vm.vcpus * host.coreMHz;
      pin.cpuLim[i] = vm.cpuLimitMHz ?? Infinity;
      pin.cpuRes[i] = vm.cpuResMHz;
      pin.cpuSh[i] = vm.cpuShares;
      pin.memMiB[i] = vm.memMiB;
      pin.memLim[i] = vm.memLimitMiB ?? vm.memMiB;
      pin.memRes[i] = vm.memResMiB;
      pin.memSh[i] = vm.memShares;
    }
    const cpuMHz = paused ? 0 : sample.cpuFrac * vm.vcpus * host.coreMHz;
    const activeMiB = Math.min(1, sample.memFrac) * vm.memMiB;
    vm.cpuDemandMHz = cpuMHz;
    vm.memActiveMiB = activeMiB;
    vmCpu[i] = cpuMHz;
    vmMem[i] = activeMiB;
    const wp = vm.wp;
    s.vmCacheFrac[i] = wp.memCachePct / 100;
    s.vmNewDataPct[i] = wp.newDataPct;
    vm.diskIops = paused ? 0 : wp.iopsPeak * sample.intensity;
    vm.netMbps = paused ? 0 : wp.netPeakMbps * sample.intensity;
    vm.diskWriteMiBps = 0;
  }
}

function containerDemand(w: World, s: TickScratch, clk: WorkloadClock): void {
  const hosts = w.hosts;
  const vms = w.vms;
  const now = clk.timeSec;
  const ctrs = w.containers;
  const f = s.frame;
  const { ctCpu, ctMem, ctOn } = f;
  for (let c = 0; c < ctrs.length; c++) {
    const ct = ctrs[c]!;
    ctCpu[c] = 0;
    ctMem[c] = 0;
    ctOn[c] = 0;
    s.ctrHost[c] = -1;
    s.ctrVm[c] = -1;
    s.ctrPhysHost[c] = -1;
    ct.cpuDemandMHz = 0;
    ct.cpuUsageMHz = 0;
    ct.cpuThrottledMs = 0;
    ct.memUsageMiB = 0;
    ct.netMbps = 0;
    ct.diskIops = 0;
    ct.level = 0;
    if (ct.state === 'backoff' && ct.restartAt !== null && ct.restartAt <= now) {
      ct.state = 'running';
      ct.restartAt = null;
      w.event('info', 'container.restarted', msg('ev.ctRestartedN', { ct: ct.name, n: ct.restarts }), [
        ct.id,
      ]);
    }
    if (ct.state !== 'running') continue;
    ctOn[c] = 1;
    let hi = -1;
    let vi = -1;
    if (ct.vmId !== null) {
      vi = s.ctrVmIdx[c]!;
      if (vi >= 0) hi = s.vmHost[vi]!;
      if (hi < 0) continue;
    } else if (ct.hostId !== null) {
      hi = s.ctrHostIdx[c]!;
      const host = hi >= 0 ? hosts[hi] : undefined;
      if (!host || host.state === 'failed' || host.state === 'standby') continue;
    }
    const host = hi >= 0 ? hosts[hi] : undefined;
    if (!host) continue;
    s.ctrPhysHost[c] = hi;
    evalWorkload(ct.wp, ct.wl, ct.seq, clk, sample);
    if (ct.serviceId !== null) spreadServiceLoad(w, ct.serviceId);
    const refMilli = ct.cpuLimitMilli ?? ct.cpuRequestMilli;
    const refMiB = ct.memLimitMiB ?? ct.memRequestMiB;
    const memMiB = sample.memFrac * refMiB;
    if (ct.memLimitMiB !== null && memMiB > ct.memLimitMiB) {
      ct.oomKills++;
      ct.restarts++;
      if (ct.restartPolicy === 'never') {
        ct.state = 'stopped';
        w.event(
          'error',
          'container.oomKilled',
          msg('ev.ctOomStopped', { ct: ct.name, mem: memMiB.toFixed(0), limit: ct.memLimitMiB }),
          [ct.id],
        );
      } else {
        ct.state = 'backoff';
        ct.restartAt = now + oomBackoffSec(ct.restarts);
        w.event(
          'warning',
          'container.oomKilled',
          msg('ev.ctOomRestart', {
            ct: ct.name,
            mem: memMiB.toFixed(0),
            limit: ct.memLimitMiB,
            sec: oomBackoffSec(ct.restarts),
          }),
          [ct.id],
        );
      }
      ctOn[c] = 0;
      continue;
    }
    ct.level = sample.cpuFrac;
    const cpuMHz = ((sample.cpuFrac * refMilli) / 1000) * host.coreMHz;
    ct.cpuDemandMHz = cpuMHz;
    ct.memUsageMiB = memMiB;
    ctCpu[c] = cpuMHz;
    ctMem[c] = memMiB;
    ct.netMbps = ct.wp.netPeakMbps * sample.intensity;
    ct.diskIops = ct.wp.iopsPeak * sample.intensity;
    if (vi >= 0) {
      const vm = vms[vi]!;
      s.ctrVm[c] = vi;
      s.vmCtrDemand[vi] = s.vmCtrDemand[vi]! + ct.cpuDemandMHz;
      vm.cpuDemandMHz += vm.paused ? 0 : cpuMHz;
      vm.memActiveMiB = Math.min(vm.memMiB, vm.memActiveMiB + memMiB);
      f.vmCpu[vi] = vm.cpuDemandMHz;
      f.vmMem[vi] = vm.memActiveMiB;
      vm.netMbps += ct.netMbps;
      vm.diskIops += vm.paused ? 0 : ct.diskIops;
    } else {
      s.ctrHost[c] = hi;
      s.ctrNext[c] = s.hostCtrHead[hi]!;
      s.hostCtrHead[hi] = c;
      s.hostCtrMiB[hi] = s.hostCtrMiB[hi]! + memMiB;
    }
  }
}
