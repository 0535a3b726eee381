/**
 * The "layers" view of a guest (docs/model.md "What each virtualization layer costs"): where its CPU and
 * memory demand went in the last tick — the guest's own demand, the cycles remote NUMA memory added, the
 * hypervisor's overheads (monitor, I/O emulation, a nested hypervisor), what contention took (ready,
 * co-stop, reclaimed memory) and what was granted. Read from the records and the latest metrics, so it
 * needs no per-tick state of its own.
 */
import {
  numaSpan,
  numaStretch,
  OVH_CPU_FRAC,
  OVH_IO_FRAC,
  OVH_NESTED_FRAC,
  OVH_PER_VCPU_FRAC,
  vmOverheadOnHost,
} from '../physics/topology';
import type { ContainerRec, VmRec } from '../world/types';
import type { World } from '../world/world';

export const LAYER_NAMES = [
  'guest',
  'container',
  'numaRemote',
  'monitor',
  'ioEmulation',
  'nested',
  'ready',
  'coStop',
  'reclaimed',
  'granted',
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

export interface LayerRow {
  layer: LayerName;
  cpuMHz: number;
  memMiB: number;
}

export interface GuestLayersView {
  /** 'topology': the host has a topology (detailed model); 'flat': overheads other than memory are not modelled. */
  model: 'flat' | 'topology';
  running: boolean;
  nested: boolean;
  passthrough: string[];
  /** NUMA nodes the VM spans, and the share of its memory accesses that are local. */
  numaNodes: number;
  numaLocalityPct: number;
  /** For a container inside a VM: the VM whose layers it shares (in proportion to its CPU demand). */
  vmId: string | null;
  /** The managed runtime of the VM's workload (physics/runtime.ts), null without one. */
  runtime: { kind: 'jvm' | 'clr' | 'wasm'; heapMiB: number } | null;
  rows: LayerRow[];
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

function vmLayers(w: World, vm: VmRec, m: Record<string, number>, share: number): GuestLayersView {
  const host = w.hostById.get(vm.hostId);
  const running =
    vm.power === 'poweredOn' &&
    !vm.haPending &&
    host !== undefined &&
    host.state !== 'failed' &&
    host.state !== 'standby';
  const topo = host?.topology !== undefined;
  const span = host && topo ? numaSpan(host, vm.vcpus, vm.memMiB) : 1;
  const loc = 1 / span;
  const rows: LayerRow[] = [];
  const tickMs = w.tickSeconds * 1000;
  const mhz = host?.coreMHz ?? 1;
  const guest = Math.min(vm.cpuDemandMHz, vm.vcpus * mhz);
  const add = (layer: LayerName, cpu: number, mem: number): void => {
    rows.push({ layer, cpuMHz: r2(cpu * share), memMiB: r2(mem * share) });
  };
  add('guest', vm.cpuDemandMHz, vm.memWantMiB);
  if (topo && host) {
    const remote = Math.min(guest * numaStretch(loc), vm.vcpus * mhz) - guest;
    const asked = Math.min(guest * numaStretch(loc), vm.vcpus * mhz);
    // The overhead metric is what was granted; split it in the proportions of the model's terms.
    const ovh = m['cpu.overhead.mhz'] ?? 0;
    const perVcpu = vm.vcpus * mhz * OVH_PER_VCPU_FRAC;
    const io = vm.passthrough && vm.passthrough.length > 0 ? 0 : asked * OVH_IO_FRAC;
    const nested = vm.nested === true ? asked * OVH_NESTED_FRAC : 0;
    const monitor = perVcpu + asked * OVH_CPU_FRAC;
    const total = monitor + io + nested;
    const k = total > 0 ? ovh / total : 0;
    add('numaRemote', remote, 0);
    add('monitor', monitor * k, vmOverheadOnHost(host, vm));
    add('ioEmulation', io * k, 0);
    add('nested', nested * k, 0);
  } else {
    add('monitor', 0, host ? vmOverheadOnHost(host, vm) : 0);
  }
  add('ready', (vm.cpuReadyMs / tickMs) * mhz, 0);
  add('coStop', ((m['cpu.costop.ms'] ?? 0) / tickMs) * mhz, 0);
  add('reclaimed', 0, vm.memBalloonMiB + vm.memSwappedMiB + vm.memCompressedMiB);
  add('granted', vm.cpuUsageMHz, vm.memGrantedMiB);
  return {
    model: topo ? 'topology' : 'flat',
    running,
    nested: vm.nested === true,
    passthrough: [...(vm.passthrough ?? [])],
    numaNodes: span,
    numaLocalityPct: running ? r2(loc * 100) : 0,
    vmId: null,
    runtime: vm.workload.runtime
      ? { kind: vm.workload.runtime.kind, heapMiB: vm.workload.runtime.heapMiB }
      : null,
    rows,
  };
}

/** The layers of a VM; `latest` = its latest metrics by name. */
export function guestLayersOfVm(w: World, vm: VmRec, latest: Record<string, number>): GuestLayersView {
  return vmLayers(w, vm, latest, 1);
}

/**
 * The layers of a container. Inside a VM it pays both layers: its own demand, then its share (its part of
 * the VM's CPU demand) of the VM's layers. Directly on a host: its demand, throttling, its usage.
 */
export function guestLayersOfContainer(
  w: World,
  ct: ContainerRec,
  vmLatest: (vmId: string) => Record<string, number>,
): GuestLayersView {
  const vm = ct.vmId === null ? undefined : w.vmById.get(ct.vmId);
  if (vm) {
    const share = vm.cpuDemandMHz > 0 ? ct.cpuDemandMHz / vm.cpuDemandMHz : 0;
    const v = vmLayers(w, vm, vmLatest(vm.id), share);
    const rows = v.rows.filter((r) => r.layer !== 'guest');
    rows.unshift({ layer: 'container', cpuMHz: r2(ct.cpuDemandMHz), memMiB: r2(ct.memUsageMiB) });
    // The container's own grant is what it got of its VM's (tick.ts), not a share of the VM's usage.
    const g = rows.find((r) => r.layer === 'granted');
    if (g) {
      g.cpuMHz = r2(ct.cpuUsageMHz);
      g.memMiB = r2(ct.memUsageMiB);
    }
    return { ...v, running: ct.state === 'running' && v.running, vmId: vm.id, rows };
  }
  const host = ct.hostId === null ? undefined : w.hostById.get(ct.hostId);
  const mhz = host?.coreMHz ?? 1;
  const tickMs = w.tickSeconds * 1000;
  return {
    model: host?.topology !== undefined ? 'topology' : 'flat',
    running: ct.state === 'running',
    nested: false,
    passthrough: [],
    numaNodes: 1,
    numaLocalityPct: ct.state === 'running' ? 100 : 0,
    vmId: null,
    runtime: null,
    rows: [
      { layer: 'container', cpuMHz: r2(ct.cpuDemandMHz), memMiB: r2(ct.memUsageMiB) },
      { layer: 'ready', cpuMHz: r2((ct.cpuThrottledMs / tickMs) * mhz), memMiB: 0 },
      { layer: 'granted', cpuMHz: r2(ct.cpuUsageMHz), memMiB: r2(ct.memUsageMiB) },
    ],
  };
}
