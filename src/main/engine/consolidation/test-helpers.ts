/** Small builders for the consolidation unit tests (hosts and VMs in a chosen state). */
import { Host, makeHosts, vmCreate, Vm } from './model';
import { REFERENCE, type Semantics } from './semantics';

/** A VM already running (not being instantiated) with a constant trace u (demand u * MIPS) and a newest-first history. */
export function runningVm(id: number, mips: number, ramMB: number, u: number, history: number[] = []): Vm {
  const vm = new Vm(id, `vm-${id}`, mips, ramMB, new Float64Array(289).fill(u));
  vm.instantiating = false;
  vm.cloudletArrived = true;
  vm.uNow = u;
  vm.reqMips = mips * u;
  vm.history = [...history];
  return vm;
}

/** Hosts 0 (G4), 1 (G5), ... with the given VMs created on them (in order). */
export function hostsWith(count: number, placement: Array<[number, Vm]>, s: Semantics = REFERENCE): Host[] {
  const hosts = makeHosts(count);
  for (const [i, vm] of placement) {
    const h = hosts[i] as Host;
    if (!vmCreate(h, vm, s)) throw new Error('test set-up: VM does not fit');
    vm.tableHost = h;
  }
  return hosts;
}
