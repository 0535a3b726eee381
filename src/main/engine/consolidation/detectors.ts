/**
 * Host overload detection (CloudSim 3.0.3 PowerVmAllocationPolicyMigration*): THR, IQR, MAD, LR, LRR,
 * with the THR 0.7 fallback used while the host history is too short.
 */
import { countNonZeroBeginning, iqr, loessEstimates, mad, robustLoessEstimates, trimZeroTail } from './java-stats';
import { HISTORY_LENGTH, requestedMips, type Host } from './model';
import type { DetectorKind } from './policy';
import type { Semantics } from './semantics';
import { weightedLoessEstimates, robustWeightedEstimates } from './native-regression';

/** The fallback hard-wired in the example runner: a static threshold of 0.7. */
export const FALLBACK_THRESHOLD = 0.7;
/** MathUtil.countNonZeroBeginning(history) >= 12 for IQR and MAD. */
export const MIN_HISTORY_IQR_MAD = 12;
/** LR and LRR regress the 10 most recent samples. */
export const LR_WINDOW = 10;

export interface Detector {
  kind: DetectorKind;
  param: number;
  semantics: Semantics;
}

/** Current requested CPU of the host's VMs / host capacity (requests, not allocations). */
export function requestedUtilisation(h: Host): number {
  let total = 0;
  for (const vm of h.vmList) total += requestedMips(vm);
  return total / h.totalMips;
}

/**
 * PowerHostUtilizationHistory.getUtilizationHistory: element-wise sum over the host's VMs of
 * (VM history x VM MIPS / host MIPS), newest first, then the zero tail trimmed.
 */
export function hostHistory(h: Host): Float64Array {
  const hist = new Float64Array(HISTORY_LENGTH);
  for (const vm of h.vmList) {
    const vh = vm.history;
    for (let i = 0; i < vh.length; i++) hist[i] = (hist[i] as number) + ((vh[i] as number) * vm.mips) / h.totalMips;
  }
  return trimZeroTail(hist);
}

/** Longest migration time of the host's VMs: RAM / (BW / (2 * 8000)). */
export function maxMigrationTimeSec(h: Host): number {
  let maxRam = -2147483648;
  for (const vm of h.vmList) if (vm.ramMB > maxRam) maxRam = vm.ramMB;
  return maxRam / (h.bwKbps / (2 * 8000));
}

export const thrOverloaded = (h: Host, threshold: number): boolean => requestedUtilisation(h) > threshold;

/** IQR (s): overloaded iff requested utilisation > 1 - s * IQR(history); null = not enough history. */
export function iqrThreshold(history: Float64Array, s: number): number | null {
  if (countNonZeroBeginning(history) < MIN_HISTORY_IQR_MAD) return null;
  return 1 - s * iqr(history);
}

export function madThreshold(history: Float64Array, s: number): number | null {
  if (countNonZeroBeginning(history) < MIN_HISTORY_IQR_MAD) return null;
  return 1 - s * mad(history);
}

/**
 * LR/LRR prediction: regress the 10 most recent history values in chronological order on x = 1..10,
 * predict at x = 10 + ceil(max migration time / 300) and multiply by s. null = not enough history.
 */
export function lrPrediction(
  history: Float64Array,
  s: number,
  maxMigrationSec: number,
  robust: boolean,
  sem: Semantics,
): number | null {
  if (history.length < LR_WINDOW) return null;
  const y = new Float64Array(LR_WINDOW);
  for (let i = 0; i < LR_WINDOW; i++) y[i] = history[LR_WINDOW - i - 1] as number;
  let est: [number, number];
  try {
    if (robust) est = sem.lrrRobust ? robustWeightedEstimates(y) : robustLoessEstimates(y);
    else est = sem.lrWeighted ? weightedLoessEstimates(y) : loessEstimates(y);
  } catch {
    return null;
  }
  const intervals = Math.ceil(maxMigrationSec / 300);
  let predicted = est[0] + est[1] * (LR_WINDOW + intervals);
  predicted *= s;
  return predicted;
}

/** The policy's isHostOverUtilized, evaluated on the host's current (possibly tentative) VM list. */
export function isOverloaded(h: Host, d: Detector): boolean {
  switch (d.kind) {
    case 'thr':
      return thrOverloaded(h, d.param);
    case 'iqr':
    case 'mad': {
      const hist = hostHistory(h);
      const upper = d.kind === 'iqr' ? iqrThreshold(hist, d.param) : madThreshold(hist, d.param);
      if (upper === null) return thrOverloaded(h, FALLBACK_THRESHOLD);
      return requestedUtilisation(h) > upper;
    }
    case 'lr':
    case 'lrr': {
      const p = lrPrediction(hostHistory(h), d.param, maxMigrationTimeSec(h), d.kind === 'lrr', d.semantics);
      if (p === null) return thrOverloaded(h, FALLBACK_THRESHOLD);
      return p >= 1;
    }
    default: {
      const never: never = d.kind;
      throw new Error(`unknown detector ${String(never)}`);
    }
  }
}
