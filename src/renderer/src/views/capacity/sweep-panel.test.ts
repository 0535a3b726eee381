// @vitest-environment happy-dom
/**
 * The Futures (sweep) tab says what growth its futures ran at and what it stands on, and "exceeded now
 * (since <date>)" for a resource already over usable, in English and Chinese (issue 13: the sweep is as
 * honest as every other verdict). The state comes through the contract-checked fake transport.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { apiOk } from '@shared/errors';
import type { SweepState } from '@shared/contract-capacity';
import { harness } from '@renderer/testing/harness';
import { i18n } from '@renderer/i18n';
import SweepPanel from './SweepPanel.vue';

const resources = (exceeded: string | null) =>
  (['cpu', 'mem', 'disk'] as const).map((resource, i) => ({
    resource,
    usable: 1000,
    cdf: [resource === 'cpu' && exceeded ? 1 : 0, 0.5 * i, 0.5 * i],
    probability: resource === 'cpu' && exceeded ? 1 : 0.5 * i,
    p10Days: null,
    p50Days: resource === 'cpu' && exceeded ? 1 : resource === 'mem' ? 2 : null,
    p90Days: null,
    medianPeakPct: 90,
    exceededSince: resource === 'cpu' ? exceeded : null,
  }));

const state: SweepState = {
  status: 'done',
  runs: 2,
  horizonDays: 3,
  seed: 1,
  workers: 1,
  progress: 1,
  error: null,
  startIso: '2026-01-08T00:00:00.000Z',
  clusters: [
    {
      id: 'c1',
      name: 'Production A',
      nPlus1Probability: 0.5,
      growth: {
        method: 'workload',
        fitted: null,
        low: null,
        high: null,
        historyDays: 7,
        refusal: { code: 'needsHistory', method: 'timeRemaining', needDays: 14, haveDays: 7, moreDays: 7 },
        workload: { min: 0, max: 0 },
      },
      resources: resources('2026-01-05T10:00:00.000Z'),
    },
    {
      id: 'c2',
      name: 'Lab',
      nPlus1Probability: 1,
      growth: {
        method: 'final',
        fitted: 2.5,
        low: 0.5,
        high: 4.5,
        historyDays: 30,
        refusal: null,
        workload: { min: 0, max: 1 },
      },
      resources: resources(null),
    },
  ],
};

afterEach(() => {
  i18n.global.locale.value = 'en';
});

async function render(locale: 'en' | 'zh-CN') {
  const hs = harness({ 'capacity.sweep.state': () => apiOk(state) });
  i18n.global.locale.value = locale;
  const w = mount(SweepPanel, { global: { plugins: hs.plugins } });
  await flushPromises();
  const charts = w.findAll('[data-testid="sweep-chart"]');
  expect(charts).toHaveLength(2);
  return { w, charts };
}

describe('SweepPanel', () => {
  it('states the growth the futures ran at and "exceeded now (since …)" instead of a probability', async () => {
    const { w, charts } = await render('en');
    const [a, b] = charts as [(typeof charts)[0], (typeof charts)[0]];
    expect(a.find('[data-testid="sweep-growth"]').text()).toBe(
      "growth not fitted: needs 7 more days of history (the final method needs 14, has 7); the futures run at the workloads' own growth (0 %/month)",
    );
    expect(a.find('[data-testid="sweep-exceeded"]').text()).toMatch(/^exceeded now \(since .*2026.*\)$/);
    expect(a.text()).not.toMatch(/CPU: \d+ % run out|half by day 1\b/);
    expect(b.find('[data-testid="sweep-growth"]').text()).toBe(
      'growth 0.5 … 4.5 %/month (fitted 2.5 by the final method, 95 % interval, 30 days of history)',
    );
    expect(b.find('[data-testid="sweep-exceeded"]').exists()).toBe(false);
    expect(b.text()).toContain('CPU: 0 % run out within 3 days');
    // The median day as a calendar date (day 0 = the sweep's start, 2026-01-08 00:00 UTC).
    expect(b.text()).toMatch(/memory: 50 % run out within 3 days, half by Jan 10, 2026.* \(day 2\)/);
    w.unmount();
  });

  it('in Chinese', async () => {
    const { w, charts } = await render('zh-CN');
    expect(charts[0]!.find('[data-testid="sweep-growth"]').text()).toContain(
      '未拟合增长率：还需要 7 天的历史数据',
    );
    expect(charts[0]!.find('[data-testid="sweep-exceeded"]').text()).toMatch(
      /^当前已超出（自 .*2026.* 起）$/,
    );
    expect(charts[1]!.find('[data-testid="sweep-growth"]').text()).toContain('最终方法拟合为 2.5');
    w.unmount();
  });
});
