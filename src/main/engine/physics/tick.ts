/**
 * One tick of resource physics: demand → memory → CPU → network → power → storage.
 * Layout for speed: sequential passes over the guest records (hardware prefetch friendly); the demand
 * pass (demand.ts) also sums what every host needs; only hosts under memory pressure or CPU contention
 * walk their guests in the detailed paths (contended.ts); a last sequential pass writes the outputs of
 * everyone else.
 */
import type { WorkloadClock } from '../workload/profile';
import { hypervisorMemMiB, minFreeMiB } from '../world/defaults';
import type { HostRec } from '../world/types';
import type { World } from '../world/world';
import { contendedCpu, contendedMemory } from './contended';
import { computeDemand } from './demand';
import { splitNic, type NicSplit } from './network';
import { hostPowerW } from './power';
import type { TickScratch } from './scratch';
import { storageEnd, storageMid, storageRunVm } from './storage';

const nic: NicSplit = { guestFactor: 1, perMigrationMbps: 0 };
const MEM_DONE = 1;
const CPU_DONE = 2;

export function hostCpuCapacityMHz(h: { sockets: number; coresPerSocket: number; coreMHz: number }): number {
  return h.sockets * h.coresPerSocket * h.coreMHz;
}

/**
 * Each pass is its own function with one loop: V8 compiles a once-per-tick function on its hot loop
 * (on-stack replacement), and code after that loop would be compiled without type feedback and bail
 * out again every tick.
 */
export function simulateTick(w: World, s: TickScratch, clk: WorkloadClock): void {
  const tickMs = w.tickSeconds * 1000;
  computeDemand(w, s, clk);
  hostPass(w, s);
  storageMid(w);
  vmOutputs(w, s, tickMs);
  containerOutputs(w, s, tickMs);
  storageEnd(w);
}

/** Host pass: decide per host; only contended hosts walk their guests. */
function hostPass(w: World, s: TickScratch): void {
  const hosts = w.hosts;
  const dt = w.tickSeconds;
  for (let h = 0; h < hosts.length; h++) {
    const host = hosts[h]!;
    if (host.state === 'failed' || host.state === 'standby') {
      zeroHost(host);
      continue;
    }
    const minFree = minFreeMiB(host.memMiB);
    const hyper = hypervisorMemMiB(host.memMiB);
    const fixedMiB = s.hostCtrMiB[h]! + s.hostIncomingMiB[h]!;
    const free0 = host.memMiB - hyper - fixedMiB - s.hostMemDemand[h]!;
    const pressure = free0 < 4 * minFree || s.hostReclaimed[h]! > 0;
    if (pressure) {
      contendedMemory(w, s, h, host);
      s.hostFlags[h] = MEM_DONE;
    } else {
      host.memState = 0;
      host.memGrantedMiB = s.hostMemWant[h]!;
      host.memConsumedMiB = Math.min(host.memMiB, hyper + fixedMiB + s.hostMemDemand[h]!);
      host.memActiveMiB = s.hostMemActive[h]!;
      host.memSharedMiB = 0;
      host.memBalloonMiB = 0;
      host.memCompressedMiB = 0;
      host.memSwappedMiB = 0;
    }
    const capMHz = hostCpuCapacityMHz(host);
    let used = s.hostCpuCapped[h]!;
    if (pressure || used > capMHz) {
      used = contendedCpu(w, s, h, host, capMHz);
      s.hostFlags[h] = s.hostFlags[h]! | CPU_DONE;
    }
    host.cpuDemandMHz = s.hostCpuRaw[h]!;
    host.cpuUsageMHz = used;
    // Network: guest traffic and migrations share the NIC (NIOC shares).
    splitNic(host.nicMbps, s.hostNetSum[h]!, s.hostMigFlows[h]!, nic);
    s.hostNetFactor[h] = nic.guestFactor;
    s.hostMigMbps[h] = nic.perMigrationMbps;
    host.netMigrationMbps = nic.perMigrationMbps * s.hostMigFlows[h]!;
    host.netMbps = s.hostNetSum[h]! * nic.guestFactor + host.netMigrationMbps;
    host.powerW = hostPowerW(host, capMHz > 0 ? used / capMHz : 0);
    host.energyKWh += (host.powerW * dt) / 3.6e6;
  }
}

