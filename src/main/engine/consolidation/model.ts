/**
 * The data centre state of the consolidation experiment: hosts with CloudSim's time-shared
 * over-subscription scheduler (VmSchedulerTimeSharedOverSubscription), RAM provisioner and VM lists,
 * and VMs with their cloudlet demand and utilisation history. Operations mirror CloudSim 3.0.3's
 * Host/HostDynamicWorkload/PowerVm methods one to one, because their side effects (list order,
 * allocation order, the 90 %/10 % migration modifiers) decide the results.
 */
import { HOST_TYPES, type HostType } from './power';
import type { Semantics } from './semantics';
import { utilisationAt } from './trace';

/** PowerVm.HISTORY_LENGTH */
export const HISTORY_LENGTH = 30;

export class Vm {
  host: Host | null = null;
  /** The allocation policy's vmTable entry (where the VM "officially" is). */
  tableHost: Host | null = null;
  inMigration = false;
  /** True only while the VM is being created at t = 0: it then requests its full MIPS and RAM. */
  instantiating = true;
  /** Cloudlet arrived: before that the VM requests 0 MIPS. */
  cloudletArrived = false;
  created = false;
  removed = false;
  /** Utilisation fraction and requested MIPS at the VM's last processing update. */
  uNow = 0;
  reqMips = 0;
  /** Utilisation history, newest first, at most HISTORY_LENGTH values (PowerVm). */
  history: number[] = [];
  historyTimeSec = 0;
  // state-history stream (VmStateHistoryEntry) for the SLA metrics
  hasEntry = false;
  entryTimeSec = 0;
  entryAllocMips = 0;
  entryReqMips = 0;
  entryInMigration = false;
  requestedMipsSec = 0;
  allocatedMipsSec = 0;
  underAllocatedMigrationMipsSec = 0;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly mips: number,
    readonly ramMB: number,
    readonly trace: Float64Array,
  ) {}
}

export class Host {
  readonly totalMips: number;
  readonly peMips: number;
  readonly ramMB: number;
  readonly bwKbps: number;
  readonly power: readonly number[];
  vmList: Vm[] = [];
  /** HostDynamicWorkload.vmsMigratingIn */
  migratingIn: Vm[] = [];
  // VmSchedulerTimeSharedOverSubscription state (one PE per VM, so one number per VM)
  readonly schedIn = new Set<Vm>();
  readonly schedOut = new Set<Vm>();
  readonly requested = new Map<Vm, number>();
  readonly allocated = new Map<Vm, number>();
  availableMips: number;
  // RamProvisionerSimple
  ramAvailable: number;
  readonly ramTable = new Map<Vm, number>();
  utilMips = 0;
  prevUtilMips = 0;
  // host state-history stream
  hasEntry = false;
  entryTimeSec = 0;
  entryAllocMips = 0;
  entryReqMips = 0;
  entryActive = false;
  activeTimeSec = 0;
  violationTimeSec = 0;
  shutdownPrevActive = true;
  lastSwitchedOnSec = 0;

  constructor(
    readonly id: number,
    readonly type: HostType,
  ) {
    this.peMips = type.peMips;
    this.totalMips = type.peMips * type.pes;
    this.ramMB = type.ramMB;
    this.bwKbps = type.bwKbps;
    this.power = type.powerW;
    this.availableMips = this.totalMips;
    this.ramAvailable = type.ramMB;
  }
}

export function makeHosts(count: number): Host[] {
  return Array.from({ length: count }, (_, i) => new Host(i, HOST_TYPES[i % 2] as HostType));
}

/** Vm.getCurrentRequestedTotalMips */
export const requestedMips = (vm: Vm): number => (vm.instantiating ? vm.mips : vm.reqMips);
/** Vm.getCurrentRequestedRam: the RAM utilisation model is "null", so 0 after creation (reference). */
export const requestedRamMB = (vm: Vm, s: Semantics): number => (vm.instantiating || s.ramPersists ? vm.ramMB : 0);

// ---- scheduler -------------------------------------------------------------------------------

function redistribute(h: Host): void {
  let total = 0;
  for (const [vm, req] of h.requested) {
    let r = req > h.peMips ? h.peMips : req;
    if (h.schedIn.has(vm)) r *= 0.1;
    total += r;
  }
  const scaling = h.totalMips / total;
  h.allocated.clear();
  for (const [vm, req] of h.requested) {
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
    h.allocated.set(vm, Math.floor(mips));
  }
  h.availableMips = 0;
}

/** VmSchedulerTimeSharedOverSubscription.allocatePesForVm(uid, ...). */
export function allocateUid(h: Host, vm: Vm, req: number): void {
  const capped = req > h.peMips ? h.peMips : req;
  let total = capped;
  h.requested.set(vm, req);
  if (h.schedIn.has(vm)) total *= 0.1;
  if (h.availableMips >= total) {
    let a = capped;
    if (h.schedOut.has(vm)) a *= 0.9;
    else if (h.schedIn.has(vm)) a *= 0.1;
    h.allocated.set(vm, a);
    h.availableMips -= total;
  } else {
    redistribute(h);
  }
}

