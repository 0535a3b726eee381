/**
 * Demand profiles. `evalWorkload` turns a WorkloadSpec, its carried state and the simulated time into
 * the fraction of the guest's CPU capacity it wants and the fraction of its memory that is active.
 * Noise is drawn from the stateless stream (seed, guest seq, tick) so guests never perturb each other.
 */
import type { WorkloadParams } from './params';
import type { TraceRec, WorkloadState } from '../world/types';
import { NORMAL_SCALE, noise01 as noise01Import, noiseNormalSum as noiseNormalSumImport } from '../prng';
import { dayOfWeek, hourOfDay } from '../time';

// Hot per-guest calls go through module-level constants: under tsx every module is CommonJS and an
// imported function is read through a getter on each call (bundled code is unaffected).
const noise01 = noise01Import;
// noiseNormal(…) = (noiseNormalSum(…) / 65536 − 2) · NORMAL_SCALE, written out where it is used: an
// integer return needs no heap number when the call is not inlined (a double return allocates one).
const noiseNormalSum = noiseNormalSumImport;

export interface WorkloadClock {
  seed: number;
  tick: number;
  tickSeconds: number;
  /** Simulated seconds since the scenario start, at the start of this tick. */
  timeSec: number;
  /** Epoch ms of that instant (for hour of day and weekday). */
  epochMs: number;
  traces: ReadonlyMap<string, TraceRec>;
  /** Daily and weekly shape at phase 0, computed once per tick by `setClock` (most guests share them). */
  dayShape0: number;
  weekShape0: number;
}

/** Moves the clock to a tick and precomputes the shared phase-0 shapes. */
export function setClock(clk: WorkloadClock, tick: number, timeSec: number, epochMs: number): void {
  clk.tick = tick;
  clk.timeSec = timeSec;
  clk.epochMs = epochMs;
  clk.dayShape0 = businessHours(hourOfDay(epochMs, 0));
  clk.weekShape0 = clk.dayShape0 * (dayOfWeek(epochMs, 0) >= 5 ? 0.15 : 1);
}

export interface WorkloadSample {
  /** CPU demand as a fraction of the guest's CPU capacity, 0..1. */
  cpuFrac: number;
  /** Active memory as a fraction of configured memory (0..2; a container may exceed its limit and be OOM-killed). */
  memFrac: number;
  /** Demand relative to the pattern's peak, 0..1 (drives IOPS, network and dirty rate). */
  intensity: number;
}

const SECONDS_PER_MONTH = 30 * 86400;

/** Business-hours curve: 0 at night, ramps 07–09 h, 1 until 17 h, ramps down by 19 h (cosine ramps). */
export function businessHours(hour: number): number {
  if (hour < 7 || hour >= 19) return 0;
  if (hour < 9) return 0.5 - 0.5 * Math.cos(((hour - 7) / 2) * Math.PI);
  if (hour < 17) return 1;
  return 0.5 + 0.5 * Math.cos(((hour - 17) / 2) * Math.PI);
}

/** Linear interpolation into a looping trace. */
export function traceValue(
  values: readonly number[],
  times: readonly number[] | undefined,
  stepSec: number,
  tSec: number,
): number {
  const n = values.length;
  if (n === 0) return 0;
  if (n === 1) return values[0] ?? 0;
  if (times && times.length === n) {
    const first = times[0] ?? 0;
    const span = (times[n - 1] ?? 0) - first + (n > 1 ? ((times[n - 1] ?? 0) - first) / (n - 1) : 1);
    let t = (tSec % span) + first;
    if (t < first) t += span;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((times[mid] ?? 0) <= t) lo = mid;
      else hi = mid - 1;
    }
    const t0 = times[lo] ?? 0;
    const t1 = lo + 1 < n ? (times[lo + 1] ?? t0) : t0 + span / n;
    const v0 = values[lo] ?? 0;
    const v1 = values[(lo + 1) % n] ?? v0;
    return t1 > t0 ? v0 + ((v1 - v0) * (t - t0)) / (t1 - t0) : v0;
  }
  const pos = (tSec / Math.max(1, stepSec)) % n;
  const i = Math.floor(pos);
  const v0 = values[i] ?? 0;
  const v1 = values[(i + 1) % n] ?? v0;
  return v0 + (v1 - v0) * (pos - i);
}

