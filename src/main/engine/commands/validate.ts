/**
 * Input checks shared by the command handlers. Each returns an error message or null; handlers collect
 * them and refuse the command before changing anything.
 */
import { engineError, type EngineError } from '../api';
import type { CpuAllocSpec, MemAllocSpec, SharesSpec, WorkloadSpec } from '../model/scenario';
import type { World } from '../world/world';
import { msg, msgText, reasonList, type Msg } from '../messages';

export const LIMITS = {
  vcpus: 768,
  memMiB: 24 * 1024 * 1024,
  diskGiB: 65536,
  disks: 60,
  replicas: 1000,
  milli: 1_000_000,
  nameLength: 80,
} as const;

export function intIn(label: string, v: unknown, min: number, max: number): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return `${label} must be a number, got ${String(v)}`;
  if (!Number.isInteger(v)) return `${label} must be a whole number, got ${v}`;
  if (v < min || v > max) return `${label} must be between ${min} and ${max}, got ${v}`;
  return null;
}

export function numIn(label: string, v: unknown, min: number, max: number): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v))
    return `${label} must be a finite number, got ${String(v)}`;
  if (v < min || v > max) return `${label} must be between ${min} and ${max}, got ${v}`;
  return null;
}

export function nameOk(label: string, v: unknown): string | null {
  if (typeof v !== 'string' || v.trim().length === 0) return `${label} must be a non-empty text`;
  if (v.length > LIMITS.nameLength) return `${label} must be at most ${LIMITS.nameLength} characters`;
  return null;
}

function sharesOk(label: string, s: SharesSpec | undefined): string | null {
  if (s === undefined || s === 'low' || s === 'normal' || s === 'high') return null;
  return intIn(`${label} shares`, s, 1, 1_000_000);
}

export function cpuAllocProblems(a: CpuAllocSpec | undefined): string[] {
  if (!a) return [];
  const p = [sharesOk('CPU', a.shares)];
  if (a.reservationMHz !== undefined) p.push(intIn('CPU reservation (MHz)', a.reservationMHz, 0, 10_000_000));
  if (a.limitMHz !== undefined && a.limitMHz !== null)
    p.push(intIn('CPU limit (MHz)', a.limitMHz, 1, 10_000_000));
  if (a.limitMHz != null && a.reservationMHz !== undefined && a.reservationMHz > a.limitMHz)
    p.push('the CPU reservation cannot exceed the CPU limit');
  return p.filter((x): x is string => x !== null);
}

export function memAllocProblems(a: MemAllocSpec | undefined, memMiB: number): string[] {
  if (!a) return [];
  const p = [sharesOk('memory', a.shares)];
  if (a.reservationMiB !== undefined) p.push(intIn('memory reservation (MiB)', a.reservationMiB, 0, memMiB));
  if (a.limitMiB !== undefined && a.limitMiB !== null)
    p.push(intIn('memory limit (MiB)', a.limitMiB, 1, LIMITS.memMiB));
  if (a.limitMiB != null && a.reservationMiB !== undefined && a.reservationMiB > a.limitMiB)
    p.push('the memory reservation cannot exceed the memory limit');
  return p.filter((x): x is string => x !== null);
}

const PATTERNS = new Set(['constant', 'diurnal', 'weekly', 'bursty', 'randomWalk', 'trace']);

export function workloadProblems(w: World, s: WorkloadSpec | undefined): string[] {
  if (!s || typeof s !== 'object') return ['a workload is required'];
  const p: (string | null)[] = [];
  if (!PATTERNS.has(s.pattern)) p.push(`unknown workload pattern "${String(s.pattern)}"`);
  p.push(
    numIn('cpuBasePct', s.cpuBasePct, 0, 100),
    numIn('cpuPeakPct', s.cpuPeakPct, 0, 100),
    numIn('memActivePct', s.memActivePct, 0, 200),
  );
  if (s.memPeakPct !== undefined) p.push(numIn('memPeakPct', s.memPeakPct, 0, 200));
  if (s.memCachePct !== undefined) p.push(numIn('memCachePct', s.memCachePct, 0, 100));
  if (s.noisePct !== undefined) p.push(numIn('noisePct', s.noisePct, 0, 100));
  if (s.growthPctPerMonth !== undefined) p.push(numIn('growthPctPerMonth', s.growthPctPerMonth, -50, 100));
  if (s.iopsPeak !== undefined) p.push(numIn('iopsPeak', s.iopsPeak, 0, 1_000_000));
  if (s.netPeakMbps !== undefined) p.push(numIn('netPeakMbps', s.netPeakMbps, 0, 400_000));
  if (s.newDataPct !== undefined) p.push(numIn('newDataPct', s.newDataPct, 0, 100));
  if (s.dirtyPctPerSec !== undefined) p.push(numIn('dirtyPctPerSec', s.dirtyPctPerSec, 0, 100));
  if (s.phaseHours !== undefined) p.push(numIn('phaseHours', s.phaseHours, -24, 24));
  if (s.burstChancePctPerHour !== undefined)
    p.push(numIn('burstChancePctPerHour', s.burstChancePctPerHour, 0, 100));
  if (s.burstMinutes !== undefined) p.push(numIn('burstMinutes', s.burstMinutes, 0, 1440));
  if (s.traceOffsetSec !== undefined) p.push(numIn('traceOffsetSec', s.traceOffsetSec, 0, 1e9));
  if (s.runtime !== undefined) {
    const rt = s.runtime as { kind?: unknown; heapMiB?: unknown } | null;
    if (rt === null || typeof rt !== 'object' || !['jvm', 'clr', 'wasm'].includes(rt.kind as string))
      p.push('runtime.kind must be one of jvm, clr, wasm');
    else p.push(intIn('runtime.heapMiB', rt.heapMiB as number, 16, 24 * 1024 * 1024));
  }
  if (s.pattern === 'trace' && (s.traceId === undefined || !w.traceById.has(s.traceId)))
    p.push(`trace "${s.traceId ?? ''}" does not exist in this scenario`);
  return p.filter((x): x is string => x !== null);
}

/** An input refused for its problems; texts stay as they are, message codes render in the user's language. */
export function invalid(problems: readonly (string | Msg)[], what: string | Msg): EngineError {
  return engineError('INVALID_ARGUMENT', msg('refuse.invalid', { what, problems: reasonList(problems) }), {
    problems: problems.map(msgText),
  });
}

export function notFound(kind: string, id: unknown): EngineError {
  return engineError('NOT_FOUND', `No ${kind} with id "${String(id)}" exists.`, { id });
}
