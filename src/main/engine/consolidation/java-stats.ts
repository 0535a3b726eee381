/**
 * The statistics CloudSim 3.0.3 uses (org.cloudbus.cloudsim.util.MathUtil on top of Apache Commons
 * Math 3), re-implemented with the same floating-point operations in the same order, so that
 * thresholds and regressions give the same doubles as the reference.
 */

/** Commons Math `Percentile` (legacy estimator): pos = p(n+1)/100, linear between neighbours. */
export function percentile(values: ArrayLike<number>, p: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  if (n === 1) return values[0] as number;
  const sorted = Float64Array.from(values).sort();
  const pos = (p * (n + 1)) / 100;
  const fpos = Math.floor(pos);
  const dif = pos - fpos;
  if (pos < 1) return sorted[0] as number;
  if (pos >= n) return sorted[n - 1] as number;
  const lower = sorted[fpos - 1] as number;
  const upper = sorted[fpos] as number;
  return lower + dif * (upper - lower);
}

export const median = (values: ArrayLike<number>): number => percentile(values, 50);

/** MathUtil.mad: median of |median - x| (no 1.4826 scale factor). */
export function mad(data: ArrayLike<number>): number {
  if (data.length === 0) return 0;
  const m = median(data);
  const dev = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) dev[i] = Math.abs(m - (data[i] as number));
  return median(dev);
}

/** MathUtil.iqr: Q3 - Q1 with Q at 0-based index round(q(n+1)) - 1 of the sorted data. */
export function iqr(data: ArrayLike<number>): number {
  const sorted = Float64Array.from(data).sort();
  const q1 = Math.floor(0.25 * (sorted.length + 1) + 0.5) - 1;
  const q3 = Math.floor(0.75 * (sorted.length + 1) + 0.5) - 1;
  return (sorted[q3] as number) - (sorted[q1] as number);
}

/** MathUtil.countNonZeroBeginning: the length without the trailing zeros (1 for an all-zero array). */
export function countNonZeroBeginning(data: ArrayLike<number>): number {
  let i = data.length - 1;
  while (i >= 0) {
    if (data[i--] !== 0) break;
  }
  return i + 2;
}

/** MathUtil.trimZeroTail. */
export function trimZeroTail(data: Float64Array): Float64Array {
  return data.slice(0, countNonZeroBeginning(data));
}

/** Commons Math `SimpleRegression` (with intercept), updating formulas as in the library. */
export class SimpleRegression {
  private sumX = 0;
  private sumXX = 0;
  private sumY = 0;
  private sumXY = 0;
  private n = 0;
  private xbar = 0;
  private ybar = 0;

  addData(x: number, y: number): void {
    if (this.n === 0) {
      this.xbar = x;
      this.ybar = y;
    } else {
      const fact1 = 1.0 + this.n;
      const fact2 = this.n / (1.0 + this.n);
      const dx = x - this.xbar;
      const dy = y - this.ybar;
      this.sumXX += dx * dx * fact2;
      this.sumXY += dx * dy * fact2;
      this.xbar += dx / fact1;
      this.ybar += dy / fact1;
    }
    this.sumX += x;
    this.sumY += y;
    this.n++;
  }

  slope(): number {
    if (this.n < 2) return NaN;
    if (Math.abs(this.sumXX) < 10 * Number.MIN_VALUE) return NaN;
    return this.sumXY / this.sumXX;
  }

  intercept(): number {
    return (this.sumY - this.slope() * this.sumX) / this.n;
  }

  predict(x: number): number {
    const b1 = this.slope();
    return (this.sumY - b1 * this.sumX) / this.n + b1 * x;
  }

  /** regress().getParameterEstimates(): [intercept, slope]; throws with fewer than 3 points. */
  estimates(): [number, number] {
    if (this.n < 3) throw new RangeError('not enough data for a regression');
    if (Math.abs(this.sumXX) > 2.2250738585072014e-308) return [this.intercept(), this.slope()];
    return [this.sumY / this.n, NaN];
  }
}

const tricubeCache = new Map<number, Float64Array>();

/** MathUtil.getTricubeWeigts (weights are 1/k, all positive for n >= 3). Cached: treat as read-only. */
export function tricubeWeights(n: number): Float64Array {
  const cached = tricubeCache.get(n);
  if (cached !== undefined) return cached;
  const w = computeTricube(n);
  tricubeCache.set(n, w);
  return w;
}

function computeTricube(n: number): Float64Array {
  const w = new Float64Array(n);
  const top = n - 1;
  const spread = top;
  for (let i = 2; i < n; i++) {
    const k = Math.pow(1 - Math.pow((top - i) / spread, 3), 3);
    w[i] = k > 0 ? 1 / k : Number.MAX_VALUE;
  }
  w[0] = w[1] = w[2] as number;
  return w;
}

/**
 * MathUtil.createWeigthedLinearRegression: the weights are applied (as sqrt(w) * x, sqrt(w) * y)
 * only when at least 40 % of them are <= 0; otherwise this is an unweighted OLS fit.
 */
export function weightedRegressionAsCloudSim(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
): SimpleRegression {
  let zero = 0;
  for (let i = 0; i < w.length; i++) if ((w[i] as number) <= 0) zero++;
  const apply = zero >= 0.4 * w.length;
  const r = new SimpleRegression();
  for (let i = 0; i < x.length; i++) {
    if (apply) {
      const s = Math.sqrt(w[i] as number);
      r.addData(s * (x[i] as number), s * (y[i] as number));
    } else {
      r.addData(x[i] as number, y[i] as number);
    }
  }
  return r;
}

const xCache = new Map<number, Float64Array>();
const oneToN = (n: number): Float64Array => {
  let x = xCache.get(n);
  if (x === undefined) {
    x = Float64Array.from({ length: n }, (_, i) => i + 1);
    xCache.set(n, x);
  }
  return x;
};

/** MathUtil.getLoessParameterEstimates ("LR"): effectively plain OLS on x = 1..n. */
export function loessEstimates(y: ArrayLike<number>): [number, number] {
  const x = oneToN(y.length);
  return weightedRegressionAsCloudSim(x, y, tricubeWeights(y.length)).estimates();
}

/** MathUtil.getTricubeBisquareWeigts. */
export function tricubeBisquareWeights(residuals: ArrayLike<number>): Float64Array {
  const n = residuals.length;
  const w = computeTricube(n);
  const w2 = new Float64Array(n);
  const abs = Float64Array.from(residuals, (r) => Math.abs(r));
  const s6 = median(abs) * 6;
  for (let i = 2; i < n; i++) {
    const k = Math.pow(1 - Math.pow((residuals[i] as number) / s6, 2), 2);
    w2[i] = k > 0 ? (1 / k) * (w[i] as number) : Number.MAX_VALUE;
  }
  w2[0] = w2[1] = w2[2] as number;
  return w2;
}

/**
 * MathUtil.getRobustLoessParameterEstimates ("LRR") in 3.0.3: the NaN fallback is written as
 * `x == Double.NaN`, which is always false, so NaN estimates are returned as they are.
 */
export function robustLoessEstimates(y: ArrayLike<number>): [number, number] {
  const n = y.length;
  const x = oneToN(n);
  const first = weightedRegressionAsCloudSim(x, y, tricubeWeights(n));
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = (y[i] as number) - first.predict(x[i] as number);
  return weightedRegressionAsCloudSim(x, y, tricubeBisquareWeights(residuals)).estimates();
}
