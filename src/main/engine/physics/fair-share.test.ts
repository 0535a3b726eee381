import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fairShare, newFairShareScratch } from './fair-share';

function run(cap: number, demand: number[], res: number[], shares: number[]): number[] {
  const out = new Array<number>(demand.length).fill(0);
  fairShare(demand.length, cap, demand, res, shares, out, newFairShareScratch());
  return out;
}

describe('fairShare', () => {
  it('grants every demand when capacity suffices', () => {
    expect(run(100, [10, 20, 30], [0, 0, 0], [1, 1, 1])).toEqual([10, 20, 30]);
  });
  it('splits by shares and redistributes what a small consumer leaves (hand-computed)', () => {
    // capacity 100; A wants 10 (shares 1), B and C want 100 (shares 1 and 2).
    // Level λ: A saturates at 10; remaining 90 split 1:2 → B 30, C 60.
    const out = run(100, [10, 100, 100], [0, 0, 0], [1, 1, 2]);
    expect(out[0]).toBeCloseTo(10);
    expect(out[1]).toBeCloseTo(30);
    expect(out[2]).toBeCloseTo(60);
  });
  it('honours reservations before shares (hand-computed)', () => {
    // capacity 100; A reserves 70 and wants 100; B wants 100; equal shares.
    // A gets 70 first, the remaining 30 are split equally: A 85, B 15.
    const out = run(100, [100, 100], [70, 0], [1, 1]);
    expect(out[0]).toBeCloseTo(85);
    expect(out[1]).toBeCloseTo(15);
  });
  it('never exceeds capacity or demand and honours reservations (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            d: fc.double({ min: 0, max: 1e4, noNaN: true }),
            r: fc.double({ min: 0, max: 1, noNaN: true }),
            s: fc.integer({ min: 1, max: 4000 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.double({ min: 1, max: 5e4, noNaN: true }),
        (items, cap) => {
          // Scale reservations so their sum fits the capacity (the admission rule).
          const rawRes = items.map((x) => x.r * cap);
          const sumRes = rawRes.reduce((a, b) => a + b, 0);
          const res = rawRes.map((r) => (sumRes > cap ? (r * cap) / sumRes : r));
          const d = items.map((x) => x.d);
          const out = run(
            cap,
            d,
            res,
            items.map((x) => x.s),
          );
          const sum = out.reduce((a, b) => a + b, 0);
          expect(sum).toBeLessThanOrEqual(cap * (1 + 1e-9) + 1e-9);
          out.forEach((g, i) => {
            expect(g).toBeLessThanOrEqual((d[i] ?? 0) + 1e-9);
            expect(g).toBeGreaterThanOrEqual(Math.min(d[i] ?? 0, res[i] ?? 0) - 1e-6);
          });
          // Work conserving: either all demand is met or the capacity is used.
          const totalDemand = d.reduce((a, b) => a + b, 0);
          expect(sum).toBeCloseTo(Math.min(cap, totalDemand), 3);
        },
      ),
      { numRuns: 500 },
    );
  });
});
