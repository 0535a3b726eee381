/**
 * Steps 1–2 of a tick: what every running guest wants, summed per host.
 * VMs and containers evaluate their workload; containers inside a VM add their demand to the VM; a
 * container whose memory exceeds its limit is OOM-killed and restarts with Kubernetes-style back-off
 * (10 s doubling to 300 s).
 *
 * Layout for speed (the tick is bound by memory traffic, not arithmetic): every guest record is
 * touched once here. Containers go first and park what they add to their VM in typed arrays; the VM
 * pass then evaluates the VM, adds its containers' parts in container order (the same floating-point
 * sequence as adding them one container at a time), and at once sums what its host needs (memory
 * wanted + overhead, CPU raw and capped, network) and what its datastore holds. Direct containers'
 * host sums follow from the typed arrays, in container order.
 */
import { evalWorkload, type WorkloadClock, type WorkloadSample } from '../workload/profile';
import { vmOverheadMiB } from '../world/defaults';
import type { HostRec, VmRec } from '../world/types';
import type { World } from '../world/world';
import { containersPass, spreadServiceLoad } from './container-demand';
import { vmWantMiB } from './memory';
import type { TickScratch } from './scratch';
import { storageAddVm, storageBegin } from './storage';

export { oomBackoffSec } from './container-demand';

const sample: WorkloadSample = { cpuFrac: 0, memFrac: 0, intensity: 0 };

/**
 * Booting: for BOOT_SEC after a cold power-on, reset or HA restart a guest runs at least BOOT_CPU_FRAC of
 * its vCPUs with at least BOOT_MEM_FRAC of its memory active; Windows guests zero all their memory at
 * boot, so it is all touched (an approximation of a boot storm).
 */
export const BOOT_SEC = 120;
export const BOOT_CPU_FRAC = 0.6;
export const BOOT_MEM_FRAC = 0.3;

/** Indexes that change only with the layout (world.version): host of each VM, datastore of its first disk … */
function refreshLayout(w: World, s: TickScratch): void {
  s.layoutVersion = w.version;
  s.vmDisk0.length = w.vms.length;
  for (let h = 0; h < w.hosts.length; h++) s.hostCluster[h] = w.clusterIndex.get(w.hosts[h]!.clusterId) ?? -1;
  for (let i = 0; i < w.vms.length; i++) {
    const vm = w.vms[i]!;
    s.vmReg[i] = w.hostIndex.get(vm.hostId) ?? -1;
    const d0 = vm.disks[0];
    s.vmDs0[i] = d0 === undefined ? -1 : (w.datastoreIndex.get(d0.datastoreId) ?? -1);
    s.vmDiskN[i] = vm.disks.length;
    s.vmDisk0[i] = vm.disks.length === 1 ? d0! : null;
    s.vmHasCtr[i] = 0;
  }
  let n = 0;
  for (let c = 0; c < w.containers.length; c++) {
    const ct = w.containers[c]!;
    const vi = ct.vmId === null ? -1 : (w.vmIndex.get(ct.vmId) ?? -1);
    s.ctrVmIdx[c] = vi;
    s.ctrHostIdx[c] = ct.hostId === null ? -1 : (w.hostIndex.get(ct.hostId) ?? -1);
    if (vi >= 0 && s.vmHasCtr[vi] === 0) {
      s.vmHasCtr[vi] = 1;
      s.ctrVmList[n++] = vi;
    }
  }
  s.ctrVmCount = n;
}

function resetHosts(s: TickScratch, n: number): void {
  s.hostRunning.fill(0, 0, n);
  s.hostHead.fill(-1, 0, n);
  s.hostCtrHead.fill(-1, 0, n);
  s.hostCtrMiB.fill(0, 0, n);
  s.hostMemDemand.fill(0, 0, n);
  s.hostMemActive.fill(0, 0, n);
  s.hostMemWant.fill(0, 0, n);
  s.hostCpuRaw.fill(0, 0, n);
  s.hostCpuCapped.fill(0, 0, n);
  s.hostNetSum.fill(0, 0, n);
  s.hostReclaimed.fill(0, 0, n);
  s.hostFlags.fill(0, 0, n);
}

