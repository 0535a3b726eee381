/**
 * One tick of resource physics: demand → memory → CPU → network → power → storage.
 * Layout for speed: sequential passes over the guest records (hardware prefetch friendly) sum what
 * every host needs; only hosts under memory pressure or CPU contention walk their guests in the
 * detailed paths (contended.ts); a last sequential pass writes the outputs of everyone else.
 */
import type { WorkloadClock } from '../workload/profile';
import { vmOverheadMiB as vmOverheadMiBImport, hypervisorMemMiB, minFreeMiB } from '../world/defaults';
import type { HostRec } from '../world/types';
import type { World } from '../world/world';
import { contendedCpu, contendedMemory } from './contended';
import { poolTick } from '../pools/divide';
import { computeDemand } from './demand';
import { vmWantMiBCache as vmWantMiBCacheImport } from './memory';
import { splitNic, type NicSplit } from './network';
import { hostPowerW } from './power';
import type { TickScratch } from './scratch';
import {
  hostCpuCapacityTopo,
  topoOutputs,
  topoVmDemand as topoVmDemandImport,
  vmOverheadTableMiB as vmOverheadTableMiBImport,
} from './topology';
import { runtimeOutputs } from './runtime';
import {
  storageAddVm as storageAddVmImport,
  storageBegin,
  storageEnd,
  storageMid,
  storageRunVm as storageRunVmImport,
} from './storage';

// Hot per-guest calls go through module-level constants: under tsx every module is CommonJS and an
// imported function is read through a getter on each call (bundled code is unaffected).
const vmOverheadMiB = vmOverheadMiBImport;
const vmWantMiBCache = vmWantMiBCacheImport;
const storageAddVm = storageAddVmImport;
const storageRunVm = storageRunVmImport;
const topoVmDemand = topoVmDemandImport;
const vmOverheadTableMiB = vmOverheadTableMiBImport;

const nic: NicSplit = { guestFactor: 1, perMigrationMbps: 0 };
const MEM_DONE = 1;
const CPU_DONE = 2;

/** Host CPU capacity: sockets × cores × MHz (+ 25 % of it with hyper-threading, physics/topology.ts). */
export function hostCpuCapacityMHz(h: {
  sockets: number;
  coresPerSocket: number;
  coreMHz: number;
  topology?: { threadsPerCore: number } | undefined;
}): number {
  return h.topology === undefined ? h.sockets * h.coresPerSocket * h.coreMHz : hostCpuCapacityTopo(h);
}

/**
 * Each pass is its own function with one loop: V8 compiles a once-per-tick function on its hot loop
 * (on-stack replacement), and code after that loop would be compiled without type feedback and bail out
 * again and again.
 */
export function simulateTick(w: World, s: TickScratch, clk: WorkloadClock): void {
  const tickMs = w.tickSeconds * 1000;
  computeDemand(w, s, clk);
  poolTick(w, s);
  resetHostSums(s, w.hosts.length);
  storageBegin(w, s);
  vmSums(w, s);
  containerSums(w, s);
  hostPass(w, s);
  storageMid(w, s);
  vmOutputs(w, s, tickMs);
  if (s.topo.active > 0) topoOutputs(w, s, s.topo, tickMs);
  if (s.rt.count > 0) runtimeOutputs(w, s, tickMs);
  containerOutputs(w, s, tickMs);
  storageEnd(w);
}

function resetHostSums(s: TickScratch, n: number): void {
  s.hostMemDemand.fill(0, 0, n);
  s.hostMemActive.fill(0, 0, n);
  s.hostMemWant.fill(0, 0, n);
  s.hostCpuRaw.fill(0, 0, n);
  s.hostCpuCapped.fill(0, 0, n);
  s.hostNetSum.fill(0, 0, n);
  s.hostReclaimed.fill(0, 0, n);
  s.hostFlags.fill(0, 0, n);
}

