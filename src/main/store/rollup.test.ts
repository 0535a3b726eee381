/**
 * Rollups against hand-computed values. Test data: metric i of entity e at tick k is 100e + 10i + k
 * (testing/synth linearValue), ticks of 20 s, so a bucket's average is 100e + 10i + the mean of its ticks.
 */
import nodePath from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from './workspace';
import { fleet, makeTick, meanOf, removeTempDirs, tempDir, testInit, type ValueFn } from './testing/synth';
import type { SeriesQuery } from './types';

afterAll(removeTempDirs);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function run(ticks: number, value?: ValueFn, upTo = 1): Workspace {
  const ws = must(Workspace.create(nodePath.join(tempDir(), 'r.vdc'), testInit()));
  const f = fleet(2, 3);
  for (let k = upTo; k <= ticks; k++) ws.appendTick(makeTick(k, 20, f, value));
  return ws;
}

const points = (ws: Workspace, q: Partial<SeriesQuery>): { res: number; points: [number, number][] } => {
  const r = must(
    ws.querySeries({ entityIds: ['host-1'], metrics: ['cpu.usageMHz'], from: 0, to: 86_400, ...q }),
  );
  return { res: r.resolutionSec, points: r.series[0]!.points };
};

describe('rollups over one simulated day (4320 ticks)', () => {
  const ws = run(4320);
  afterAll(() => ws.close());

  it('5-min buckets: average and max of 15 samples', () => {
    const r = points(ws, { from: 300, to: 600 });
    expect(r.res).toBe(300);
    // bucket (0, 300] holds ticks 1..15; host 1, metric 0 → 100 + k
    expect(r.points).toEqual([
      [300, 100 + meanOf(1, 15)],
      [600, 100 + meanOf(16, 30)],
    ]);
    expect(points(ws, { from: 300, to: 300, stat: 'max' }).points).toEqual([[300, 100 + 15]]);
  });

  it('30-min, 2-h and 1-day buckets', () => {
    const h30 = points(ws, { maxPoints: 50 });
    expect(h30.res).toBe(1800);
    expect(h30.points[0]).toEqual([1800, 100 + meanOf(1, 90)]);
    expect(h30.points).toHaveLength(48);
    const h2 = points(ws, { maxPoints: 15 });
    expect(h2.res).toBe(7200);
    expect(h2.points[0]).toEqual([7200, 100 + meanOf(1, 360)]);
    expect(points(ws, { maxPoints: 15, stat: 'max' }).points[0]).toEqual([7200, 100 + 360]);
    const day = points(ws, { maxPoints: 2 });
    expect(day.res).toBe(86_400);
    expect(day.points).toEqual([[86_400, 100 + meanOf(1, 4320)]]);
  });

  it("a metric whose rollup is 'last' keeps the bucket's last value", () => {
    const r = must(
      ws.querySeries({ entityIds: ['host-1'], metrics: ['power.energyKWh'], from: 300, to: 300 }),
    );
    // metric 2 of host 1 at tick 15
    expect(r.series[0]!.points).toEqual([[300, 100 + 20 + 15]]);
    const day = must(
      ws.querySeries({
        entityIds: ['host-0'],
        metrics: ['power.energyKWh'],
        from: 0,
        to: 86_400,
        maxPoints: 2,
      }),
    );
    expect(day.series[0]!.points).toEqual([[86_400, 20 + 4320]]);
  });
});

describe('missing samples', () => {
  it('NaN samples are left out of averages, maxima and realtime points', () => {
    const nanOnOdd: ValueFn = (kind, e, i, k) =>
      kind === 'vm' && e === 0 && i === 0 && k % 2 === 1 ? NaN : 100 * e + 10 * i + k;
    const ws = run(30, nanOnOdd);
    const rt = must(ws.querySeries({ entityIds: ['vm-0'], metrics: ['cpu.usageMHz'], from: 0, to: 100 }));
    expect(rt.series[0]!.points).toEqual([
      [40, 2],
      [80, 4],
    ]);
    const q = { entityIds: ['vm-0'], metrics: ['cpu.usageMHz'], from: 300, to: 600, maxPoints: 2 };
    const avg = must(ws.querySeries(q));
    expect(avg.resolutionSec).toBe(300);
    // even ticks 2..14, then 16..30
    expect(avg.series[0]!.points).toEqual([
      [300, meanOf(2, 14)],
      [600, meanOf(16, 30)],
    ]);
    const max = must(ws.querySeries({ ...q, stat: 'max' }));
    expect(max.series[0]!.points).toEqual([
      [300, 14],
      [600, 30],
    ]);
    ws.close();
  });
});

describe('open buckets survive a restart', () => {
  for (const stopAt of [100, 110, 105]) {
    it(`closing at tick ${stopAt} and continuing gives the same rollups as an uninterrupted run`, () => {
      const first = run(stopAt);
      const p = first.path;
      must(first.close());
      const ws = must(Workspace.open(p));
      const f = fleet(2, 3);
      for (let k = stopAt + 1; k <= 180; k++) ws.appendTick(makeTick(k, 20, f));
      // 5-min bucket (1800, 2100] = ticks 91..105 straddles the restart for stopAt 100
      const m5 = points(ws, { from: 1800, to: 2400, maxPoints: 3 });
      expect(m5.res).toBe(300);
      expect(m5.points[1]).toEqual([2100, 100 + meanOf(91, 105)]);
      // 30-min bucket (1800, 3600] = ticks 91..180
      const h30 = points(ws, { from: 0, to: 3600, maxPoints: 3 });
      expect(h30.res).toBe(1800);
      expect(h30.points).toEqual([
        [1800, 100 + meanOf(1, 90)],
        [3600, 100 + meanOf(91, 180)],
      ]);
      expect(points(ws, { from: 0, to: 3600, maxPoints: 3, stat: 'max' }).points[1]).toEqual([3600, 280]);
      const control = run(180);
      for (const maxPoints of [1000, 13, 3]) {
        const q = { from: 0, to: 3600, maxPoints };
        expect(points(ws, q)).toEqual(points(control, q));
        expect(points(ws, { ...q, stat: 'max' })).toEqual(points(control, { ...q, stat: 'max' }));
      }
      ws.close();
      control.close();
    });
  }
});
