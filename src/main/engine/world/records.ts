/** Constructors of runtime records from specs. Every record gets every field, so objects keep one shape. */
import type { ContainerSpec, DatastoreSpec, HostSpec, VmSpec } from '../model/scenario';
import { canonicalWorkload } from '../model/canonical';
import { workloadParams } from '../workload/params';
import { cpuShares, memShares } from './defaults';
import { diskIoFields, SIOC_THRESHOLD_MS } from '../physics/sioc';
import type { ContainerRec, DatastoreRec, HostRec, VmRec } from './types';

export function hostRecord(s: HostSpec, now: number): HostRec {
  return {
    id: s.id,
    name: s.name,
    clusterId: s.clusterId,
    sockets: s.sockets,
    coresPerSocket: s.coresPerSocket,
    coreMHz: s.coreMHz,
    memMiB: s.memMiB,
    nicMbps: s.nicMbps,
    cpuModel: s.cpuModel,
    cpuVendor: s.cpuVendor,
    cpuGeneration: s.cpuGeneration,
    idleW: s.power.idleW,
    maxW: s.power.maxW,
    tableW: s.power.tableW ? [...s.power.tableW] : null,
    state: s.state ?? 'connected',
    stateSince: now,
    energyKWh: 0,
    cpuDemandMHz: 0,
    cpuUsageMHz: 0,
    memConsumedMiB: 0,
    memGrantedMiB: 0,
    memActiveMiB: 0,
    memSharedMiB: 0,
    memBalloonMiB: 0,
    memCompressedMiB: 0,
    memSwappedMiB: 0,
    memState: 0,
    netMbps: 0,
    netMigrationMbps: 0,
    powerW: 0,
    ...(s.topology
      ? { topology: { numaNodes: s.topology.numaNodes, threadsPerCore: s.topology.threadsPerCore } }
      : {}),
  };
}

export function datastoreRecord(s: DatastoreSpec): DatastoreRec {
  return {
    id: s.id,
    name: s.name,
    clusterId: s.clusterId ?? null,
    hostId: s.hostId ?? null,
    capacityGiB: s.capacityGiB,
    maxIops: s.maxIops,
    baseLatencyMs: s.baseLatencyMs ?? 1,
    copyMiBps: s.copyMiBps ?? 400,
    ...(s.sioc
      ? { sioc: { enabled: s.sioc.enabled, thresholdMs: s.sioc.thresholdMs ?? SIOC_THRESHOLD_MS } }
      : {}),
    usedGiB: 0,
    provisionedGiB: 0,
    iops: 0,
    latencyMs: 0,
    full: false,
  };
}

export function vmRecord(s: VmSpec, seq: number, now: number): VmRec {
  const cs = cpuShares(s.cpu?.shares, s.vcpus);
  const ms = memShares(s.mem?.shares, s.memMiB);
  const power = s.power ?? 'poweredOn';
  return {
    id: s.id,
    seq,
    name: s.name,
    hostId: s.hostId,
    vcpus: s.vcpus,
    memMiB: s.memMiB,
    disks: s.disks.map((d) => ({
      datastoreId: d.datastoreId,
      sizeGiB: d.sizeGiB,
      thin: d.thin,
      usedGiB: d.thin ? Math.min(d.sizeGiB, d.usedGiB ?? 0.3 * d.sizeGiB) : d.sizeGiB,
      ...diskIoFields(d.iopsShares, d.iopsLimit),
    })),
    networkId: s.networkId ?? null,
    cpuShares: cs.shares,
    cpuSharesLevel: cs.level,
    cpuResMHz: s.cpu?.reservationMHz ?? 0,
    cpuLimitMHz: s.cpu?.limitMHz ?? null,
    memShares: ms.shares,
    memSharesLevel: ms.level,
    memResMiB: s.mem?.reservationMiB ?? 0,
    memLimitMiB: s.mem?.limitMiB ?? null,
    power,
    guestOS: s.guestOS ?? 'Other Linux (64-bit)',
    tags: [...(s.tags ?? [])],
    haRestartPriority: s.haRestartPriority ?? null,
    hotAddCpu: s.hotAddCpu ?? false,
    hotAddMem: s.hotAddMem ?? false,
    containerHost: s.containerHost ?? false,
    workload: canonicalWorkload(s.workload),
    wp: workloadParams(s.workload, 'vm'),
    wl: { walk: 0.5, burstLeftSec: 0 },
    serviceId: s.serviceId ?? null,
    busyTaskId: null,
    migratingTo: null,
    paused: false,
    haPending: false,
    createdAt: now,
    poweredOnAt: power === 'poweredOn' ? now : null,
    bootUntil: 0,
    memSwappedMiB: 0,
    memCompressedMiB: 0,
    cpuDemandMHz: 0,
    cpuUsageMHz: 0,
    cpuReadyMs: 0,
    cpuSwapWaitMs: 0,
    memActiveMiB: 0,
    memWantMiB: 0,
    memGrantedMiB: 0,
    memConsumedMiB: 0,
    memSharedMiB: 0,
    memBalloonMiB: 0,
    diskIops: 0,
    diskLatencyMs: 0,
    diskWriteMiBps: 0,
    netMbps: 0,
    level: 0,
    // Declared on every VM (undefined = absent: JSON, snapshots and the run hash leave them out) so all VM
    // records share one shape: with some VMs nested, passed through or in pools, the per-VM passes of the
    // tick would otherwise see several shapes, go megamorphic and box every number they read (issue 20).
    nested: s.nested ? true : undefined,
    passthrough: s.passthrough && s.passthrough.length > 0 ? [...s.passthrough] : undefined,
    poolId: undefined,
  };
}

