import { describe, expect, it } from 'vitest';
import { binCells, npRound2, pairwiseSum, percentTables, pyRound0, pyRound2, rint } from './binning';

describe('Python / numpy arithmetic of the analysis scripts', () => {
  it('rint and round(x, 0) send ties to even', () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4999, 2.5001].map(rint)).toEqual([0, 2, 2, 4, 2, 3]);
    expect(pyRound0(129.5)).toBe(130);
    expect(pyRound0(128.5)).toBe(128);
  });

  it("Python's round(x, 2) rounds the exact binary value, ties (odd eighths) to even", () => {
    expect(pyRound2(0.125)).toBe(0.12);
    expect(pyRound2(0.375)).toBe(0.38);
    expect(pyRound2(12.625)).toBe(12.62);
    // 2.675 is stored just below 2.675: Python gives 2.67 (the documented surprise of round()).
    expect(pyRound2(2.675)).toBe(2.67);
    expect(pyRound2(1.005)).toBe(1); // also just below
    expect(pyRound2(7765 / 6212 / 10)).toBe(0.12); // U = 7765 milli is exactly 0.125 %
  });

  it('numpy.round(x, 2) is rint(100 x)/100', () => {
    expect(npRound2(87.945)).toBe(rint(87.945 * 100) / 100);
    expect(npRound2(0.125)).toBe(0.12);
    expect(npRound2(0.135)).toBe(0.14);
  });

  it("numpy's pairwise sum: ten 0.1 add up to exactly 1 (a left-to-right sum gives 0.9999999999999999)", () => {
    const tenth = Array.from({ length: 10 }, () => 0.1);
    expect(pairwiseSum(tenth)).toBe(1);
    expect(tenth.reduce((a, b) => a + b, 0)).toBe(0.9999999999999999);
    // Blocks: < 8 plain, ≤ 128 eight accumulators, above that halves at multiples of 8.
    const xs = Array.from({ length: 1000 }, (_, i) => 1 / (i + 1));
    const n2 = 496; // 500 − 500 % 8
    expect(pairwiseSum(xs)).toBe(pairwiseSum(xs.slice(0, n2)) + pairwiseSum(xs.slice(n2)));
  });

  it('bins by the integer percent arrived; an empty cell takes the events of k−1..k+1 in event order', () => {
    // events at bins 0, 0, 2, 2, 4: cell 1 borrows 0 and 2; cell 3 borrows 2 and 4; 5 borrows 4; 6.. empty
    const cells = binCells([0, 0, 2, 2, 4], [10, 20, 30, 40, 50], 5);
    expect(cells.slice(0, 7)).toEqual([[10, 20], [10, 20, 30, 40], [30, 40], [30, 40, 50], [50], [50], []]);
  });

  it('builds both published rows on the 0..130 grid (null where no event is near)', () => {
    // 1 GPU cluster: arrivals of 10 milli each = 1 % per event
    const events = 5;
    const arrived = [10, 20, 30, 40, 50];
    const allocated = [10, 20, 20, 30, 40];
    const frag = [0, 100, 100, 200, 0];
    const t = percentTables(arrived, allocated, frag, events, 1);
    expect(t.allocationPct).toHaveLength(131);
    expect(t.allocationPct.slice(0, 7)).toEqual([1, 1, 2, 2, 3, 4, 4]);
    expect(t.fragmentationPct.slice(0, 3)).toEqual([0, 0, 10]);
    expect(t.allocationPct[7]).toBeNull();
  });
});