let memoPct = -1;
let memoTick = -1;
let memoP = 0;

/** Chance that a burst starts in one tick: 1 − (1 − p)^(dt / 1 h), memoised (most guests share p). */
export function burstChancePerTick(pctPerHour: number, tickSeconds: number): number {
  if (pctPerHour !== memoPct || tickSeconds !== memoTick) {
    memoPct = pctPerHour;
    memoTick = tickSeconds;
    memoP = 1 - Math.pow(1 - Math.min(0.999, pctPerHour / 100), tickSeconds / 3600);
  }
  return memoP;
}

/** Advances `state` by one tick and writes the demand sample into `out` (no allocation). */
export function evalWorkload(
  spec: WorkloadParams,
  state: WorkloadState,
  stream: number,
  clk: WorkloadClock,
  out: WorkloadSample,
): WorkloadSample {
  const phase = spec.phaseHours;
  let shape = 0;
  let traceMem = -1;
  switch (spec.pattern) {
    case 'constant':
      shape = 0;
      break;
    case 'diurnal':
      shape = phase === 0 ? clk.dayShape0 : businessHours(hourOfDay(clk.epochMs, phase));
      break;
    case 'weekly': {
      shape =
        phase === 0
          ? clk.weekShape0
          : businessHours(hourOfDay(clk.epochMs, phase)) * (dayOfWeek(clk.epochMs, phase) >= 5 ? 0.15 : 1);
      break;
    }
    case 'bursty': {
      if (state.burstLeftSec > 0) {
        state.burstLeftSec = Math.max(0, state.burstLeftSec - clk.tickSeconds);
        shape = 1;
      } else {
        const pTick = burstChancePerTick(spec.burstChancePctPerHour, clk.tickSeconds);
        if (noise01(clk.seed, stream * 4 + 1, clk.tick) < pTick) {
          state.burstLeftSec = Math.max(0, spec.burstMinutes * 60 - clk.tickSeconds);
          shape = 1;
        }
      }
      break;
    }
    case 'randomWalk': {
      // Reflected Gaussian walk on [0, 1], standard deviation 0.15 per sqrt(hour).
      const z = (noiseNormalSum(clk.seed, stream * 4 + 2, clk.tick) / 65536 - 2) * NORMAL_SCALE;
      let w = state.walk + 0.15 * Math.sqrt(clk.tickSeconds / 3600) * z;
      if (w < 0) w = -w;
      if (w > 1) w = 2 - w;
      state.walk = Math.min(1, Math.max(0, w));
      shape = state.walk;
      break;
    }
    case 'trace': {
      const tr = spec.traceId === '' ? undefined : clk.traces.get(spec.traceId);
      if (tr) {
        const t = clk.timeSec + spec.traceOffsetSec;
        shape = traceValue(tr.cpuPct, tr.timesSec, tr.stepSec, t) / 100;
        if (tr.memPct && tr.memPct.length > 0)
          traceMem = traceValue(tr.memPct, tr.timesSec, tr.stepSec, t) / 100;
      }
      break;
    }
    default: {
      const never: never = spec.pattern;
      throw new Error(`unknown workload pattern ${String(never)}`);
    }
  }
  const growth =
    spec.growthPctPerMonth === 0
      ? 1
      : Math.pow(1 + spec.growthPctPerMonth / 100, clk.timeSec / SECONDS_PER_MONTH);
  const noise =
    spec.noisePct > 0
      ? Math.max(
          0,
          1 +
            (spec.noisePct / 100) *
              ((noiseNormalSum(clk.seed, stream * 4, clk.tick) / 65536 - 2) * NORMAL_SCALE),
        )
      : 1;
  const cpuPct = spec.cpuBasePct + (spec.cpuPeakPct - spec.cpuBasePct) * shape;
  const memPct =
    traceMem >= 0 ? traceMem * 100 : spec.memActivePct + (spec.memPeakPct - spec.memActivePct) * shape;
  out.cpuFrac = clamp01((cpuPct / 100) * growth * noise);
  out.memFrac = Math.min(2, Math.max(0, (memPct / 100) * growth));
  // Intensity relative to the pattern's peak drives IOPS, network and page dirtying.
  out.intensity = spec.cpuPeakPct > 0 ? clamp01(out.cpuFrac / (spec.cpuPeakPct / 100)) : 0;
  return out;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
