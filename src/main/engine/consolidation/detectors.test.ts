import { describe, expect, it } from 'vitest';
import { hostHistory, isOverloaded, maxMigrationTimeSec, type Detector } from './detectors';
import type { Host } from './model';
import type { DetectorKind } from './policy';
import { REFERENCE } from './semantics';
import { hostsWith, runningVm } from './test-helpers';

const det = (kind: DetectorKind, param: number): Detector => ({
  kind,
  param,
  semantics: REFERENCE,
  round: -1,
});

/** A G5 host (5320 MIPS) whose only VM has 5320 MIPS, so host history = VM history. */
function g5WithHistory(u: number, history: number[]): Host {
  const vm = runningVm(0, 5320, 613, u, history);
  vm.reqMips = 5320 * u;
  return hostsWith(2, [[1, vm]])[1] as Host;
}

describe('THR', () => {
  it('compares requested (not allocated) utilisation with the threshold, strictly', () => {
    const a = runningVm(0, 2500, 870, 0.9); // 2250 MIPS
    const b = runningVm(1, 2000, 1740, 1); // 2000 MIPS
    const host = hostsWith(2, [
      [1, a],
      [1, b],
    ])[1] as Host;
    // (2250 + 2000) / 5320 = 0.7989 <= 0.8
    expect(isOverloaded(host, det('thr', 0.8))).toBe(false);
    a.reqMips = 2500 * 0.95; // (2375 + 2000) / 5320 = 0.8224
    expect(isOverloaded(host, det('thr', 0.8))).toBe(true);
  });
});

describe('IQR', () => {
  const hist = [0.6, 0.62, 0.58, 0.64, 0.6, 0.66, 0.61, 0.6, 0.63, 0.59, 0.65, 0.62];
  // sorted: .58 .59 .60 .60 .60 .61 .62 .62 .63 .64 .65 .66; Q1 = idx 2 = 0.60, Q3 = idx 9 = 0.64
  // IQR = 0.04, threshold = 1 - 1.5 * 0.04 = 0.94
  it('uses 1 - s * IQR of the host history once 12 samples exist', () => {
    expect(isOverloaded(g5WithHistory(0.93, hist), det('iqr', 1.5))).toBe(false);
    expect(isOverloaded(g5WithHistory(0.95, hist), det('iqr', 1.5))).toBe(true);
  });

  it('falls back to THR 0.7 with 11 samples, and a zero at the oldest end does not count', () => {
    const withZeroTail = [...hist.slice(0, 11), 0];
    expect(hostHistory(g5WithHistory(0.75, withZeroTail)).length).toBe(11);
    expect(isOverloaded(g5WithHistory(0.75, withZeroTail), det('iqr', 1.5))).toBe(true); // 0.75 > 0.7
    expect(isOverloaded(g5WithHistory(0.69, withZeroTail), det('iqr', 1.5))).toBe(false);
  });
});

describe('MAD', () => {
  it('uses 1 - s * median(|x - median|) (even n averages the middle pair)', () => {
    // 12 values: six 0.5 and six 0.7 -> median 0.6, deviations all 0.1 -> MAD 0.1 -> 1 - 2.5*0.1 = 0.75
    const h = [0.5, 0.7, 0.5, 0.7, 0.5, 0.7, 0.5, 0.7, 0.5, 0.7, 0.5, 0.7];
    expect(isOverloaded(g5WithHistory(0.74, h), det('mad', 2.5))).toBe(false);
    expect(isOverloaded(g5WithHistory(0.76, h), det('mad', 2.5))).toBe(true);
  });
});

describe('LR', () => {
  // Newest first. Chronological y = 0.08 * x for x = 1..10: the prediction at x = 11 is 0.88.
  const rising = Array.from({ length: 10 }, (_, i) => 0.08 * (10 - i));
  it('predicts at x = 10 + ceil(migration time / 300) and flags s * prediction >= 1', () => {
    const host = g5WithHistory(0.1, rising);
    expect(maxMigrationTimeSec(host)).toBeCloseTo(9.808, 12); // 613 MB -> one interval ahead
    expect(isOverloaded(host, det('lr', 1.2))).toBe(true); // 1.2 * 0.88 = 1.056
    expect(isOverloaded(host, det('lr', 1.1))).toBe(false); // 1.1 * 0.88 = 0.968
  });

  it('regresses the 10 most recent samples in chronological order', () => {
    // the newest sample is 1, the nine before are 0: prediction -0.2 + 11 * 4.5/82.5 = 0.4
    const spike = [1, 0.0001, 0.0001, 0.0001, 0.0001, 0.0001, 0.0001, 0.0001, 0.0001, 0.0001, 0.9, 0.9];
    expect(isOverloaded(g5WithHistory(0.1, spike), det('lr', 2.4))).toBe(false); // 2.4 * ~0.4 < 1
    expect(isOverloaded(g5WithHistory(0.1, spike), det('lr', 2.6))).toBe(true); // 2.6 * ~0.4 > 1
  });

  it('LRR equals LR, except when the first fit has a zero median residual: then it predicts NaN (never overloaded)', () => {
    // flat 0.9 with four +/-0.1 points placed symmetrically: OLS = 0.9 flat, six residuals are 0, so the
    // bisquare scale is 0, four weights become 0 (>= 40 %), the weighted fit overflows to NaN and the
    // 3.0.3 NaN check (x == Double.NaN) never falls back
    const b = 0.9;
    const palindrome = [b, b, b + 0.1, b - 0.1, b, b, b - 0.1, b + 0.1, b, b];
    expect(isOverloaded(g5WithHistory(0.1, palindrome), det('lr', 1.2))).toBe(true); // 1.2 * 0.9 = 1.08
    expect(isOverloaded(g5WithHistory(0.1, palindrome), det('lrr', 1.2))).toBe(false);
    const rising = Array.from({ length: 10 }, (_, i) => 0.08 * (10 - i) + (i % 3) * 0.01);
    expect(isOverloaded(g5WithHistory(0.1, rising), det('lrr', 1.2))).toBe(
      isOverloaded(g5WithHistory(0.1, rising), det('lr', 1.2)),
    );
  });

  it('falls back to THR 0.7 with fewer than 10 samples', () => {
    expect(isOverloaded(g5WithHistory(0.71, rising.slice(0, 9)), det('lr', 1.2))).toBe(true);
    expect(isOverloaded(g5WithHistory(0.69, rising.slice(0, 9)), det('lrr', 1.2))).toBe(false);
  });
});

describe('host history', () => {
  it('sums VM history x VM MIPS / host MIPS, newest first, aligned at the newest sample', () => {
    const a = runningVm(0, 2660, 613, 0.5, [0.5, 0.4, 0.3]);
    const b = runningVm(1, 1330, 613, 0.5, [1.0]);
    const host = hostsWith(2, [
      [1, a],
      [1, b],
    ])[1] as Host;
    const h = Array.from(hostHistory(host));
    expect(h[0]).toBeCloseTo(0.25 + 0.25, 12);
    expect(h[1]).toBeCloseTo(0.2, 12);
    expect(h[2]).toBeCloseTo(0.15, 12);
    expect(h.length).toBe(3);
  });
});
