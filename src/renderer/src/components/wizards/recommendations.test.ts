import { describe, expect, it } from 'vitest';
import { rankExplanation, recommendationsOf } from './recommendations';

const v = (hostId: string, hostName: string, eligible: boolean, score: number) => ({
  hostId,
  hostName,
  eligible,
  score,
  reasons: [],
  rejectedBy: eligible ? null : 'RamFilter',
  weights: [],
});

describe('rankExplanation', () => {
  it('puts the chosen host first, then eligible hosts by score, dropping rejected ones', () => {
    const hosts = [
      v('h1', 'a', true, 0.5),
      v('h2', 'b', false, 9),
      v('h3', 'c', true, 0.7),
      v('h4', 'd', true, 0.7),
      v('h5', 'e', true, 0.1),
    ];
    const r = rankExplanation('h5', hosts, (id) => id);
    expect(r.map((x) => x.hostId)).toEqual(['h5', 'h3', 'h4', 'h1']);
    expect(r.map((x) => x.rank)).toEqual([1, 2, 3, 4]);
  });
});

describe('recommendationsOf', () => {
  it('reads the engine refusal and ignores other errors', () => {
    const error = {
      code: 'PLACEMENT_CHOICE_REQUIRED' as const,
      message: 'm',
      details: {
        recommendations: [
          { rank: 1, hostId: 'h2', hostName: 'esx-02', score: 2, reasons: ['x'] },
          null,
          { bad: true },
        ],
      },
    };
    expect(recommendationsOf(error)).toEqual([
      { rank: 1, hostId: 'h2', hostName: 'esx-02', score: 2, reasons: ['x'] },
    ]);
    expect(recommendationsOf({ code: 'INSUFFICIENT_CAPACITY', message: 'm' })).toBeNull();
  });
});
