/**
 * Values of the VM and container metric blocks (column-major: metric m of entity e at m · n + e).
 *
 * From the tick scratch (dense arrays the physics filled with exactly what it wrote to the records) when
 * the inventory is the one the physics ran on: whole columns are copied, and no record is read except a
 * VM whose swapped or compressed memory is not zero (a power-off between the physics and the metrics
 * clears both). Otherwise (a task deleted or moved a guest after the physics) from the records.
 * Both gather the per-cluster guest sums the cluster block needs.
 */
import type { TickScratch } from '../physics/scratch';
import type { World } from '../world/world';

export interface ClusterGuestSums {
  running: Float64Array;
  readyMs: Float64Array;
  vcpus: Float64Array;
  containers: Float64Array;
}

export const pct = (a: number, b: number): number => (b > 0 ? (a / b) * 100 : 0);

/** True when the scratch describes the current inventory (no structural change since the physics ran). */
export function scratchIsCurrent(w: World, s: TickScratch): boolean {
  return s.layoutVersion === w.version;
}

export function vmValuesFromScratch(w: World, s: TickScratch, v: Float64Array, sums: ClusterGuestSums): void {
  const n = w.vms.length;
  const dtMs = w.tickSeconds * 1000;
  const copy = (m: number, from: Float64Array): void => v.set(from.subarray(0, n), m * n);
  copy(0, s.vmUsage);
  copy(2, s.vmDemand);
  copy(3, s.vmReady);
  copy(5, s.vmSwapWait);
  copy(6, s.vmGranted);
  copy(7, s.vmActive);
  copy(8, s.vmConsumed);
  copy(10, s.vmBalloon);
  copy(11, s.vmCompressed);
  copy(12, s.vmSwapped);
  copy(13, s.vmShared);
  copy(14, s.vmProvGiB);
  copy(15, s.vmUsedGiB);
  copy(16, s.vmIops);
  copy(17, s.vmLatency);
  copy(18, s.vmNet);
  derivedVmColumns(s, v, n, dtMs);
  for (let e = 0; e < n; e++) {
    if (s.vmCompressed[e] !== 0) v[11 * n + e] = w.vms[e]!.memCompressedMiB;
    if (s.vmSwapped[e] !== 0) v[12 * n + e] = w.vms[e]!.memSwappedMiB;
  }
  for (let e = 0; e < n; e++) {
    const hi = s.vmHost[e]!;
    const cl = hi >= 0 ? s.hostCluster[hi]! : -1;
    if (cl >= 0) {
      sums.running[cl] = sums.running[cl]! + 1;
      sums.readyMs[cl] = sums.readyMs[cl]! + s.vmReady[e]!;
      sums.vcpus[cl] = sums.vcpus[cl]! + s.vmVcpus[e]!;
    }
  }
}

/** The percentage columns: CPU usage of the vCPUs, ready (summed and per vCPU), active memory. */
function derivedVmColumns(s: TickScratch, v: Float64Array, n: number, dtMs: number): void {
  for (let e = 0; e < n; e++) {
    const vcpus = s.vmVcpus[e]!;
    const readyPct = pct(s.vmReady[e]!, dtMs);
    v[n + e] = pct(s.vmUsage[e]!, vcpus * s.vmCoreMHz[e]!);
    v[4 * n + e] = readyPct;
    v[9 * n + e] = pct(s.vmActive[e]!, s.vmMemMiB[e]!);
    v[19 * n + e] = readyPct / vcpus;
  }
}

export function vmValuesFromRecords(w: World, s: TickScratch, v: Float64Array, sums: ClusterGuestSums): void {
  const n = w.vms.length;
  const dtMs = w.tickSeconds * 1000;
  for (let e = 0; e < n; e++) {
    const vm = w.vms[e]!;
    const reg = s.vmReg[e]!;
    const coreMHz = (reg >= 0 ? w.hosts[reg]?.coreMHz : undefined) ?? 1;
    const hi = s.vmHost[e]!;
    const cl = hi >= 0 ? s.hostCluster[hi]! : -1;
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

export function containerValuesFromScratch(w: World, s: TickScratch, v: Float64Array, sums: ClusterGuestSums): void {
  const n = w.containers.length;
  const hosts = w.hosts;
  for (let e = 0; e < n; e++) {
    const phys = s.ctrPhysHost[e]!;
    const toMilli = 1000 / (phys >= 0 ? hosts[phys]!.coreMHz : 1000);
    const cl = phys >= 0 ? s.hostCluster[phys]! : -1;
    if (cl >= 0 && s.ctrUp[e] === 1) sums.containers[cl] = sums.containers[cl]! + 1;
    const usageMilli = s.ctrUsage[e]! * toMilli;
    const memMiB = s.ctrMem[e]!;
    v[e] = usageMilli;
    v[n + e] = pct(usageMilli, s.ctrRefMilli[e]!);
    v[2 * n + e] = s.ctrCpu[e]! * toMilli;
    v[3 * n + e] = s.ctrThrottled[e]!;
    v[4 * n + e] = memMiB;
    v[5 * n + e] = pct(memMiB, s.ctrRefMiB[e]!);
    v[6 * n + e] = s.ctrNet[e]!;
    v[7 * n + e] = s.ctrIops[e]!;
    v[8 * n + e] = s.ctrRestarts[e]!;
  }
}

export function containerValuesFromRecords(w: World, s: TickScratch, v: Float64Array, sums: ClusterGuestSums): void {
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
