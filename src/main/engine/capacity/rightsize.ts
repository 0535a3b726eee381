/**
 * Right-sizing and reclamation from history percentiles (Aria Operations reclaim and rightsizing [A4]):
 *   recommended vCPU = clamp(⌈P_p(CPU demand MHz) × (1 + buffer) / core MHz⌉, 1, host cores)
 *   recommended mem  = max(minMemMiB, ⌈P_p(active memory MiB) × (1 + buffer) / 256⌉ × 256,
 *                          ⌈heap / 0.75 / 256⌉ × 256 for a VM running a managed runtime)
 *   idle             = CPU demand ≤ 100 MHz in at least idleTimePct % of the samples [A4]
 * P_p is the nearest-rank percentile (default p = 95). Powered-off VMs reclaim their provisioned disk.
 */
import { ceilTo, percentile } from './stats';

export interface RightsizeInput {
  id: string;
  name: string;
  vcpus: number;
  memMiB: number;
  provisionedGiB: number;
  poweredOn: boolean;
  coreMHz: number;
  /** Cores of the host: the upper bound of a recommendation. */
  hostCores: number;
  cpuDemandMHz: readonly number[];
  memActiveMiB: readonly number[];
  /** A managed runtime's heap (JVM, CLR, WebAssembly): pinned memory the VM must keep (physics/runtime.ts). */
  heapMiB?: number;
}

/** The heap may take at most this share of a VM's memory (the rest: guest OS, metaspace, threads, code) [R2]. */
export const HEAP_SHARE_OF_VM = 0.75;

export interface RightsizeOptions {
  percentile: number;
  bufferPct: number;
  idleMHz: number;
  idleTimePct: number;
  minMemMiB: number;
}

export const DEFAULT_RIGHTSIZE: RightsizeOptions = {
  percentile: 95,
  bufferPct: 0,
  idleMHz: 100,
  idleTimePct: 90,
  minMemMiB: 1024,
};

export type SizeVerdict = 'oversized' | 'undersized' | 'ok' | 'idle' | 'poweredOff' | 'noData';

export interface RightsizeRow {
  id: string;
  name: string;
  verdict: SizeVerdict;
  vcpus: number;
  memMiB: number;
  recommendedVcpus: number;
  recommendedMemMiB: number;
  cpuPctlMHz: number;
  memPctlMiB: number;
  /** Share of samples at or below the idle threshold, %. */
  idleSharePct: number;
  reclaimVcpus: number;
  reclaimMemMiB: number;
  reclaimDiskGiB: number;
}

export interface Reclamation {
  rows: RightsizeRow[];
  oversized: number;
  undersized: number;
  idle: number;
  poweredOff: number;
  reclaimVcpus: number;
  reclaimMemMiB: number;
  reclaimDiskGiB: number;
}

export function rightsizeVm(v: RightsizeInput, o: RightsizeOptions = DEFAULT_RIGHTSIZE): RightsizeRow {
  const base: RightsizeRow = {
    id: v.id,
    name: v.name,
    verdict: 'ok',
    vcpus: v.vcpus,
    memMiB: v.memMiB,
    recommendedVcpus: v.vcpus,
    recommendedMemMiB: v.memMiB,
    cpuPctlMHz: Number.NaN,
    memPctlMiB: Number.NaN,
    idleSharePct: 0,
    reclaimVcpus: 0,
    reclaimMemMiB: 0,
    reclaimDiskGiB: 0,
  };
  if (!v.poweredOn) return { ...base, verdict: 'poweredOff', reclaimDiskGiB: v.provisionedGiB };
  if (v.cpuDemandMHz.length === 0) return { ...base, verdict: 'noData' };
  const k = 1 + o.bufferPct / 100;
  const cpuP = percentile(v.cpuDemandMHz, o.percentile);
  const memP = v.memActiveMiB.length > 0 ? percentile(v.memActiveMiB, o.percentile) : Number.NaN;
  const recV = Math.min(Math.max(1, Math.ceil((cpuP * k) / v.coreMHz - 1e-9)), Math.max(1, v.hostCores));
  const heapFloor = v.heapMiB === undefined ? 0 : ceilTo(v.heapMiB / HEAP_SHARE_OF_VM, 256);
  const recM = Number.isNaN(memP) ? v.memMiB : Math.max(o.minMemMiB, ceilTo(memP * k, 256), heapFloor);
  let idleN = 0;
  for (const c of v.cpuDemandMHz) if (c <= o.idleMHz) idleN++;
  const idleShare = (100 * idleN) / v.cpuDemandMHz.length;
  const row: RightsizeRow = {
    ...base,
    recommendedVcpus: recV,
    recommendedMemMiB: recM,
    cpuPctlMHz: cpuP,
    memPctlMiB: memP,
    idleSharePct: idleShare,
  };
  if (idleShare >= o.idleTimePct) {
    return {
      ...row,
      verdict: 'idle',
      reclaimVcpus: v.vcpus,
      reclaimMemMiB: v.memMiB,
      reclaimDiskGiB: v.provisionedGiB,
    };
  }
  if (recV > v.vcpus || recM > v.memMiB) return { ...row, verdict: 'undersized' };
  if (recV < v.vcpus || recM < v.memMiB) {
    return { ...row, verdict: 'oversized', reclaimVcpus: v.vcpus - recV, reclaimMemMiB: v.memMiB - recM };
  }
  return row;
}

export function reclamation(
  vms: readonly RightsizeInput[],
  o: RightsizeOptions = DEFAULT_RIGHTSIZE,
): Reclamation {
  const rows = vms.map((v) => rightsizeVm(v, o));
  const count = (verdict: SizeVerdict) => rows.filter((r) => r.verdict === verdict).length;
  return {
    rows,
    oversized: count('oversized'),
    undersized: count('undersized'),
    idle: count('idle'),
    poweredOff: count('poweredOff'),
    reclaimVcpus: rows.reduce((s, r) => s + r.reclaimVcpus, 0),
    reclaimMemMiB: rows.reduce((s, r) => s + r.reclaimMemMiB, 0),
    reclaimDiskGiB: rows.reduce((s, r) => s + r.reclaimDiskGiB, 0),
  };
}
