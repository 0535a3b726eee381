/**
 * VM snapshots: the tree, the delta disks and their space (docs/model.md "Snapshots").
 *
 * Model. Taking the first snapshot freezes the base disks; every later one freezes the running delta.
 * Writes then go to the running delta, which grows with the guest's write rate W (MiB/s, from its disk
 * IOPS: physics/storage.ts) by the share of blocks it does not hold yet, written uniformly over the disks:
 *   Δdelta = W·dt/1024 · (1 − delta / provisioned)   (GiB per tick; delta ≤ provisioned).
 * A merge of delta A into B (deleting a snapshot consolidates its delta into its children) keeps the
 * same assumption: B' = min(prov, B + A·(1 − B/prov)); a merge into a thin base disk grows it by
 * A·(1 − used/size) per disk, shared by size. Deltas, memory files and orphans count on the VM's home
 * datastore (its first disk's).
 */
import type { DatastoreRec, SnapshotRec, VmRec, VmSnapshots } from '../world/types';
import type { World } from '../world/world';
import { msg } from '../messages';

/** At most this many snapshots per VM (vSphere's supported chain length). */
export const MAX_SNAPSHOTS = 32;
/** MiB/s a memory file is written and read at. */
export const MEMORY_FILE_MIBPS = 400;

export function provisionedGiB(vm: VmRec): number {
  let p = 0;
  for (const d of vm.disks) p += d.sizeGiB;
  return p;
}

/** Space of the snapshot files: frozen deltas, memory files, the running delta and orphans (GiB). */
export function snapshotSpaceGiB(vm: VmRec): number {
  const s = vm.snap;
  if (!s) return 0;
  let g = s.runningDeltaGiB + s.orphanGiB;
  for (const x of s.list) g += x.deltaGiB + x.memGiB;
  return g;
}

/** Base disks (thin: written, thick: full size) plus snapshot files: what a copy of the VM moves (GiB). */
export function diskFootprintGiB(vm: VmRec): number {
  let used = 0;
  for (const d of vm.disks) used += d.thin ? d.usedGiB : d.sizeGiB;
  return used + snapshotSpaceGiB(vm);
}

/** True when the guest writes into a delta (it has snapshots, or orphaned deltas not yet consolidated). */
export function writesToDelta(vm: VmRec): boolean {
  const s = vm.snap;
  return s !== undefined && (s.list.length > 0 || s.orphanGiB > 0);
}

/** Growth of the active delta for `writeGiB` written this tick (GiB; never past the provisioned size). */
export function deltaGrowthGiB(vm: VmRec, writeGiB: number): number {
  const s = vm.snap!;
  const prov = provisionedGiB(vm);
  const cur = s.list.length > 0 ? s.runningDeltaGiB : s.orphanGiB;
  if (prov <= 0 || writeGiB <= 0 || cur >= prov) return 0;
  return Math.min(prov - cur, writeGiB * (1 - cur / prov));
}

export function addDeltaGrowth(vm: VmRec, grow: number): void {
  const s = vm.snap!;
  if (s.list.length > 0) s.runningDeltaGiB += grow;
  else s.orphanGiB += grow;
}

function mergeInto(target: number, data: number, prov: number): number {
  if (prov <= 0) return target;
  return Math.min(prov, target + data * (1 - Math.min(1, target / prov)));
}

/** Growth of the thin base disks when `data` GiB of delta is merged into them, per disk. */
export function baseGrowth(vm: VmRec, data: number): number[] {
  const prov = provisionedGiB(vm);
  return vm.disks.map((d) => {
    if (!d.thin || prov <= 0 || d.sizeGiB <= 0) return 0;
    const share = (data * d.sizeGiB) / prov;
    return Math.min(d.sizeGiB - d.usedGiB, share * (1 - d.usedGiB / d.sizeGiB));
  });
}

export function homeDatastore(w: World, vm: VmRec): DatastoreRec | undefined {
  return w.datastoreById.get(vm.disks[0]?.datastoreId ?? '');
}

export function emptySnapshots(): VmSnapshots {
  return { list: [], currentId: null, runningDeltaGiB: 0, orphanGiB: 0, seq: 1 };
}

export function findSnapshot(vm: VmRec, id: string): SnapshotRec | undefined {
  return vm.snap?.list.find((x) => x.id === id);
}

/** Ids from the root to the current snapshot ("You are here" descends from the last). */
export function currentBranch(vm: VmRec): SnapshotRec[] {
  const s = vm.snap;
  if (!s) return [];
  const out: SnapshotRec[] = [];
  let id = s.currentId;
  while (id !== null) {
    const x = s.list.find((y) => y.id === id);
    if (!x) break;
    out.unshift(x);
    id = x.parentId;
  }
  return out;
}

