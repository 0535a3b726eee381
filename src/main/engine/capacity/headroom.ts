/**
 * Headroom: "how many more VMs of this profile fit" (Aria Operations custom VM profiles [A5]).
 *  - by allocation: n_r = ⌊remaining_r / profile size_r⌋ for vCPU, memory and disk (allocation model);
 *  - by demand:     n_r = ⌊(usable_r − projected peak_r) / profile demand_r⌋, where the profile's demand
 *                   is its size × its expected utilisation (CPU MHz at the cluster's core speed).
 * The count is the minimum over resources; that resource is the binding one. A profile larger than
 * the largest host fits nowhere (count 0, binding "hostSize").
 */
import type { AllocationRow } from './allocation';
import type { DemandRow } from './demand';
import type { CapResource } from './types';

export interface VmProfile {
  id: string;
  name: string;
  vcpus: number;
  memMiB: number;
  diskGiB: number;
  /** Expected CPU demand, % of vCPUs × core MHz. */
  cpuUtilPct: number;
  /** Expected consumed memory, % of configured. */
  memUtilPct: number;
  /** Expected used disk, % of provisioned (thin disks). */
  diskUtilPct: number;
}

/** Built-in profiles (our defaults; custom profiles are passed in by the planner). */
export const BUILTIN_PROFILES: readonly VmProfile[] = [
  {
    id: 'small',
    name: 'Small (1 vCPU, 2 GiB, 40 GiB)',
    vcpus: 1,
    memMiB: 2048,
    diskGiB: 40,
    cpuUtilPct: 25,
    memUtilPct: 60,
    diskUtilPct: 50,
  },
  {
    id: 'medium',
    name: 'Medium (2 vCPU, 8 GiB, 100 GiB)',
    vcpus: 2,
    memMiB: 8192,
    diskGiB: 100,
    cpuUtilPct: 25,
    memUtilPct: 60,
    diskUtilPct: 50,
  },
  {
    id: 'large',
    name: 'Large (8 vCPU, 32 GiB, 250 GiB)',
    vcpus: 8,
    memMiB: 32768,
    diskGiB: 250,
    cpuUtilPct: 25,
    memUtilPct: 60,
    diskUtilPct: 50,
  },
];

export type Binding = CapResource | 'hostSize';

export interface HeadroomCount {
  count: number;
  binding: Binding;
  /** Count per resource before taking the minimum (Infinity when the profile needs none of it). */
  perResource: Record<CapResource, number>;
}

export interface HostLimits {
  maxCores: number;
  maxMemMiB: number;
  /** Average core speed of the cluster's hosts, MHz (converts the profile's vCPUs into MHz of demand). */
  coreMHz: number;
}

function fits(remaining: number, need: number): number {
  if (need <= 0) return Infinity;
  return Math.max(0, Math.floor(remaining / need + 1e-9));
}

function pick(per: Record<CapResource, number>): HeadroomCount {
  let binding: CapResource = 'cpu';
  for (const r of ['mem', 'disk'] as const) if (per[r] < per[binding]) binding = r;
  const count = per[binding];
  return { count: Number.isFinite(count) ? count : 0, binding, perResource: per };
}

function tooBig(p: VmProfile, limits: HostLimits): HeadroomCount | null {
  if (p.vcpus <= limits.maxCores && p.memMiB <= limits.maxMemMiB) return null;
  return { count: 0, binding: 'hostSize', perResource: { cpu: 0, mem: 0, disk: 0 } };
}

export function headroomByAllocation(row: AllocationRow, p: VmProfile, limits: HostLimits): HeadroomCount {
  return (
    tooBig(p, limits) ??
    pick({
      cpu: fits(row.cpu.remaining, p.vcpus),
      mem: fits(row.mem.remaining, p.memMiB),
      disk: fits(row.disk.remaining, p.diskGiB),
    })
  );
}

/** The profile's expected demand: CPU MHz, memory MiB, disk GiB. */
export function profileDemand(p: VmProfile, coreMHz: number): Record<CapResource, number> {
  return {
    cpu: (p.vcpus * coreMHz * p.cpuUtilPct) / 100,
    mem: (p.memMiB * p.memUtilPct) / 100,
    disk: (p.diskGiB * p.diskUtilPct) / 100,
  };
}

/**
 * By demand. `projectedPeak` overrides the row's demand per resource (Aria: usable − projected peak);
 * without it the row's current demand is used.
 */
export function headroomByDemand(
  row: DemandRow,
  p: VmProfile,
  limits: HostLimits,
  projectedPeak?: Partial<Record<CapResource, number>>,
): HeadroomCount {
  const big = tooBig(p, limits);
  if (big) return big;
  const need = profileDemand(p, limits.coreMHz);
  const left = (r: CapResource, res: { usable: number; demand: number }) =>
    res.usable - (projectedPeak?.[r] ?? res.demand);
  return pick({
    cpu: fits(left('cpu', row.cpuMHz), need.cpu),
    mem: fits(left('mem', row.memMiB), need.mem),
    disk: fits(left('disk', row.diskGiB), need.disk),
  });
}
