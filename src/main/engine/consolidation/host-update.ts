/**
 * HostDynamicWorkload.updateVmsProcessing (CloudSim 3.0.3) and the state-history streams that the
 * SLA metrics are computed from. An entry (t, allocated, requested, flag) describes [t, next t);
 * a later entry with the same time stamp replaces it.
 */
import {
  allocatePes,
  allocatedMips,
  allocateUid,
  clearAllocations,
  processVm,
  type Host,
  type Vm,
} from './model';

// Local bindings of hot imported functions: under a CommonJS transform (tsx) every call through an
// import goes through an export getter; binding once keeps the inner loops cheap.
const processVmFn = processVm;
const allocatePesFn = allocatePes;
const allocatedMipsFn = allocatedMips;
const allocateUidFn = allocateUid;
const clearAllocationsFn = clearAllocations;

/** Marks the VMs of one host's list (Vm.stamp) for the one-pass scheduler clean-up below. */
let listStamp = 0;

export interface MetricSink {
  /** Host shutdown durations (time active before each switch-off), in finalisation order. */
  shutdownDurationsSec: number[];
  /** Native: a host is active (on) while it holds VMs; reference: while its used MIPS > 0. */
  activeWhileHoldingVms?: boolean;
}

function finaliseVmEntry(vm: Vm, nextSec: number): void {
  const dt = nextSec - vm.entryTimeSec;
  vm.allocatedMipsSec += vm.entryAllocMips * dt;
  vm.requestedMipsSec += vm.entryReqMips * dt;
  if (vm.entryAllocMips < vm.entryReqMips && vm.entryInMigration) {
    vm.underAllocatedMigrationMipsSec += (vm.entryReqMips - vm.entryAllocMips) * dt;
  }
}

export function addVmEntry(
  vm: Vm,
  tSec: number,
  allocMips: number,
  reqMips: number,
  inMigration: boolean,
): void {
  if (vm.hasEntry && vm.entryTimeSec !== tSec) finaliseVmEntry(vm, tSec);
  vm.hasEntry = true;
  vm.entryTimeSec = tSec;
  vm.entryAllocMips = allocMips;
  vm.entryReqMips = reqMips;
  vm.entryInMigration = inMigration;
}

/** The host-shutdown walk of Helper.getTimesBeforeHostShutdown, applied to one final entry. */
function shutdownStep(h: Host, sink: MetricSink): void {
  if (h.shutdownPrevActive && !h.entryActive)
    sink.shutdownDurationsSec.push(h.entryTimeSec - h.lastSwitchedOnSec);
  if (!h.shutdownPrevActive && h.entryActive) h.lastSwitchedOnSec = h.entryTimeSec;
  h.shutdownPrevActive = h.entryActive;
}

export function addHostEntry(
  h: Host,
  tSec: number,
  allocMips: number,
  reqMips: number,
  sink: MetricSink,
): void {
  const active = sink.activeWhileHoldingVms === true ? h.vmList.length > 0 : allocMips > 0;
  if (h.hasEntry && h.entryTimeSec !== tSec) {
    if (h.entryActive) {
      const dt = tSec - h.entryTimeSec;
      h.activeTimeSec += dt;
      if (h.entryAllocMips < h.entryReqMips) h.violationTimeSec += dt;
    }
    shutdownStep(h, sink);
  }
  h.hasEntry = true;
  h.entryTimeSec = tSec;
  h.entryAllocMips = allocMips;
  h.entryReqMips = reqMips;
  h.entryActive = active;
}

/** At the end of the run the last entry of each host is final too. */
export function closeHostEntries(hosts: readonly Host[], sink: MetricSink): void {
  for (const h of hosts) if (h.hasEntry) shutdownStep(h, sink);
}

/**
 * Update a host at time t: advance its VMs, re-allocate all of them in list order, write the VM and
 * host history entries, and set previous/current utilisation (the energy integrator reads both).
 */
export function updateHost(h: Host, tSec: number, sink: MetricSink): void {
  if (h.vmList.length === 0 && h.schedVms.length === 0) {
    // Fast path of the general case below for a host without VMs. A host that was already empty and
    // idle writes an inactive (0, 0) entry identical to its last one: no metric can see it (inactive
    // periods are not counted and the shutdown walk only reacts to changes), so it is skipped.
    if (
      h.utilMips === 0 &&
      h.prevUtilMips === 0 &&
      h.hasEntry &&
      !h.entryActive &&
      h.entryAllocMips === 0 &&
      h.entryReqMips === 0
    ) {
      return;
    }
    h.availableMips = h.totalMips;
    h.prevUtilMips = h.utilMips;
    h.utilMips = 0;
    addHostEntry(h, tSec, 0, 0, sink);
    return;
  }
  for (const vm of h.vmList) processVmFn(vm, tSec);
  h.prevUtilMips = h.utilMips;
  h.utilMips = 0;
  let hostReq = 0;
  // deallocatePesForVm for every VM in the list: what remains are entries of VMs no longer listed.
  if (h.schedVms.length === h.vmList.length) {
    // Every entry belongs to a listed VM (entries always include the list): forget them all.
    h.schedVms.length = 0;
    h.schedReq.length = 0;
    h.schedAlloc.length = 0;
    h.schedVersion++;
  } else {
    // forgetRequest for each listed VM in one pass: the scheduler's entries are unique (setRequest), so
    // removing every entry of a listed VM and keeping the others in order is the same.
    const stamp = ++listStamp;
    for (const vm of h.vmList) vm.stamp = stamp;
    const vms = h.schedVms;
    const reqs = h.schedReq;
    const allocs = h.schedAlloc;
    let w = 0;
    for (let i = 0; i < vms.length; i++) {
      const vm = vms[i] as Vm;
      if (vm.stamp === stamp) continue;
      vms[w] = vm;
      reqs[w] = reqs[i] as number;
      allocs[w] = allocs[i] as number;
      w++;
    }
    if (w !== vms.length) {
      vms.length = w;
      reqs.length = w;
      allocs.length = w;
      h.schedVersion++;
    }
  }
  clearAllocationsFn(h);
  h.availableMips = h.totalMips;
  for (let i = 0; i < h.schedVms.length; i++) allocateUidFn(h, h.schedVms[i] as Vm, h.schedReq[i] as number);
  for (const vm of h.vmList) allocatePesFn(h, vm, vm.requested());
  // Without stale entries the scheduler's arrays are in list order: read allocations by index.
  const aligned = h.schedVms.length === h.vmList.length;
  const noneIn = h.migratingIn.length === 0;
  for (let i = 0; i < h.vmList.length; i++) {
    const vm = h.vmList[i] as Vm;
    const req = vm.requested();
    let alloc: number;
    if (aligned) {
      const a = h.schedAlloc[i] as number;
      alloc = a === a ? a : 0;
    } else {
      alloc = allocatedMipsFn(h, vm);
    }
    if (noneIn || !h.migratingIn.includes(vm)) {
      addVmEntry(vm, tSec, alloc, req, vm.inMigration);
      if (vm.inMigration) alloc /= 0.9;
    }
    h.utilMips += alloc;
    hostReq += req;
  }
  addHostEntry(h, tSec, h.utilMips, hostReq, sink);
}
