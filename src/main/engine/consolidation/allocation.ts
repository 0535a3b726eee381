/**
 * PowerVmAllocationPolicyMigrationAbstract (CloudSim 3.0.3): power-aware best fit decreasing (PABFD),
 * the overload step, the underload (evacuation) step, and the tentative allocation that is saved and
 * restored around them. The result is a list of (VM, destination) pairs.
 */
import { isOverloaded, type Detector } from './detectors';
import type { JavaRandom } from './java-random';
import {
  allocatedMipsNow,
  isSuitable,
  reallocateMigratingIn,
  requestedMips,
  vmCreate,
  vmDestroy,
  vmDestroyAll,
  type Host,
  type Vm,
} from './model';
import type { SelectorKind } from './policy';
import { clampedUtilisation, specPowerW } from './power';
import { selectVm } from './selectors';
import type { Semantics } from './semantics';

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
export const powerAtLastUpdateW = (h: Host): number => specPowerW(h.power, clampedUtilisation(h.utilMips, h.totalMips));

/** Native: the power of the tentative allocation; a host without VMs is off and costs 0 (waking it pays idle). */
export const powerOfCurrentAllocationW = (h: Host): number =>
  h.vmList.length === 0 ? 0 : specPowerW(h.power, Math.min(1, allocatedMipsNow(h) / h.totalMips));

export const currentPowerFor = (s: Semantics): ((h: Host) => number) =>
  s.wakingCostsIdlePower ? powerOfCurrentAllocationW : powerAtLastUpdateW;

function isOverloadedAfterAllocation(h: Host, vm: Vm, ctx: PolicyContext): boolean {
  if (!vmCreate(h, vm, ctx.semantics)) return true;
  const over = isOverloaded(h, ctx.detector);
  vmDestroy(h, vm);
  return over;
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
  let minPower = Number.MAX_VALUE;
  let best: Host | null = null;
  const req = requestedMips(vm);
  for (const h of candidates) {
    if (excluded.has(h)) continue;
    if (!isSuitable(h, vm, ctx.semantics)) continue;
    const used = allocatedMipsNow(h);
    const uAfter = (used + req) / h.totalMips;
    if (uAfter > 1) {
      // CloudSim runs the overload test first; a utilisation above 1 that passes it aborts the run.
      if (used !== 0 && isOverloadedAfterAllocation(h, vm, ctx)) continue;
      specPowerW(h.power, uAfter);
    }
    const diff = specPowerW(h.power, uAfter) - ctx.currentPowerW(h);
    if (!(diff < minPower)) continue;
    if (used !== 0 && isOverloadedAfterAllocation(h, vm, ctx)) continue;
    minPower = diff;
    best = h;
  }
  return best;
}

/** Sort by current CPU demand in MIPS, largest first (stable, like Collections.sort). */
const byDemandDesc = (vms: Vm[]): Vm[] => vms.sort((a, b) => requestedMips(b) - requestedMips(a));

function placeAll(vms: Vm[], candidates: readonly Host[], excluded: ReadonlySet<Host>, ctx: PolicyContext): Migration[] {
  const out: Migration[] = [];
  for (const vm of byDemandDesc(vms)) {
    const h = findHostForVm(vm, candidates, excluded, ctx);
    if (h !== null) {
      vmCreate(h, vm, ctx.semantics);
      out.push({ vm, to: h });
    }
  }
  return out;
}

/** Evacuation of one host: all or nothing. */
function placeAllOrNothing(vms: Vm[], candidates: readonly Host[], excluded: ReadonlySet<Host>, ctx: PolicyContext): Migration[] {
  const out: Migration[] = [];
  for (const vm of byDemandDesc(vms)) {
    const h = findHostForVm(vm, candidates, excluded, ctx);
    if (h === null) {
      for (const m of out) vmDestroy(m.to, m.vm);
      return [];
    }
    vmCreate(h, vm, ctx.semantics);
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

function underloadStep(overloaded: readonly Host[], overloadTargets: readonly Host[], ctx: PolicyContext): Migration[] {
  const out: Migration[] = [];
  const util = (h: Host): number => clampedUtilisation(h.utilMips, h.totalMips);
  const switchedOff = ctx.hosts.filter((h) => util(h) === 0);
  const exclSource = new Set<Host>([...overloaded, ...switchedOff]);
  if (ctx.semantics.excludeOverloadTargetsFromEvacuation) for (const h of overloadTargets) exclSource.add(h);
  const exclDest = new Set<Host>([...overloaded, ...switchedOff]);
  // Evacuation destinations are never switched-off or overloaded hosts: scan only the others.
  const destCandidates = ctx.hosts.filter((h) => !exclDest.has(h));
  // getUnderUtilizedHost picks the minimum utilisation in (0, 1), first host on ties; utilisations do
  // not change during the round, so walking this order once is the same as searching again each time.
  const order = ctx.hosts.filter((h) => util(h) > 0 && util(h) < 1).sort((a, b) => util(a) - util(b) || a.id - b.id);
  for (const source of order) {
    if (exclSource.has(source) || allMigratingOutOrAnyIn(source)) continue;
    exclSource.add(source);
    exclDest.add(source);
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
  const overloaded = ctx.hosts.filter((h) => isOverloaded(h, ctx.detector));
  const saved: Array<[Host, Vm]> = [];
  for (const h of ctx.hosts) for (const vm of h.vmList) if (!h.migratingIn.includes(vm)) saved.push([h, vm]);

  const toMigrate: Vm[] = [];
  for (const h of overloaded) {
    for (;;) {
      const vm = selectVm(h, ctx.selector, ctx.rng);
      if (vm === null) break;
      toMigrate.push(vm);
      vmDestroy(h, vm);
      if (!isOverloaded(h, ctx.detector)) break;
    }
  }
  const overloadedSet = new Set(overloaded);
  const fromOverloaded = placeAll(toMigrate, ctx.hosts, overloadedSet, ctx);
  const fromUnderloaded = underloadStep(
    overloaded,
    fromOverloaded.map((m) => m.to),
    ctx,
  );

  for (const h of ctx.hosts) {
    vmDestroyAll(h);
    reallocateMigratingIn(h, ctx.semantics);
  }
  for (const [h, vm] of saved) {
    if (!vmCreate(h, vm, ctx.semantics)) throw new Error(`could not restore VM ${vm.id} on host ${h.id}`);
    vm.tableHost = h;
  }
  return [...fromOverloaded, ...fromUnderloaded];
}
