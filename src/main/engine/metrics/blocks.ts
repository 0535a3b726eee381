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
import {
  CLUSTER_METRICS,
  CONTAINER_METRICS,
  DATASTORE_METRICS,
  HOST_METRICS,
  POOL_METRICS,
  VM_METRICS,
} from './catalog';
import { poolValues } from '../pools/metrics';
import { containerValues, pct, vmValues, type ClusterGuestSums } from './guest-blocks';
import { vmTopoValues } from './topo-blocks';

export const RING = 3;

function sameIds(prev: string[], list: readonly { id: string }[]): string[] {
  if (prev.length === list.length) {
    let same = true;
    for (let i = 0; same && i < list.length; i++) same = prev[i] === list[i]!.id;
    if (same) return prev;
  }
  return list.map((r) => r.id);
}

export class BlockWriter {
  private ring: Record<string, Float64Array<ArrayBuffer>[]> = {};
  private turn = 0;

  constructor(private readonly fresh = false) {}

  /** An array of `size` values for `kind`, reused every RING ticks; zeroed when `zero` (else the caller writes every value). */
  private buffer(kind: string, size: number, zero: boolean): Float64Array<ArrayBuffer> {
    if (this.fresh) return new Float64Array(size);
    const slots = (this.ring[kind] ??= []);
    const k = this.turn % RING;
    let b = slots[k];
    if (!b || b.length !== size) {
      b = new Float64Array(size);
      slots[k] = b;
    } else if (zero) b.fill(0);
    return b;
  }

  /** Per-cluster sums gathered while writing the VM and container blocks (one pass over the guests). */
  private sums: ClusterGuestSums = {
    running: new Float64Array(0),
    readyMs: new Float64Array(0),
    vcpus: new Float64Array(0),
    containers: new Float64Array(0),
    hostReadyMs: new Float64Array(0),
    hostVcpus: new Float64Array(0),
  };

  private version = -1;
  private ids = {
    host: [] as string[],
    vm: [] as string[],
    container: [] as string[],
    datastore: [] as string[],
    cluster: [] as string[],
    pool: [] as string[],
  };

  /** Rebuilds an id list only when it changed, so consumers keep their per-block indexes (same array = same ids). */
  private refresh(w: World): void {
    if (this.version === w.version) return;
    this.version = w.version;
    const ids = this.ids;
    this.ids = {
      host: sameIds(ids.host, w.hosts),
      vm: sameIds(ids.vm, w.vms),
      container: sameIds(ids.container, w.containers),
      datastore: sameIds(ids.datastore, w.datastores),
      cluster: sameIds(ids.cluster, w.clusters),
      pool: sameIds(ids.pool, w.pools),
    };
  }

  write(w: World, s: TickScratch): MetricBlock[] {
    this.refresh(w);
    this.turn++;
    const nc = w.clusters.length;
    const sums = this.sums;
    const nh = w.hosts.length;
    if (sums.running.length !== nc || sums.hostReadyMs.length !== nh) {
      this.sums = {
        running: new Float64Array(nc),
        readyMs: new Float64Array(nc),
        vcpus: new Float64Array(nc),
        containers: new Float64Array(nc),
        hostReadyMs: new Float64Array(nh),
        hostVcpus: new Float64Array(nh),
      };
    } else {
      sums.running.fill(0);
      sums.readyMs.fill(0);
      sums.vcpus.fill(0);
      sums.containers.fill(0);
      sums.hostReadyMs.fill(0);
      sums.hostVcpus.fill(0);
    }
    // The VM block first: it gathers the per-host ready sums the host block reads.
    const vms = this.vmsBlock(w, s);
    return [
      this.hosts(w, s),
      vms,
      this.containersBlock(w, s),
      this.datastoresBlock(w),
      this.clustersBlock(w, s),
      this.poolsBlock(w, s),
    ];
  }

  /** Resource pools (issue 20): an empty block when the world has none. */
  private poolsBlock(w: World, s: TickScratch): MetricBlock {
    const v = this.buffer('pool', POOL_METRICS.length * w.pools.length, false);
    poolValues(w, s, v);
    return { kind: 'pool', ids: this.ids.pool, values: v };
  }

  private hosts(w: World, s: TickScratch): MetricBlock {
    const n = w.hosts.length;
    const v = this.buffer('host', HOST_METRICS.length * n, false);
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
      v[m++ * n + e] = s.hostRunning[e]!;
      v[m * n + e] =
        this.sums.hostVcpus[e]! > 0
          ? pct(this.sums.hostReadyMs[e]! / this.sums.hostVcpus[e]!, w.tickSeconds * 1000)
          : 0;
    }
    return { kind: 'host', ids: this.ids.host, values: v };
  }

  private vmsBlock(w: World, s: TickScratch): MetricBlock {
    const v = this.buffer('vm', VM_METRICS.length * w.vms.length, false);
    vmValues(w, s, v, this.sums);
    vmTopoValues(w, s, v);
    return { kind: 'vm', ids: this.ids.vm, values: v };
  }

  private containersBlock(w: World, s: TickScratch): MetricBlock {
    const v = this.buffer('container', CONTAINER_METRICS.length * w.containers.length, false);
    containerValues(w, s, v, this.sums);
    return { kind: 'container', ids: this.ids.container, values: v };
  }

  private datastoresBlock(w: World): MetricBlock {
    const n = w.datastores.length;
    const v = this.buffer('datastore', DATASTORE_METRICS.length * n, false);
    for (let e = 0; e < n; e++) {
      const d = w.datastores[e]!;
      v[e] = d.capacityGiB;
      v[n + e] = d.provisionedGiB;
      v[2 * n + e] = d.usedGiB;
      v[3 * n + e] = pct(d.usedGiB, d.capacityGiB);
      v[4 * n + e] = d.iops;
      v[5 * n + e] = d.latencyMs;
    }
    return { kind: 'datastore', ids: this.ids.datastore, values: v };
  }

  private clustersBlock(w: World, s: TickScratch): MetricBlock {
    const n = w.clusters.length;
    const k = CLUSTER_METRICS.length;
    const acc = this.buffer('cluster', k * n, true);
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
      acc[13 * n + c] = this.sums.running[c]!;
      acc[14 * n + c] = this.sums.containers[c]!;
      acc[2 * n + c] = pct(acc[1 * n + c]!, acc[c]!);
      // Cluster ready: average per vCPU of the powered-on VMs.
      acc[4 * n + c] =
        this.sums.vcpus[c]! > 0 ? pct(this.sums.readyMs[c]! / this.sums.vcpus[c]!, w.tickSeconds * 1000) : 0;
      acc[7 * n + c] = pct(acc[6 * n + c]!, acc[5 * n + c]!);
    }
    return { kind: 'cluster', ids: this.ids.cluster, values: acc };
  }
}
