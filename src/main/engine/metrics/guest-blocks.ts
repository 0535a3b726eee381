/**
 * Values of the VM and container metric blocks (column-major: metric m of entity e at m · n + e), read
 * from the records after a tick, with the per-cluster guest sums the cluster block needs. Each loop is a
 * function of its own (see physics/tick.ts on why).
 */
import type { TickScratch } from '../physics/scratch';
import type { World } from '../world/world';

export interface ClusterGuestSums {
  running: Float64Array;
  readyMs: Float64Array;
  vcpus: Float64Array;
  containers: Float64Array;
  /** Per host: ready time and vCPUs of the VMs running there (the host's cpu.ready.pct). */
  hostReadyMs: Float64Array;
  hostVcpus: Float64Array;
}

export const pct = (a: number, b: number): number => (b > 0 ? (a / b) * 100 : 0);

export function vmValues(w: World, s: TickScratch, v: Float64Array, sums: ClusterGuestSums): void {
  const n = w.vms.length;
  const dtMs = w.tickSeconds * 1000;
  for (let e = 0; e < n; e++) {
    const vm = w.vms[e]!;
    const reg = s.vmReg[e]!;
    const coreMHz = (reg >= 0 ? w.hosts[reg]?.coreMHz : undefined) ?? 1;
    const hi = s.vmHost[e]!;
    const cl = hi >= 0 ? s.hostCluster[hi]! : -1;
    if (hi >= 0) {
      sums.hostReadyMs[hi] = sums.hostReadyMs[hi]! + vm.cpuReadyMs;
      sums.hostVcpus[hi] = sums.hostVcpus[hi]! + vm.vcpus;
    }
    if (cl >= 0) {
      sums.running[cl] = sums.running[cl]! + 1;
      sums.readyMs[cl] = sums.readyMs[cl]! + vm.cpuReadyMs;
      sums.vcpus[cl] = sums.vcpus[cl]! + vm.vcpus;
    }
    let m = 0;
    v[m++ * n + e] = vm.cpuUsageMHz;
    v[m++ * n + e] = pct(vm.cpuUsageMHz, vm.vcpus * coreMHz);
    v[m++ * n + e] = vm.cpuDemandMHz;
    v[m++ * n + e] = vm.cpuReadyMs;
    v[m++ * n + e] = pct(vm.cpuReadyMs, dtMs);
    v[m++ * n + e] = vm.cpuSwapWaitMs;
    v[m++ * n + e] = vm.memGrantedMiB;
    v[m++ * n + e] = vm.memActiveMiB;
    v[m++ * n + e] = vm.memConsumedMiB;
    v[m++ * n + e] = pct(vm.memActiveMiB, vm.memMiB);
    v[m++ * n + e] = vm.memBalloonMiB;
    v[m++ * n + e] = vm.memCompressedMiB;
    v[m++ * n + e] = vm.memSwappedMiB;
    v[m++ * n + e] = vm.memSharedMiB;
    v[m++ * n + e] = s.vmProvGiB[e]!;
    v[m++ * n + e] = s.vmUsedGiB[e]!;
    v[m++ * n + e] = vm.diskIops;
    v[m++ * n + e] = vm.diskLatencyMs;
    v[m++ * n + e] = vm.netMbps;
    v[m * n + e] = pct(vm.cpuReadyMs, dtMs) / vm.vcpus;
  }
}

export function containerValues(w: World, s: TickScratch, v: Float64Array, sums: ClusterGuestSums): void {
  const n = w.containers.length;
  for (let e = 0; e < n; e++) {
    const c = w.containers[e]!;
    const phys = s.ctrPhysHost[e]!;
    const host = phys >= 0 ? w.hosts[phys] : undefined;
    const toMilli = 1000 / (host?.coreMHz ?? 1000);
    const cl = phys >= 0 ? s.hostCluster[phys]! : -1;
    if (cl >= 0 && c.state === 'running') sums.containers[cl] = sums.containers[cl]! + 1;
    const usageMilli = c.cpuUsageMHz * toMilli;
    let m = 0;
    v[m++ * n + e] = usageMilli;
    v[m++ * n + e] = pct(usageMilli, c.cpuLimitMilli ?? c.cpuRequestMilli);
    v[m++ * n + e] = c.cpuDemandMHz * toMilli;
    v[m++ * n + e] = c.cpuThrottledMs;
    v[m++ * n + e] = c.memUsageMiB;
    v[m++ * n + e] = pct(c.memUsageMiB, c.memLimitMiB ?? c.memRequestMiB);
    v[m++ * n + e] = c.netMbps;
    v[m++ * n + e] = c.diskIops;
    v[m * n + e] = c.restarts;
  }
}
