/**
 * The cluster load model DRS balances (vSphere before 7 [V4]; KB 1007485 "Calculating the priority level
 * of a VMware DRS migration recommendation"): each host's load is Σ(VM demand) / host capacity, taken as the
 * larger of the CPU share (CPU demand / cores × MHz) and the memory share ((active memory + overhead) /
 * usable memory); the cluster's imbalance is the standard deviation of the host loads ("current host load
 * standard deviation"). Recommendation priority = 6 − ⌈σ / 0.1 × √N⌉, so the migration threshold T accepts
 * moves while σ > (5 − T) × 0.1 / √N ("target host load standard deviation").
 * Demand is averaged over the DRS window (demand-window.ts) once the engine has recorded ticks.
 * Only connected hosts take part; hosts in maintenance, standby or failed, and dedicated HA failover hosts,
 * are not balanced.
 */
import type { GuestScope } from '../../world/admission';
import { vmOverheadMiB } from '../../world/defaults';
import type { VmRec } from '../../world/types';
import type { World } from '../../world/world';
import { hostCpuCapMHz, hostMemCapMiB } from '../capacity';
import { activeMiB, demandHistory } from '../demand-window';

export interface DrsHost {
  id: string;
  name: string;
  cpuCapMHz: number;
  memCapMiB: number;
  cpuMHz: number;
  memMiB: number;
  /** May receive VMs from balancing (not a dedicated failover host). */
  target: boolean;
}

export interface DrsVm {
  id: string;
  name: string;
  /** Index into hosts. */
  host: number;
  cpuMHz: number;
  memMiB: number;
  /** Null when DRS may move it; otherwise why not. */
  pinned: string | null;
  rec: VmRec;
}

export interface ClusterLoad {
  clusterId: string;
  hosts: DrsHost[];
  vms: DrsVm[];
  hostIndex: Map<string, number>;
  /** Most samples behind a VM's averaged demand (ticks of the DRS window); 0 = this tick's demand. */
  samples: number;
}

/** Memory a VM demands for balancing: active memory (or its configured share before the first tick) plus overhead. */
export function vmMemDemandMiB(vm: VmRec): number {
  const active = vm.memActiveMiB > 0 ? vm.memActiveMiB : (vm.memMiB * vm.workload.memActivePct) / 100;
  return active + vmOverheadMiB(vm.memMiB, vm.vcpus);
}

/** `skipHostIds`: hosts left out of balancing entirely (e.g. one DPM is emptying). */
/** `scope`: the cluster's hosts and guests gathered once per round (else the whole world is scanned). */
export function buildClusterLoad(
  w: Readonly<World>,
  clusterId: string,
  skipHostIds: readonly string[] = [],
  scope?: GuestScope,
): ClusterLoad {
  const cl = w.clusterById.get(clusterId);
  const failover =
    cl && cl.settings.ha.enabled && cl.settings.ha.admission === 'failoverHosts'
      ? cl.settings.ha.failoverHostIds
      : [];
  const hosts: DrsHost[] = [];
  const hostIndex = new Map<string, number>();
  for (const h of scope?.hosts ?? w.hosts) {
    // Dedicated HA failover hosts stay out of balancing (and out of σ): DRS never uses them [V7].
    if (
      h.clusterId !== clusterId ||
      h.state !== 'connected' ||
      skipHostIds.includes(h.id) ||
      failover.includes(h.id)
    )
      continue;
    hostIndex.set(h.id, hosts.length);
    hosts.push({
      id: h.id,
      name: h.name,
      cpuCapMHz: hostCpuCapMHz(h),
      memCapMiB: hostMemCapMiB(h),
      cpuMHz: 0,
      memMiB: 0,
      target: true,
    });
  }
  const vms: DrsVm[] = [];
  // Demand averaged over the DRS window when the engine records it (demand-window.ts), else this tick's.
  const hist = demandHistory(w);
  let samples = 0;
  for (const vm of scope?.vms ?? w.vms) {
    if (vm.power !== 'poweredOn' || vm.haPending) continue;
    const i = hostIndex.get(vm.hostId);
    if (i === undefined) continue;
    const hs = hosts[i]!;
    const k = hist ? hist.vms.sampled(vm.id) : -1;
    let cpu = vm.cpuDemandMHz;
    let mem = vmMemDemandMiB(vm);
    if (k >= 0) {
      const series = hist!.vms;
      cpu = series.cpuOf(k);
      mem = series.memOf(k) + (mem - activeMiB(vm));
      if (series.samples(k) > samples) samples = series.samples(k);
    }
    hs.cpuMHz += cpu;
    hs.memMiB += mem;
    let pinned: string | null = null;
    if (vm.busyTaskId !== null) pinned = 'a task is running on it';
    else if (vm.migratingTo !== null) pinned = 'it is migrating';
    else if (vm.paused) pinned = 'it is paused (datastore full)';
    vms.push({ id: vm.id, name: vm.name, host: i, cpuMHz: cpu, memMiB: mem, pinned, rec: vm });
  }
  // Containers running directly on hosts are load that does not move.
  for (const ct of scope?.containers ?? w.containers) {
    if (ct.state !== 'running' || ct.hostId === null) continue;
    const i = hostIndex.get(ct.hostId);
    if (i === undefined) continue;
    hosts[i]!.cpuMHz += hist ? hist.ctCpuMHz(ct) : ct.cpuDemandMHz;
    hosts[i]!.memMiB += hist ? hist.ctMemMiB(ct) : ct.memUsageMiB;
  }
  return { clusterId, hosts, vms, hostIndex, samples };
}

export function hostLoadOf(
  cpuMHz: number,
  memMiB: number,
  h: Pick<DrsHost, 'cpuCapMHz' | 'memCapMiB'>,
): number {
  const c = h.cpuCapMHz > 0 ? cpuMHz / h.cpuCapMHz : 0;
  const m = h.memCapMiB > 0 ? memMiB / h.memCapMiB : 0;
  return c > m ? c : m;
}

export function hostLoads(cl: ClusterLoad): number[] {
  return cl.hosts.map((h) => hostLoadOf(h.cpuMHz, h.memMiB, h));
}

/** Population standard deviation. */
export function stdDev(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  let s = 0;
  let q = 0;
  for (const v of values) {
    s += v;
    q += v * v;
  }
  const mean = s / n;
  return Math.sqrt(Math.max(0, q / n - mean * mean));
}

/** KB 1007485: 6 − ⌈σ / 0.1 × √N⌉, before clamping; > 5 means "no recommendation". */
export function rawPriority(sigma: number, hostCount: number): number {
  return 6 - Math.ceil((sigma / 0.1) * Math.sqrt(hostCount) - 1e-12);
}

/** Priority of a load-balancing recommendation (2..5; 1 is reserved for mandatory moves), or null. */
export function balancePriority(sigma: number, hostCount: number): number | null {
  const p = rawPriority(sigma, hostCount);
  if (p > 5) return null;
  return p < 2 ? 2 : p;
}

/** The imbalance a threshold tolerates ("target host load standard deviation"). */
export function targetImbalance(threshold: number, hostCount: number): number {
  return hostCount > 0 ? ((5 - threshold) * 0.1) / Math.sqrt(hostCount) : 0;
}
