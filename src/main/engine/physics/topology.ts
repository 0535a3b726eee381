/**
 * The detailed CPU model of a host that has a `topology` (docs/model.md "NUMA, hyper-threading, co-stop"
 * and "What each virtualization layer costs"): hyper-threads, NUMA locality, relaxed co-scheduling
 * (co-stop), ready that follows the vCPU:pCPU ratio, and the CPU and memory each virtualization layer
 * costs. Hosts without a topology keep the flat model of tick.ts bit for bit.
 *
 * Per tick: `topoVmDemand` (from the VM pass of tick.ts) turns a VM's guest demand into what it asks of
 * the host (remote-memory stretch + hypervisor overhead); after the host decisions `topoOutputs` writes
 * ready, co-stop and the per-VM figures the metric blocks and the layers view read (TopoScratch).
 */
import { vmOverheadMiB } from '../world/defaults';
import type { HostRec, VmRec } from '../world/types';
import type { World } from '../world/world';
import type { TickScratch } from './scratch';

/** tick.ts's host flag: the host took the contended CPU path this tick. */
const CPU_CONTENDED = 2;

/** Throughput of a core with both hyper-threads busy, in cores: 1.25 (each thread "slightly more than half") [V17][V18]. */
export const HT_CORE_GAIN = 0.25;
/** Remote / local memory latency: ACPI SLIT distance 21 vs 10 on two-socket x86 servers [N1]. */
export const NUMA_REMOTE_RATIO = 2.1;
/** Share of a vCPU's cycles that stall on memory at local latency (an approximation; see docs/model.md). */
export const NUMA_MEM_STALL = 0.3;
/** Share of the skewed time that exceeds the co-scheduling skew threshold (an approximation). */
export const COSTOP_SKEW = 0.3;
/** Hypervisor CPU per running vCPU, % of a core (timer and monitor work of an idle vCPU; approximation) [L1]. */
export const OVH_PER_VCPU_FRAC = 0.005;
/** Hypervisor CPU per guest cycle with hardware-assisted CPU/MMU virtualization [L1]. */
export const OVH_CPU_FRAC = 0.02;
/** Extra CPU per guest cycle for emulated / paravirtual I/O (removed by passthrough) [L2]. */
export const OVH_IO_FRAC = 0.03;
/** Extra CPU per guest cycle of a nested hypervisor's guests (Turtles: 6–8 % for CPU-bound work) [L3]. */
export const OVH_NESTED_FRAC = 0.07;

/** Host CPU capacity: cores × MHz, plus 25 % of the cores with hyper-threading. */
export function hostCpuCapacityTopo(h: {
  sockets: number;
  coresPerSocket: number;
  coreMHz: number;
  topology?: { threadsPerCore: number } | undefined;
}): number {
  const base = h.sockets * h.coresPerSocket * h.coreMHz;
  const t = h.topology;
  return t === undefined || t.threadsPerCore < 2 ? base : base * (1 + HT_CORE_GAIN);
}

/**
 * Servers of the host's vCPU queue: its throughput in cores (cores, × 1.25 with hyper-threading) — a
 * hyper-thread is not a core, so 2 threads of a busy core serve like 1.25 cores.
 */
export function hostQueueServers(h: HostRec): number {
  return Math.floor(hostCpuCapacityTopo(h) / h.coreMHz);
}

/** NUMA nodes a VM spans on a host: its vCPUs over the node's cores, its memory over the node's memory. */
export function numaSpan(h: HostRec, vcpus: number, memMiB: number): number {
  const t = h.topology;
  if (t === undefined || t.numaNodes <= 1) return 1;
  const nodeCores = (h.sockets * h.coresPerSocket) / t.numaNodes;
  const nodeMiB = h.memMiB / t.numaNodes;
  return Math.min(t.numaNodes, Math.max(1, Math.ceil(vcpus / nodeCores), Math.ceil(memMiB / nodeMiB)));
}

/** Share of a VM's memory accesses that are local: its memory is interleaved over the nodes it spans. */
export function numaLocality(h: HostRec, vcpus: number, memMiB: number): number {
  return 1 / numaSpan(h, vcpus, memMiB);
}

/** Cycles per unit of guest work: remote accesses stall longer, `1 + stall × remote × (ratio − 1)`. */
export function numaStretch(locality: number): number {
  return 1 + NUMA_MEM_STALL * (1 - locality) * (NUMA_REMOTE_RATIO - 1);
}

/** Hypervisor CPU overhead of a VM, MHz: per running vCPU plus a share of its guest cycles. */
export function vmCpuOverheadMHz(vm: VmRec, coreMHz: number, guestMHz: number): number {
  let frac = OVH_CPU_FRAC;
  if (vm.passthrough === undefined || vm.passthrough.length === 0) frac += OVH_IO_FRAC;
  if (vm.nested === true) frac += OVH_NESTED_FRAC;
  return vm.vcpus * coreMHz * OVH_PER_VCPU_FRAC + guestMHz * frac;
}

