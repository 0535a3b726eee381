/**
 * Application virtual machines (docs/model.md "Application runtimes"): a VM's workload may run a managed
 * runtime (JVM, .NET CLR, WebAssembly) with a heap. Per tick:
 *  - the heap is committed up to its size (a warm runtime keeps what it grew to) and its used part follows
 *    activity; the garbage collector touches all of it, so the used heap counts as active memory;
 *  - the balloon driver cannot reclaim the committed heap (memory.ts caps the balloon at what is not heap);
 *  - GC pauses take a share of time that grows with activity and, much more, with the heap pages the
 *    hypervisor swapped or compressed and with the balloon squeezing the rest of the guest.
 * Runtime-less VMs are untouched: the runtime is read from the workload spec of the VMs listed as having
 * one, so the per-guest passes and the workload params stay as they were.
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
  const rt = vm.workload.runtime;
  return rt === undefined ? 0 : Math.min(rt.heapMiB, vm.memMiB);
}

export class RuntimeScratch {
  /** VMs whose workload has a runtime (indexes into w.vms), rebuilt when the layout or a workload changed. */
  withRuntime: number[] = [];
  private seenVersion = -1;
  private seenEpoch = -1;
  /** Running VMs with a runtime this tick (0: the runtime pass and columns are skipped), and their indexes. */
  count = 0;
  list = new Int32Array(16);
  used = new Float64Array(16);
  committed = new Float64Array(16);
  pauseMs = new Float64Array(16);

  /** The VMs with a runtime (one scan of the workloads after a layout or workload change). */
  refresh(w: World): void {
    if (this.seenVersion === w.version && this.seenEpoch === w.workloadEpoch) return;
    this.seenVersion = w.version;
    this.seenEpoch = w.workloadEpoch;
    this.withRuntime = [];
    for (let i = 0; i < w.vms.length; i++)
      if (w.vms[i]!.workload.runtime !== undefined) this.withRuntime.push(i);
  }

  ensure(vms: number): void {
    if (this.used.length >= vms) return;
    const m = Math.max(vms, this.used.length * 2);
    this.list = new Int32Array(m);
    this.used = new Float64Array(m);
    this.committed = new Float64Array(m);
    this.pauseMs = new Float64Array(m);
  }
}

/**
 * After the VM demand pass: the heap of every running VM with a runtime; its used heap counts as active
 * memory (also in the DRS/DPM demand frame).
 */
export function runtimeDemand(w: World, s: TickScratch): void {
  const r = s.rt;
  r.refresh(w);
  r.count = 0;
  const list = r.withRuntime;
  for (let k = 0; k < list.length; k++) {
    const i = list[k]!;
    if (s.vmHost[i]! < 0) continue;
    const vm = w.vms[i]!;
    const committed = heapCommittedMiB(vm);
    const used = committed * (HEAP_USED_MIN + HEAP_USED_SPAN * Math.min(1, vm.level));
    r.list[r.count++] = i;
    r.committed[i] = committed;
    r.used[i] = used;
    r.pauseMs[i] = 0;
    const active = Math.min(vm.memMiB, Math.max(vm.memActiveMiB, used));
    vm.memActiveMiB = active;
    s.frame.vmMem[i] = active;
  }
}

/** After memory and CPU: GC pause time of every running VM with a runtime. */
export function runtimeOutputs(w: World, s: TickScratch, tickMs: number): void {
  const r = s.rt;
  const vms = w.vms;
  for (let k = 0; k < r.count; k++) {
    const i = r.list[k]!;
    const vm = vms[i]!;
    const kind = vm.workload.runtime?.kind;
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
