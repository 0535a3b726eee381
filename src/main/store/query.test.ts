import nodePath from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { QueryContext } from './context';
import { chooseResolution } from './series';
import { DEFAULT_RETENTION } from './types';
import { Workspace } from './workspace';
import { fleet, makeTick, meanOf, removeTempDirs, tempDir, testInit } from './testing/synth';

afterAll(removeTempDirs);

const DAY = 86_400;

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('resolution choice (default retention, 20 s ticks)', () => {
  const at = (lastTime: number) =>
    ({ tickSeconds: 20, retention: DEFAULT_RETENTION, lastTime }) as unknown as QueryContext;
  const L = 400 * DAY;
  const pick = (from: number, to: number, maxPoints = 1000) => {
    const c = chooseResolution(at(L), from, to, maxPoints);
    return c.r.stepSec * c.group;
  };

  it('picks the finest level that still holds `from` and gives <= maxPoints points', () => {
    expect(pick(L - 3600, L)).toBe(20); // 181 points of realtime
    expect(pick(L - DAY, L)).toBe(300); // 289 points; realtime no longer holds L - 1 day
    expect(pick(L - 7 * DAY, L)).toBe(1800); // 337 points
    expect(pick(L - 30 * DAY, L)).toBe(7200); // 361 points
    expect(pick(L - 365 * DAY, L)).toBe(DAY); // 366 points
  });

  it('an old short window uses the finest level still kept at that time', () => {
    expect(pick(L - 2 * DAY, L - 2 * DAY + 3600)).toBe(1800); // 5-min rollups are kept for 1 day only
    expect(pick(L - 20 * DAY, L - 20 * DAY + 3600)).toBe(7200);
  });

  it('a small maxPoints moves to a coarser level', () => {
    expect(pick(L - 3600, L, 10)).toBe(1800); // 5-min would give 13 points
  });

  it('counts only points that can hold data: after 0 and up to the last recorded time', () => {
    const young = (from: number, to: number, maxPoints: number) => {
      const c = chooseResolution(at(10_000), from, to, maxPoints);
      return c.r.stepSec * c.group;
    };
    expect(young(0, 10_000, 5)).toBe(1800); // 30-min ends 1800..9000: 5 points
    expect(young(0, 1e9, 1000)).toBe(300); // far beyond the end: 33 points of 5 min (realtime lacks t = 0)
    expect(young(7000, 1e9, 1000)).toBe(20); // 151 realtime points
  });

  it('beyond every level the coarsest level is used, merged in groups when still too many points', () => {
    expect(pick(0, 10 * DAY)).toBe(DAY);
    expect(pick(L - 30 * DAY, L, 2)).toBe(16 * DAY); // 31 daily points in groups of 16
  });
});

