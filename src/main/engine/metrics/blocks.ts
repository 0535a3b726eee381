/**
 * Writes one MetricBlock per kind from the records after a tick. The id lists are rebuilt only when
 * the inventory changes (world.version). Value arrays come from a ring of RING buffers per kind (no
 * per-tick allocation, so no GC churn at high speed): a block stays valid for RING − 1 further steps.
 * With `fresh: true` every tick allocates new arrays the caller may keep.
 * Host, cluster and datastore lookups come from the tick's scratch indexes (no per-entity map lookups).
 */
import type { MetricBlock } from '../api';
import { hostCpuCapacityMHz } from '../physics/tick';
import type { TickScratch } from '../physics/scratch';
import type { World } from '../world/world';
import { CLUSTER_METRICS, CONTAINER_METRICS, DATASTORE_METRICS, HOST_METRICS, VM_METRICS } from './catalog';

const pct = (a: number, b: number): number => (b > 0 ? (a / b) * 100 : 0);

export const RING = 3;

export class BlockWriter {
  private ring: Record<string, Float64Array<ArrayBuffer>[]> = {};
  private turn = 0;

  constructor(private readonly fresh = false) {}

  /** A zeroed array of `size` values for `kind`, reused every RING ticks. */
  private buffer(kind: string, size: number): Float64Array<ArrayBuffer> {
    if (this.fresh) return new Float64Array(size);
    const slots = (this.ring[kind] ??= []);
    const k = this.turn % RING;
    let b = slots[k];
    if (!b || b.length !== size) {
      b = new Float64Array(size);
      slots[k] = b;
    } else b.fill(0);
    return b;
  }

  /** Per-cluster sums gathered while writing the VM and container blocks (one pass over the guests). */
  private clRunning = new Float64Array(0);
  private clReadyMs = new Float64Array(0);
  private clVcpus = new Float64Array(0);
  private clContainers = new Float64Array(0);

  private version = -1;
  private ids = { host: [] as string[], vm: [] as string[], container: [] as string[], datastore: [] as string[], cluster: [] as string[] };

  private refresh(w: World): void {
    if (this.version === w.version) return;
    this.version = w.version;
    this.ids = {
      host: w.hosts.map((r) => r.id),
      vm: w.vms.map((r) => r.id),
      container: w.containers.map((r) => r.id),
      datastore: w.datastores.map((r) => r.id),
      cluster: w.clusters.map((r) => r.id),
    };
  }

  write(w: World, s: TickScratch): MetricBlock[] {
    this.refresh(w);
    this.turn++;
    const nc = w.clusters.length;
    if (this.clRunning.length !== nc) {
      this.clRunning = new Float64Array(nc);
      this.clReadyMs = new Float64Array(nc);
      this.clVcpus = new Float64Array(nc);
      this.clContainers = new Float64Array(nc);
    } else {
      this.clRunning.fill(0);
      this.clReadyMs.fill(0);
      this.clVcpus.fill(0);
      this.clContainers.fill(0);
    }
    return [this.hosts(w, s), this.vmsBlock(w, s), this.containersBlock(w, s), this.datastoresBlock(w), this.clustersBlock(w, s)];
  }

  private hosts(w: World, s: TickScratch): MetricBlock {
    const n = w.hosts.length;
    const v = this.buffer('host', HOST_METRICS.length * n);
    for (let e = 0; e < n; e++) {
      const h = w.hosts[e]!;
      const cap = hostCpuCapacityMHz(h);
      let m = 0;
      v[m++ * n + e] = h.cpuUsageMHz;
      v[m++ * n + e] = pct(h.cpuUsageMHz, cap);
      v[m++ * n + e] = h.cpuDemandMHz;
      v[m++ * n + e] = cap;
      v[m++ * n + e] = h.memConsumedMiB;
      v[m++ * n + e] = pct(h.memConsumedMiB, h.memMiB);
      v[m++ * n + e] = h.memGrantedMiB;
      v[m++ * n + e] = h.memActiveMiB;
      v[m++ * n + e] = h.memSharedMiB;
      v[m++ * n + e] = h.memBalloonMiB;
      v[m++ * n + e] = h.memCompressedMiB;
      v[m++ * n + e] = h.memSwappedMiB;
      v[m++ * n + e] = h.memState;
      v[m++ * n + e] = h.memMiB;
      v[m++ * n + e] = h.netMbps;
      v[m++ * n + e] = h.netMigrationMbps;
      v[m++ * n + e] = h.powerW;
      v[m++ * n + e] = h.energyKWh;
      v[m * n + e] = s.hostRunning[e]!;
    }
    return { kind: 'host', ids: this.ids.host, values: v };
  }

