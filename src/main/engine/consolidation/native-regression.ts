/**
 * Native-mode regressions: the local regression the paper describes (tricube-weighted least squares,
 * the newest point weighted most) and its robust variant (one bisquare reweighting on residuals).
 */
import { median } from './java-stats';

function weightedFit(y: ArrayLike<number>, w: ArrayLike<number>): [number, number] {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w[i] as number;
    sw += wi;
    sx += wi * (i + 1);
    sy += wi * (y[i] as number);
  }
  if (!(sw > 0)) throw new RangeError('all weights are zero');
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w[i] as number;
    const dx = i + 1 - mx;
    sxx += wi * dx * dx;
    sxy += wi * dx * ((y[i] as number) - my);
  }
  if (!(sxx > 0)) throw new RangeError('degenerate regression');
  const slope = sxy / sxx;
  return [my - slope * mx, slope];
}

/** Tricube weights over x = 1..n with the newest point (x = n) at distance 0: (1 - (d/n)^3)^3. */
export function tricube(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => {
    const d = (n - 1 - i) / n;
    return Math.pow(1 - d * d * d, 3);
  });
}

export function weightedLoessEstimates(y: ArrayLike<number>): [number, number] {
  return weightedFit(y, tricube(y.length));
}

export function robustWeightedEstimates(y: ArrayLike<number>): [number, number] {
  const w = tricube(y.length);
  const first = weightedFit(y, w);
  const res = Float64Array.from(
    { length: y.length },
    (_, i) => (y[i] as number) - (first[0] + first[1] * (i + 1)),
  );
  const s = median(Float64Array.from(res, Math.abs));
  if (!(s > 0)) return first;
  const w2 = Float64Array.from(w, (wi, i) => {
    const u = (res[i] as number) / (6 * s);
    return Math.abs(u) < 1 ? wi * (1 - u * u) * (1 - u * u) : 0;
  });
  try {
    return weightedFit(y, w2);
  } catch {
    return first;
  }
}
