import { describe, expect, it } from 'vitest';
import { rankExplanation, recommendationsOf } from './recommendations';

describe('rankExplanation', () => {
  it('puts the chosen host first, then eligible hosts by score, dropping rejected ones', () => {
    const hosts = [
      { hostId: 'h1', hostName: 'a', eligible: true, score: 0.5 },
      { hostId: 'h2', hostName: 'b', eligible: false, score: 9 },
      { hostId: 'h3', hostName: 'c', eligible: true, score: 0.7 },
      { hostId: 'h4', hostName: 'd', eligible: true, score: 0.7 },
      { hostId: 'h5', hostName: 'e', eligible: true, score: 0.1 },
    ];
    const r = rankExplanation('h5', hosts, (id) => id);
    expect(r.map((x) => x.hostId)).toEqual(['h5', 'h3', 'h4', 'h1']);
    expect(r.map((x) => x.rank)).toEqual([1, 2, 3, 4]);
  });
});

describe('recommendationsOf', () => {
  it('reads the engine refusal and ignores other errors', () => {
    const error = { code: 'PLACEMENT_CHOICE_REQUIRED' as const, message: 'm', details: { recommendations: [{ rank: 1, hostId: 'h2', hostName: 'esx-02', score: 2, reasons: ['x'] }, null, { bad: true }] } };
    expect(recommendationsOf(error)).toEqual([{ rank: 1, hostId: 'h2', hostName: 'esx-02', score: 2, reasons: ['x'] }]);
    expect(recommendationsOf({ code: 'INSUFFICIENT_CAPACITY', message: 'm' })).toBeNull();
  });
});
