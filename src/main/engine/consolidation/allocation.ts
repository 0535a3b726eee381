/**
 * PowerVmAllocationPolicyMigrationAbstract (CloudSim 3.0.3): power-aware best fit decreasing (PABFD),
 * the overload step, the underload (evacuation) step, and the tentative allocation that is saved and
 * restored around them. The result is a list of (VM, destination) pairs.
 */
import { isOverloaded, type Detector } from './detectors';
import type { JavaRandom } from './java-random';
import {
  allocatedMipsNow,
  isPristineEmpty,
  isSuitable,
  reallocateMigratingIn,
  vmCreate,
  vmDestroy,
  vmDestroyAll,
  type Host,
  type Vm,
} from './model';
import type { SelectorKind } from './policy';
import { clampedUtilisation, HOST_TYPES, specPowerW } from './power';
import { selectVm } from './selectors';
import type { Semantics } from './semantics';

// Local bindings of hot imported functions: under a CommonJS transform (tsx) every call through an
// import goes through an export getter; binding once keeps the inner loops cheap.
const isSuitableFn = isSuitable;
const allocatedMipsNowFn = allocatedMipsNow;
const isPristineEmptyFn = isPristineEmpty;
const specPowerWFn = specPowerW;
const clampedUtilisationFn = clampedUtilisation;
const isOverloadedFn = isOverloaded;

export interface Migration {
  vm: Vm;
  to: Host;
}

export interface PolicyContext {
  hosts: readonly Host[];
  detector: Detector;
  selector: SelectorKind;
  rng: JavaRandom;
  semantics: Semantics;
  /** The "current power" a placement's cost is measured against. */
  currentPowerW: (h: Host) => number;
}

/** Reference: power from the utilisation of the last update (host.getPower()), so an empty host costs P(idle). */
export function powerAtLastUpdateW(h: Host): number {
  if (h.powerCacheMips !== h.utilMips) {
    h.powerCacheW = specPowerWFn(h.power, clampedUtilisationFn(h.utilMips, h.totalMips));
    h.powerCacheMips = h.utilMips;
  }
  return h.powerCacheW;
}

/** Tentative changes mark the host so that only changed hosts are restored (restoring the others is a no-op). */
function tentativeCreate(h: Host, vm: Vm, ctx: PolicyContext): boolean {
  h.touched = true;
  return vmCreate(h, vm, ctx.semantics);
}

function tentativeDestroy(h: Host, vm: Vm): void {
  h.touched = true;
  vmDestroy(h, vm);
}

/** Native: the power of the tentative allocation; a host without VMs is off and costs 0 (waking it pays idle). */
export const powerOfCurrentAllocationW = (h: Host): number =>
  h.vmList.length === 0 ? 0 : specPowerWFn(h.power, Math.min(1, allocatedMipsNowFn(h) / h.totalMips));

export const currentPowerFor = (s: Semantics): ((h: Host) => number) =>
  s.wakingCostsIdlePower ? powerOfCurrentAllocationW : powerAtLastUpdateW;

/**
 * isHostOverUtilizedAfterAllocation: CloudSim creates the VM on the host, tests, and destroys it again,
 * which leaves the host as it was; the creation cannot fail here (the host passed isSuitableForVm), so
 * the test is evaluated on the list with the VM appended, without the scheduler round trip.
 */
function isOverloadedAfterAllocation(h: Host, vm: Vm, ctx: PolicyContext): boolean {
  return isOverloadedFn(h, ctx.detector, vm);
}

/**
 * PABFD for one VM: among suitable hosts not excluded (and, if not empty, not overloaded with the VM
 * added), the host whose power rises least; the first host wins ties. The cost is evaluated before the
 * overload test (which has no side effects) so that hosts that cannot win are not tested.
 */
export function findHostForVm(
  vm: Vm,
  candidates: readonly Host[],
  excluded: ReadonlySet<Host>,
  ctx: PolicyContext,
): Host | null {
  const mask = new HostMask(candidates);
  for (const h of excluded) mask.add(h);
  return findHost(vm, candidates, mask, ctx);
}

/**
 * A set of hosts as one byte per host id: the placement loop asks it once per candidate host and VM
 * (millions of times a run), which a Set<Host> answers several times slower.
 */
export class HostMask {
  private bits: Uint8Array;

  constructor(hosts: readonly Host[], members: Iterable<Host> = []) {
    let top = -1;
    for (const h of hosts) if (h.id > top) top = h.id;
    this.bits = new Uint8Array(top + 1);
    for (const h of members) this.add(h);
  }

