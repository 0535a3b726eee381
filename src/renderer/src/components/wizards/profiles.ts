/** Workload profiles offered by the wizards (a starting point; every field stays editable). */
import type { WorkloadInput } from '@renderer/components/actions/commands';

export type ProfileKey = 'web' | 'database' | 'batch' | 'desktop' | 'idle' | 'custom';

export const PROFILES: Record<Exclude<ProfileKey, 'custom'>, WorkloadInput> = {
  web: {
    pattern: 'diurnal',
    cpuBasePct: 10,
    cpuPeakPct: 60,
    memActivePct: 40,
    iopsPeak: 150,
    netPeakMbps: 80,
  },
  database: {
    pattern: 'weekly',
    cpuBasePct: 25,
    cpuPeakPct: 70,
    memActivePct: 75,
    iopsPeak: 1500,
    netPeakMbps: 60,
  },
  batch: {
    pattern: 'bursty',
    cpuBasePct: 5,
    cpuPeakPct: 95,
    memActivePct: 50,
    iopsPeak: 400,
    netPeakMbps: 20,
  },
  desktop: {
    pattern: 'diurnal',
    cpuBasePct: 2,
    cpuPeakPct: 30,
    memActivePct: 35,
    iopsPeak: 40,
    netPeakMbps: 5,
  },
  idle: { pattern: 'constant', cpuBasePct: 2, cpuPeakPct: 2, memActivePct: 10, iopsPeak: 5, netPeakMbps: 1 },
};

export const PATTERNS: WorkloadInput['pattern'][] = ['constant', 'diurnal', 'weekly', 'bursty', 'randomWalk'];

/** Problems with a workload, as i18n keys with params. */
export function workloadErrors(
  w: WorkloadInput,
): Partial<Record<'cpuBasePct' | 'cpuPeakPct' | 'memActivePct', string>> {
  const out: Partial<Record<'cpuBasePct' | 'cpuPeakPct' | 'memActivePct', string>> = {};
  const pct = (v: number) => Number.isFinite(v) && v >= 0 && v <= 100;
  if (!pct(w.cpuBasePct)) out.cpuBasePct = 'wizard.err.pct';
  if (!pct(w.cpuPeakPct)) out.cpuPeakPct = 'wizard.err.pct';
  else if (w.cpuPeakPct < w.cpuBasePct) out.cpuPeakPct = 'wizard.err.peakBelowBase';
  if (!pct(w.memActivePct)) out.memActivePct = 'wizard.err.pct';
  return out;
}
