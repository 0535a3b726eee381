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
  /** Per VM: grant of its first disk when that disk is on a throttled datastore (valid where grant0On is 1). */
  grant0 = new Float64Array(16);
  grant0On = new Uint8Array(16);
  /** Grants of the other disks (k ≥ 1) on throttled datastores. */
  readonly granted = new Map<DiskRec, number>();
  /** Datastores throttled this tick, and per datastore index 1 when throttled. */
  readonly throttled = new Set<DatastoreRec>();
  dsThrottled = new Uint8Array(16);
  /** Per datastore index: the disks on it this tick (VM order, then disk order), their VM and disk index, demand. */
  private dsDisks: DiskRec[][] = [];
  private dsVm: number[][] = [];
  private dsK: number[][] = [];
  private dsDemand: number[][] = [];
  /**
   * Disks of running VMs on SIOC-enabled datastores, in VM then disk order (collected by the storage pass,
   * so throttling needs no pass of its own over the VM records): VM, disk index, datastore index, demand.
   */
  candidates = 0;
  private cVm = new Int32Array(16);
  private cK = new Int32Array(16);
  private cDs = new Int32Array(16);
  private cDemand = new Float64Array(16);
  private cDisk: DiskRec[] = [];
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
    this.grant0 = new Float64Array(m);
    this.grant0On = new Uint8Array(m);
  }

  /** Records disk k of running VM i on a SIOC-enabled datastore, asking `demand` IOPS (after its limit). */
  candidate(w: World, s: TickScratch, i: number, k: number, d: DiskRec, demand: number): void {
    const c = this.candidates;
    if (c === this.cVm.length) {
      const m = c * 2;
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
      this.cVm = grow(this.cVm, new Int32Array(m));
      this.cK = grow(this.cK, new Int32Array(m));
      this.cDs = grow(this.cDs, new Int32Array(m));
      this.cDemand = grow(this.cDemand, new Float64Array(m));
    }
    this.cVm[c] = i;
    this.cK[c] = k;
    // The first disk's datastore index is cached per layout (scratch.vmDs0); the others are looked up.
    this.cDs[c] = k === 0 ? s.vmDs0[i]! : (w.datastoreIndex.get(d.datastoreId) ?? -1);
    this.cDemand[c] = demand;
    this.cDisk[c] = d;
    this.candidates = c + 1;
  }

  /** Adds the candidates on throttled datastores to their datastore's list (in candidate order). */
  collect(): void {
    const on = this.dsThrottled;
    for (let c = 0; c < this.candidates; c++) {
      const j = this.cDs[c]!;
      if (j >= 0 && on[j] === 1) this.add(j, this.cVm[c]!, this.cK[c]!, this.cDisk[c]!, this.cDemand[c]!);
    }
  }

  /** Starts a tick's throttling over `n` datastores: no datastore throttled, no grant. */
  begin(n: number, vms: number): void {
    this.granted.clear();
    this.throttled.clear();
    if (this.dsThrottled.length < n)
      this.dsThrottled = new Uint8Array(Math.max(n, this.dsThrottled.length * 2));
    else this.dsThrottled.fill(0, 0, n);
    while (this.dsDisks.length < n) {
      this.dsDisks.push([]);
      this.dsVm.push([]);
      this.dsK.push([]);
      this.dsDemand.push([]);
    }
    this.grant0On.fill(0, 0, vms);
  }

  /** Marks datastore `j` throttled this tick and empties its list of disks. */
  throttle(j: number, ds: DatastoreRec): void {
    this.throttled.add(ds);
    this.dsThrottled[j] = 1;
    this.dsDisks[j]!.length = 0;
    this.dsVm[j]!.length = 0;
    this.dsK[j]!.length = 0;
    this.dsDemand[j]!.length = 0;
  }

  /** Adds disk k of VM i, asking `demand`, to throttled datastore j. */
  add(j: number, i: number, k: number, d: DiskRec, demand: number): void {
    this.dsDisks[j]!.push(d);
    this.dsVm[j]!.push(i);
    this.dsK[j]!.push(k);
    this.dsDemand[j]!.push(demand);
  }

  /** Divides throttled datastore j among its disks (demand already capped by limits). */
  divideAt(j: number, ds: DatastoreRec): void {
    const disks = this.dsDisks[j]!;
    const demand = this.dsDemand[j]!;
    const vm = this.dsVm[j]!;
    const kk = this.dsK[j]!;
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
      if (kk[k] === 0) {
        this.grant0[vm[k]!] = this.out[k]!;
        this.grant0On[vm[k]!] = 1;
      } else this.granted.set(disks[k]!, this.out[k]!);
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
  const dss = w.datastores;
  st.begin(dss.length, w.vms.length);
  for (let j = 0; j < dss.length; j++) {
    const ds = dss[j]!;
    if (ds.sioc !== undefined && ds.sioc.enabled && ds.latencyMs > ds.sioc.thresholdMs) st.throttle(j, ds);
  }
  if (st.throttled.size === 0) return;
  st.active = true;
  // The disks of running VMs on these datastores, with their demand after limits (storageAddVm's candidates).
  st.collect();
  for (let j = 0; j < dss.length; j++) if (st.dsThrottled[j] === 1) st.divideAt(j, dss[j]!);
}

/**
 * A running VM's IOPS and latency per disk when it has a limited disk or a disk on a throttled datastore
 * (storageRunVm calls it after the flat path): granted IOPS summed, latency the worst disk's.
 */
export function siocRunVm(w: World, s: TickScratch, i: number, vm: VmRec): void {
  const st = s.sioc;
  const disks = vm.disks;
  let touched = st.limited[i] === 1;
  if (!touched && st.throttled.size > 0) {
    touched = st.grant0On[i] === 1;
    for (let k = 1; k < disks.length && !touched; k++) if (st.granted.has(disks[k]!)) touched = true;
  }
  if (!touched) return;
  const raw = st.raw[i]!;
  const per = disks.length > 0 ? raw / disks.length : 0;
  let iops = 0;
  let lat = 0;
  for (let k = 0; k < disks.length; k++) {
    const d = disks[k]!;
    const j = k === 0 ? s.vmDs0[i]! : (w.datastoreIndex.get(d.datastoreId) ?? -1);
    const ds = j >= 0 ? w.datastores[j] : undefined;
    if (!ds) continue;
    const want = diskDemand(vm, raw, d);
    let got = k === 0 ? (st.grant0On[i] === 1 ? st.grant0[i] : undefined) : st.granted.get(d);
    if (got === undefined)
      got = ds.maxIops > 0 && ds.iops > ds.maxIops ? (want * ds.maxIops) / ds.iops : want;
    iops += got;
    const l = got > 0 ? ds.latencyMs * (per / got) : ds.latencyMs;
    if (l > lat) lat = l;
  }
  vm.diskIops = iops;
  vm.diskLatencyMs = lat;
}
