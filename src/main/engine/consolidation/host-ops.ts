/**
 * The operations of a CloudSim 3.0.3 host on its scheduler (VmSchedulerTimeSharedOverSubscription +
 * VmSchedulerTimeShared), RAM provisioner (RamProvisionerSimple) and VM lists (Host, HostDynamicWorkload),
 * one function per Java method, with the same side effects and order.
 */
import type { Host, Vm } from './model';
import type { Semantics } from './semantics';

/** Vm.getCurrentRequestedRam: the RAM utilisation model is "null", so 0 after creation (reference). */
export const requestedRamMB = (vm: Vm, s: Semantics): number =>
  vm.instantiating || s.ramPersists ? vm.ramMB : 0;

// ---- scheduler -------------------------------------------------------------------------------

export const schedIndex = (h: Host, vm: Vm): number => h.schedVms.indexOf(vm);

/** VmScheduler.getTotalAllocatedMipsForVm */
export function allocatedMips(h: Host, vm: Vm): number {
  const i = h.schedVms.indexOf(vm);
  if (i < 0) return 0;
  const a = h.schedAlloc[i] as number;
  return a === a ? a : 0;
}

/** mipsMap.clear() */
export function clearAllocations(h: Host): void {
  h.schedVersion++;
  h.schedAlloc.fill(NaN);
}

/** mipsMapRequested.remove(vm) */
export function forgetRequest(h: Host, vm: Vm): void {
  const i = h.schedVms.indexOf(vm);
  if (i < 0) return;
  h.schedVersion++;
  h.schedVms.splice(i, 1);
  h.schedReq.splice(i, 1);
  h.schedAlloc.splice(i, 1);
}

function setRequest(h: Host, vm: Vm, req: number): number {
  h.schedVersion++;
  const i = h.schedVms.indexOf(vm);
  if (i >= 0) {
    h.schedReq[i] = req;
    return i;
  }
  h.schedVms.push(vm);
  h.schedReq.push(req);
  h.schedAlloc.push(NaN);
  return h.schedVms.length - 1;
}

function redistribute(h: Host): void {
  let total = 0;
  const n = h.schedVms.length;
  for (let i = 0; i < n; i++) {
    const vm = h.schedVms[i] as Vm;
    const req = h.schedReq[i] as number;
    let r = req > h.peMips ? h.peMips : req;
    if (h.schedIn.has(vm)) r *= 0.1;
    total += r;
  }
  const scaling = h.totalMips / total;
  for (let i = 0; i < n; i++) {
    const vm = h.schedVms[i] as Vm;
    const req = h.schedReq[i] as number;
    let mips = req > h.peMips ? h.peMips : req;
    if (h.schedOut.has(vm)) {
      mips *= scaling;
      mips *= 0.9;
    } else if (h.schedIn.has(vm)) {
      mips *= 0.1;
      mips *= scaling;
    } else {
      mips *= scaling;
    }
    h.schedAlloc[i] = Math.floor(mips);
  }
  h.availableMips = 0;
}

/** VmSchedulerTimeSharedOverSubscription.allocatePesForVm(uid, ...). */
export function allocateUid(h: Host, vm: Vm, req: number): void {
  const capped = req > h.peMips ? h.peMips : req;
  let total = capped;
  const i = setRequest(h, vm, req);
  if (h.schedIn.size > 0 && h.schedIn.has(vm)) total *= 0.1;
  if (h.availableMips >= total) {
    let a = capped;
    if (h.schedOut.size > 0 && h.schedOut.has(vm)) a *= 0.9;
    else if (h.schedIn.size > 0 && h.schedIn.has(vm)) a *= 0.1;
    h.schedAlloc[i] = a;
    h.availableMips -= total;
  } else {
    redistribute(h);
  }
}

/** VmSchedulerTimeShared.allocatePesForVm(Vm, ...): tracks migrating-out VMs, then allocates. */
export function allocatePes(h: Host, vm: Vm, req: number): void {
  if (vm.inMigration) {
    if (!h.schedIn.has(vm) && !h.schedOut.has(vm)) h.schedOut.add(vm);
  } else if (h.schedOut.size > 0) {
    h.schedOut.delete(vm);
  }
  allocateUid(h, vm, req);
}

/** VmSchedulerTimeShared.deallocatePesForVm: forget the VM, re-allocate all the others. */
export function deallocatePes(h: Host, vm: Vm): void {
  forgetRequest(h, vm);
  clearAllocations(h);
  h.availableMips = h.totalMips;
  for (let i = 0; i < h.schedVms.length; i++) allocateUid(h, h.schedVms[i] as Vm, h.schedReq[i] as number);
}

// ---- RAM provisioner -------------------------------------------------------------------------

function ramDeallocate(h: Host, vm: Vm): void {
  const r = h.ramTable.get(vm);
  if (r !== undefined) {
    h.ramAvailable += r;
    h.ramTable.delete(vm);
  }
}

function ramAllocate(h: Host, vm: Vm, ramMB: number): boolean {
  const r = ramMB >= vm.ramMB ? vm.ramMB : ramMB;
  ramDeallocate(h, vm);
  // A 0 MB allocation always succeeds and leaves nothing to give back: no table entry needed.
  if (r === 0) return true;
  if (h.ramAvailable >= r) {
    h.ramAvailable -= r;
    h.ramTable.set(vm, r);
    return true;
  }
  return false;
}

