/**
 * Host memory contention, ESXi style [V10][V11]. For one host and one tick:
 *  1. Each VM wants W = min(limit, active + cache% × (configured − active)) plus overhead.
 *  2. free = host memory − hypervisor − Σ(W + overhead) − containers − incoming migrations.
 *  3. The memory state follows free memory against minFree (high ≥ 100 %, clear < 100 %, soft < 64 %,
 *     hard < 32 %, low < 16 %). Below 400 % large pages are split so page sharing (TPS) saves memory;
 *     in soft the balloon driver reclaims idle pages first; in hard compression (2:1, ≤ 10 % of a VM)
 *     and hypervisor swap reclaim the rest; in low VMs are also blocked.
 *  4. Reserved memory is never reclaimed. Swapped and compressed memory persists and returns only as
 *     the guest touches it again (time constant 5 min).
 *  5. Hypervisor swap and compression pick pages blindly, so the fraction active/W of them is active and
 *     stalls the guest; ballooning only hurts when it exceeds idle memory. The stall becomes a CPU
 *     "swap wait" penalty.
 */
import { hypervisorMemMiB, minFreeMiB } from '../world/defaults';
import { vmOverheadOnHost } from './topology';
import { heapCommittedMiB } from './runtime';
import type { HostRec, VmRec } from '../world/types';

export const TPS_SAVING_FRACTION = 0.05;
export const BALLOON_MAX_FRACTION = 0.65;
export const COMPRESS_MAX_FRACTION = 0.1;
export const SWAP_RETURN_TAU_SEC = 300;
export const DEFAULT_CACHE_PCT = 50;

/** The memory the VM's guest wants backed this tick (before host reclamation). */
export function vmWantMiB(vm: VmRec, activeMiB: number): number {
  return vmWantMiBCache(vm, activeMiB, vm.wp.memCachePct / 100);
}

/** `vmWantMiB` with the workload's cache fraction (memCachePct / 100) already read. */
export function vmWantMiBCache(vm: VmRec, activeMiB: number, cache: number): number {
  const want = activeMiB + cache * Math.max(0, vm.memMiB - activeMiB);
  return Math.min(vm.memLimitMiB ?? vm.memMiB, vm.memMiB, Math.max(want, vm.memResMiB));
}

export interface HostMemInput {
  host: HostRec;
  /** Running VMs on this host (their memActiveMiB and memWantMiB are set). */
  vms: VmRec[];
  /** Memory of containers running directly on the host (not reclaimable). */
  containerMiB: number;
  /** Memory already copied to this host by incoming live migrations. */
  incomingMiB: number;
  tickSeconds: number;
}

/** Returns the stall penalty (0..1) per VM in the same order as `vms`, writes host and VM memory outputs. */
export function hostMemory(input: HostMemInput, penaltyOut: number[]): void {
  const { host, vms } = input;
  const minFree = minFreeMiB(host.memMiB);
  const hyper = hypervisorMemMiB(host.memMiB);
  let demand = input.containerMiB + input.incomingMiB;
  for (const vm of vms) demand += vm.memWantMiB + vmOverheadOnHost(host, vm);
  const free0 = host.memMiB - hyper - demand;

  // 1. Page sharing once large pages are broken (free below 400 % of minFree).
  // 2. Swapped and compressed pages from earlier ticks stay out until touched again.
  const tps = free0 < 4 * minFree;
  const decay = Math.exp(-input.tickSeconds / SWAP_RETURN_TAU_SEC);
  let shared = 0;
  let returned = 0;
  for (let i = 0; i < vms.length; i++) {
    const vm = vms[i]!;
    const sh = tps ? TPS_SAVING_FRACTION * vm.memWantMiB : 0;
    vm.memSharedMiB = sh;
    shared += sh;
    vm.memBalloonMiB = 0;
    if (vm.memSwappedMiB > 0 || vm.memCompressedMiB > 0) {
      vm.memCompressedMiB *= decay;
      vm.memSwappedMiB *= decay;
      if (vm.memSwappedMiB < 1e-3) vm.memSwappedMiB = 0;
      if (vm.memCompressedMiB < 1e-3) vm.memCompressedMiB = 0;
      returned += vm.memSwappedMiB + vm.memCompressedMiB / 2;
    }
  }
  const free1 = free0 + shared;
  host.memState =
    free1 >= minFree
      ? 0
      : free1 >= 0.64 * minFree
        ? 1
        : free1 >= 0.32 * minFree
          ? 2
          : free1 >= 0.16 * minFree
            ? 3
            : 4;
  let free = free1 + returned;
  // 3. Balloon in soft or worse: reclaim toward minFree, idle pages first.
  if (free < 0.64 * minFree) free += reclaim(vms, minFree - free, 'balloon');
  // 4. Compression then swap in hard or worse: reclaim toward 64 % of minFree.
  if (free < 0.32 * minFree) {
    free += reclaim(vms, 0.64 * minFree - free, 'compress');
    if (free < 0.64 * minFree) free += reclaim(vms, 0.64 * minFree - free, 'swap');
  }
  const blocked = free < 0.16 * minFree;

  // 5. Outputs.
  let granted = 0;
  let consumed = input.containerMiB + input.incomingMiB + hyper;
  let active = 0;
  let balloon = 0;
  let compressed = 0;
  let swapped = 0;
  for (let i = 0; i < vms.length; i++) {
    const vm = vms[i] as VmRec;
    const reclaimed = Math.min(vm.memWantMiB, vm.memBalloonMiB + vm.memSwappedMiB + vm.memCompressedMiB);
    vm.memGrantedMiB = Math.max(0, vm.memWantMiB - reclaimed);
    vm.memConsumedMiB = Math.max(0, vm.memGrantedMiB - vm.memSharedMiB + vm.memCompressedMiB / 2);
    granted += vm.memGrantedMiB;
    consumed += vm.memConsumedMiB + vmOverheadOnHost(host, vm);
    active += vm.memActiveMiB;
    balloon += vm.memBalloonMiB;
    compressed += vm.memCompressedMiB;
    swapped += vm.memSwappedMiB;
    const w = Math.max(1, vm.memWantMiB);
    const a = Math.max(1, vm.memActiveMiB);
    const activeShare = vm.memActiveMiB / w;
    const idle = Math.max(0, vm.memWantMiB - vm.memActiveMiB);
    const stall =
      (20 * vm.memSwappedMiB * activeShare +
        0.5 * vm.memCompressedMiB * activeShare +
        2 * Math.max(0, vm.memBalloonMiB - idle)) /
      a;
    let penalty = stall / (1 + stall);
    if (blocked && vm.memWantMiB > vm.memResMiB) penalty = Math.max(penalty, 0.5);
    penaltyOut[i] = penalty;
  }
  host.memGrantedMiB = granted;
  host.memConsumedMiB = Math.min(host.memMiB, consumed);
  host.memActiveMiB = active;
  host.memSharedMiB = shared;
  host.memBalloonMiB = balloon;
  host.memCompressedMiB = compressed;
  host.memSwappedMiB = swapped;
}

