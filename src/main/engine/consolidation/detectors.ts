/**
 * Host overload detection (CloudSim 3.0.3 PowerVmAllocationPolicyMigration*): THR, IQR, MAD, LR, LRR,
 * with the THR 0.7 fallback used while the host history is too short. A test "with VM v added"
 * evaluates the host's list with v appended at the end, exactly as CloudSim's vmCreate + test +
 * vmDestroy sees it, without touching the scheduler (create + destroy leave it as it was).
 */
import { countNonZeroBeginning, iqr, loessEstimates, mad, robustLoessEstimates } from './java-stats';
import { HISTORY_LENGTH, type Host, type Vm } from './model';
import type { DetectorKind } from './policy';
import type { Semantics } from './semantics';
import { robustWeightedEstimates, weightedLoessEstimates } from './native-regression';

// Local bindings of hot imported functions: under a CommonJS transform (tsx) every call through an
// import goes through an export getter; binding once keeps the inner loops cheap.
const countNonZeroBeginningFn = countNonZeroBeginning;
const loessEstimatesFn = loessEstimates;
const robustLoessEstimatesFn = robustLoessEstimates;

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
  /** Incremented by the simulation whenever VM histories may have changed (keys the history cache). */
  round: number;
}

/** Current requested CPU of the host's VMs (plus `extra`, appended last) / host capacity. */
export function requestedUtilisation(h: Host, extra: Vm | null = null): number {
  let total = 0;
  for (const vm of h.vmList) total += vm.requested();
  if (extra !== null) total += extra.requested();
  return total / h.totalMips;
}

function addVmHistory(sum: Float64Array, vm: Vm, hostMips: number): void {
  const vh = vm.history;
  for (let i = 0; i < vh.length; i++) sum[i] = (sum[i] as number) + ((vh[i] as number) * vm.mips) / hostMips;
}

function baseSum(h: Host, round: number): Float64Array {
  if (h.histVersion !== h.listVersion || h.histRound !== round) {
    h.histSum.fill(0);
    for (const vm of h.vmList) addVmHistory(h.histSum, vm, h.totalMips);
    h.histVersion = h.listVersion;
    h.histRound = round;
  }
  return h.histSum;
}

const scratch = new Float64Array(HISTORY_LENGTH);

/**
 * PowerHostUtilizationHistory.getUtilizationHistory: element-wise sum over the host's VMs (and
 * `extra`, last) of VM history x VM MIPS / host MIPS, newest first, with the zero tail trimmed.
 * `round` = -1 disables the cache.
 */
export function hostHistory(h: Host, extra: Vm | null = null, round = -1): Float64Array {
  const sum = historySums(h, extra, round);
  return sum.slice(0, countNonZeroBeginningFn(sum));
}

/** The untrimmed 30 sums (a cache or a scratch buffer: read before the next call). */
function historySums(h: Host, extra: Vm | null, round: number): Float64Array {
  let sum: Float64Array;
  if (round >= 0) {
    sum = baseSum(h, round);
  } else {
    sum = new Float64Array(HISTORY_LENGTH);
    for (const vm of h.vmList) addVmHistory(sum, vm, h.totalMips);
  }
  if (extra !== null) {
    scratch.set(sum);
    addVmHistory(scratch, extra, h.totalMips);
    sum = scratch;
  }
  return sum;
}

const lrY = new Float64Array(LR_WINDOW);

/** LR/LRR on the host (+ extra) without copying the history: the 10 newest values, chronological. */
function lrOnHost(h: Host, d: Detector, extra: Vm | null): number | null {
  const sum = historySums(h, extra, d.round);
  if (countNonZeroBeginningFn(sum) < LR_WINDOW) return null;
  return lrPrediction(sum, d.param, maxMigrationTimeSec(h, extra), d.kind === 'lrr', d.semantics);
}

/** Longest migration time of the host's VMs (and `extra`): RAM / (BW / (2 * 8000)). */
export function maxMigrationTimeSec(h: Host, extra: Vm | null = null): number {
  // The placement loop asks this of the same host (with another `extra`) many times: the list's maximum
  // is kept until the list changes.
  if (h.maxRamVersion !== h.listVersion) {
    let listMax = -2147483648;
    for (const vm of h.vmList) if (vm.ramMB > listMax) listMax = vm.ramMB;
    h.maxRamMB = listMax;
    h.maxRamVersion = h.listVersion;
  }
  let maxRam = h.maxRamMB;
  if (extra !== null && extra.ramMB > maxRam) maxRam = extra.ramMB;
  return maxRam / (h.bwKbps / (2 * 8000));
}

/** IQR (s): upper threshold 1 - s * IQR(history); null = not enough history (fallback). */
export function iqrThreshold(history: Float64Array, s: number): number | null {
  if (countNonZeroBeginningFn(history) < MIN_HISTORY_IQR_MAD) return null;
  return 1 - s * iqr(history);
}

/** MAD (s): upper threshold 1 - s * MAD(history); null = not enough history (fallback). */
export function madThreshold(history: Float64Array, s: number): number | null {
  if (countNonZeroBeginningFn(history) < MIN_HISTORY_IQR_MAD) return null;
  return 1 - s * mad(history);
}

/**
 * LR/LRR: regress the 10 most recent history values in chronological order on x = 1..10, predict at
 * x = 10 + ceil(max migration time / 300), multiply by s. null = not enough history or a regression
 * error (fallback). NaN (LRR's degenerate reweighting) is returned as is: NaN >= 1 is false.
 */
export function lrPrediction(
  history: Float64Array,
  s: number,
  maxMigrationSec: number,
  robust: boolean,
  sem: Semantics,
): number | null {
  if (history.length < LR_WINDOW) return null;
  const y = lrY;
  for (let i = 0; i < LR_WINDOW; i++) y[i] = history[LR_WINDOW - i - 1] as number;
  let est: [number, number];
  try {
    if (robust) est = sem.lrrRobust ? robustWeightedEstimates(y) : robustLoessEstimatesFn(y);
    else est = sem.lrWeighted ? weightedLoessEstimates(y) : loessEstimatesFn(y);
  } catch {
    return null;
  }
  const intervals = Math.ceil(maxMigrationSec / 300);
  let predicted = est[0] + est[1] * (LR_WINDOW + intervals);
  predicted *= s;
  return predicted;
}

/** The policy's isHostOverUtilized on the host's VM list (with `extra` tentatively added). */
export function isOverloaded(h: Host, d: Detector, extra: Vm | null = null): boolean {
  // A host without VMs has an all-zero history (every detector falls back) and requests 0 MIPS.
  if (extra === null && h.vmList.length === 0) return d.kind === 'thr' ? 0 > d.param : 0 > FALLBACK_THRESHOLD;
  switch (d.kind) {
    case 'thr':
      return requestedUtilisation(h, extra) > d.param;
    case 'iqr':
    case 'mad': {
      const hist = hostHistory(h, extra, d.round);
      const upper = d.kind === 'iqr' ? iqrThreshold(hist, d.param) : madThreshold(hist, d.param);
      if (upper === null) return requestedUtilisation(h, extra) > FALLBACK_THRESHOLD;
      return requestedUtilisation(h, extra) > upper;
    }
    case 'lr':
    case 'lrr': {
      const p = lrOnHost(h, d, extra);
      if (p === null) return requestedUtilisation(h, extra) > FALLBACK_THRESHOLD;
      return p >= 1;
    }
    default: {
      const never: never = d.kind;
      throw new Error(`unknown detector ${String(never)}`);
    }
  }
}