/**
 * RamProvisionerSimple.isSuitableForVm: allocate, deallocate, and give the VM back what it held. That
 * round trip leaves the provisioner as it was, so only its answer is computed here (no map writes):
 * ramAllocate gives back what the VM holds, then succeeds when what is available covers min(ramMB, vm RAM).
 */
function ramSuitable(h: Host, vm: Vm, ramMB: number): boolean {
  if (ramMB === 0) return true;
  const r = ramMB >= vm.ramMB ? vm.ramMB : ramMB;
  if (r === 0) return true;
  const before = h.ramTable.size === 0 ? undefined : h.ramTable.get(vm);
  return (before === undefined ? h.ramAvailable : h.ramAvailable + before) >= r;
}

// ---- host operations -------------------------------------------------------------------------

/** Host.isSuitableForVm */
export function isSuitable(h: Host, vm: Vm, s: Semantics): boolean {
  const req = vm.requested();
  return h.peMips >= req && h.availableMips >= req && ramSuitable(h, vm, requestedRamMB(vm, s));
}

/** Host.vmCreate */
export function vmCreate(h: Host, vm: Vm, s: Semantics): boolean {
  if (!ramAllocate(h, vm, requestedRamMB(vm, s))) return false;
  allocatePes(h, vm, vm.requested());
  h.vmList.push(vm);
  h.listVersion++;
  vm.host = h;
  return true;
}

function removeFrom(list: Vm[], vm: Vm): void {
  const i = list.indexOf(vm);
  if (i >= 0) list.splice(i, 1);
}

function removeFromVmList(h: Host, vm: Vm): void {
  removeFrom(h.vmList, vm);
  h.listVersion++;
}

/** Host.vmDestroy */
export function vmDestroy(h: Host, vm: Vm): void {
  ramDeallocate(h, vm);
  deallocatePes(h, vm);
  removeFromVmList(h, vm);
  vm.host = null;
}

/** Host.vmDestroyAll: note that the scheduler keeps its map of requests (deallocatePesForAllVms). */
export function vmDestroyAll(h: Host): void {
  h.ramTable.clear();
  h.ramAvailable = h.ramMB;
  clearAllocations(h);
  h.availableMips = h.totalMips;
  for (const vm of h.vmList) vm.host = null;
  h.vmList = [];
  h.listVersion++;
}

/** Host.reallocateMigratingInVms */
export function reallocateMigratingIn(h: Host, s: Semantics): void {
  for (const vm of h.migratingIn) {
    if (!h.vmList.includes(vm)) {
      h.vmList.push(vm);
      h.listVersion++;
    }
    h.schedIn.add(vm);
    ramAllocate(h, vm, requestedRamMB(vm, s));
    allocatePes(h, vm, vm.requested());
  }
}

/** Host.removeMigratingInVm */
export function removeMigratingIn(h: Host, vm: Vm): void {
  ramDeallocate(h, vm);
  deallocatePes(h, vm);
  removeFrom(h.migratingIn, vm);
  removeFromVmList(h, vm);
  h.schedIn.delete(vm);
  vm.inMigration = false;
}

/** The policy's view of a host's MIPS in use right now (getUtilizationOfCpuMips): tentative moves count. */
export function allocatedMipsNow(h: Host): number {
  if (h.allocCacheSched === h.schedVersion && h.allocCacheList === h.listVersion) return h.allocCacheMips;
  const mips = computeAllocatedMipsNow(h);
  h.allocCacheSched = h.schedVersion;
  h.allocCacheList = h.listVersion;
  h.allocCacheMips = mips;
  return mips;
}

/** Whether the host holds nothing at all: no VMs, no scheduler entries, idle at the last update. */
export const isPristineEmpty = (h: Host): boolean =>
  h.vmList.length === 0 && h.schedVms.length === 0 && h.utilMips === 0 && h.migratingIn.length === 0;

function computeAllocatedMipsNow(h: Host): number {
  let mips = 0;
  if (h.migratingIn.length === 0) {
    for (const vm of h.vmList) mips += allocatedMips(h, vm);
    return mips;
  }
  for (const vm of h.vmList) {
    const a = allocatedMips(h, vm);
    if (h.migratingIn.includes(vm)) mips += (a * 0.9) / 0.1;
    mips += a;
  }
  return mips;
}

/** Host.addMigratingInVm without its two host updates (the caller runs them). False if already migrating in. */
export function addMigratingIn(h: Host, vm: Vm, s: Semantics): boolean {
  vm.inMigration = true;
  if (h.migratingIn.includes(vm)) return false;
  if (!ramAllocate(h, vm, requestedRamMB(vm, s)))
    throw new Error(`not enough RAM on host ${h.id} for migrating VM ${vm.id}`);
  h.schedIn.add(vm);
  allocatePes(h, vm, vm.requested());
  h.migratingIn.push(vm);
  h.vmList.push(vm);
  h.listVersion++;
  return true;
}
