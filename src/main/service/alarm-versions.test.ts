/** Edited alarm definitions in the evaluator: versions by time, "is below", retiring watches (issue 12). */
import { describe, expect, it } from 'vitest';
import type { MetricBlock } from '../engine/api';
import { AlarmEvaluator, DEFAULT_ALARM_RULES, type AlarmChange, type AlarmRule } from './alarms';

const metricNames = (kind: string) => (kind === 'host' ? ['cpu.usage.pct', 'mem.usage.pct'] : []);
const block = (cpu: number[], mem: number[]): MetricBlock[] => [
  {
    kind: 'host',
    ids: cpu.map((_, i) => `host-${i}`),
    values: Float64Array.from([...cpu, ...mem]),
  } as MetricBlock,
];
const series = (t: number): MetricBlock[] => block([40 + (t % 7) * 5, 60], [50, 30 + (t % 5)]);
const summary = (c: AlarmChange[]) =>
  c.map((x) => `${x.kind}:${x.alarm.id}:${x.alarm.rule}:${x.alarm.severity}`);

describe('alarm definition versions', () => {
  const lowered: AlarmRule[] = DEFAULT_ALARM_RULES.map((r) =>
    r.id === 'host.cpu' ? { ...r, warning: 50, error: 65, triggerSec: 0 } : r,
  );
  const below: AlarmRule = {
    id: 'user.1',
    kind: 'host',
    metric: 'mem.usage.pct',
    warning: 35,
    error: 32,
    triggerSec: 0,
    tolerance: 0,
    label: 'Low memory use',
    direction: 'below',
  };

  it('an edit applies after its time; a run with the versions known from the start gives the same alarms', () => {
    const live = new AlarmEvaluator(metricNames, (id) => id);
    const out: string[] = [];
    for (let t = 20; t <= 2000; t += 20) {
      if (t === 600) live.addVersion(580, lowered);
      if (t === 1200) live.addVersion(1180, [...lowered, below]);
      out.push(...summary(live.evaluate(t, series(t))));
    }
    expect(out.filter((x) => x.includes('host.cpu')).length).toBeGreaterThan(0);
    expect(out.some((x) => x.includes('raised') && x.includes('user.1'))).toBe(true);
    // nothing before the edit: the defaults never trigger on these values
    const replay = new AlarmEvaluator(metricNames, (id) => id);
    replay.setVersions([
      { time: 1180, rules: [...lowered, below] },
      { time: 580, rules: lowered },
    ]);
    const again: string[] = [];
    for (let t = 20; t <= 2000; t += 20) again.push(...summary(replay.evaluate(t, series(t))));
    expect(again).toEqual(out);
    const first = again.findIndex((x) => x.includes('host.cpu'));
    expect(first).toBeGreaterThanOrEqual(0);
  });

  it('"is below" triggers at or below the threshold and clears above threshold + tolerance', () => {
    const e = new AlarmEvaluator(metricNames, (id) => id, [{ ...below, tolerance: 2 }]);
    const at = (t: number, mem: number) => summary(e.evaluate(t, block([10], [mem])));
    expect(at(20, 40)).toEqual([]);
    expect(at(40, 34)).toEqual(['raised:alarm-1:user.1:warning']);
    expect(at(60, 31)).toEqual(['cleared:alarm-1:user.1:warning', 'raised:alarm-2:user.1:error']);
    // past critical + tolerance (34) but not warning + tolerance (37): back to a warning
    expect(at(80, 36)).toEqual(['cleared:alarm-2:user.1:error', 'raised:alarm-3:user.1:warning']);
    expect(at(100, 36.5)).toEqual([]);
    expect(at(120, 38)).toEqual(['cleared:alarm-3:user.1:warning']);
  });

  it('a disabled or re-targeted definition clears its active alarms at the next evaluation', () => {
    const e = new AlarmEvaluator(metricNames, (id) => id, lowered);
    const raised = summary(e.evaluate(20, block([90], [10])));
    expect(raised).toEqual(['raised:alarm-1:host.cpu:error']);
    e.addVersion(
      20,
      lowered.map((r) => (r.id === 'host.cpu' ? { ...r, metric: 'mem.usage.pct' } : r)),
    );
    expect(summary(e.evaluate(40, block([90], [10])))).toEqual(['cleared:alarm-1:host.cpu:error']);
    expect(e.active()).toEqual([]);
    e.addVersion(
      40,
      lowered.map((r) => (r.id === 'host.cpu' ? { ...r, enabled: false } : r)),
    );
    expect(summary(e.evaluate(60, block([95], [95])))).toEqual(
      expect.not.arrayContaining([expect.stringContaining('host.cpu')]),
    );
  });
});

describe('built-in definitions', () => {
  it('each watches a metric its kind has in the engine catalogue (the datastore one watched a missing name)', async () => {
    const { METRIC_CATALOG } = await import('../engine');
    for (const r of DEFAULT_ALARM_RULES) {
      const names = METRIC_CATALOG[r.kind as keyof typeof METRIC_CATALOG].map((d) => d.name);
      expect(names, `${r.id} watches ${r.metric}`).toContain(r.metric);
    }
  });
});