/**
 * vSphere's sample overhead memory table (MB, VMX swap and hardware MMU on) [V19]: rows 256, 1024, 4096,
 * 16384 MB of configured memory, columns 1, 2, 4, 8 vCPUs.
 */
const OVH_MEM = [256, 1024, 4096, 16384];
const OVH_CPU = [1, 2, 4, 8];
const OVH_TABLE = [
  [20.29, 24.28, 32.23, 48.16],
  [25.9, 29.91, 37.86, 53.82],
  [48.64, 52.72, 60.67, 76.78],
  [139.62, 143.98, 151.93, 168.6],
];

/** Index of the segment of `xs` that x falls in (clamped to the first / last, which extrapolate). */
function seg(xs: number[], x: number): number {
  let i = 0;
  while (i < xs.length - 2 && x > xs[i + 1]!) i++;
  return i;
}

/**
 * Overhead memory of a VM (MiB) from the vSphere table: bilinear interpolation between its rows and
 * columns, linear extrapolation beyond (the table is linear in memory and in vCPUs to within 1 %).
 */
export function vmOverheadTableMiB(memMiB: number, vcpus: number): number {
  const i = seg(OVH_MEM, memMiB);
  const j = seg(OVH_CPU, vcpus);
  const fm = (memMiB - OVH_MEM[i]!) / (OVH_MEM[i + 1]! - OVH_MEM[i]!);
  const fc = (vcpus - OVH_CPU[j]!) / (OVH_CPU[j + 1]! - OVH_CPU[j]!);
  const r0 = OVH_TABLE[i]!;
  const r1 = OVH_TABLE[i + 1]!;
  const a = r0[j]! + (r0[j + 1]! - r0[j]!) * fc;
  const b = r1[j]! + (r1[j + 1]! - r1[j]!) * fc;
  return Math.max(1, a + (b - a) * fm);
}

/** Overhead memory of a VM on a host: the vSphere table on a topology host, the flat approximation elsewhere. */
export function vmOverheadOnHost(host: HostRec, vm: VmRec): number {
  return host.topology === undefined
    ? vmOverheadMiB(vm.memMiB, vm.vcpus)
    : vmOverheadTableMiB(vm.memMiB, vm.vcpus);
}

/**
 * Mean number of waiting vCPUs in the machine-interference (finite-source M/M/c//n) queue: n vCPUs, each
 * runnable a share u of the time when never delayed, c servers [Q1]. 0 when n ≤ c (every vCPU has a
 * server of its own) — so ready on an uncontended host follows the vCPU:pCPU ratio.
 */
export function waitingVcpus(n: number, c: number, u: number): number {
  if (n <= c || u <= 0) return 0;
  const uu = Math.min(u, 0.999);
  const r = uu / (1 - uu);
  // p_k ∝ C(n,k) r^k (k ≤ c), ∝ C(n,k) k!/(c! c^(k−c)) r^k (k > c); terms built by their ratios, rescaled.
  let t = 1;
  let sum = 1;
  let lq = 0;
  for (let k = 1; k <= n; k++) {
    t *= ((n - k + 1) * r) / (k <= c ? k : c);
    sum += t;
    if (k > c) lq += (k - c) * t;
    if (sum > 1e250) {
      t /= 1e250;
      sum /= 1e250;
      lq /= 1e250;
    }
    if (k > c && t < sum * 1e-16) break;
  }
  return lq / sum;
}

/** Probability-weighted co-stop share of a vCPU's time: running while a sibling waits past the skew threshold. */
export function coStopFrac(vcpus: number, readyFrac: number): number {
  if (vcpus < 2 || readyFrac <= 0) return 0;
  const p = Math.min(1, readyFrac);
  return (1 - p) * (1 - Math.pow(1 - p, vcpus - 1)) * COSTOP_SKEW;
}

/** Per-tick figures of the detailed model, per VM (indexed like w.vms); read by the metric blocks and views. */
export class TopoScratch {
  /** VMs on topology hosts this tick (0 = none: the metric blocks write the flat defaults). */
  active = 0;
  /** Per VM: 1 when it ran on a host with a topology this tick. */
  on = new Uint8Array(16);
  locality = new Float64Array(16);
  /** Cycles per unit of guest work (≥ 1). */
  stretch = new Float64Array(16);
  /** Hypervisor CPU overhead asked, MHz. */
  ovhMHz = new Float64Array(16);
  /** What the VM asked of the host: min(guest × stretch, vCPUs × MHz, limit) + overhead. */
  want = new Float64Array(16);
  /** Co-stop, ms summed over the VM's vCPUs. */
  costopMs = new Float64Array(16);
  /** Per host: vCPUs of its running VMs, and 1 when one of them has a CPU limit (reset by topoBegin). */
  hostVcpus = new Float64Array(16);
  hostLimited = new Uint8Array(16);

