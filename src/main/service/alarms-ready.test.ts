/** The VM CPU ready alarm is per vCPU (issue 12, item 8: a "CPU ready 124.8 %" alarm exceeded 100 %). */
import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG, type MetricBlock } from '../engine';
import { AlarmEvaluator, type AlarmChange } from './alarms';

describe('VM CPU ready alarm', () => {
  it('reports ready per vCPU, never above 100 %', () => {
    const names = (kind: string): string[] =>
      (METRIC_CATALOG[kind as keyof typeof METRIC_CATALOG] ?? []).map((d) => d.name);
    const vmNames = names('vm');
    // A 4-vCPU VM whose vCPUs each wait 31.2 % of the time: summed over its vCPUs that is 124.8 %.
    const values = new Float64Array(vmNames.length);
    values[vmNames.indexOf('cpu.ready.pct')] = 124.8;
    values[vmNames.indexOf('cpu.ready.vcpu.pct')] = 31.2;
    const block: MetricBlock = { kind: 'vm', ids: ['vm-1'], values };
    const ev = new AlarmEvaluator(names, () => 'web-01');
    const changes: AlarmChange[] = [];
    for (let t = 0; t <= 900; t += 20) changes.push(...ev.evaluate(t, [block]));
    const raised = changes.filter((c) => c.kind === 'raised').map((c) => c.alarm);
    expect(raised.length).toBeGreaterThan(0);
    for (const a of raised) {
      const pcts = [...a.message.matchAll(/([\d.]+) %/g)].map((m) => Number(m[1]));
      expect(Math.max(...pcts), a.message).toBeLessThanOrEqual(100);
      expect(a.message).toContain('31.2 %');
    }
  });
});
