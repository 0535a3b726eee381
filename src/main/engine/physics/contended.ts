/**
 * The detailed per-host paths, taken only by hosts under memory pressure or CPU contention:
 * ESXi memory reclamation (memory.ts) over the host's VMs, then the max-min fair CPU division
 * (fair-share.ts) between its VMs (demand reduced by the memory stall) and its direct containers.
 * Writes the outputs of those guests; the sequential passes in tick.ts skip them.
 */
import type { HostRec, VmRec } from '../world/types';
import type { World } from '../world/world';
import { fairShare } from './fair-share';
import { hostMemory, type HostMemInput } from './memory';
import type { TickScratch } from './scratch';

const hostVms: VmRec[] = [];
const memInput: HostMemInput = {
  host: null as unknown as HostRec,
  vms: hostVms,
  containerMiB: 0,
  incomingMiB: 0,
  tickSeconds: 20,
};

export function contendedMemory(w: World, s: TickScratch, h: number, host: HostRec): void {
  hostVms.length = 0;
  for (let i = s.hostHead[h]!; i >= 0; i = s.vmNext[i]!) hostVms.push(w.vms[i]!);
  s.penalties.length = hostVms.length;
  memInput.host = host;
  memInput.containerMiB = s.hostCtrMiB[h]!;
  memInput.incomingMiB = s.hostIncomingMiB[h]!;
  memInput.tickSeconds = w.tickSeconds;
  hostMemory(memInput, s.penalties);
  let k = 0;
  for (let i = s.hostHead[h]!; i >= 0; i = s.vmNext[i]!) s.vmPenalty[i] = s.penalties[k++] ?? 0;
}

/** Divides the host's CPU; returns the MHz used. */
export function contendedCpu(w: World, s: TickScratch, h: number, host: HostRec, capMHz: number): number {
  const vms = w.vms;
  const ctrs = w.containers;
  const tickMs = w.tickSeconds * 1000;
  let n = 0;
  for (let i = s.hostHead[h]!; i >= 0; i = s.vmNext[i]!) n++;
  for (let c = s.hostCtrHead[h]!; c >= 0; c = s.ctrNext[c]!) n++;
  s.ensureParticipants(n);
  let k = 0;
  for (let i = s.hostHead[h]!; i >= 0; i = s.vmNext[i]!) {
    const vm = vms[i]!;
    s.pd[k] = s.vmCapped[i]! * (1 - s.vmPenalty[i]!);
    s.pr[k] = vm.cpuResMHz;
    // In a cluster with resource pools the VM weighs its share of the pool tree (pools/divide.ts).
    s.ps[k] = s.poolWeight !== null && s.poolWeight[i]! > 0 ? s.poolWeight[i]! : vm.cpuShares;
    s.pref[k] = i;
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
    k++;
  }
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
      const stalled = s.vmPenalty[ref]! * s.vmCapped[ref]!;
      vm.cpuReadyMs = (Math.max(0, want - g - stalled) / host.coreMHz) * tickMs;
      vm.cpuSwapWaitMs = (stalled / host.coreMHz) * tickMs;
    } else {
      const ct = ctrs[-ref - 1]!;
      ct.cpuUsageMHz = g;
      ct.cpuThrottledMs = (Math.max(0, ct.cpuDemandMHz - g) / host.coreMHz) * tickMs;
    }
  }
  return used;
}