/** Data a delete-all merges into the base disks: the running delta plus the deltas of the current branch. */
export function deleteAllMergeGiB(vm: VmRec): number {
  const s = vm.snap;
  if (!s) return 0;
  let g = s.runningDeltaGiB + s.orphanGiB;
  for (const x of currentBranch(vm)) g += x.deltaGiB;
  return g;
}

/** Data a delete of one snapshot copies: its delta, once into every child (and the running delta). */
export function deleteMergeGiB(vm: VmRec, snap: SnapshotRec): number {
  const s = vm.snap!;
  let targets = s.list.filter((x) => x.parentId === snap.id).length;
  if (s.currentId === snap.id) targets++;
  let g = snap.deltaGiB * targets;
  // The last snapshot gone: the running delta merges into the base disks too.
  if (s.list.length === 1) g += s.runningDeltaGiB;
  return g;
}

/** Free space a merge into the base needs on the home datastore (the base grows while the deltas still exist). */
export function baseMergeNeedGiB(vm: VmRec, data: number): number {
  return baseGrowth(vm, data).reduce((a, b) => a + b, 0);
}

/**
 * Merges `data` GiB into the base disks when the home datastore has room for the growth; otherwise
 * leaves it as orphaned delta (consolidation needed). Returns true when merged.
 */
export function mergeIntoBase(w: World, vm: VmRec, data: number): boolean {
  const s = vm.snap!;
  const ds = homeDatastore(w, vm);
  const grow = baseGrowth(vm, data);
  const need = grow.reduce((a, b) => a + b, 0);
  if (ds && need > ds.capacityGiB - ds.usedGiB + 1e-9) {
    s.orphanGiB = data;
    s.runningDeltaGiB = 0;
    w.event(
      'warning',
      'vm.consolidationNeeded',
      msg('ev.consolidationNeeded', {
        vm: vm.name,
        ds: ds.name,
        free: Math.floor(ds.capacityGiB - ds.usedGiB),
        need: Math.ceil(need),
      }),
      [vm.id, ds.id],
    );
    return false;
  }
  vm.disks.forEach((d, k) => {
    d.usedGiB += grow[k]!;
  });
  s.orphanGiB = 0;
  s.runningDeltaGiB = 0;
  return true;
}

/** Drops the snapshot record when nothing is left (so the VM serialises as it did before it had snapshots). */
export function tidySnapshots(vm: VmRec): void {
  const s = vm.snap;
  if (s && s.list.length === 0 && s.orphanGiB === 0 && s.runningDeltaGiB === 0) vm.snap = undefined;
}

/** Takes a snapshot now. */
export function takeSnapshot(
  vm: VmRec,
  name: string,
  description: string,
  memory: boolean,
  now: number,
): SnapshotRec {
  const s = (vm.snap ??= emptySnapshots());
  const withMemory = memory && vm.power === 'poweredOn';
  const x: SnapshotRec = {
    id: `snapshot-${s.seq}`,
    name,
    description,
    parentId: s.currentId,
    createdAt: now,
    power: vm.power,
    memory: withMemory,
    memGiB: withMemory ? vm.memMiB / 1024 : 0,
    deltaGiB: s.list.length > 0 ? s.runningDeltaGiB : 0,
  };
  s.seq++;
  s.list.push(x);
  s.currentId = x.id;
  s.runningDeltaGiB = 0;
  return x;
}

/** Deletes one snapshot, consolidating its delta into its children (and the running delta). */
export function deleteSnapshot(w: World, vm: VmRec, snap: SnapshotRec): void {
  const s = vm.snap!;
  const prov = provisionedGiB(vm);
  for (const c of s.list) {
    if (c.parentId !== snap.id) continue;
    c.deltaGiB = mergeInto(c.deltaGiB, snap.deltaGiB, prov);
    c.parentId = snap.parentId;
  }
  if (s.currentId === snap.id) {
    s.runningDeltaGiB = mergeInto(s.runningDeltaGiB, snap.deltaGiB, prov);
    s.currentId = snap.parentId;
  }
  s.list = s.list.filter((x) => x !== snap);
  if (s.list.length === 0) {
    s.currentId = null;
    mergeIntoBase(w, vm, s.runningDeltaGiB + s.orphanGiB);
  }
  tidySnapshots(vm);
}

/** Deletes every snapshot: the current branch and the running delta merge into the base disks. */
export function deleteAllSnapshots(w: World, vm: VmRec): void {
  const s = vm.snap;
  if (!s) return;
  const data = deleteAllMergeGiB(vm);
  s.list = [];
  s.currentId = null;
  mergeIntoBase(w, vm, data);
  tidySnapshots(vm);
}
