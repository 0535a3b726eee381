import nodePath from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from './workspace';
import { fleet, makeTick, meanOf, removeTempDirs, tempDir, testInit } from './testing/synth';
import type { RetentionConfig } from './types';

afterAll(removeTempDirs);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

// 20-s workspace ticks; levels 60 s, 300 s, 1800 s.
const retention: RetentionConfig = {
  realtimeSec: 3600,
  levels: [
    { intervalSec: 60, keepSec: 86_400 },
    { intervalSec: 300, keepSec: 86_400 },
    { intervalSec: 1800, keepSec: 864_000 },
  ],
};
const f = fleet(1, 2);
/** 90 ticks of 20 s (t = 20..1800), then 120-s ticks (t = 1920, 2040, …) numbered as the workspace does (time / 20). */
const times = (upTo: number): number[] => {
  const out: number[] = [];
  for (let t = 20; t <= 1800; t += 20) out.push(t);
  for (let t = 1920; t <= upTo; t += 120) out.push(t);
  return out;
};
const tick = (t: number) => makeTick(t / 20, 20, f); // value = 100·entity + 10·metric + t/20

function run(name: string, upTo: number, coarse: boolean, closeAt?: number): Workspace {
  const p = nodePath.join(tempDir(), `${name}.vdc`);
  let ws = must(Workspace.create(p, testInit({ retention })));
  for (const t of times(upTo)) {
    if (coarse && t === 1920) must(ws.recordCoarseLevels(120));
    ws.appendTick(tick(t));
    if (t === closeAt) {
      must(ws.close());
      ws = must(Workspace.open(p));
    }
  }
  return ws;
}

describe('coarse recording (what-if branches at long ticks)', () => {
  it('writes only the levels longer than the tick after the switch, and says so in the meta', () => {
    const ws = run('levels', 3600, true);
    expect(ws.meta().coarseFrom).toEqual({ time: 1800, tickSeconds: 120 });
    must(ws.flush());
    const db = new Database(ws.path, { readonly: true });
    const maxT = (table: string) => db.prepare(`SELECT max(t) FROM ${table}`).pluck().get();
    expect(maxT('realtime_blocks')).toBe(1800); // no realtime rows after the switch
    expect(maxT('rollup_60')).toBe(1800);
    expect(maxT('rollup_300')).toBe(3600);
    expect(maxT('rollup_1800')).toBe(3600);
    db.close();
    // Ending the segment: realtime and every level are recorded again; ranges after it use them.
    must(ws.recordAllLevels());
    expect(ws.meta().coarseFrom).toEqual({ time: 1800, tickSeconds: 120, until: 3600 });
    for (let t = 3620; t <= 3700; t += 20) ws.appendTick(tick(t));
    const late = must(
      ws.querySeries({ entityIds: ['vm-0'], metrics: ['cpu.usageMHz'], from: 3600, to: 3700 }),
    );
    expect(late.resolutionSec).toBe(20);
    expect(late.series[0]!.points.map((p) => p[1])).toEqual([181, 182, 183, 184, 185]);
    // ...a range overlapping the segment still uses a level recorded all along it.
    const across = must(
      ws.querySeries({ entityIds: ['vm-0'], metrics: ['cpu.usageMHz'], from: 3000, to: 3700 }),
    );
    expect(across.resolutionSec).toBe(300);
    ws.close();
  });

  it('series use the finest level recorded over the range; values are computed from the samples', () => {
    const ws = run('series', 3600, true);
    // (1800, 3600] after the switch: 60-s and realtime hold nothing there, so 5-min points.
    const s = must(ws.querySeries({ entityIds: ['vm-1'], metrics: ['cpu.usageMHz'], from: 1800, to: 3600 }));
    expect(s.resolutionSec).toBe(300);
    // bucket 2100 holds t = 1920, 2040 (ticks 96, 102); bucket 2400 holds 2160, 2280, 2400 (ticks 108, 114, 120)
    expect(s.series[0]!.points.slice(1, 3)).toEqual([
      [2100, 100 + (96 + 102) / 2],
      [2400, 100 + (108 + 114 + 120) / 3],
    ]);
    expect(s.series[0]!.points.map((p) => p[0])).toEqual([1800, 2100, 2400, 2700, 3000, 3300, 3600]);
    // Before the switch the fine levels are still used.
    const before = must(ws.querySeries({ entityIds: ['vm-1'], metrics: ['cpu.usageMHz'], from: 0, to: 600 }));
    expect(before.resolutionSec).toBe(20);
    // top-N reads the recorded level too:
    const top = must(ws.topN({ kind: 'vm', metric: 'cpu.usageMHz', n: 1, from: 3000, to: 3600 }));
    // 5-min buckets 3300 (t = 3120, 3240) and 3600 (3360, 3480, 3600): ticks 156, 162, 168, 174, 180
    expect(top).toEqual([{ entityId: 'vm-1', name: 'vm-1', value: 100 + meanOf(156, 180) }]);
    ws.close();
  });

  it('a close and reopen mid-bucket restores the open buckets saved with it: rows equal an uninterrupted run', () => {
    const a = run('straight', 7200, true);
    const b = run('reopened', 7200, true, 4440); // 4440: inside the 5-min bucket 4500 and the 30-min bucket 5400
    must(a.flush());
    must(b.flush());
    const rows = (ws: Workspace, table: string) => {
      const db = new Database(ws.path, { readonly: true });
      const r = db
        .prepare(`SELECT t, eid, n, hex(avg) AS a, hex(max) AS m FROM ${table} ORDER BY t, eid`)
        .all();
      db.close();
      return r;
    };
    for (const table of ['rollup_300', 'rollup_1800']) expect(rows(b, table)).toEqual(rows(a, table));
    // The 30-min bucket 5400 spans the reopen: (3600, 5400] = ticks at t = 3720..5400 every 120 s.
    const s = must(
      b.querySeries({ entityIds: ['host-0'], metrics: ['cpu.usageMHz'], from: 3601, to: 5400, maxPoints: 1 }),
    );
    expect(s.series[0]!.points).toEqual([[5400, meanOf(186, 270)]]);
    a.close();
    b.close();
  });
});
