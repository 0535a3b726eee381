import { describe, expect, it } from 'vitest';
import { lineChart } from './svg';

const lines = [
  {
    label: 'a',
    points: [
      [0, 10],
      [86_400, 250_000],
    ] as [number, number][],
    color: '#000',
  },
];

describe('report SVG chart', () => {
  it('writes the y unit along the axis, left of the tick labels, not on top of the highest one', () => {
    const svg = lineChart({ title: 't', lines, yUnit: 'MHz' });
    const unit = /<text transform="translate\(([\d.]+) ([\d.]+)\) rotate\(-90\)"[^>]*>MHz<\/text>/.exec(svg);
    expect(unit).not.toBeNull();
    const ticks = [
      ...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" text-anchor="end">([^<]+)<\/text>/g),
    ].filter((t) => !t[3]!.startsWith('day'));
    expect(ticks.length).toBe(5);
    // Tick labels end at x = L − 4 = 60 (right-aligned); the widest ("270k") is about 4 × 6.5 px wide at 11 px.
    for (const t of ticks) expect(Number(t[1]) - t[3]!.length * 6.5).toBeGreaterThan(Number(unit![1]) + 6);
  });
  it('labels days in the given language and says when there is no data', () => {
    expect(lineChart({ title: 't', lines, dayLabel: (d) => `第 ${d} 天` })).toContain('>第 0.0 天</text>');
    expect(lineChart({ title: 't', lines: [], noData: '尚无数据' })).toContain('t: 尚无数据');
  });
});