/** VmSchedulerTimeShared.allocatePesForVm(Vm, ...): tracks migrating-out VMs, then allocates. */
export function allocatePes(h: Host, vm: Vm, req: number): void {
  if (vm.inMigration) {
    if (!h.schedIn.has(vm) && !h.schedOut.has(vm)) h.schedOut.add(vm);
  } else {
    h.schedOut.delete(vm);
  }
  allocateUid(h, vm, req);
}

/** VmSchedulerTimeShared.deallocatePesForVm: forget the VM, re-allocate all the others. */
export function deallocatePes(h: Host, vm: Vm): void {
  h.requested.delete(vm);
  h.allocated.clear();
  h.availableMips = h.totalMips;
  for (const [other, req] of h.requested) allocateUid(h, other, req);
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
  if (h.ramAvailable >= r) {
    h.ramAvailable -= r;
    h.ramTable.set(vm, r);
    return true;
  }
  return false;
}

function ramSuitable(h: Host, vm: Vm, ramMB: number): boolean {
  const before = h.ramTable.get(vm) ?? 0;
  const result = ramAllocate(h, vm, ramMB);
  ramDeallocate(h, vm);
  if (before > 0) ramAllocate(h, vm, before);
  return result;
}

// ---- host operations -------------------------------------------------------------------------

/** Host.isSuitableForVm */
export function isSuitable(h: Host, vm: Vm, s: Semantics): boolean {
  const req = requestedMips(vm);
  return h.peMips >= req && h.availableMips >= req && ramSuitable(h, vm, requestedRamMB(vm, s));
}

/** Host.vmCreate */
export function vmCreate(h: Host, vm: Vm, s: Semantics): boolean {
  if (!ramAllocate(h, vm, requestedRamMB(vm, s))) return false;
  allocatePes(h, vm, requestedMips(vm));
  h.vmList.push(vm);
  vm.host = h;
  return true;
}

function removeFrom(list: Vm[], vm: Vm): void {
  const i = list.indexOf(vm);
  if (i >= 0) list.splice(i, 1);
}

/** Host.vmDestroy */
export function vmDestroy(h: Host, vm: Vm): void {
  ramDeallocate(h, vm);
  deallocatePes(h, vm);
  removeFrom(h.vmList, vm);
  vm.host = null;
}

/** Host.vmDestroyAll: note that the scheduler keeps its map of requests (deallocatePesForAllVms). */
export function vmDestroyAll(h: Host): void {
  h.ramTable.clear();
  h.ramAvailable = h.ramMB;
  h.allocated.clear();
  h.availableMips = h.totalMips;
  for (const vm of h.vmList) vm.host = null;
  h.vmList = [];
}

/** Host.reallocateMigratingInVms */
export function reallocateMigratingIn(h: Host, s: Semantics): void {
  for (const vm of h.migratingIn) {
    if (!h.vmList.includes(vm)) h.vmList.push(vm);
    h.schedIn.add(vm);
    ramAllocate(h, vm, requestedRamMB(vm, s));
    allocatePes(h, vm, requestedMips(vm));
  }
}

/** Host.removeMigratingInVm */
export function removeMigratingIn(h: Host, vm: Vm): void {
  ramDeallocate(h, vm);
  deallocatePes(h, vm);
  removeFrom(h.migratingIn, vm);
  removeFrom(h.vmList, vm);
  h.schedIn.delete(vm);
  vm.inMigration = false;
}

/** The policy's view of a host's MIPS in use right now (getUtilizationOfCpuMips): tentative moves count. */
export function allocatedMipsNow(h: Host): number {
  let mips = 0;
  for (const vm of h.vmList) {
    const a = h.allocated.get(vm) ?? 0;
    if (h.migratingIn.includes(vm)) mips += (a * 0.9) / 0.1;
    mips += a;
  }
  return mips;
}

/** Advance one VM to time t: its demand and (every 300 s) its utilisation history. */
export function processVm(vm: Vm, tSec: number): void {
  if (vm.cloudletArrived) {
    vm.uNow = utilisationAt(vm.trace, tSec);
    vm.reqMips = vm.mips * vm.uNow;
  }
  if (tSec > vm.historyTimeSec && (tSec - 0.1) % 300 === 0) {
    const u = vm.cloudletArrived ? vm.uNow : 0;
    if (tSec !== 0 || u !== 0) {
      vm.history.unshift(u);
      if (vm.history.length > HISTORY_LENGTH) vm.history.length = HISTORY_LENGTH;
    }
    vm.historyTimeSec = tSec;
  }
}

/** Host.addMigratingInVm without its two host updates (the caller runs them). False if already migrating in. */
export function addMigratingIn(h: Host, vm: Vm, s: Semantics): boolean {
  vm.inMigration = true;
  if (h.migratingIn.includes(vm)) return false;
  if (!ramAllocate(h, vm, requestedRamMB(vm, s))) throw new Error(`not enough RAM on host ${h.id} for migrating VM ${vm.id}`);
  h.schedIn.add(vm);
  allocatePes(h, vm, requestedMips(vm));
  h.migratingIn.push(vm);
  h.vmList.push(vm);
  return true;
}
