/**
 * The VM block's columns of the detailed CPU model (physics/topology.ts), appended to the catalogue:
 * co-stop, NUMA locality, hypervisor CPU overhead, and a managed runtime's heap and GC pauses. A VM on a
 * host without a topology has no co-stop or CPU overhead and all-local memory; a VM that is not running
 * has zeros. (Overhead memory is a function of the configuration: the layers view shows it.)
 */
import type { TickScratch } from '../physics/scratch';
import type { World } from '../world/world';
import { VM_METRICS } from './catalog';
import { pct } from './guest-blocks';

const COL = (name: string): number => VM_METRICS.findIndex((m) => m.name === name);
const C_COSTOP_MS = COL('cpu.costop.ms');
const C_COSTOP_PCT = COL('cpu.costop.pct');
const C_LOCALITY = COL('numa.locality.pct');
const C_OVH_MHZ = COL('cpu.overhead.mhz');
const C_HEAP_USED = COL('runtime.heap.used.mib');
const C_HEAP_COMMITTED = COL('runtime.heap.committed.mib');
const C_GC_PAUSE = COL('runtime.gc.pause.ms');

export function vmTopoValues(w: World, s: TickScratch, v: Float64Array): void {
  const n = w.vms.length;
  const dtMs = w.tickSeconds * 1000;
  const t = s.topo;
  for (let e = 0; e < n; e++) {
    const hi = s.vmHost[e]!;
    if (hi < 0) {
      v[C_COSTOP_MS * n + e] = 0;
      v[C_COSTOP_PCT * n + e] = 0;
      v[C_LOCALITY * n + e] = 0;
      v[C_OVH_MHZ * n + e] = 0;
    } else if (t.on[e] === 1) {
      v[C_COSTOP_MS * n + e] = t.costopMs[e]!;
      v[C_COSTOP_PCT * n + e] = pct(t.costopMs[e]!, dtMs);
      v[C_LOCALITY * n + e] = t.locality[e]! * 100;
      v[C_OVH_MHZ * n + e] = t.ovhMHz[e]!;
    } else {
      v[C_COSTOP_MS * n + e] = 0;
      v[C_COSTOP_PCT * n + e] = 0;
      v[C_LOCALITY * n + e] = 100;
      v[C_OVH_MHZ * n + e] = 0;
    }
  }
  // Runtimes: zeros, then the running VMs that have one (listed by the demand pass).
  v.fill(0, C_HEAP_USED * n, C_HEAP_USED * n + n);
  v.fill(0, C_HEAP_COMMITTED * n, C_HEAP_COMMITTED * n + n);
  v.fill(0, C_GC_PAUSE * n, C_GC_PAUSE * n + n);
  const r = s.rt;
  for (let k = 0; k < r.count; k++) {
    const e = r.list[k]!;
    v[C_HEAP_USED * n + e] = r.used[e]!;
    v[C_HEAP_COMMITTED * n + e] = r.committed[e]!;
    v[C_GC_PAUSE * n + e] = r.pauseMs[e]!;
  }
}
