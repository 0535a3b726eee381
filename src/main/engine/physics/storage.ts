/**
 * Datastores, every tick:
 *  - used = Σ thin disks' written space + Σ thick disks' size + swap files of powered-on VMs
 *    (configured − reserved memory, as vSphere creates a .vswp file at power-on);
 *  - a thin disk grows by the new blocks its writes allocate: IOPS × write ratio × I/O size × new-data %;
 *  - with snapshots, the base disks are frozen and the writes grow the delta disk instead (ops/snapshots.ts);
 *  - when the datastore has no room for that growth, the VM is paused (vSphere "out of space" question)
 *    and resumes by itself once space is freed;
 *  - IOPS share the datastore's capability: response time R = S / (1 − ρ) (M/M/1) up to ρ = 0.95, and
 *    beyond saturation the queue grows linearly with the overload while IOPS are divided in proportion.
 * Reads the per-tick datastore index of each VM's first disk from the scratch (multi-disk VMs look the
 * others up).
 */
import type { DatastoreRec, DiskRec, VmRec } from '../world/types';
import type { World } from '../world/world';
import type { TickScratch } from './scratch';
import { addDeltaGrowth, deltaGrowthGiB, snapshotSpaceGiB, writesToDelta } from '../ops/snapshots';
import { msg } from '../messages';
import { siocMid, siocRunVm } from './sioc';

export const WRITE_RATIO = 0.3;
export const IO_SIZE_KIB = 16;
const RESUME_FREE_GIB = 1;

function dsOf(w: World, s: TickScratch, i: number, k: number, d: DiskRec): DatastoreRec | undefined {
  if (k !== 0) return w.datastoreById.get(d.datastoreId);
  const ds0 = s.vmDs0[i]!;
  return ds0 >= 0 ? w.datastores[ds0] : undefined;
}

/** Recomputes used/provisioned space of every datastore (also used between ticks by commands). */
export function datastoreUsage(w: World): void {
  for (const ds of w.datastores) {
    ds.usedGiB = 0;
    ds.provisionedGiB = 0;
  }
  for (const vm of w.vms) {
    for (const d of vm.disks) {
      const ds = w.datastoreById.get(d.datastoreId);
      if (!ds) continue;
      ds.provisionedGiB += d.sizeGiB;
      ds.usedGiB += d.thin ? d.usedGiB : d.sizeGiB;
    }
    addSwap(w.datastoreById.get(vm.disks[0]?.datastoreId ?? ''), vm);
    if (vm.snap !== undefined) addSnapshots(w.datastoreById.get(vm.disks[0]?.datastoreId ?? ''), vm);
  }
}

/** Snapshot deltas and memory files live on the VM's home datastore (ops/snapshots.ts). */
function addSnapshots(ds: DatastoreRec | undefined, vm: VmRec): void {
  if (!ds) return;
  const g = snapshotSpaceGiB(vm);
  ds.usedGiB += g;
  ds.provisionedGiB += g;
}

function addSwap(ds: DatastoreRec | undefined, vm: VmRec): void {
  if (!ds || vm.power !== 'poweredOn') return;
  const swapGiB = Math.max(0, vm.memMiB - vm.memResMiB) / 1024;
  ds.usedGiB += swapGiB;
  ds.provisionedGiB += swapGiB;
}

/** Start of the storage part of a tick: clears the datastore sums. */
export function storageBegin(w: World, s?: TickScratch): void {
  if (s !== undefined) {
    s.sioc.active = false;
    s.sioc.candidates = 0;
  }
  for (const ds of w.datastores) {
    ds.usedGiB = 0;
    ds.provisionedGiB = 0;
    ds.iops = 0;
  }
}

/** Sequential pass, every VM: space in use (before this tick's growth) and IOPS demand. */
export function storageAddVm(w: World, s: TickScratch, i: number, vm: VmRec): void {
  const disks = vm.disks;
  const running = vm.power === 'poweredOn' && !vm.paused && s.vmHost[i]! >= 0;
  const perDiskIops = running && disks.length > 0 ? vm.diskIops / disks.length : 0;
  let prov = 0;
  let used = 0;
  let limited = false;
  for (let k = 0; k < disks.length; k++) {
    const d = disks[k]!;
    const u = d.thin ? d.usedGiB : d.sizeGiB;
    prov += d.sizeGiB;
    used += u;
    const lim = d.iopsLimit;
    if (lim !== undefined) limited = true;
    const ds = dsOf(w, s, i, k, d);
    if (!ds) continue;
    ds.provisionedGiB += d.sizeGiB;
    ds.usedGiB += u;
    const ask = lim === undefined ? perDiskIops : Math.min(perDiskIops, lim);
    ds.iops += ask;
    // A running VM's disk on a SIOC datastore: a candidate for throttling once latencies are known (sioc.ts).
    if (running && ds.sioc !== undefined && ds.sioc.enabled) s.sioc.candidate(w, s, i, k, d, ask);
  }
  // Disk IOPS limits (physics/sioc.ts): the VM asks at most its limits; what it wanted is kept for latency.
  const sioc = s.sioc;
  sioc.raw[i] = vm.diskIops;
  sioc.limited[i] = limited ? 1 : 0;
  if (limited && running) {
    sioc.active = true;
    let capped = 0;
    for (const d of disks)
      capped += d.iopsLimit === undefined ? perDiskIops : Math.min(perDiskIops, d.iopsLimit);
    vm.diskIops = capped;
  }
  s.vmProvGiB[i] = prov;
  s.vmUsedGiB[i] = used;
  if (disks.length > 0) addSwap(dsOf(w, s, i, 0, disks[0]!), vm);
  if (vm.snap !== undefined && disks.length > 0) {
    const g = snapshotSpaceGiB(vm);
    addSnapshots(dsOf(w, s, i, 0, disks[0]!), vm);
    s.vmUsedGiB[i] = s.vmUsedGiB[i]! + g;
  }
}

