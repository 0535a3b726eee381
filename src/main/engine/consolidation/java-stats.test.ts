import { describe, expect, it } from 'vitest';
import { olsRSquared, RegressionNotPossible } from './java-ols';
import { JavaRandom } from './java-random';
import {
  countNonZeroBeginning,
  iqr,
  loessEstimates,
  mad,
  median,
  robustLoessEstimates,
  SimpleRegression,
  trimZeroTail,
} from './java-stats';

describe('MathUtil statistics', () => {
  it('IQR takes 0-based indices round(0.25(n+1)) - 1 and round(0.75(n+1)) - 1 of the sorted data', () => {
    // n = 30 (values 1..30 shuffled): indices 7 and 22 -> 23 - 8 = 15
    const thirty = Array.from({ length: 30 }, (_, i) => ((i * 7) % 30) + 1);
    expect(iqr(thirty)).toBe(15);
    // n = 12: 0.25 * 13 = 3.25 -> 3 - 1 = 2; 0.75 * 13 = 9.75 -> 10 - 1 = 9 -> 10 - 3 = 7
    expect(iqr([12, 1, 11, 2, 10, 3, 9, 4, 8, 5, 7, 6])).toBe(7);
  });

  it('median averages the two middle values for even n (Percentile 50)', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
  });

  it('MAD is the median absolute deviation without a scale factor', () => {
    // median 3; deviations 2, 1, 0, 1, 2, 7 -> sorted 0 1 1 2 2 7 -> (1 + 2) / 2 = 1.5
    expect(mad([1, 2, 3, 4, 5, 10].map((x) => x))).toBe(1.5);
  });

  it('countNonZeroBeginning is the length without the zero tail (1 for all zeros)', () => {
    expect(countNonZeroBeginning([0.2, 0, 0.1, 0, 0])).toBe(3);
    expect(countNonZeroBeginning([0, 0, 0])).toBe(1);
    expect(Array.from(trimZeroTail(new Float64Array([0.3, 0.2, 0, 0])))).toEqual([0.3, 0.2]);
  });
});

describe('regressions', () => {
  it('SimpleRegression recovers an exact line', () => {
    const r = new SimpleRegression();
    for (let x = 1; x <= 5; x++) r.addData(x, 2 * x + 1);
    const [a, b] = r.estimates();
    expect(a).toBeCloseTo(1, 12);
    expect(b).toBeCloseTo(2, 12);
  });

  it('LR is plain OLS on x = 1..10 (tricube weights are not applied)', () => {
    // y = 0 except the newest point 1: slope = 4.5 / 82.5, intercept = 0.1 - slope * 5.5 = -0.2
    const y = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const [a, b] = loessEstimates(y);
    expect(b).toBeCloseTo(4.5 / 82.5, 12);
    expect(a).toBeCloseTo(-0.2, 12);
  });

  it('LRR equals LR unless the first fit has a zero median residual', () => {
    const y = [0.31, 0.35, 0.3, 0.42, 0.4, 0.47, 0.45, 0.52, 0.5, 0.58];
    expect(robustLoessEstimates(y)).toEqual(loessEstimates(y));
  });

  it('OLS R^2 of one predictor is the squared correlation', () => {
    // x = 1 2 3 5, y = 1 2 3 4: Sxy = 6.5, Sxx = 8.75, Syy = 5 -> R^2 = 42.25 / 43.75
    expect(olsRSquared([1, 2, 3, 4], [[1, 2, 3, 5]])).toBeCloseTo(42.25 / 43.75, 12);
  });

  it('OLS refuses too few observations for the predictors', () => {
    expect(() =>
      olsRSquared(
        [1, 2],
        [
          [1, 2],
          [2, 1],
        ],
      ),
    ).toThrow(RegressionNotPossible);
    expect(() => olsRSquared([1, 2, 3], [])).toThrow(RegressionNotPossible);
  });
});

describe('seeded java.util.Random', () => {
  it('reproduces Java: new Random(42) gives next(32) = -1170105035', () => {
    // next(31) = 3124862261 >>> 1 = 1562431130: nextInt(10) = 1562431130 % 10 = 0,
    // nextInt(1024) = (1024 * 1562431130) >> 31 = 745
    expect(new JavaRandom(42).nextInt(10)).toBe(0);
    expect(new JavaRandom(42).nextInt(1024)).toBe(745);
  });

  it('is deterministic for a seed', () => {
    const a = new JavaRandom(7);
    const b = new JavaRandom(7);
    const seqA = Array.from({ length: 20 }, () => a.nextInt(13));
    const seqB = Array.from({ length: 20 }, () => b.nextInt(13));
    expect(seqA).toEqual(seqB);
    expect(new Set(seqA).size).toBeGreaterThan(3);
  });
});