/** Reclaims up to `need` MiB from the VMs by one technique; returns the MiB freed. */
function reclaim(vms: VmRec[], need: number, how: 'balloon' | 'compress' | 'swap'): number {
  if (need <= 0) return 0;
  let capTotal = 0;
  const caps = vms.map((vm) => {
    const taken = vm.memBalloonMiB + vm.memCompressedMiB + vm.memSwappedMiB;
    const reclaimable = Math.max(0, vm.memWantMiB - Math.max(vm.memResMiB, 0) - taken);
    let cap = reclaimable;
    if (how === 'balloon') {
      cap = Math.min(reclaimable, Math.max(0, BALLOON_MAX_FRACTION * vm.memMiB - vm.memBalloonMiB));
      // A managed runtime's committed heap is pinned: the balloon driver cannot take it (physics/runtime.ts).
      if (vm.workload.runtime !== undefined)
        cap = Math.min(
          cap,
          Math.max(0, vm.memWantMiB - Math.max(vm.memResMiB, heapCommittedMiB(vm)) - taken),
        );
    }
    if (how === 'compress')
      cap = Math.min(reclaimable, Math.max(0, COMPRESS_MAX_FRACTION * vm.memMiB - vm.memCompressedMiB));
    capTotal += cap;
    return cap;
  });
  if (capTotal <= 0) return 0;
  // Compression frees half of what it compresses (2:1 ratio).
  const yieldPerMiB = how === 'compress' ? 0.5 : 1;
  const take = Math.min(capTotal, need / yieldPerMiB);
  if (how === 'balloon') {
    // Idle pages first (the idle-memory tax makes idle memory the cheapest to reclaim), then the rest.
    let idleTotal = 0;
    const idle = vms.map((vm, i) => {
      const v = Math.min(caps[i] ?? 0, Math.max(0, vm.memWantMiB - vm.memActiveMiB));
      idleTotal += v;
      return v;
    });
    const fromIdle = Math.min(take, idleTotal);
    const rest = take - fromIdle;
    const restCap = capTotal - idleTotal;
    vms.forEach((vm, i) => {
      const a = idleTotal > 0 ? (fromIdle * (idle[i] ?? 0)) / idleTotal : 0;
      const b = restCap > 0 ? (rest * ((caps[i] ?? 0) - (idle[i] ?? 0))) / restCap : 0;
      vm.memBalloonMiB += a + b;
    });
  } else {
    vms.forEach((vm, i) => {
      const t = (take * (caps[i] ?? 0)) / capTotal;
      if (how === 'compress') vm.memCompressedMiB += t;
      else vm.memSwappedMiB += t;
    });
  }
  return take * yieldPerMiB;
}
