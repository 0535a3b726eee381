/**
 * The mutable world: flat arrays of records in creation order, id maps, counters and the buffers a tick
 * fills (events, changed tasks). Structural changes (add/remove) call `reindex()`.
 */
import type { EngineEvent, Severity } from '../api';
import { msgText, type Msg } from '../messages';
import type { TaskRec } from '../ops/task-types';
import type {
  ClusterRec,
  ContainerRec,
  DatacenterRec,
  DatastoreRec,
  HostRec,
  NetworkRec,
  PoolRec,
  ServiceRec,
  TraceRec,
  VmRec,
} from './types';

export interface WorldCounters {
  /** Next number per id prefix ("vm" → 31 gives "vm-31"). */
  ids: Record<string, number>;
  /** Next guest sequence number (noise stream). */
  seq: number;
}

export class World {
  tick = 0;
  datacenters: DatacenterRec[] = [];
  clusters: ClusterRec[] = [];
  hosts: HostRec[] = [];
  datastores: DatastoreRec[] = [];
  networks: NetworkRec[] = [];
  vms: VmRec[] = [];
  containers: ContainerRec[] = [];
  services: ServiceRec[] = [];
  traces: TraceRec[] = [];
  tasks: TaskRec[] = [];
  /** Resource pools and vApps (pools/), parents before children; empty = every VM in its cluster's root pool. */
  pools: PoolRec[] = [];
  counters: WorldCounters = { ids: {}, seq: 1 };

  /** False while some VM may be waiting for an HA restart (derived; not part of the state). */
  haIdle = false;

  /** Events raised since the last step returned (commands between ticks raise some too). */
  pendingEvents: EngineEvent[] = [];
  /** Ids of tasks changed since the last step returned. */
  changedTasks = new Set<string>();

  // indexes, rebuilt by reindex()
  hostIndex = new Map<string, number>();
  vmIndex = new Map<string, number>();
  clusterIndex = new Map<string, number>();
  datastoreIndex = new Map<string, number>();
  clusterById = new Map<string, ClusterRec>();
  hostById = new Map<string, HostRec>();
  datastoreById = new Map<string, DatastoreRec>();
  networkById = new Map<string, NetworkRec>();
  vmById = new Map<string, VmRec>();
  containerById = new Map<string, ContainerRec>();
  serviceById = new Map<string, ServiceRec>();
  traceById = new Map<string, TraceRec>();
  taskById = new Map<string, TaskRec>();
  datacenterById = new Map<string, DatacenterRec>();
  poolById = new Map<string, PoolRec>();
  /**
   * Bumped on every structural change and whenever a VM's host or a disk's datastore changes; metric
   * blocks and the tick's cached indexes rebuild when it moves.
   */
  version = 0;
  /** Moves when a VM's workload is replaced (vm.configure, vm.runtime): physics/runtime.ts rebuilds its list. Not state. */
  workloadEpoch = 0;

  constructor(
    public readonly seed: number,
    public readonly tickSeconds: number,
    public readonly startEpochMs: number,
  ) {}

  /** Simulated seconds at the start of the current tick. */
  get timeSec(): number {
    return this.tick * this.tickSeconds;
  }

  reindex(): void {
    this.version++;
    this.datacenterById = new Map(this.datacenters.map((r) => [r.id, r]));
    this.clusterById = new Map(this.clusters.map((r) => [r.id, r]));
    this.clusterIndex = new Map(this.clusters.map((r, i) => [r.id, i]));
    this.datastoreIndex = new Map(this.datastores.map((r, i) => [r.id, i]));
    this.hostById = new Map(this.hosts.map((r) => [r.id, r]));
    this.hostIndex = new Map(this.hosts.map((r, i) => [r.id, i]));
    this.datastoreById = new Map(this.datastores.map((r) => [r.id, r]));
    this.networkById = new Map(this.networks.map((r) => [r.id, r]));
    this.vmById = new Map(this.vms.map((r) => [r.id, r]));
    this.vmIndex = new Map(this.vms.map((r, i) => [r.id, i]));
    this.containerById = new Map(this.containers.map((r) => [r.id, r]));
    this.serviceById = new Map(this.services.map((r) => [r.id, r]));
    this.traceById = new Map(this.traces.map((r) => [r.id, r]));
    this.taskById = new Map(this.tasks.map((r) => [r.id, r]));
    this.poolById = new Map(this.pools.map((r) => [r.id, r]));
  }

  /** Adds a VM without a full reindex. */
  addVm(vm: VmRec): void {
    this.vms.push(vm);
    this.vmById.set(vm.id, vm);
    this.vmIndex.set(vm.id, this.vms.length - 1);
    this.version++;
  }

  addContainer(ct: ContainerRec): void {
    this.containers.push(ct);
    this.containerById.set(ct.id, ct);
    this.version++;
  }

  /** True when any object of any kind has this id. */
  exists(id: string): boolean {
    return (
      this.hostById.has(id) ||
      this.vmById.has(id) ||
      this.containerById.has(id) ||
      this.clusterById.has(id) ||
      this.datastoreById.has(id) ||
      this.networkById.has(id) ||
      this.serviceById.has(id) ||
      this.datacenterById.has(id) ||
      this.taskById.has(id) ||
      this.poolById.has(id)
    );
  }

  /** A fresh id "<prefix>-<n>" that no object uses. */
  newId(prefix: string): string {
    let n = this.counters.ids[prefix] ?? 1;
    while (this.exists(`${prefix}-${n}`)) n++;
    this.counters.ids[prefix] = n + 1;
    return `${prefix}-${n}`;
  }

  nextSeq(): number {
    return this.counters.seq++;
  }

  /** Raises an event; give a message code (`msg(…)`) so the console can show it in the user's language. */
  event(severity: Severity, type: string, message: string | Msg, objects: string[]): void {
    if (typeof message === 'string')
      this.pendingEvents.push({ time: this.timeSec, severity, type, message, objects });
    else
      this.pendingEvents.push({
        time: this.timeSec,
        severity,
        type,
        message: msgText(message),
        objects,
        msg: message,
      });
  }

  clusterOfHost(hostId: string): ClusterRec | undefined {
    const h = this.hostById.get(hostId);
    return h ? this.clusterById.get(h.clusterId) : undefined;
  }

  /** Datastores a host can reach: the shared ones of its cluster and its local ones. */
  hostCanReach(host: HostRec, ds: DatastoreRec): boolean {
    return ds.hostId === host.id || (ds.clusterId !== null && ds.clusterId === host.clusterId);
  }

  hostHasNetwork(host: HostRec, net: NetworkRec): boolean {
    const cl = this.clusterById.get(host.clusterId);
    if (!cl || cl.datacenterId !== net.datacenterId) return false;
    return net.clusterIds.length === 0 || net.clusterIds.includes(host.clusterId);
  }
}
