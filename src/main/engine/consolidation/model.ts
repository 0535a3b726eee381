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

  /** Vm.getCurrentRequestedTotalMips */
  requested(): number {
    return this.instantiating ? this.mips : this.reqMips;
  }
}

export class Host {
  readonly totalMips: number;
  readonly peMips: number;
  readonly ramMB: number;
  readonly bwKbps: number;
  readonly power: readonly number[];
  vmList: Vm[] = [];
  /** Incremented whenever vmList changes (keys the utilisation-history cache). */
  listVersion = 0;
  /** Cached PowerHostUtilizationHistory sums (newest first) for (listVersion, historyRound). */
  histSum = new Float64Array(HISTORY_LENGTH);
  histVersion = -1;
  histRound = -1;
  /** HostDynamicWorkload.vmsMigratingIn */
  migratingIn: Vm[] = [];
  // VmSchedulerTimeSharedOverSubscription state (one PE per VM, so one number per VM)
  readonly schedIn = new Set<Vm>();
  readonly schedOut = new Set<Vm>();
  /**
   * The scheduler's two maps (mipsMapRequested, mipsMap) as parallel arrays in insertion order:
   * schedVms[i] requested schedReq[i]; schedAlloc[i] is its allocation, NaN when it has none.
   */
  schedVms: Vm[] = [];
  schedReq: number[] = [];
  schedAlloc: number[] = [];
  /** Incremented on every scheduler change (keys the allocated-MIPS cache). */
  schedVersion = 0;
  allocCacheSched = -1;
  allocCacheList = -1;
  allocCacheMips = 0;
  availableMips: number;
  // RamProvisionerSimple
  ramAvailable: number;
  readonly ramTable = new Map<Vm, number>();
  utilMips = 0;
  prevUtilMips = 0;
  /** Cache of P(utilisation at the last update), keyed by utilMips. */
  powerCacheMips = -1;
  powerCacheW = 0;
  /** Changed during the current tentative optimisation round (restored afterwards). */
  touched = false;
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
export const requestedMips = (vm: Vm): number => vm.requested();
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

function ramSuitable(h: Host, vm: Vm, ramMB: number): boolean {
  if (ramMB === 0) return true;
  const before = h.ramTable.get(vm) ?? 0;
  const result = ramAllocate(h, vm, ramMB);
  ramDeallocate(h, vm);
  if (before > 0) ramAllocate(h, vm, before);
  return result;
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

const utilisationAtFn = utilisationAt;

/** Advance one VM to time t: its demand and (every 300 s) its utilisation history. */
export function processVm(vm: Vm, tSec: number): void {
  if (vm.cloudletArrived) {
    vm.uNow = utilisationAtFn(vm.trace, tSec);
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
  if (!ramAllocate(h, vm, requestedRamMB(vm, s)))
    throw new Error(`not enough RAM on host ${h.id} for migrating VM ${vm.id}`);
  h.schedIn.add(vm);
  allocatePes(h, vm, vm.requested());
  h.migratingIn.push(vm);
  h.vmList.push(vm);
  h.listVersion++;
  return true;
}
