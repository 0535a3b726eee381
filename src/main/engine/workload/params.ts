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

export function workloadParams(s: WorkloadSpec, kind: 'vm' | 'container'): WorkloadParams {
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