/** Pass 2: VMs, with their containers' share, their host sums and their datastore sums. */
function vmsPass(w: World, s: TickScratch, clk: WorkloadClock): void {
  const hosts = w.hosts;
  const vms = w.vms;
  const now = clk.timeSec;
  for (let i = 0; i < vms.length; i++) {
    const vm = vms[i]!;
    s.vmPenalty[i] = 0;
    const reg = s.vmReg[i]!;
    const rh = hosts[reg];
    // Running: powered on, not waiting for HA, on a host that is up (container-demand.ts vmRunning).
    const hi = vm.power === 'poweredOn' && !vm.haPending && rh !== undefined && rh.state !== 'failed' && rh.state !== 'standby' ? reg : -1;
    s.vmHost[i] = hi;
    s.vmVcpus[i] = vm.vcpus;
    s.vmMemMiB[i] = vm.memMiB;
    s.vmCoreMHz[i] = rh !== undefined ? rh.coreMHz : 1;
    if (hi < 0) {
      stopVm(vm);
      zeroVmOutputs(s, i);
      storageAddVm(w, s, i, vm, false, 0);
      continue;
    }
    const host = hosts[hi]!;
    s.hostRunning[hi] = s.hostRunning[hi]! + 1;
    s.vmNext[i] = s.hostHead[hi]!;
    s.hostHead[hi] = i;
    evalWorkload(vm.wp, vm.wl, vm.seq, clk, sample);
    if (vm.serviceId !== null) spreadServiceLoad(w, vm.serviceId, sample);
    if (vm.bootUntil > now) {
      sample.cpuFrac = Math.max(sample.cpuFrac, BOOT_CPU_FRAC);
      sample.memFrac = Math.max(sample.memFrac, vm.guestOS.includes('Windows') ? 1 : BOOT_MEM_FRAC);
    }
    const paused = vm.paused;
    let cpuDemand = paused ? 0 : sample.cpuFrac * vm.vcpus * host.coreMHz;
    let memActive = Math.min(1, sample.memFrac) * vm.memMiB;
    const wp = vm.wp;
    let iops = paused ? 0 : wp.iopsPeak * sample.intensity;
    let net = paused ? 0 : wp.netPeakMbps * sample.intensity;
    s.vmNewData[i] = wp.newDataPct;
    vm.level = sample.cpuFrac;
    for (let c = s.vmCtrHead[i]!; c >= 0; c = s.ctrInNext[c]!) {
      cpuDemand += paused ? 0 : s.ctrCpu[c]!;
      memActive = Math.min(vm.memMiB, memActive + s.ctrMem[c]!);
      net += s.ctrNet[c]!;
      iops += paused ? 0 : s.ctrIops[c]!;
    }
    vm.cpuDemandMHz = cpuDemand;
    vm.memActiveMiB = memActive;
    s.vmDemand[i] = cpuDemand;
    s.vmActive[i] = memActive;
    vm.diskIops = iops;
    vm.netMbps = net;
    vm.diskWriteMiBps = 0;
    s.vmIops[i] = iops;
    storageAddVm(w, s, i, vm, !paused, iops);
    addVmToHost(s, i, hi, vm, host);
  }
}

/** What a running VM adds to its host's sums (memory wanted + overhead, CPU raw and capped, network). */
function addVmToHost(s: TickScratch, i: number, h: number, vm: VmRec, host: HostRec): void {
  const want = vmWantMiB(vm, vm.memActiveMiB);
  vm.memWantMiB = want;
  s.vmWant[i] = want;
  const capped = Math.min(vm.cpuDemandMHz, vm.vcpus * host.coreMHz, vm.cpuLimitMHz ?? Infinity);
  s.vmCapped[i] = capped;
  s.hostMemDemand[h] = s.hostMemDemand[h]! + want + vmOverheadMiB(vm.memMiB, vm.vcpus);
  s.hostMemWant[h] = s.hostMemWant[h]! + want;
  s.hostMemActive[h] = s.hostMemActive[h]! + vm.memActiveMiB;
  s.hostCpuRaw[h] = s.hostCpuRaw[h]! + vm.cpuDemandMHz;
  s.hostCpuCapped[h] = s.hostCpuCapped[h]! + capped;
  s.hostNetSum[h] = s.hostNetSum[h]! + vm.netMbps;
  if (vm.memSwappedMiB > 0 || vm.memCompressedMiB > 0) s.hostReclaimed[h] = s.hostReclaimed[h]! + 1;
}

function zeroVmOutputs(s: TickScratch, i: number): void {
  s.vmDemand[i] = 0;
  s.vmUsage[i] = 0;
  s.vmReady[i] = 0;
  s.vmSwapWait[i] = 0;
  s.vmActive[i] = 0;
  s.vmWant[i] = 0;
  s.vmGranted[i] = 0;
  s.vmConsumed[i] = 0;
  s.vmBalloon[i] = 0;
  s.vmShared[i] = 0;
  s.vmCompressed[i] = 0;
  s.vmSwapped[i] = 0;
  s.vmIops[i] = 0;
  s.vmLatency[i] = 0;
  s.vmNet[i] = 0;
}

function stopVm(vm: VmRec): void {
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
}

/**
 * Demand of every guest and the per-host / per-datastore sums of it (storage space and IOPS too).
 * Fills the tick scratch: vmHost, the per-host guest lists, vmCapped, the host sums.
 */
export function computeDemand(w: World, s: TickScratch, clk: WorkloadClock): void {
  if (s.layoutVersion !== w.version) refreshLayout(w, s);
  resetHosts(s, w.hosts.length);
  storageBegin(w);
  containersPass(w, s, clk);
  vmsPass(w, s, clk);
  // Direct containers' host sums, in container order (after every VM, as the host sums always were).
  for (let c = 0; c < w.containers.length; c++) {
    const h = s.ctrHost[c]!;
    if (h < 0) continue;
    s.hostCpuRaw[h] = s.hostCpuRaw[h]! + s.ctrCpu[c]!;
    s.hostCpuCapped[h] = s.hostCpuCapped[h]! + s.ctrCapped[c]!;
    s.hostNetSum[h] = s.hostNetSum[h]! + s.ctrNet[c]!;
  }
}