  add(h: Host): void {
    if (h.id >= this.bits.length) {
      const grown = new Uint8Array(h.id + 1);
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[h.id] = 1;
  }

  has(h: Host): boolean {
    return this.bits[h.id] === 1;
  }
}

function findHost(vm: Vm, candidates: readonly Host[], excluded: HostMask, ctx: PolicyContext): Host | null {
  let minPower = Number.MAX_VALUE;
  let best: Host | null = null;
  const req = vm.requested();
  // Hosts that hold nothing are interchangeable within a type (same cost, same suitability): only the
  // first one of each type (lowest id) can win, so the others are skipped.
  let emptySeen = 0;
  for (const h of candidates) {
    if (excluded.has(h)) continue;
    if (isPristineEmptyFn(h)) {
      const bit = h.type === HOST_TYPES[0] ? 1 : 2;
      if ((emptySeen & bit) !== 0) continue;
      emptySeen |= bit;
    }
    if (!isSuitableFn(h, vm, ctx.semantics)) continue;
    const used = allocatedMipsNowFn(h);
    const uAfter = (used + req) / h.totalMips;
    if (uAfter > 1) {
      // CloudSim runs the overload test first; a utilisation above 1 that passes it aborts the run.
      if (used !== 0 && isOverloadedAfterAllocation(h, vm, ctx)) continue;
      specPowerWFn(h.power, uAfter);
    }
    const diff = specPowerWFn(h.power, uAfter) - ctx.currentPowerW(h);
    if (!(diff < minPower)) continue;
    if (used !== 0 && isOverloadedAfterAllocation(h, vm, ctx)) continue;
    minPower = diff;
    best = h;
  }
  return best;
}

/** Sort by current CPU demand in MIPS, largest first (stable, like Collections.sort). */
const byDemandDesc = (vms: Vm[]): Vm[] => vms.sort((a, b) => b.requested() - a.requested());

function placeAll(
  vms: Vm[],
  candidates: readonly Host[],
  excluded: HostMask,
  ctx: PolicyContext,
): Migration[] {
  const out: Migration[] = [];
  for (const vm of byDemandDesc(vms)) {
    const h = findHost(vm, candidates, excluded, ctx);
    if (h !== null) {
      tentativeCreate(h, vm, ctx);
      out.push({ vm, to: h });
    }
  }
  return out;
}

/** Evacuation of one host: all or nothing. */
function placeAllOrNothing(
  vms: Vm[],
  candidates: readonly Host[],
  excluded: HostMask,
  ctx: PolicyContext,
): Migration[] {
  const out: Migration[] = [];
  for (const vm of byDemandDesc(vms)) {
    const h = findHost(vm, candidates, excluded, ctx);
    if (h === null) {
      for (const m of out) tentativeDestroy(m.to, m.vm);
      return [];
    }
    tentativeCreate(h, vm, ctx);
    out.push({ vm, to: h });
  }
  return out;
}

/** PowerVmAllocationPolicyMigrationAbstract.areAllVmsMigratingOutOrAnyVmMigratingIn, literally. */
function allMigratingOutOrAnyIn(h: Host): boolean {
  for (const vm of h.vmList) {
    if (!vm.inMigration) return false;
    if (h.migratingIn.includes(vm)) return true;
  }
  return true;
}

function underloadStep(
  overloaded: readonly Host[],
  overloadTargets: readonly Host[],
  ctx: PolicyContext,
): Migration[] {
  const out: Migration[] = [];
  const util = (h: Host): number => clampedUtilisationFn(h.utilMips, h.totalMips);
  const switchedOff = ctx.hosts.filter((h) => util(h) === 0);
  const exclSource = new Set<Host>([...overloaded, ...switchedOff]);
  if (ctx.semantics.excludeOverloadTargetsFromEvacuation) for (const h of overloadTargets) exclSource.add(h);
  const exclDest = new HostMask(ctx.hosts, [...overloaded, ...switchedOff]);
  // Evacuation destinations are never switched-off or overloaded hosts: scan only the others.
  const destCandidates = ctx.hosts.filter((h) => !exclDest.has(h));
  // getUnderUtilizedHost picks the minimum utilisation in (0, 1), first host on ties; utilisations do
  // not change during the round, so walking this order once is the same as searching again each time.
  const order = ctx.hosts
    .filter((h) => util(h) > 0 && util(h) < 1)
    .sort((a, b) => util(a) - util(b) || a.id - b.id);
  for (const source of order) {
    if (exclSource.has(source) || allMigratingOutOrAnyIn(source)) continue;
    exclSource.add(source);
    exclDest.add(source);
    // Its VMs get tentatively created elsewhere (and their host pointer moved): restore it too.
    source.touched = true;
    const vms = source.vmList.filter((vm) => !vm.inMigration);
    if (vms.length === 0) continue;
    const placed = placeAllOrNothing(vms, destCandidates, exclDest, ctx);
    for (const m of placed) exclSource.add(m.to);
    out.push(...placed);
  }
  return out;
}

/** optimizeAllocation: overload step, underload step, on a tentative allocation restored afterwards. */
export function optimizeAllocation(ctx: PolicyContext): Migration[] {
  const overloaded = ctx.hosts.filter((h) => isOverloadedFn(h, ctx.detector));
  // saveAllocation; CloudSim saves and restores every host, but an untouched host would be rebuilt
  // exactly as it is, so only the touched ones are restored.
  const saved = new Map<Host, Vm[]>();
  for (const h of ctx.hosts) {
    if (h.vmList.length === 0) continue; // restored as empty (saved.get(h) ?? [] below)
    saved.set(
      h,
      h.migratingIn.length === 0 ? h.vmList.slice() : h.vmList.filter((vm) => !h.migratingIn.includes(vm)),
    );
  }

  const toMigrate: Vm[] = [];
  for (const h of overloaded) {
    for (;;) {
      const vm = selectVm(h, ctx.selector, ctx.rng);
      if (vm === null) break;
      toMigrate.push(vm);
      tentativeDestroy(h, vm);
      if (!isOverloadedFn(h, ctx.detector)) break;
    }
  }
  const overloadedSet = new HostMask(ctx.hosts, overloaded);
  const fromOverloaded = placeAll(toMigrate, ctx.hosts, overloadedSet, ctx);
  const fromUnderloaded = underloadStep(
    overloaded,
    fromOverloaded.map((m) => m.to),
    ctx,
  );

  const touched = ctx.hosts.filter((h) => h.touched);
  for (const h of touched) {
    vmDestroyAll(h);
    reallocateMigratingIn(h, ctx.semantics);
  }
  for (const h of touched) {
    h.touched = false;
    for (const vm of saved.get(h) ?? []) {
      if (!vmCreate(h, vm, ctx.semantics)) throw new Error(`could not restore VM ${vm.id} on host ${h.id}`);
      vm.tableHost = h;
    }
  }
  return [...fromOverloaded, ...fromUnderloaded];
}
