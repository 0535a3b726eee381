/**
 * The PlanetLab experiment's set-up (org.cloudbus.cloudsim.examples.power.planetlab + Helper):
 * 800 hosts (G4/G5 interleaved), one VM per trace in byte order of the file names, VM types by index
 * quartile, and the initial placement at t = 0.
 */
import { findHostForVm, type PolicyContext } from './allocation';
import { Host, isSuitable, makeHosts, processVm, Vm, vmCreate } from './model';
import type { PolicySpec } from './policy';
import type { Semantics } from './semantics';
import { traceFractions, utilisationAt, type TraceInput } from './trace';

export const NUMBER_OF_HOSTS = 800;

/** EC2-like VM types (RAM halved in the original): MIPS and RAM by type index. */
export const VM_TYPES = [
  { mips: 2500, ramMB: 870 },
  { mips: 2000, ramMB: 1740 },
  { mips: 1000, ramMB: 1740 },
  { mips: 500, ramMB: 613 },
] as const;

/** Byte order of the UTF-8 names (= code point order), as `LC_ALL=C sort` orders them. */
export function compareByteOrder(a: string, b: string): number {
  const ca = Array.from(a, (c) => c.codePointAt(0) as number);
  const cb = Array.from(b, (c) => c.codePointAt(0) as number);
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) if (ca[i] !== cb[i]) return (ca[i] as number) - (cb[i] as number);
  return ca.length - cb.length;
}

/** VM i gets type floor(i / ceil(N / 4)). */
export const vmTypeIndex = (i: number, n: number): number => Math.floor(i / Math.ceil(n / VM_TYPES.length));

export function makeVms(traces: readonly TraceInput[]): Vm[] {
  const sorted = [...traces].sort((a, b) => compareByteOrder(a.name, b.name));
  return sorted.map((t, i) => {
    const type = VM_TYPES[vmTypeIndex(i, sorted.length)] ?? VM_TYPES[3];
    return new Vm(i, t.name, type.mips, type.ramMB, traceFractions(t.samples));
  });
}

/**
 * Creates the VMs at t = 0 in id order. npa/dvfs: first fit by nominal MIPS. Migration policies:
 * PABFD, where (reference) every host's current power is its idle power because no update has run
 * yet, and VMs created earlier request 0 MIPS because their cloudlets arrive only at 0.1 s.
 */
export function placeInitially(
  vms: readonly Vm[],
  hosts: readonly Host[],
  spec: PolicySpec,
  ctx: PolicyContext | null,
  s: Semantics,
): void {
  const onDemand = spec.kind === 'migration' && s.initialPlacementOnDemand;
  for (const vm of vms) {
    if (onDemand) {
      vm.instantiating = false;
      vm.cloudletArrived = true;
      processVm(vm, 0);
    }
    const host: Host | null =
      spec.kind === 'migration' && ctx !== null
        ? findHostForVm(vm, hosts, new Set(), ctx)
        : (hosts.find((h) => isSuitable(h, vm, s)) ?? null);
    if (host !== null && vmCreate(host, vm, s)) {
      vm.tableHost = host;
      vm.created = true;
    }
    vm.instantiating = false;
  }
  // Cloudlets arrive at 0.1 s; until the first update the VM's scheduler still evaluates u(0) = d[0].
  for (const vm of vms) {
    if (vm.cloudletArrived) continue;
    vm.cloudletArrived = true;
    vm.uNow = utilisationAt(vm.trace, 0);
    vm.reqMips = vm.mips * vm.uNow;
  }
}

export const makeHostList = (count: number = NUMBER_OF_HOSTS): Host[] => makeHosts(count);