  private vmsBlock(w: World, s: TickScratch): MetricBlock {
    const n = w.vms.length;
    const v = this.buffer('vm', VM_METRICS.length * n);
    const dtMs = w.tickSeconds * 1000;
    for (let e = 0; e < n; e++) {
      const vm = w.vms[e]!;
      const coreMHz = w.hosts[s.vmReg[e]!]?.coreMHz ?? 1;
      const hi = s.vmHost[e]!;
      const cl = hi >= 0 ? s.hostCluster[hi]! : -1;
      if (cl >= 0) {
        this.clRunning[cl] = this.clRunning[cl]! + 1;
        this.clReadyMs[cl] = this.clReadyMs[cl]! + vm.cpuReadyMs;
        this.clVcpus[cl] = this.clVcpus[cl]! + vm.vcpus;
      }
      const prov = s.vmProvGiB[e]!;
      const used = s.vmUsedGiB[e]!;
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
      v[m++ * n + e] = prov;
      v[m++ * n + e] = used;
      v[m++ * n + e] = vm.diskIops;
      v[m++ * n + e] = vm.diskLatencyMs;
      v[m++ * n + e] = vm.netMbps;
      v[m * n + e] = pct(vm.cpuReadyMs, dtMs) / vm.vcpus;
    }
    return { kind: 'vm', ids: this.ids.vm, values: v };
  }

  private containersBlock(w: World, s: TickScratch): MetricBlock {
    const n = w.containers.length;
    const v = this.buffer('container', CONTAINER_METRICS.length * n);
    for (let e = 0; e < n; e++) {
      const c = w.containers[e]!;
      const phys = s.ctrPhysHost[e]!;
      const host = w.hosts[phys];
      const toMilli = 1000 / (host?.coreMHz ?? 1000);
      const cl = phys >= 0 ? s.hostCluster[phys]! : -1;
      if (cl >= 0 && c.state === 'running') this.clContainers[cl] = this.clContainers[cl]! + 1;
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
    return { kind: 'container', ids: this.ids.container, values: v };
  }

  private datastoresBlock(w: World): MetricBlock {
    const n = w.datastores.length;
    const v = this.buffer('datastore', DATASTORE_METRICS.length * n);
    for (let e = 0; e < n; e++) {
      const d = w.datastores[e]!;
      const row = [d.capacityGiB, d.provisionedGiB, d.usedGiB, pct(d.usedGiB, d.capacityGiB), d.iops, d.latencyMs];
      for (let m = 0; m < row.length; m++) v[m * n + e] = row[m]!;
    }
    return { kind: 'datastore', ids: this.ids.datastore, values: v };
  }

  private clustersBlock(w: World, s: TickScratch): MetricBlock {
    const n = w.clusters.length;
    const k = CLUSTER_METRICS.length;
    const acc = this.buffer('cluster', k * n);
    const add = (m: number, c: number, x: number): void => {
      acc[m * n + c] = acc[m * n + c]! + x;
    };
    for (let hi = 0; hi < w.hosts.length; hi++) {
      const h = w.hosts[hi]!;
      const c = s.hostCluster[hi]!;
      if (c < 0) continue;
      const up = h.state === 'connected' || h.state === 'maintenance';
      if (up) add(0, c, hostCpuCapacityMHz(h));
      add(1, c, h.cpuUsageMHz);
      add(3, c, h.cpuDemandMHz);
      if (up) add(5, c, h.memMiB);
      add(6, c, h.memConsumedMiB);
      add(8, c, h.memSwappedMiB);
      add(9, c, h.netMbps);
      add(10, c, h.powerW);
      add(11, c, h.energyKWh);
      if (h.state === 'connected') add(12, c, 1);
    }
    for (let c = 0; c < n; c++) {
      acc[13 * n + c] = this.clRunning[c]!;
      acc[14 * n + c] = this.clContainers[c]!;
      acc[2 * n + c] = pct(acc[1 * n + c]!, acc[c]!);
      // Cluster ready: average per vCPU of the powered-on VMs.
      acc[4 * n + c] = this.clVcpus[c]! > 0 ? pct(this.clReadyMs[c]! / this.clVcpus[c]!, w.tickSeconds * 1000) : 0;
      acc[7 * n + c] = pct(acc[6 * n + c]!, acc[5 * n + c]!);
    }
    return { kind: 'cluster', ids: this.ids.cluster, values: acc };
  }
}
