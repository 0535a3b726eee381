/**
 * The report's time-remaining cells: the same first passage as the Time remaining tab (likely day and its
 * 80 % interval from the forecast row, not recomputed from the chart's band), and a refusal that says how
 * many more days of history the method needs — in English and Chinese.
 */
import { describe, expect, it } from 'vitest';
import { remaining, type ForecastLike } from './report-summary';
import { reportText } from './report-text';

const row = (over: Partial<ForecastLike>): ForecastLike => ({
  clusterId: 'c',
  clusterName: 'C',
  resource: 'mem',
  usable: 100,
  lastPeak: 50,
  insufficientHistory: false,
  timeRemainingDays: 40,
  likelyDays: 55,
  earliestDays: 40,
  latestDays: 80,
  refusal: null,
  peaks: [],
  // A band that would cross on other days: the cell must not read it.
  projection: Array.from({ length: 365 }, (_, i) => ({ mean: 60 + i, upper: 70 + i, lower: 50 + i })),
  ...over,
});

describe('report time remaining', () => {
  it('states the forecast row’s likely day and 80 % interval', () => {
    const r = remaining(row({}));
    expect(r).toMatchObject({ state: 'within', likely: 55, earliest: 40, latest: 80, light: 'amber' });
    expect(reportText('en').remaining(r)).toBe('55 days (40 to 80)');
    expect(reportText('zh-CN').remaining(r)).toBe('55 天（40 至 80）');
  });

  it('beyond the horizon when the first passage says so', () => {
    const r = remaining(row({ likelyDays: null, earliestDays: null, latestDays: null }));
    expect(r.state).toBe('beyond');
    expect(r.light).toBe('green');
  });

  it('a refusal says how many more days of history the method needs (not "≥ 3 days")', () => {
    const r = remaining(
      row({ insufficientHistory: true, refusal: { moreDays: 4 }, likelyDays: null, earliestDays: null }),
    );
    expect(r.state).toBe('thin');
    expect(reportText('en').remaining(r)).toBe('needs 4 more days of history');
    expect(reportText('en').chartRemaining(r)).toBe('needs 4 more days of history');
    expect(reportText('zh-CN').remaining(r)).toBe('还需要 4 天的历史数据');
  });
});

describe('the Chinese report translates the forecast table', () => {
  const zh = reportText('zh-CN');
  it('exceeded since and refusals in cells, the history headers', () => {
    expect(zh.cell('Time remaining (days)', 'exceeded since 2026-01-05 10:00')).toBe(
      '自 2026-01-05 10:00 起已超出',
    );
    expect(zh.cell('Time remaining (days)', 'needs 14 more days of history')).toBe('还需要 14 天的历史数据');
    expect(zh.cell('Capacity remaining', 'needs 1 more day of history')).toBe('还需要 1 天的历史数据');
    expect(zh.header('History days')).toBe('历史天数');
    expect(zh.header('History points')).toBe('历史点数');
    expect(zh.header('Resolution s')).toBe('分辨率（秒）');
    // Names are left as they are.
    expect(zh.cell('Cluster', 'Production')).toBe('Production');
  });
});
