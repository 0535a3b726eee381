/** The metric catalogue: ordered metric definitions per entity kind (column i of a block is entry i). */
import type { MetricCatalog, MetricDef } from '../api';

const avg = (name: string, unit: MetricDef['unit']): MetricDef => ({ name, unit, rollup: 'avg' });
const last = (name: string, unit: MetricDef['unit']): MetricDef => ({ name, unit, rollup: 'last' });

export const HOST_METRICS = [
  avg('cpu.usage.mhz', 'MHz'),
  avg('cpu.usage.pct', '%'),
  avg('cpu.demand.mhz', 'MHz'),
  last('cpu.capacity.mhz', 'MHz'),
  avg('mem.consumed.mib', 'MiB'),
  avg('mem.usage.pct', '%'),
  avg('mem.granted.mib', 'MiB'),
  avg('mem.active.mib', 'MiB'),
  avg('mem.shared.mib', 'MiB'),
  avg('mem.ballooned.mib', 'MiB'),
  avg('mem.compressed.mib', 'MiB'),
  avg('mem.swapped.mib', 'MiB'),
  last('mem.state', 'count'),
  last('mem.capacity.mib', 'MiB'),
  avg('net.mbps', 'Mbps'),
  avg('net.vmotion.mbps', 'Mbps'),
  avg('power.w', 'W'),
  last('energy.kwh', 'kWh'),
  last('vms.running', 'count'),
  /** CPU ready of the host's running VMs, averaged per vCPU (appended: the catalogue is mapped by name). */
  avg('cpu.ready.pct', '%'),
] as const satisfies readonly MetricDef[];

export const VM_METRICS = [
  avg('cpu.usage.mhz', 'MHz'),
  avg('cpu.usage.pct', '%'),
  avg('cpu.demand.mhz', 'MHz'),
  avg('cpu.ready.ms', 'ms'),
  avg('cpu.ready.pct', '%'),
  avg('cpu.swapwait.ms', 'ms'),
  avg('mem.granted.mib', 'MiB'),
  avg('mem.active.mib', 'MiB'),
  avg('mem.consumed.mib', 'MiB'),
  avg('mem.usage.pct', '%'),
  avg('mem.ballooned.mib', 'MiB'),
  avg('mem.compressed.mib', 'MiB'),
  avg('mem.swapped.mib', 'MiB'),
  avg('mem.shared.mib', 'MiB'),
  last('disk.provisioned.gib', 'GiB'),
  last('disk.used.gib', 'GiB'),
  avg('disk.iops', 'IOPS'),
  avg('disk.latency.ms', 'ms'),
  avg('net.mbps', 'Mbps'),
  /** cpu.ready.pct divided by the vCPUs (the "< 5 % per vCPU" rule of thumb [V9]). */
  avg('cpu.ready.vcpu.pct', '%'),
  // Appended (issue 20, metrics/topo-blocks.ts; the catalogue is mapped by name, older files read them as missing):
  /** Co-stop (relaxed co-scheduling), summed over the vCPUs like cpu.ready.ms. */
  avg('cpu.costop.ms', 'ms'),
  avg('cpu.costop.pct', '%'),
  /** Share of the VM's memory accesses that are NUMA-local (esxtop N%L). */
  avg('numa.locality.pct', '%'),
  /** Hypervisor CPU spent on the VM's behalf (hosts with a topology). */
  avg('cpu.overhead.mhz', 'MHz'),
  /** A managed runtime's heap (JVM, CLR, WebAssembly; physics/runtime.ts) and its GC pauses. */
  avg('runtime.heap.used.mib', 'MiB'),
  avg('runtime.heap.committed.mib', 'MiB'),
  avg('runtime.gc.pause.ms', 'ms'),
] as const satisfies readonly MetricDef[];

export const CONTAINER_METRICS = [
  avg('cpu.usage.mcores', 'mcores'),
  avg('cpu.usage.pct', '%'),
  avg('cpu.demand.mcores', 'mcores'),
  avg('cpu.throttled.ms', 'ms'),
  avg('mem.usage.mib', 'MiB'),
  avg('mem.usage.pct', '%'),
  avg('net.mbps', 'Mbps'),
  avg('disk.iops', 'IOPS'),
  last('restarts', 'count'),
] as const satisfies readonly MetricDef[];

export const DATASTORE_METRICS = [
  last('disk.capacity.gib', 'GiB'),
  last('disk.provisioned.gib', 'GiB'),
  last('disk.used.gib', 'GiB'),
  last('disk.usage.pct', '%'),
  avg('disk.iops', 'IOPS'),
  avg('disk.latency.ms', 'ms'),
] as const satisfies readonly MetricDef[];

export const CLUSTER_METRICS = [
  last('cpu.capacity.mhz', 'MHz'),
  avg('cpu.usage.mhz', 'MHz'),
  avg('cpu.usage.pct', '%'),
  avg('cpu.demand.mhz', 'MHz'),
  avg('cpu.ready.pct', '%'),
  last('mem.capacity.mib', 'MiB'),
  avg('mem.consumed.mib', 'MiB'),
  avg('mem.usage.pct', '%'),
  avg('mem.swapped.mib', 'MiB'),
  avg('net.mbps', 'Mbps'),
  avg('power.w', 'W'),
  last('energy.kwh', 'kWh'),
  last('hosts.connected', 'count'),
  last('vms.poweredOn', 'count'),
  last('containers.running', 'count'),
] as const satisfies readonly MetricDef[];

/**
 * Resource pools and vApps (issue 20, pools/metrics.ts): figures of the pool's subtree (its VMs and child
 * pools'), its CPU entitlement and share of the cluster, memory entitlement, and the reservation it has used
 * and has left. A new kind: a file without it gains these columns when continued (mapped by name).
 */
export const POOL_METRICS = [
  avg('cpu.usage.mhz', 'MHz'),
  avg('cpu.demand.mhz', 'MHz'),
  avg('cpu.entitlement.mhz', 'MHz'),
  /** The pool's share of its cluster's CPU by the shares of it and its ancestors among their siblings. */
  avg('cpu.shares.pct', '%'),
  /** CPU ready of the pool's running VMs, averaged per vCPU. */
  avg('cpu.ready.pct', '%'),
  last('cpu.reservation.mhz', 'MHz'),
  last('cpu.reservation.used.mhz', 'MHz'),
  last('cpu.unreserved.mhz', 'MHz'),
  avg('mem.usage.mib', 'MiB'),
  avg('mem.demand.mib', 'MiB'),
  avg('mem.entitlement.mib', 'MiB'),
  last('mem.reservation.mib', 'MiB'),
  last('mem.reservation.used.mib', 'MiB'),
  last('mem.unreserved.mib', 'MiB'),
  last('vms.running', 'count'),
] as const satisfies readonly MetricDef[];

export const METRIC_CATALOG: MetricCatalog = {
  host: HOST_METRICS,
  vm: VM_METRICS,
  container: CONTAINER_METRICS,
  datastore: DATASTORE_METRICS,
  cluster: CLUSTER_METRICS,
  pool: POOL_METRICS,
};