  ensureHosts(hosts: number): void {
    if (this.hostVcpus.length >= hosts) return;
    const m = Math.max(hosts, this.hostVcpus.length * 2);
    this.hostVcpus = new Float64Array(m);
    this.hostLimited = new Uint8Array(m);
  }

  ensure(vms: number): void {
    if (this.on.length >= vms) return;
    const m = Math.max(vms, this.on.length * 2);
    this.on = new Uint8Array(m);
    this.locality = new Float64Array(m);
    this.stretch = new Float64Array(m);
    this.ovhMHz = new Float64Array(m);
    this.want = new Float64Array(m);
    this.costopMs = new Float64Array(m);
  }
}

/**
 * VM pass, for a VM on a topology host: returns what it asks of the host's CPU (MHz) and records the
 * figures. `guestMHz` = its guest demand (workload + containers inside).
 */
export function topoVmDemand(t: TopoScratch, i: number, h: number, vm: VmRec, host: HostRec): number {
  const loc = numaLocality(host, vm.vcpus, vm.memMiB);
  const st = numaStretch(loc);
  const cap = Math.min(vm.cpuDemandMHz * st, vm.vcpus * host.coreMHz);
  const ovh = vmCpuOverheadMHz(vm, host.coreMHz, cap);
  t.active++;
  t.on[i] = 1;
  t.locality[i] = loc;
  t.stretch[i] = st;
  t.ovhMHz[i] = ovh;
  t.want[i] = cap + ovh;
  t.costopMs[i] = 0;
  t.hostVcpus[h] = t.hostVcpus[h]! + vm.vcpus;
  if (vm.cpuLimitMHz !== null) t.hostLimited[h] = 1;
  return Math.min(cap, vm.cpuLimitMHz ?? Infinity) + ovh;
}

/**
 * After the host decisions: ready, co-stop and remote cycles of the VMs on topology hosts. On an
 * uncontended host ready comes from the vCPU:pCPU queue (waitingVcpus); on a contended one it is the
 * larger of that and the fair-share shortfall. Co-stop takes its share of the granted time (the VM
 * makes no progress while co-stopped), and the host's usage drops by what co-stop idled.
 */
export function topoOutputs(w: World, s: TickScratch, t: TopoScratch, tickMs: number): void {
  const hosts = w.hosts;
  const vms = w.vms;
  for (let h = 0; h < hosts.length; h++) {
    const host = hosts[h]!;
    if (host.topology === undefined || s.hostHead[h]! < 0) continue;
    const mhz = host.coreMHz;
    const n = t.hostVcpus[h]!;
    const servers = hostQueueServers(host);
    // A quiet host (uncontended, every vCPU has a server, no CPU limit): every VM got what it asked, no
    // ready, no co-stop — the VM pass already wrote that (usage = ask, ready 0).
    if ((s.hostFlags[h]! & CPU_CONTENDED) === 0 && n <= servers && t.hostLimited[h] === 0) continue;
    // Guests' usage on this host (the host's usage also counts its direct containers).
    let busy = 0;
    for (let i = s.hostHead[h]!; i >= 0; i = s.vmNext[i]!) busy += vms[i]!.cpuUsageMHz;
    const wait = waitingVcpus(n, servers, n > 0 ? busy / (n * mhz) : 0);
    const queueFrac = n > 0 ? wait / n : 0;
    let idled = 0;
    for (let i = s.hostHead[h]!; i >= 0; i = s.vmNext[i]!) {
      const vm = vms[i]!;
      const g = vm.cpuUsageMHz;
      // The overhead is granted in the same proportion as the VM's whole request.
      const want = t.want[i]!;
      t.ovhMHz[i] = want > 0 ? t.ovhMHz[i]! * Math.min(1, g / want) : 0;
      const stalled = s.vmPenalty[i]! * s.vmCapped[i]!;
      const shortMs = (Math.max(0, want - g - stalled) / mhz) * tickMs;
      const queueMs = queueFrac * vm.vcpus * tickMs;
      const ready = Math.max(shortMs, queueMs);
      vm.cpuReadyMs = ready;
      const cs = coStopFrac(vm.vcpus, ready / (vm.vcpus * tickMs));
      t.costopMs[i] = cs * vm.vcpus * tickMs;
      const lost = g * cs;
      idled += lost;
      const used = g - lost;
      vm.cpuUsageMHz = used;
    }
    if (idled > 0) {
      host.cpuUsageMHz = Math.max(0, host.cpuUsageMHz - idled);
    }
  }
}
