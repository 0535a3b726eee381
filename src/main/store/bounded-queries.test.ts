/**
 * Issue 21 finding 4: a valid history query with a far-future range froze the service (series 1e8..1.1e9:
 * 7 s; 5e11..1e12: never answered; top-N to 1e12: 18–21 s). Every range is clamped to the recorded
 * span before a resolution is chosen, and the work a query may do is bounded. These tests assert the
 * work planned (steps, buckets, resolution), not wall time.
 */
import nodePath from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { QueryContext } from './context';
import { planSeries, SERIES_LOOKUP_BUDGET } from './series';
import { planTopN } from './topn';
import { DEFAULT_RETENTION } from './types';
import { Workspace } from './workspace';
import { fleet, makeTick, removeTempDirs, tempDir, testInit } from './testing/synth';

afterAll(removeTempDirs);

const DAY = 86_400;
const at = (lastTime: number) =>
  ({ tickSeconds: 20, retention: DEFAULT_RETENTION, lastTime, coarseFrom: null }) as unknown as QueryContext;

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('history ranges are clamped to the recorded span', () => {
  it('a series entirely after the last recorded time reads no point at all', () => {
    for (const [from, to] of [
      [1e8, 1.1e9],
      [5e11, 1e12],
      [3601, 1e12],
    ] as const) {
      const plan = must(planSeries(at(3600), from, to, 1000, 1));
      expect(plan.lookups, `${from}..${to}`).toBe(0);
    }
  });

  it('a series from 0 to a far-future end reads at most maxPoints steps of the recorded span', () => {
    for (const lastTime of [3600, DAY, 30 * DAY, 400 * DAY]) {
      const plan = must(planSeries(at(lastTime), 0, 1e12, 1000, 1));
      expect(plan.lookups, `lastTime ${lastTime}`).toBeLessThanOrEqual(1000 * plan.group);
      expect(plan.last).toBeLessThanOrEqual(lastTime);
    }
    // the resolution is the one of the recorded hour (realtime), not of a 31,700-year range
    expect(must(planSeries(at(3600), 0, 1e12, 1000, 1)).r.stepSec).toBe(20);
  });

  it('many entities lower the points per entity so a query stays within the lookup budget', () => {
    const plan = must(planSeries(at(400 * DAY), 0, 400 * DAY, 100_000, 500));
    expect(plan.lookups).toBeLessThanOrEqual(SERIES_LOOKUP_BUDGET);
  });

  it('top-N to a far-future end visits only the buckets of the recorded span', () => {
    const plan = planTopN(at(DAY / 2), 0, 1e12);
    expect(plan.r.stepSec).toBe(7200); // the widest level that fits the recorded 12 h, not the 1-day one
    expect(plan.buckets).toBeLessThanOrEqual(DAY / 2 / 7200 + 1);
    expect(planTopN(at(400 * DAY), 0, 1e12).buckets).toBeLessThanOrEqual(401);
  });

  it('on a real workspace, far-future queries answer like the recorded span (empty after it)', () => {
    const ws = must(Workspace.create(nodePath.join(tempDir(), 'far.vdc'), testInit()));
    const f = fleet(2, 3);
    for (let k = 1; k <= 200; k++) ws.appendTick(makeTick(k, 20, f));
    const q = { entityIds: ['host-0', 'vm-1'], metrics: ['cpu.usageMHz'] };
    const beyond = must(ws.querySeries({ ...q, from: 1e8, to: 1.1e9 }));
    expect(beyond.series.map((s) => s.points.length)).toEqual([0, 0]);
    expect(must(ws.querySeries({ ...q, from: 5e11, to: 1e12 })).series[0]!.points).toEqual([]);
    const all = must(ws.querySeries({ ...q, from: 0, to: 1e12 }));
    expect(all).toEqual(must(ws.querySeries({ ...q, from: 0, to: 4000 })));
    expect(all.series[0]!.points.length).toBeGreaterThan(0);
    const top = { kind: 'vm' as const, metric: 'cpu.usageMHz', n: 3 };
    expect(must(ws.topN({ ...top, from: 0, to: 1e12 }))).toEqual(
      must(ws.topN({ ...top, from: 0, to: 4000 })),
    );
    expect(must(ws.topN({ ...top, from: 5e11, to: 1e12 }))).toEqual([]);
    ws.close();
  });
});