/** Pass C (sequential): outputs of VMs on hosts that took the fast path; thin growth and latency. */
function vmOutputs(w: World, s: TickScratch, tickMs: number): void {
  const hosts = w.hosts;
  const vms = w.vms;
  for (let i = 0; i < vms.length; i++) {
    const h = s.vmHost[i]!;
    if (h < 0) continue;
    const vm = vms[i]!;
    storageRunVm(w, s, i, vm, s.vmIops[i]!, s.vmNewData[i]!);
    const flags = s.hostFlags[h]!;
    if ((flags & MEM_DONE) === 0) {
      // No pressure on the host: nothing reclaimed, and no VM on it holds swapped or compressed memory.
      const want = s.vmWant[i]!;
      vm.memSharedMiB = 0;
      vm.memBalloonMiB = 0;
      vm.memGrantedMiB = want;
      vm.memConsumedMiB = want;
      s.vmShared[i] = 0;
      s.vmBalloon[i] = 0;
      s.vmGranted[i] = want;
      s.vmConsumed[i] = want;
      s.vmCompressed[i] = 0;
      s.vmSwapped[i] = 0;
    } else {
      s.vmShared[i] = vm.memSharedMiB;
      s.vmBalloon[i] = vm.memBalloonMiB;
      s.vmGranted[i] = vm.memGrantedMiB;
      s.vmConsumed[i] = vm.memConsumedMiB;
      s.vmCompressed[i] = vm.memCompressedMiB;
      s.vmSwapped[i] = vm.memSwappedMiB;
    }
    if ((flags & CPU_DONE) === 0) {
      const coreMHz = hosts[h]!.coreMHz;
      const usage = s.vmCapped[i]!;
      // Only a limit can hold back an uncontended VM; that throttling counts as ready [V9].
      const ready = (Math.max(0, Math.min(s.vmDemand[i]!, s.vmVcpus[i]! * coreMHz) - usage) / coreMHz) * tickMs;
      vm.cpuUsageMHz = usage;
      vm.cpuReadyMs = ready;
      vm.cpuSwapWaitMs = 0;
      s.vmUsage[i] = usage;
      s.vmReady[i] = ready;
      s.vmSwapWait[i] = 0;
    } else {
      s.vmUsage[i] = vm.cpuUsageMHz;
      s.vmReady[i] = vm.cpuReadyMs;
      s.vmSwapWait[i] = vm.cpuSwapWaitMs;
    }
    const f = s.hostNetFactor[h]!;
    if (f < 1) vm.netMbps *= f;
    s.vmNet[i] = vm.netMbps;
  }
}

/** Pass D (sequential): containers. */
function containerOutputs(w: World, s: TickScratch, tickMs: number): void {
  const hosts = w.hosts;
  const ctrs = w.containers;
  for (let c = 0; c < ctrs.length; c++) {
    const h = s.ctrHost[c]!;
    const vi = s.ctrVm[c]!;
    if (h >= 0) {
      const ct = ctrs[c]!;
      if ((s.hostFlags[h]! & CPU_DONE) === 0) {
        const coreMHz = hosts[h]!.coreMHz;
        const usage = s.ctrCapped[c]!;
        const throttled = ((s.ctrCpu[c]! - usage) / coreMHz) * tickMs;
        ct.cpuUsageMHz = usage;
        ct.cpuThrottledMs = throttled;
        s.ctrUsage[c] = usage;
        s.ctrThrottled[c] = throttled;
      } else {
        s.ctrUsage[c] = ct.cpuUsageMHz;
        s.ctrThrottled[c] = ct.cpuThrottledMs;
      }
      const f = s.hostNetFactor[h]!;
      if (f < 1) {
        ct.netMbps *= f;
        s.ctrNet[c] = ct.netMbps;
      }
    } else if (vi >= 0) {
      // Containers inside a VM share what their VM got, in proportion to demand.
      const ct = ctrs[c]!;
      const vmDemand = s.vmDemand[vi]!;
      const f = vmDemand > 0 ? Math.min(1, s.vmUsage[vi]! / vmDemand) : 1;
      const demand = s.ctrCpu[c]!;
      const usage = demand * f;
      const coreMHz = hosts[s.vmHost[vi]!]?.coreMHz ?? 1;
      const throttled = ((demand - usage) / coreMHz) * tickMs;
      ct.cpuUsageMHz = usage;
      ct.cpuThrottledMs = throttled;
      s.ctrUsage[c] = usage;
      s.ctrThrottled[c] = throttled;
    }
  }
}

function zeroHost(host: HostRec): void {
  host.cpuDemandMHz = 0;
  host.cpuUsageMHz = 0;
  host.memConsumedMiB = 0;
  host.memGrantedMiB = 0;
  host.memActiveMiB = 0;
  host.memSharedMiB = 0;
  host.memBalloonMiB = 0;
  host.memCompressedMiB = 0;
  host.memSwappedMiB = 0;
  host.memState = 0;
  host.netMbps = 0;
  host.netMigrationMbps = 0;
  host.powerW = hostPowerW(host, 0);
}