/** Between the passes: latency of every datastore from its utilisation; SIOC throttling (sioc.ts). */
export function storageMid(w: World, s?: TickScratch): void {
  for (const ds of w.datastores)
    ds.latencyMs = datastoreLatencyMs(ds.baseLatencyMs, ds.maxIops > 0 ? ds.iops / ds.maxIops : 0);
  if (s !== undefined) siocMid(w, s);
}

/**
 * Sequential pass, running VMs: thin growth (or pause), resume, latency and granted IOPS. Reads the
 * VM's newDataPct from `s.vmNewDataPct` (written by the demand pass).
 */
export function storageRunVm(w: World, s: TickScratch, i: number, vm: VmRec): void {
  const disks = vm.disks;
  if (vm.power !== 'poweredOn' || disks.length === 0) {
    vm.diskLatencyMs = 0;
    return;
  }
  if (vm.paused) {
    vm.diskLatencyMs = 0;
    let stillFull = false;
    for (let k = 0; k < disks.length; k++) {
      const d = disks[k]!;
      const ds = dsOf(w, s, i, k, d);
      if (
        d.thin &&
        d.usedGiB < d.sizeGiB &&
        ds !== undefined &&
        ds.capacityGiB - ds.usedGiB < RESUME_FREE_GIB
      )
        stillFull = true;
    }
    if (writesToDelta(vm)) {
      const ds = dsOf(w, s, i, 0, disks[0]!);
      if (ds !== undefined && ds.capacityGiB - ds.usedGiB < RESUME_FREE_GIB) stillFull = true;
    }
    if (!stillFull) {
      vm.paused = false;
      w.event('info', 'vm.resumed', msg('ev.vmResumedSpace', { vm: vm.name }), [vm.id]);
    }
    return;
  }
  const dt = w.tickSeconds;
  const writeMiB = ((vm.diskIops * WRITE_RATIO * IO_SIZE_KIB) / 1024) * dt;
  vm.diskWriteMiBps = writeMiB / dt;
  // With snapshots the base disks are frozen: writes land in the delta disk on the home datastore.
  const delta = vm.snap !== undefined && writesToDelta(vm);
  const newGiB = delta ? 0 : (writeMiB * s.vmNewDataPct[i]!) / 100 / 1024 / disks.length;
  let lat = 0;
  let scale = 1;
  for (let k = 0; k < disks.length; k++) {
    const d = disks[k]!;
    const ds = dsOf(w, s, i, k, d);
    if (!ds) continue;
    if (ds.latencyMs > lat) lat = ds.latencyMs;
    if (ds.maxIops > 0 && ds.iops > ds.maxIops) scale = Math.min(scale, ds.maxIops / ds.iops);
    if (!d.thin || d.usedGiB >= d.sizeGiB || newGiB <= 0) continue;
    const grow = Math.min(newGiB, d.sizeGiB - d.usedGiB);
    if (ds.usedGiB + grow > ds.capacityGiB) {
      if (!vm.paused) {
        vm.paused = true;
        w.event('error', 'vm.paused.noSpace', msg('ev.vmPausedNoSpace', { vm: vm.name, ds: ds.name }), [
          vm.id,
          ds.id,
        ]);
      }
      continue;
    }
    d.usedGiB += grow;
    ds.usedGiB += grow;
    s.vmUsedGiB[i] = s.vmUsedGiB[i]! + grow;
  }
  if (delta) growDelta(w, s, i, vm, writeMiB / 1024);
  vm.diskLatencyMs = lat;
  vm.diskIops *= scale;
  if (s.sioc.active) siocRunVm(w, s, i, vm);
}

function growDelta(w: World, s: TickScratch, i: number, vm: VmRec, writeGiB: number): void {
  const ds = dsOf(w, s, i, 0, vm.disks[0]!);
  const grow = deltaGrowthGiB(vm, writeGiB);
  if (!ds || grow <= 0) return;
  if (ds.usedGiB + grow > ds.capacityGiB) {
    if (!vm.paused) {
      vm.paused = true;
      w.event('error', 'vm.paused.noSpace', msg('ev.vmPausedNoSpaceDelta', { vm: vm.name, ds: ds.name }), [
        vm.id,
        ds.id,
      ]);
    }
    return;
  }
  addDeltaGrowth(vm, grow);
  ds.usedGiB += grow;
  ds.provisionedGiB += grow;
  s.vmUsedGiB[i] = s.vmUsedGiB[i]! + grow;
}

/** End of the storage part: clamp IOPS to the datastore's capability, mark full datastores. */
export function storageEnd(w: World): void {
  for (const ds of w.datastores) {
    if (ds.maxIops > 0 && ds.iops > ds.maxIops) ds.iops = ds.maxIops;
    ds.full = ds.usedGiB >= ds.capacityGiB - 1e-9;
  }
}

/** The whole storage step on its own (the tick interleaves these calls with its own passes). */
export function storageTick(w: World, s: TickScratch): void {
  storageBegin(w, s);
  for (let i = 0; i < w.vms.length; i++) storageAddVm(w, s, i, w.vms[i]!);
  storageMid(w, s);
  for (let i = 0; i < w.vms.length; i++) {
    if (s.vmHost[i]! < 0) continue;
    s.vmNewDataPct[i] = w.vms[i]!.wp.newDataPct;
    storageRunVm(w, s, i, w.vms[i]!);
  }
  storageEnd(w);
}

export function datastoreLatencyMs(baseMs: number, rho: number): number {
  if (rho <= 0.95) return baseMs / (1 - Math.max(0, rho));
  return baseMs * 20 * (rho / 0.95);
}