/** Pass A (sequential): what each running VM wants, summed per host; datastore space and IOPS. */
function vmSums(w: World, s: TickScratch): void {
  const hosts = w.hosts;
  const vms = w.vms;
  const poolCpu = s.poolCpuCap;
  const poolMem = s.poolMemCap;
  const topo = s.topo;
  topo.active = 0;
  topo.hostVcpus.fill(0, 0, hosts.length);
  topo.hostLimited.fill(0, 0, hosts.length);
  for (let i = 0; i < vms.length; i++) {
    const vm = vms[i]!;
    storageAddVm(w, s, i, vm);
    topo.on[i] = 0;
    const h = s.vmHost[i]!;
    if (h < 0) continue;
    const host = hosts[h]!;
    let want = vmWantMiBCache(vm, vm.memActiveMiB, s.vmCacheFrac[i]!);
    // Resource pools (pools/divide.ts): a pool's memory limit and its CPU entitlement cap its VMs.
    if (poolMem !== null && poolMem[i]! < want) want = poolMem[i]!;
    vm.memWantMiB = want;
    let capped: number;
    let ovhMiB: number;
    if (host.topology === undefined) {
      capped = Math.min(vm.cpuDemandMHz, vm.vcpus * host.coreMHz, vm.cpuLimitMHz ?? Infinity);
      ovhMiB = vmOverheadMiB(vm.memMiB, vm.vcpus);
    } else {
      capped = topoVmDemand(topo, i, h, vm, host);
      ovhMiB = vmOverheadTableMiB(vm.memMiB, vm.vcpus);
    }
    if (poolCpu !== null && poolCpu[i]! < capped) capped = poolCpu[i]!;
    s.vmCapped[i] = capped;
    s.hostMemDemand[h] = s.hostMemDemand[h]! + want + ovhMiB;
    s.hostMemWant[h] = s.hostMemWant[h]! + want;
    s.hostMemActive[h] = s.hostMemActive[h]! + vm.memActiveMiB;
    s.hostCpuRaw[h] = s.hostCpuRaw[h]! + vm.cpuDemandMHz;
    s.hostCpuCapped[h] = s.hostCpuCapped[h]! + capped;
    s.hostNetSum[h] = s.hostNetSum[h]! + vm.netMbps;
    if (vm.memSwappedMiB > 0 || vm.memCompressedMiB > 0) s.hostReclaimed[h] = s.hostReclaimed[h]! + 1;
  }
}

/** Direct containers' CPU and network, summed per host. */
function containerSums(w: World, s: TickScratch): void {
  const hosts = w.hosts;
  const ctrs = w.containers;
  for (let c = 0; c < ctrs.length; c++) {
    const h = s.ctrHost[c]!;
    if (h < 0) continue;
    const ct = ctrs[c]!;
    const host = hosts[h]!;
    const limit = ct.cpuLimitMilli === null ? Infinity : (ct.cpuLimitMilli / 1000) * host.coreMHz;
    s.hostCpuRaw[h] = s.hostCpuRaw[h]! + ct.cpuDemandMHz;
    s.hostCpuCapped[h] = s.hostCpuCapped[h]! + Math.min(ct.cpuDemandMHz, limit);
    s.hostNetSum[h] = s.hostNetSum[h]! + ct.netMbps;
  }
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
    storageRunVm(w, s, i, vm);
    const flags = s.hostFlags[h]!;
    if ((flags & MEM_DONE) === 0) {
      vm.memSharedMiB = 0;
      vm.memBalloonMiB = 0;
      vm.memGrantedMiB = vm.memWantMiB;
      vm.memConsumedMiB = vm.memWantMiB;
    }
    if ((flags & CPU_DONE) === 0) {
      const coreMHz = hosts[h]!.coreMHz;
      const usage = s.vmCapped[i]!;
      vm.cpuUsageMHz = usage;
      // Only a limit can hold back an uncontended VM; that throttling counts as ready [V9].
      vm.cpuReadyMs = (Math.max(0, Math.min(vm.cpuDemandMHz, vm.vcpus * coreMHz) - usage) / coreMHz) * tickMs;
      vm.cpuSwapWaitMs = 0;
    }
    const f = s.hostNetFactor[h]!;
    if (f < 1) vm.netMbps *= f;
  }
}

/** Pass D (sequential): containers. */
function containerOutputs(w: World, s: TickScratch, tickMs: number): void {
  const hosts = w.hosts;
  const vms = w.vms;
  const ctrs = w.containers;
  for (let c = 0; c < ctrs.length; c++) {
    const h = s.ctrHost[c]!;
    const vi = s.ctrVm[c]!;
    const ct = ctrs[c]!;
    if (h >= 0) {
      if ((s.hostFlags[h]! & CPU_DONE) === 0) {
        const host = hosts[h]!;
        const limit = ct.cpuLimitMilli === null ? Infinity : (ct.cpuLimitMilli / 1000) * host.coreMHz;
        ct.cpuUsageMHz = Math.min(ct.cpuDemandMHz, limit);
        ct.cpuThrottledMs = ((ct.cpuDemandMHz - ct.cpuUsageMHz) / host.coreMHz) * tickMs;
      }
      const f = s.hostNetFactor[h]!;
      if (f < 1) ct.netMbps *= f;
    } else if (vi >= 0) {
      // Containers inside a VM share what their VM got, in proportion to demand.
      const vm = vms[vi]!;
      // On a topology host the VM's usage includes its overhead and remote-memory stall: containers share its guest work.
      const t = s.topo;
      const got = t.on[vi] === 1 ? (vm.cpuUsageMHz - t.ovhMHz[vi]!) / t.stretch[vi]! : vm.cpuUsageMHz;
      const f = vm.cpuDemandMHz > 0 ? Math.max(0, Math.min(1, got / vm.cpuDemandMHz)) : 1;
      ct.cpuUsageMHz = ct.cpuDemandMHz * f;
      const vh = s.vmHost[vi]!;
      const coreMHz = (vh >= 0 ? hosts[vh]?.coreMHz : undefined) ?? 1;
      ct.cpuThrottledMs = ((ct.cpuDemandMHz - ct.cpuUsageMHz) / coreMHz) * tickMs;
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
