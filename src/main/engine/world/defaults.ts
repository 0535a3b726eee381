/** Defaults and derived values that follow published vSphere rules (docs/model.md cites them). */
import type { ClusterSettings, ClusterSettingsPatch, SharesSpec } from '../model/scenario';

/** vSphere shares per vCPU for low/normal/high [V8]. */
export const CPU_SHARES_PER_VCPU = { low: 500, normal: 1000, high: 2000 } as const;
/** vSphere memory shares per MiB of configured memory for low/normal/high [V8]. */
export const MEM_SHARES_PER_MIB = { low: 5, normal: 10, high: 20 } as const;

export function cpuShares(spec: SharesSpec | undefined, vcpus: number): { shares: number; level: string } {
  if (spec === undefined) return { shares: CPU_SHARES_PER_VCPU.normal * vcpus, level: 'normal' };
  if (typeof spec === 'number') return { shares: spec, level: 'custom' };
  return { shares: CPU_SHARES_PER_VCPU[spec] * vcpus, level: spec };
}

export function memShares(spec: SharesSpec | undefined, memMiB: number): { shares: number; level: string } {
  if (spec === undefined) return { shares: MEM_SHARES_PER_MIB.normal * memMiB, level: 'normal' };
  if (typeof spec === 'number') return { shares: spec, level: 'custom' };
  return { shares: MEM_SHARES_PER_MIB[spec] * memMiB, level: spec };
}

/** Recomputes level-based shares after a resize (custom shares stay as they are). */
export function rescaleShares(
  level: string,
  current: number,
  vcpusOrMiB: number,
  kind: 'cpu' | 'mem',
): number {
  if (level === 'low' || level === 'normal' || level === 'high') {
    return kind === 'cpu' ? CPU_SHARES_PER_VCPU[level] * vcpusOrMiB : MEM_SHARES_PER_MIB[level] * vcpusOrMiB;
  }
  return current;
}

/** ESXi minFree: 899 MB for the first 28 GB of host memory plus 1 % of the rest [V11]. */
export function minFreeMiB(hostMemMiB: number): number {
  const first = 28 * 1024;
  return hostMemMiB <= first ? (899 * hostMemMiB) / first : 899 + 0.01 * (hostMemMiB - first);
}

/** Memory the hypervisor itself keeps (vmkernel, agents): 1 GiB + 1 % (an approximation). */
export function hypervisorMemMiB(hostMemMiB: number): number {
  return 1024 + 0.01 * hostMemMiB;
}

/** Per-VM virtualisation overhead memory: 30 MiB + 1 % of configured + 8 MiB per vCPU (approximation of the vSphere overhead tables). */
export function vmOverheadMiB(memMiB: number, vcpus: number): number {
  return 30 + 0.01 * memMiB + 8 * vcpus;
}

export function defaultClusterSettings(): ClusterSettings {
  return {
    placementPolicy: 'leastLoaded',
    drs: { enabled: true, automation: 'full', threshold: 3 },
    ha: {
      enabled: true,
      admission: 'percentage',
      cpuReservePct: 25,
      memReservePct: 25,
      failoverHostIds: [],
      restartDelaySec: 30,
      failuresToTolerate: 1,
    },
    dpm: { enabled: false },
    cpuAllocationRatio: 0,
    memAllocationRatio: 0,
    migration: { downtimeTargetMs: 500, maxRounds: 30, maxConcurrentPerHost: 8 },
  };
}

export function mergeClusterSettings(
  base: ClusterSettings,
  patch: ClusterSettingsPatch | undefined,
): ClusterSettings {
  if (!patch) return base;
  return {
    placementPolicy: patch.placementPolicy ?? base.placementPolicy,
    drs: { ...base.drs, ...(patch.drs ?? {}) },
    ha: { ...base.ha, ...(patch.ha ?? {}) },
    dpm: { ...base.dpm, ...(patch.dpm ?? {}) },
    cpuAllocationRatio: patch.cpuAllocationRatio ?? base.cpuAllocationRatio,
    memAllocationRatio: patch.memAllocationRatio ?? base.memAllocationRatio,
    migration: { ...base.migration, ...(patch.migration ?? {}) },
    ...((patch.rules ?? base.rules) !== undefined
      ? {
          rules: (patch.rules ?? base.rules ?? []).map((r) => ({
            ...r,
            vmIds: [...r.vmIds],
            hostIds: [...r.hostIds],
          })),
        }
      : {}),
    ...groupsOf('vmGroups', patch, base),
    ...groupsOf('hostGroups', patch, base),
  };
}

/** The groups a merge keeps (the patch's when given, else the base's), copied; absent stays absent. */
function groupsOf(
  key: 'vmGroups' | 'hostGroups',
  patch: ClusterSettingsPatch,
  base: ClusterSettings,
): Partial<ClusterSettings> {
  const g = patch[key] ?? base[key];
  return g === undefined ? {} : { [key]: g.map((x) => ({ ...x, memberIds: [...x.memberIds] })) };
}
