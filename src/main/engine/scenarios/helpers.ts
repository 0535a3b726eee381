/** Small builders for the built-in scenarios (plain data out, so scenarios serialise to JSON). */
import type { HostSpec, VmSpec, WorkloadSpec } from '../model/scenario';

export function workload(
  pattern: WorkloadSpec['pattern'],
  cpuBasePct: number,
  cpuPeakPct: number,
  memActivePct: number,
  extra: Partial<WorkloadSpec> = {},
): WorkloadSpec {
  return { pattern, cpuBasePct, cpuPeakPct, memActivePct, ...extra };
}

export interface HostModel {
  cpuModel: string;
  cpuVendor: 'intel' | 'amd';
  cpuGeneration: number;
  sockets: number;
  coresPerSocket: number;
  coreMHz: number;
  memMiB: number;
  nicMbps: number;
  idleW: number;
  maxW: number;
}

export const HOST_MODELS = {
  /** 1 × 16-core Ice Lake, 128 GiB: a lab box. */
  lab: {
    cpuModel: 'Intel Xeon Silver 4314 (Ice Lake)',
    cpuVendor: 'intel',
    cpuGeneration: 10,
    sockets: 1,
    coresPerSocket: 16,
    coreMHz: 2400,
    memMiB: 128 * 1024,
    nicMbps: 10_000,
    idleW: 110,
    maxW: 320,
  },
  /** 2 × 28-core Ice Lake, 768 GiB: an enterprise node. */
  enterprise: {
    cpuModel: 'Intel Xeon Gold 6348 (Ice Lake)',
    cpuVendor: 'intel',
    cpuGeneration: 10,
    sockets: 2,
    coresPerSocket: 28,
    coreMHz: 2600,
    memMiB: 768 * 1024,
    nicMbps: 25_000,
    idleW: 220,
    maxW: 720,
  },
  /** 2 × 32-core Genoa, 1 TiB. */
  enterpriseAmd: {
    cpuModel: 'AMD EPYC 9354 (Genoa)',
    cpuVendor: 'amd',
    cpuGeneration: 4,
    sockets: 2,
    coresPerSocket: 32,
    coreMHz: 3250,
    memMiB: 1024 * 1024,
    nicMbps: 25_000,
    idleW: 240,
    maxW: 820,
  },
  /** 1 × 8-core, 64 GiB: an edge box. */
  edge: {
    cpuModel: 'Intel Xeon D-2146NT (Skylake-D)',
    cpuVendor: 'intel',
    cpuGeneration: 7,
    sockets: 1,
    coresPerSocket: 8,
    coreMHz: 2300,
    memMiB: 64 * 1024,
    nicMbps: 1_000,
    idleW: 45,
    maxW: 120,
  },
} satisfies Record<string, HostModel>;

export function host(id: string, name: string, clusterId: string, m: HostModel): HostSpec {
  return {
    id,
    name,
    clusterId,
    sockets: m.sockets,
    coresPerSocket: m.coresPerSocket,
    coreMHz: m.coreMHz,
    memMiB: m.memMiB,
    nicMbps: m.nicMbps,
    cpuModel: m.cpuModel,
    cpuVendor: m.cpuVendor,
    cpuGeneration: m.cpuGeneration,
    power: { idleW: m.idleW, maxW: m.maxW },
  };
}

export function vm(
  id: string,
  name: string,
  hostId: string,
  vcpus: number,
  memGiB: number,
  diskGiB: number,
  datastoreId: string,
  wl: WorkloadSpec,
  extra: Partial<VmSpec> = {},
): VmSpec {
  return {
    id,
    name,
    hostId,
    vcpus,
    memMiB: memGiB * 1024,
    disks: [{ datastoreId, sizeGiB: diskGiB, thin: true, usedGiB: Math.round(diskGiB * 0.35) }],
    guestOS: 'Ubuntu Linux (64-bit)',
    workload: wl,
    ...extra,
  };
}
