import { describe, expect, it } from 'vitest';
import { mean, topNPlusOther } from './stack';

const s = (id: string, ys: number[]) => ({ id, label: id, points: ys.map((y, i) => ({ x: i * 1000, y })) });

describe('topNPlusOther', () => {
  it('keeps the n largest by mean and sums the rest per timestamp', () => {
    const r = topNPlusOther([s('a', [1, 1]), s('b', [10, 20]), s('c', [5, 5]), s('d', [2, 4])], 2, 'other');
    expect(r.top.map((x) => x.id)).toEqual(['b', 'c']);
    // other = a + d = [1+2, 1+4]
    expect(r.other?.points).toEqual([
      { x: 0, y: 3 },
      { x: 1000, y: 5 },
    ]);
  });
  it('has no other series when everything fits', () => {
    expect(topNPlusOther([s('a', [1])], 10, 'other').other).toBeNull();
  });
  it('mean of nothing is zero', () => {
    expect(mean([])).toBe(0);
  });
});
