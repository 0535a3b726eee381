/**
 * Storage I/O Control and per-disk IOPS limits (docs/model.md "Storage I/O Control").
 *
 * - A disk with an IOPS limit never asks more than its limit; the I/Os above it queue on the host, so
 *   its latency is the datastore's × demand / limit.
 * - A datastore with SIOC enabled whose latency (from the disks' demand, M/M/1) passes its threshold is
 *   throttled to the throughput that keeps the device at the threshold, `ρ* = 1 − S / T`; that throughput
 *   is divided max-min fairly by the disks' IOPS shares (low 500, normal 1000, high 2000 [V22]), each disk
 *   getting at most its demand. A throttled disk's I/Os wait in its host queue: latency = T × demand / granted.
 * - Without SIOC (or below the threshold) nothing changes: the datastore divides its IOPS in proportion
 *   to demand (storage.ts).
 * Datastores and disks without these settings are untouched, so older scenarios keep their results.
 */
import type { SharesSpec } from '../model/scenario';
import type { DatastoreRec, DiskRec, VmRec } from '../world/types';
import type { World } from '../world/world';
import { fairShare, newFairShareScratch } from './fair-share';
import type { TickScratch } from './scratch';

/** vSphere's default SIOC congestion threshold, ms [V22]. */
export const SIOC_THRESHOLD_MS = 30;
/** Per-disk IOPS shares for low / normal / high [V22]. */
export const DISK_SHARES = { low: 500, normal: 1000, high: 2000 } as const;

/** The optional record fields of a disk's shares and limit (normal shares and no limit are left out). */
export function diskIoFields(
  shares: SharesSpec | undefined,
  limit: number | null | undefined,
): { iopsShares?: number; iopsLimit?: number } {
  const n =
    shares === undefined ? DISK_SHARES.normal : typeof shares === 'number' ? shares : DISK_SHARES[shares];
  return {
    ...(n !== DISK_SHARES.normal ? { iopsShares: n } : {}),
    ...(limit !== undefined && limit !== null ? { iopsLimit: limit } : {}),
  };
}

/** Device throughput that keeps an M/M/1 datastore at the threshold latency. */
export function siocCapacityIops(ds: DatastoreRec, thresholdMs: number): number {
  const rho = Math.max(0.05, Math.min(0.95, 1 - ds.baseLatencyMs / thresholdMs));
  return rho * ds.maxIops;
}

/** Per-tick state: what disks asked before limits, and the grants on throttled datastores. */
export class SiocScratch {
  /** A disk limit or a throttled SIOC datastore was seen this tick (the VM pass then takes the detailed path). */
  active = false;
  /** Per VM: its IOPS demand before disk limits. */
  raw = new Float64Array(16);
  /** Per VM: 1 when one of its disks has a limit. */
  limited = new Uint8Array(16);
  /** Grants of disks on throttled datastores. */
  readonly granted = new Map<DiskRec, number>();
  /** Datastores throttled this tick. */
  readonly throttled = new Set<DatastoreRec>();
  private readonly fair = newFairShareScratch();
  private d: number[] = [];
  private z: number[] = [];
  private sh: number[] = [];
  private out: number[] = [];

  ensure(vms: number): void {
    if (this.raw.length >= vms) return;
    const m = Math.max(vms, this.raw.length * 2);
    this.raw = new Float64Array(m);
    this.limited = new Uint8Array(m);
  }

  /** Divides one throttled datastore among its disks (demand already capped by limits). */
  divide(ds: DatastoreRec, disks: DiskRec[], demand: number[]): void {
    const n = disks.length;
    this.d.length = n;
    this.z.length = n;
    this.sh.length = n;
    this.out.length = n;
    for (let k = 0; k < n; k++) {
      this.d[k] = demand[k]!;
      this.z[k] = 0;
      this.sh[k] = disks[k]!.iopsShares ?? DISK_SHARES.normal;
    }
    fairShare(n, siocCapacityIops(ds, ds.sioc!.thresholdMs), this.d, this.z, this.sh, this.out, this.fair);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      this.granted.set(disks[k]!, this.out[k]!);
      sum += this.out[k]!;
    }
    ds.iops = sum;
    ds.latencyMs = Math.min(ds.sioc!.thresholdMs, ds.baseLatencyMs / Math.max(0.05, 1 - sum / ds.maxIops));
  }
}

/** Per-disk demand of a running VM's disk k (after its limit). */
function diskDemand(vm: VmRec, raw: number, d: DiskRec): number {
  const per = vm.disks.length > 0 ? raw / vm.disks.length : 0;
  return d.iopsLimit === undefined ? per : Math.min(per, d.iopsLimit);
}

/**
 * After the datastores' latencies are known (storageMid): throttles every SIOC datastore whose latency
 * passed its threshold. Walks the VMs only when such a datastore exists.
 */
export function siocMid(w: World, s: TickScratch): void {
  const st = s.sioc;
  st.granted.clear();
  st.throttled.clear();
  for (const ds of w.datastores)
    if (ds.sioc !== undefined && ds.sioc.enabled && ds.latencyMs > ds.sioc.thresholdMs) st.throttled.add(ds);
  if (st.throttled.size === 0) return;
  st.active = true;
  const per = new Map<DatastoreRec, { disks: DiskRec[]; demand: number[] }>();
  for (const ds of st.throttled) per.set(ds, { disks: [], demand: [] });
  const vms = w.vms;
  for (let i = 0; i < vms.length; i++) {
    const vm = vms[i]!;
    if (vm.power !== 'poweredOn' || vm.paused || s.vmHost[i]! < 0) continue;
    for (const d of vm.disks) {
      const ds = w.datastoreById.get(d.datastoreId);
      const p = ds === undefined ? undefined : per.get(ds);
      if (!p) continue;
      p.disks.push(d);
      p.demand.push(diskDemand(vm, st.raw[i]!, d));
    }
  }
  for (const [ds, p] of per) st.divide(ds, p.disks, p.demand);
}

/**
 * A running VM's IOPS and latency per disk when it has a limited disk or a disk on a throttled datastore
 * (storageRunVm calls it after the flat path): granted IOPS summed, latency the worst disk's.
 */
export function siocRunVm(w: World, s: TickScratch, i: number, vm: VmRec): void {
  const st = s.sioc;
  let touched = st.limited[i] === 1;
  if (!touched && st.throttled.size > 0) for (const d of vm.disks) if (st.granted.has(d)) touched = true;
  if (!touched) return;
  const raw = st.raw[i]!;
  const per = vm.disks.length > 0 ? raw / vm.disks.length : 0;
  let iops = 0;
  let lat = 0;
  for (const d of vm.disks) {
    const ds = w.datastoreById.get(d.datastoreId);
    if (!ds) continue;
    const want = diskDemand(vm, raw, d);
    let got = st.granted.get(d);
    if (got === undefined)
      got = ds.maxIops > 0 && ds.iops > ds.maxIops ? (want * ds.maxIops) / ds.iops : want;
    iops += got;
    const l = got > 0 ? ds.latencyMs * (per / got) : ds.latencyMs;
    if (l > lat) lat = l;
  }
  vm.diskIops = iops;
  vm.diskLatencyMs = lat;
}
