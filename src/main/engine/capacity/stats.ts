/** Small statistics helpers used by the capacity math (deterministic, no allocation-heavy tricks). */

/**
 * Nearest-rank percentile: the smallest value such that at least p % of the samples are ≤ it.
 * p in (0, 100]; NaN for an empty list.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? Number.NaN;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

export interface LinearFit {
  intercept: number;
  slope: number;
  /** Residual standard deviation with n − 2 degrees of freedom (0 when n ≤ 2). */
  residualSd: number;
  n: number;
  xMean: number;
  /** Σ (x − x̄)². */
  sxx: number;
}

/** Ordinary least squares y = intercept + slope · x. One point gives a flat line through it. */
export function linearFit(xs: readonly number[], ys: readonly number[]): LinearFit {
  const n = Math.min(xs.length, ys.length);
  if (n === 0) return { intercept: 0, slope: 0, residualSd: 0, n: 0, xMean: 0, sxx: 0 };
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i]!;
    sy += ys[i]!;
  }
  const xMean = sx / n;
  const yMean = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - xMean;
    sxx += dx * dx;
    sxy += dx * (ys[i]! - yMean);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = yMean - slope * xMean;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = ys[i]! - (intercept + slope * xs[i]!);
    sse += r * r;
  }
  const residualSd = n > 2 ? Math.sqrt(sse / (n - 2)) : 0;
  return { intercept, slope, residualSd, n, xMean, sxx };
}

/** Rounds up to a multiple of `step`. */
export function ceilTo(value: number, step: number): number {
  return Math.ceil(value / step - 1e-9) * step;
}
