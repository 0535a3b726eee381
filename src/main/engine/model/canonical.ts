/**
 * Copies of user-provided objects with their keys in one fixed order, so the world's JSON (and thus
 * the run hash) does not depend on the key order of a scenario file or a command.
 */
import type { AutoscaleSpec, ReplicaTemplate, TraceSpec, WorkloadSpec } from './scenario';

const WORKLOAD_KEYS = [
  'pattern',
  'cpuBasePct',
  'cpuPeakPct',
  'memActivePct',
  'memPeakPct',
  'memCachePct',
  'noisePct',
  'growthPctPerMonth',
  'iopsPeak',
  'netPeakMbps',
  'newDataPct',
  'dirtyPctPerSec',
  'phaseHours',
  'burstChancePctPerHour',
  'burstMinutes',
  'traceId',
  'traceOffsetSec',
] as const satisfies readonly (keyof WorkloadSpec)[];

function pick<T extends object>(o: T, keys: readonly (keyof T)[]): T {
  const out: Partial<T> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out as T;
}

export function canonicalWorkload(s: WorkloadSpec): WorkloadSpec {
  const out = pick(s, WORKLOAD_KEYS);
  // Appended last (issue 20), and only when set: a workload without a runtime serialises as before.
  if (s.runtime !== undefined) out.runtime = { kind: s.runtime.kind, heapMiB: s.runtime.heapMiB };
  return out;
}

export function canonicalTemplate(t: ReplicaTemplate): ReplicaTemplate {
  if (t.kind === 'vm') {
    return {
      ...pick(t, ['kind', 'vcpus', 'memMiB', 'diskGiB', 'thin', 'networkId', 'guestOS']),
      workload: canonicalWorkload(t.workload),
    };
  }
  return {
    ...pick(t, ['kind', 'cpuRequestMilli', 'cpuLimitMilli', 'memRequestMiB', 'memLimitMiB', 'imageMiB']),
    workload: canonicalWorkload(t.workload),
  };
}

export function canonicalTrace(t: TraceSpec): TraceSpec {
  const out: TraceSpec = { id: t.id, name: t.name, stepSec: t.stepSec, cpuPct: [...t.cpuPct] };
  if (t.timesSec) out.timesSec = [...t.timesSec];
  if (t.memPct) out.memPct = [...t.memPct];
  return out;
}

export function canonicalAutoscale(a: AutoscaleSpec): AutoscaleSpec {
  return { minReplicas: a.minReplicas, maxReplicas: a.maxReplicas, targetCpuPct: a.targetCpuPct };
}
