/**
 * One tick of resource physics, in order: demand → memory (per host) → CPU (per host, with the
 * memory stall as swap wait) → storage → network → power. Reads migration load from the scratch
 * (filled by the task runner) and writes every per-tick output field of the records.
 */
import type { WorkloadClock } from '../workload/profile';
import type { VmRec } from '../world/types';
import type { World } from '../world/world';
import { computeDemand } from './demand';
import { fairShare } from './fair-share';
import { hostMemory, vmWantMiB } from './memory';
import { splitNic, type NicSplit } from './network';
import { hostPowerW } from './power';
import type { TickScratch } from './scratch';
import { storageTick } from './storage';

const nic: NicSplit = { guestFactor: 1, perMigrationMbps: 0 };
const hostVms: VmRec[] = [];

export function hostCpuCapacityMHz(h: { sockets: number; coresPerSocket: number; coreMHz: number }): number {
  return h.sockets * h.coresPerSocket * h.coreMHz;
}

export function simulateTick(w: World, s: TickScratch, clk: WorkloadClock): void {
  const dt = w.tickSeconds;
  const tickMs = dt * 1000;
  computeDemand(w, s, clk);
  const vms = w.vms;
  const ctrs = w.containers;
  for (let h = 0; h < w.hosts.length; h++) {
    const host = w.hosts[h]!;
    // ---- memory
    hostVms.length = 0;
    for (let i = s.hostHead[h]!; i >= 0; i = s.vmNext[i]!) {
      const vm = vms[i]!;
      vm.memWantMiB = vmWantMiB(vm, vm.memActiveMiB);
      hostVms.push(vm);
    }
    const up = host.state !== 'failed' && host.state !== 'standby';
    if (!up) {
      zeroHost(host);
      continue;
    }
    s.penalties.length = hostVms.length;
    hostMemory({ host, vms: hostVms, containerMiB: s.hostCtrMiB[h]!, incomingMiB: s.hostIncomingMiB[h]!, tickSeconds: dt }, s.penalties);
    // ---- CPU: VMs and direct containers divide the host by reservation and shares.
    let n = 0;
    for (let i = s.hostHead[h]!; i >= 0; i = s.vmNext[i]!) n++;
    for (let c = s.hostCtrHead[h]!; c >= 0; c = s.ctrNext[c]!) n++;
    s.ensureParticipants(n);
    let k = 0;
    let demandSum = 0;
    for (let i = s.hostHead[h]!; i >= 0; i = s.vmNext[i]!) {
      const vm = vms[i]!;
      // hostVms was filled in the same order, so its penalty is at position k.
      const penalty = s.penalties[k] ?? 0;
      s.vmPenalty[i] = penalty;
      const capped = Math.min(vm.cpuDemandMHz, vm.vcpus * host.coreMHz, vm.cpuLimitMHz ?? Infinity);
      s.pd[k] = capped * (1 - penalty);
      s.pr[k] = vm.cpuResMHz;
      s.ps[k] = vm.cpuShares;
      s.pref[k] = i;
      demandSum += vm.cpuDemandMHz;
      k++;
    }
    for (let c = s.hostCtrHead[h]!; c >= 0; c = s.ctrNext[c]!) {
      const ct = ctrs[c]!;
      const limit = ct.cpuLimitMilli === null ? Infinity : (ct.cpuLimitMilli / 1000) * host.coreMHz;
      s.pd[k] = Math.min(ct.cpuDemandMHz, limit);
      s.pr[k] = 0;
      // cgroup cpu.shares = request × 1024 / 1000, so 1000 m ≈ one vCPU at normal shares.
      s.ps[k] = Math.max(2, ct.cpuRequestMilli);
      s.pref[k] = -(c + 1);
      demandSum += ct.cpuDemandMHz;
      k++;
    }
    const capMHz = host.state === 'connected' || host.state === 'maintenance' ? hostCpuCapacityMHz(host) : 0;
    fairShare(n, capMHz, s.pd, s.pr, s.ps, s.pout, s.fair);
    let used = 0;
    for (let p = 0; p < n; p++) {
      const g = s.pout[p]!;
      used += g;
      const ref = s.pref[p]!;
      if (ref >= 0) {
        const vm = vms[ref]!;
        const want = Math.min(vm.cpuDemandMHz, vm.vcpus * host.coreMHz);
        vm.cpuUsageMHz = g;
        // Ready: runnable time not granted, summed over vCPUs (vCenter cpu.ready) [V9].
        const stalled = s.vmPenalty[ref]! * want;
        vm.cpuReadyMs = (Math.max(0, want - g - stalled) / host.coreMHz) * tickMs;
        vm.cpuSwapWaitMs = (stalled / host.coreMHz) * tickMs;
      } else {
        const ct = ctrs[-ref - 1]!;
        ct.cpuUsageMHz = g;
        ct.cpuThrottledMs = (Math.max(0, ct.cpuDemandMHz - g) / host.coreMHz) * tickMs;
      }
    }
    host.cpuDemandMHz = demandSum;
    host.cpuUsageMHz = used;
    // ---- network (guest part; migrations read hostMigMbps)
    let net = 0;
    for (let i = s.hostHead[h]!; i >= 0; i = s.vmNext[i]!) net += vms[i]!.netMbps;
    for (let c = s.hostCtrHead[h]!; c >= 0; c = s.ctrNext[c]!) net += ctrs[c]!.netMbps;
    splitNic(host.nicMbps, net, s.hostMigFlows[h]!, nic);
    s.hostNetFactor[h] = nic.guestFactor;
    s.hostMigMbps[h] = nic.perMigrationMbps;
    host.netMigrationMbps = nic.perMigrationMbps * s.hostMigFlows[h]!;
    host.netMbps = net * nic.guestFactor + host.netMigrationMbps;
    for (let i = s.hostHead[h]!; i >= 0; i = s.vmNext[i]!) vms[i]!.netMbps *= nic.guestFactor;
    // ---- power
    host.powerW = hostPowerW(host, capMHz > 0 ? used / capMHz : 0);
    host.energyKWh += (host.powerW * dt) / 3.6e6;
  }
  // Containers inside VMs share what their VM got, in proportion to demand.
  for (let c = 0; c < ctrs.length; c++) {
    const vi = s.ctrVm[c]!;
    if (vi < 0) continue;
    const ct = ctrs[c]!;
    const vm = vms[vi]!;
    const f = vm.cpuDemandMHz > 0 ? Math.min(1, vm.cpuUsageMHz / vm.cpuDemandMHz) : 1;
    ct.cpuUsageMHz = ct.cpuDemandMHz * f;
    const coreMHz = w.hosts[s.vmHost[vi]!]?.coreMHz ?? 1;
    ct.cpuThrottledMs = ((ct.cpuDemandMHz - ct.cpuUsageMHz) / coreMHz) * tickMs;
  }
  storageTick(w, s);
}

function zeroHost(host: World['hosts'][number]): void {
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
