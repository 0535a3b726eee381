/**
 * English and Simplified Chinese texts of the Capacity view's backtest panel ("how good are these
 * forecasts?"). A local vue-i18n scope that follows the app's locale; zh-CN has exactly the English keys
 * (its type, and backtest-messages.test.ts).
 */
import { useI18n } from 'vue-i18n';

const en = {
  tab: 'Forecast accuracy',
  title: 'How good are these forecasts?',
  intro:
    'Runs a built-in scenario in memory, forecasts time remaining from its first days, keeps simulating, and compares each forecast with the day the simulation actually ran out.',
  scenario: 'Scenario',
  history: 'History (days)',
  horizon: 'Horizon (days)',
  run: 'Run backtest',
  cancel: 'Cancel',
  running: 'Simulating {pct} %…',
  cancelled: 'Cancelled.',
  cases: 'Forecasts scored',
  medianError: 'Median error',
  coverage: 'Inside the 80 % interval',
  goal: 'goal {goal}',
  verdictGood: 'Within the goal: median error ≤ 15 % and ≥ 80 % of actual days inside the stated interval.',
  verdictBad: 'Short of the goal (median error ≤ 15 %, ≥ 80 % inside the interval).',
  methods: 'Methods compared',
  method: 'Method',
  methodNames: {
    linear: 'Linear trend',
    seasonal: 'Seasonal line (former Time remaining)',
    final: 'Robust first passage (final, the Time remaining tab)',
  },
  perCase: 'Predicted vs actual, {method}',
  cluster: 'Cluster',
  resource: 'Resource',
  predicted: 'Predicted',
  interval: 'Interval',
  actual: 'Actual',
  error: 'Error',
  inside: 'Inside?',
  yes: 'yes',
  no: 'no',
  days: '{n} d',
  beyond: 'beyond horizon',
  resources: { cpu: 'CPU', mem: 'Memory', disk: 'Disk' },
  unscored: 'Not scored: {list}',
  reasons: { exceededDuringHistory: 'over usable already', notReachedWithinHorizon: 'did not run out' },
  none: 'No resource ran out within the horizon: nothing to score.',
  footnote: 'Days are counted from the last day of history. Seed {seed}, {tick}-s ticks.',
};

export type BacktestMessages = typeof en;

const zhCN: BacktestMessages = {
  tab: '预测准确度',
  title: '这些预测有多准？',
  intro:
    '在内存中运行内置场景，用最初几天的数据预测剩余时间，继续模拟，并将每个预测与模拟中实际耗尽的日期进行比较。',
  scenario: '场景',
  history: '历史（天）',
  horizon: '预测期（天）',
  run: '运行回测',
  cancel: '取消',
  running: '正在模拟 {pct} %…',
  cancelled: '已取消。',
  cases: '已评分预测',
  medianError: '误差中位数',
  coverage: '落在 80 % 区间内',
  goal: '目标 {goal}',
  verdictGood: '达到目标：误差中位数 ≤ 15 %，且 ≥ 80 % 的实际日期落在给出的区间内。',
  verdictBad: '未达到目标（误差中位数 ≤ 15 %，≥ 80 % 落在区间内）。',
  methods: '方法比较',
  method: '方法',
  methodNames: {
    linear: '线性趋势',
    seasonal: '季节性直线（原剩余时间）',
    final: '稳健首次到达（最终方法，剩余时间选项卡）',
  },
  perCase: '预测与实际对比（{method}）',
  cluster: '集群',
  resource: '资源',
  predicted: '预测',
  interval: '区间',
  actual: '实际',
  error: '误差',
  inside: '区间内？',
  yes: '是',
  no: '否',
  days: '{n} 天',
  beyond: '超出预测期',
  resources: { cpu: 'CPU', mem: '内存', disk: '磁盘' },
  unscored: '未评分：{list}',
  reasons: { exceededDuringHistory: '历史期内已超出可用容量', notReachedWithinHorizon: '未耗尽' },
  none: '预测期内没有资源耗尽：无可评分的预测。',
  footnote: '天数从历史的最后一天起算。种子 {seed}，时间步长 {tick} 秒。',
};

export const backtestMessages = { en, 'zh-CN': zhCN };

export function useBacktestI18n() {
  return useI18n<{ message: BacktestMessages }, 'en' | 'zh-CN'>({
    useScope: 'local',
    inheritLocale: true,
    messages: { en, 'zh-CN': zhCN },
  });
}
