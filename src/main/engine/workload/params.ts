/**
 * A WorkloadSpec with every default filled in. Records keep both: the user's spec (shown and saved)
 * and these params (read every tick). One object shape for every guest keeps the hot loop monomorphic.
 */
import type { WorkloadPattern, WorkloadSpec } from '../model/scenario';

export interface WorkloadParams {
  pattern: WorkloadPattern;
  cpuBasePct: number;
  cpuPeakPct: number;
  memActivePct: number;
  memPeakPct: number;
  memCachePct: number;
  noisePct: number;
  growthPctPerMonth: number;
  iopsPeak: number;
  netPeakMbps: number;
  newDataPct: number;
  dirtyPctPerSec: number;
  phaseHours: number;
  burstChancePctPerHour: number;
  burstMinutes: number;
  /** '' when the pattern is not 'trace'. */
  traceId: string;
  traceOffsetSec: number;
}

/**
 * Interned params: guests with the same filled-in workload share one object, never written field by field
 * (a changed workload replaces the whole object). Every per-guest pass reads these fields, and a few shared
 * objects stay in cache where 20,000 separate ones cost a cache miss per guest and pass. Bounded: cleared
 * past MAX_INTERNED distinct entries (a lookup miss only costs the sharing, never a different value).
 */
const interned = new Map<string, WorkloadParams>();
const MAX_INTERNED = 4096;

export function workloadParams(s: WorkloadSpec, kind: 'vm' | 'container'): WorkloadParams {
  return internParams(buildParams(s, kind));
}

/** The shared object with the same values as `p` (p itself when it is the first of its kind). */
export function internParams(p: WorkloadParams): WorkloadParams {
  const key = paramsKey(p);
  const known = interned.get(key);
  if (known) return known;
  if (interned.size >= MAX_INTERNED) interned.clear();
  interned.set(key, p);
  return p;
}

function paramsKey(p: WorkloadParams): string {
  const n = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));
  return [
    p.pattern,
    n(p.cpuBasePct),
    n(p.cpuPeakPct),
    n(p.memActivePct),
    n(p.memPeakPct),
    n(p.memCachePct),
    n(p.noisePct),
    n(p.growthPctPerMonth),
    n(p.iopsPeak),
    n(p.netPeakMbps),
    n(p.newDataPct),
    n(p.dirtyPctPerSec),
    n(p.phaseHours),
    n(p.burstChancePctPerHour),
    n(p.burstMinutes),
    p.traceId,
    n(p.traceOffsetSec),
  ].join('|');
}

function buildParams(s: WorkloadSpec, kind: 'vm' | 'container'): WorkloadParams {
  return {
    pattern: s.pattern,
    cpuBasePct: s.cpuBasePct,
    cpuPeakPct: s.cpuPeakPct,
    memActivePct: s.memActivePct,
    memPeakPct: s.memPeakPct ?? s.memActivePct,
    memCachePct: s.memCachePct ?? 50,
    noisePct: s.noisePct ?? 5,
    growthPctPerMonth: s.growthPctPerMonth ?? 0,
    iopsPeak: s.iopsPeak ?? (kind === 'vm' ? 50 : 10),
    netPeakMbps: s.netPeakMbps ?? (kind === 'vm' ? 10 : 5),
    newDataPct: s.newDataPct ?? 1,
    dirtyPctPerSec: s.dirtyPctPerSec ?? 2,
    phaseHours: s.phaseHours ?? 0,
    burstChancePctPerHour: s.burstChancePctPerHour ?? 10,
    burstMinutes: s.burstMinutes ?? 15,
    traceId: s.traceId ?? '',
    traceOffsetSec: s.traceOffsetSec ?? 0,
  };
}
