/**
 * Application virtual machines (docs/model.md "Application runtimes"): a VM's workload may run a managed
 * runtime (JVM, .NET CLR, WebAssembly) with a heap. Per tick:
 *  - the heap is committed up to its size (a warm runtime keeps what it grew to) and its used part follows
 *    activity; the garbage collector touches all of it, so the used heap counts as active memory;
 *  - the balloon driver cannot reclaim the committed heap (memory.ts caps the balloon at what is not heap);
 *  - GC pauses take a share of time that grows with activity and, much more, with the heap pages the
 *    hypervisor swapped or compressed and with the balloon squeezing the rest of the guest.
 * Runtime-less VMs are untouched (their workload params carry no heap).
 */
import type { RuntimeKind } from '../model/scenario';
import type { VmRec } from '../world/types';
import type { World } from '../world/world';
import type { TickScratch } from './scratch';

/** Share of time in GC pauses at full activity on an unpressured host (approximation; below G1's 7.7 % goal [R1]). */
export const GC_BASE_SHARE: Record<RuntimeKind, number> = { jvm: 0.02, clr: 0.02, wasm: 0.01 };
/** Heap occupancy between collections: live set plus garbage, rising with activity (approximation). */
export const HEAP_USED_MIN = 0.3;
export const HEAP_USED_SPAN = 0.6;
/** GC slowdown per share of the heap on disk (hypervisor swap: a page read per touched page) or compressed. */
export const GC_SWAP_FACTOR = 50;
export const GC_COMPRESS_FACTOR = 5;
/** GC slowdown per share of the non-heap memory the balloon took (the guest pages its own memory) [R2]. */
export const GC_BALLOON_FACTOR = 2;

/** The committed heap of a VM: its heap size, at most its memory. */
export function heapCommittedMiB(vm: VmRec): number {
  const h = vm.wp.heapMiB;
  return h === undefined ? 0 : Math.min(h, vm.memMiB);
}

export class RuntimeScratch {
  /** Running VMs with a runtime this tick (0: the runtime pass and columns are skipped). */
  count = 0;
  used = new Float64Array(16);
  committed = new Float64Array(16);
  pauseMs = new Float64Array(16);

  ensure(vms: number): void {
    if (this.used.length >= vms) return;
    const m = Math.max(vms, this.used.length * 2);
    this.used = new Float64Array(m);
    this.committed = new Float64Array(m);
    this.pauseMs = new Float64Array(m);
  }
}

/** Demand pass, a running VM with a runtime: its heap; returns the active memory including the used heap. */
export function runtimeDemand(
  r: RuntimeScratch,
  i: number,
  vm: VmRec,
  level: number,
  activeMiB: number,
): number {
  const committed = heapCommittedMiB(vm);
  const used = committed * (HEAP_USED_MIN + HEAP_USED_SPAN * Math.min(1, level));
  r.count++;
  r.committed[i] = committed;
  r.used[i] = used;
  r.pauseMs[i] = 0;
  return Math.min(vm.memMiB, Math.max(activeMiB, used));
}

/** After memory and CPU: GC pause time of every running VM with a runtime. */
export function runtimeOutputs(w: World, s: TickScratch, tickMs: number): void {
  const r = s.rt;
  const vms = w.vms;
  for (let i = 0; i < vms.length; i++) {
    if (s.vmHost[i]! < 0) continue;
    const vm = vms[i]!;
    const kind = vm.wp.rtKind;
    if (kind === undefined) continue;
    const heap = r.committed[i]!;
    const want = Math.max(1, vm.memWantMiB);
    // Hypervisor swap and compression pick pages blindly: the heap has its share of them.
    const swapShare = vm.memSwappedMiB / want;
    const compShare = vm.memCompressedMiB / want;
    const nonHeap = Math.max(1, vm.memWantMiB - heap);
    const balloonShare = Math.min(1, vm.memBalloonMiB / nonHeap);
    const mult =
      1 + GC_SWAP_FACTOR * swapShare + GC_COMPRESS_FACTOR * compShare + GC_BALLOON_FACTOR * balloonShare;
    r.pauseMs[i] = Math.min(tickMs, GC_BASE_SHARE[kind] * Math.min(1, vm.level) * mult * tickMs);
  }
}