describe('series and top-N on a real workspace', () => {
  const ws = must(Workspace.create(nodePath.join(tempDir(), 'q.vdc'), testInit()));
  const f = fleet(2, 3);
  for (let k = 1; k <= 100; k++) ws.appendTick(makeTick(k, 20, f));
  afterAll(() => ws.close());

  it('reads several entities and metrics at once', () => {
    const r = must(
      ws.querySeries({ entityIds: ['host-0', 'vm-2'], metrics: ['cpu.usageMHz'], from: 0, to: 60 }),
    );
    expect(r.resolutionSec).toBe(20);
    expect(r.series).toEqual([
      {
        entityId: 'host-0',
        metric: 'cpu.usageMHz',
        points: [
          [20, 1],
          [40, 2],
          [60, 3],
        ],
      },
      {
        entityId: 'vm-2',
        metric: 'cpu.usageMHz',
        points: [
          [20, 201],
          [40, 202],
          [60, 203],
        ],
      },
    ]);
  });

  it('answers typed errors for unknown entities, unknown metrics and bad ranges', () => {
    const bad = [
      ws.querySeries({ entityIds: ['vm-99'], metrics: ['cpu.usageMHz'], from: 0, to: 60 }),
      ws.querySeries({ entityIds: ['vm-1'], metrics: ['power.energyKWh'], from: 0, to: 60 }),
      ws.querySeries({ entityIds: ['vm-1'], metrics: ['cpu.usageMHz'], from: 60, to: 0 }),
      ws.querySeries({ entityIds: [], metrics: ['cpu.usageMHz'], from: 0, to: 60 }),
    ];
    expect(bad.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'NOT_FOUND',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
    ]);
    const r = bad[1]!;
    expect(r.ok ? '' : r.error.message).toMatch(
      /A vm has no metric "power.energyKWh". Known: cpu.usageMHz, mem.activeMiB/,
    );
  });

  it('top-N ranks by the average over the range, including the bucket still open in memory', () => {
    // range (1000, 2000] → 5-min buckets 1200, 1500, 1800 (stored) and 2100 (open: ticks 91..100) = ticks 46..100
    const top = must(ws.topN({ kind: 'vm', metric: 'cpu.usageMHz', n: 2, from: 1000, to: 2000 }));
    expect(top).toEqual([
      { entityId: 'vm-2', name: 'vm-2', value: 200 + meanOf(46, 100) },
      { entityId: 'vm-1', name: 'vm-1', value: 100 + meanOf(46, 100) },
    ]);
    const asc = must(
      ws.topN({ kind: 'vm', metric: 'cpu.usageMHz', n: 1, from: 1000, to: 2000, order: 'asc' }),
    );
    expect(asc).toEqual([{ entityId: 'vm-0', name: 'vm-0', value: meanOf(46, 100) }]);
    const max = must(
      ws.topN({ kind: 'vm', metric: 'cpu.usageMHz', n: 1, from: 1000, to: 2000, stat: 'max' }),
    );
    expect(max).toEqual([{ entityId: 'vm-2', name: 'vm-2', value: 300 }]);
  });

  it('top-N over completed buckets only, with names from the registry', () => {
    ws.registerEntities([{ id: 'host-1', kind: 'host', name: 'esx-02.lab', parentId: 'cluster-1' }]);
    // range (0, 1800] at 30-min level: one stored bucket, ticks 1..90
    const top = must(ws.topN({ kind: 'host', metric: 'mem.usagePct', n: 5, from: 0, to: 1800 }));
    expect(top).toEqual([
      { entityId: 'host-1', name: 'esx-02.lab', value: 110 + meanOf(1, 90) },
      { entityId: 'host-0', name: 'host-0', value: 10 + meanOf(1, 90) },
    ]);
    expect(ws.entity('host-1')).toEqual({
      id: 'host-1',
      kind: 'host',
      name: 'esx-02.lab',
      parentId: 'cluster-1',
    });
  });

  it('top-N rejects a metric the kind does not have', () => {
    const r = ws.topN({ kind: 'vm', metric: 'power.energyKWh', n: 3, from: 0, to: 100 });
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('top-N cache', () => {
  it('repeated top-N queries see rows that later flushes add to the level', () => {
    const ws = must(Workspace.create(nodePath.join(tempDir(), 'c.vdc'), testInit()));
    const f = fleet(1, 3);
    for (let k = 1; k <= 100; k++) ws.appendTick(makeTick(k, 20, f));
    const q = { kind: 'vm' as const, metric: 'cpu.usageMHz', n: 1, from: 0, to: 5400 };
    // 30-min level, buckets 1800..5400 (cached: more than 2): stored 1800 (ticks 1..90) + open 3600 (ticks 91..100)
    expect(must(ws.topN(q))).toEqual([{ entityId: 'vm-2', name: 'vm-2', value: 200 + meanOf(1, 100) }]);
    expect(must(ws.topN(q))).toEqual([{ entityId: 'vm-2', name: 'vm-2', value: 200 + meanOf(1, 100) }]);
    for (let k = 101; k <= 180; k++) ws.appendTick(makeTick(k, 20, f));
    expect(must(ws.topN(q))).toEqual([{ entityId: 'vm-2', name: 'vm-2', value: 200 + meanOf(1, 180) }]);
    must(ws.truncateAfter(150));
    expect(must(ws.topN(q))).toEqual([{ entityId: 'vm-2', name: 'vm-2', value: 200 + meanOf(1, 150) }]);
    ws.close();
  });
});

describe('points merged in groups', () => {
  it('beyond the coarsest level, groups average the daily rows weighted by samples', () => {
    const ws = must(Workspace.create(nodePath.join(tempDir(), 'g.vdc'), testInit()));
    const f = { host: ['host-0'], vm: [] };
    for (let k = 1; k <= 2 * 4320; k++) ws.appendTick(makeTick(k, 20, f));
    const r = must(
      ws.querySeries({
        entityIds: ['host-0'],
        metrics: ['cpu.usageMHz'],
        from: 0,
        to: 2 * DAY,
        maxPoints: 1,
      }),
    );
    // two daily points (86400, 172800) merged into one group of 2 days
    expect(r.resolutionSec).toBe(2 * DAY);
    expect(r.series[0]!.points).toEqual([[2 * DAY, meanOf(1, 8640)]]);
    const mx = must(
      ws.querySeries({
        entityIds: ['host-0'],
        metrics: ['cpu.usageMHz'],
        from: 0,
        to: 2 * DAY,
        maxPoints: 1,
        stat: 'max',
      }),
    );
    expect(mx.series[0]!.points).toEqual([[2 * DAY, 8640]]);
    ws.close();
  });
});
