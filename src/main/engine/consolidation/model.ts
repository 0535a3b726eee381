/**
 * The data centre state of the consolidation experiment: hosts with CloudSim's time-shared
 * over-subscription scheduler (VmSchedulerTimeSharedOverSubscription), RAM provisioner and VM lists,
 * and VMs with their cloudlet demand and utilisation history. The host operations (host-ops.ts, re-exported
 * here) mirror CloudSim 3.0.3's Host/HostDynamicWorkload methods one to one, because their side effects
 * (list order, allocation order, the 90 %/10 % migration modifiers) decide the results.
 */
import { HOST_TYPES, type HostType } from './power';
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
  /** Scratch mark of updateHost (host-update.ts): equal to its current stamp while the VM is in the host's list. */
  stamp = 0;

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
  /** Cached largest VM RAM of vmList (-2^31 when empty) for listVersion (detectors.ts). */
  maxRamMB = 0;
  maxRamVersion = -1;
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

export * from './host-ops';

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