/**
 * Sets one of a VM record's declared optional fields (see vmRecord) keeping the key order its JSON had
 * when these fields were added on demand: a field set while a key after its slot holds a value (a
 * snapshot, a template flag, attributes, a pool) moves to the end, as an added key did; otherwise it
 * takes its slot and the record keeps its shape. Undefined clears it (as deleting it did, for JSON).
 */
export function setVmOptional<K extends 'nested' | 'passthrough' | 'poolId'>(
  vm: VmRec,
  key: K,
  value: VmRec[K],
): void {
  if (value !== undefined && vm[key] === undefined) {
    const rec = vm as unknown as Record<string, unknown>;
    const keys = Object.keys(rec);
    const at = keys.indexOf(key);
    let later = false;
    for (let k = at + 1; at >= 0 && k < keys.length && !later; k++) later = rec[keys[k]!] !== undefined;
    if (later) delete rec[key];
  }
  vm[key] = value;
}

export function containerRecord(s: ContainerSpec, seq: number, now: number): ContainerRec {
  return {
    id: s.id,
    seq,
    name: s.name,
    hostId: s.hostId ?? null,
    vmId: s.vmId ?? null,
    cpuRequestMilli: s.cpuRequestMilli,
    cpuLimitMilli: s.cpuLimitMilli ?? null,
    memRequestMiB: s.memRequestMiB,
    memLimitMiB: s.memLimitMiB ?? null,
    imageMiB: s.imageMiB,
    restartPolicy: s.restartPolicy ?? 'always',
    state: 'running',
    restarts: 0,
    restartAt: null,
    oomKills: 0,
    workload: canonicalWorkload(s.workload),
    wp: workloadParams(s.workload, 'container'),
    wl: { walk: 0.5, burstLeftSec: 0 },
    serviceId: s.serviceId ?? null,
    createdAt: now,
    cpuDemandMHz: 0,
    cpuUsageMHz: 0,
    cpuThrottledMs: 0,
    memUsageMiB: 0,
    netMbps: 0,
    diskIops: 0,
    level: 0,
  };
}

const OPTIONAL = ['nested', 'passthrough', 'poolId'] as const;

/**
 * A VM record parsed from a snapshot, given the shape vmRecord gives (the declared optional fields last,
 * in their order) when that keeps its JSON: a record without them gets them undefined at its end; one whose
 * last keys are some of them in their order has those re-added in place (deleting the last property is a
 * shape rollback in V8). Any other record (other keys after them, or their order changed by commands) stays
 * as parsed. The JSON text of every record is unchanged either way.
 */
export function restoredVmShape(vm: VmRec): void {
  const r = vm as unknown as Record<string, unknown>;
  if (r['nested'] === undefined && r['passthrough'] === undefined && r['poolId'] === undefined) {
    for (const k of OPTIONAL) if (!(k in r)) r[k] = undefined;
    return;
  }
  const keys = Object.keys(r);
  let tail = keys.length;
  while (tail > 0 && (OPTIONAL as readonly string[]).includes(keys[tail - 1]!)) tail--;
  for (let k = 0; k < tail; k++) if ((OPTIONAL as readonly string[]).includes(keys[k]!)) return;
  let last = -1;
  for (let k = tail; k < keys.length; k++) {
    const at = (OPTIONAL as readonly string[]).indexOf(keys[k]!);
    if (at < last) return;
    last = at;
  }
  const values = OPTIONAL.map((k) => r[k]);
  for (let k = keys.length - 1; k >= tail; k--) delete r[keys[k]!];
  OPTIONAL.forEach((k, j) => (r[k] = values[j]));
}
