import nodePath from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations';
import { createFile } from './open';
import { Workspace } from './workspace';
import {
  fleet,
  linearValue,
  makeTick,
  meanOf,
  removeTempDirs,
  tempDir,
  testInit,
  type ValueFn,
} from './testing/synth';
import type { RetentionConfig, TopNQuery } from './types';

afterAll(removeTempDirs);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

// 20-s ticks; the coarsest level (5 min = 15 ticks) gets kind vectors.
const retention: RetentionConfig = {
  realtimeSec: 600,
  levels: [
    { intervalSec: 60, keepSec: 3600 },
    { intervalSec: 300, keepSec: 1_000_000 },
  ],
};
const f = fleet(2, 4);
/** 100·e + 10·i + tick, except vm-3's cpu, which is missing (NaN) during ticks 1..15. */
const value: ValueFn = (kind, e, i, tick) =>
  kind === 'vm' && e === 3 && i === 0 && tick <= 15 ? NaN : linearValue(kind, e, i, tick);

/** A workspace at the current schema, or at schema 2 (no kind vectors: top-N scans the level table). */
function build(
  ticks: number,
  schema: 'current' | 'v2',
  name: string,
  r: RetentionConfig = retention,
): Workspace {
  const p = nodePath.join(tempDir(), `${name}.vdc`);
  const list = schema === 'v2' ? MIGRATIONS.slice(0, 2) : MIGRATIONS;
  must(createFile(p, testInit({ retention: r }), {}, list)).db.close();
  const ws = must(Workspace.openWith(p, {}, list));
  for (let k = 1; k <= ticks; k++) ws.appendTick(makeTick(k, 20, f, value));
  return ws;
}

/** Queries over stored buckets, partial ranges (widened to whole 5-min buckets) and the open bucket. */
const queries: TopNQuery[] = [];
for (const [from, to] of [
  [0, 1800],
  [450, 1750],
  [300, 600],
  [0, 2000],
  [1700, 2000],
  [900, 100_000],
])
  for (const kind of ['vm', 'host'] as const)
    for (const stat of ['avg', 'max'] as const)
      for (const order of ['desc', 'asc'] as const)
        queries.push({ kind, metric: 'cpu.usageMHz', n: 3, from: from!, to: to!, stat, order });

describe('kind vectors (top-N on the coarsest level)', () => {
  it('answer hand-computed values: a missing metric counts as 0 in the average, the open bucket is merged', () => {
    const ws = build(100, 'current', 'hand');
    // (0, 1800]: 5-min buckets 300..1800 = ticks 1..90, all stored.
    expect(must(ws.topN({ kind: 'vm', metric: 'cpu.usageMHz', n: 2, from: 0, to: 1800 }))).toEqual([
      // vm-3: 0 for ticks 1..15, 300 + k for ticks 16..90 → (75·300 + Σ16..90 k) / 90
      { entityId: 'vm-3', name: 'vm-3', value: (75 * 300 + ((16 + 90) * 75) / 2) / 90 },
      { entityId: 'vm-2', name: 'vm-2', value: 200 + meanOf(1, 90) },
    ]);
    expect(
      must(ws.topN({ kind: 'vm', metric: 'cpu.usageMHz', n: 1, from: 0, to: 1800, order: 'asc' })),
    ).toEqual([{ entityId: 'vm-0', name: 'vm-0', value: meanOf(1, 90) }]);
    expect(
      must(ws.topN({ kind: 'vm', metric: 'cpu.usageMHz', n: 2, from: 0, to: 1800, stat: 'max' })),
    ).toEqual([
      { entityId: 'vm-3', name: 'vm-3', value: 390 },
      { entityId: 'vm-2', name: 'vm-2', value: 290 },
    ]);
    // (1700, 2000] → buckets 1800 (ticks 76..90, stored) and 2100 (ticks 91..100, open in memory).
    expect(must(ws.topN({ kind: 'host', metric: 'mem.usagePct', n: 1, from: 1700, to: 2000 }))).toEqual([
      { entityId: 'host-1', name: 'host-1', value: 110 + meanOf(76, 100) },
    ]);
    ws.close();
    // One bucket row per kind and closed bucket (300..1800; 2100 is still open), one vector row per metric.
    const db = new Database(ws.path, { readonly: true });
    const buckets = db
      .prepare('SELECT kind, count(*) AS c FROM kind_buckets GROUP BY kind ORDER BY kind')
      .all();
    expect(buckets).toEqual([
      { kind: 'host', c: 6 },
      { kind: 'vm', c: 6 },
    ]);
    expect(db.prepare('SELECT count(*) FROM kind_vectors').pluck().get()).toBe(6 * (3 + 2));
    db.close();
  });

  it('give the same answers as the row scan of a schema-2 file (avg and max, asc and desc, partial ranges)', () => {
    const ws = build(100, 'current', 'cur');
    const old = build(100, 'v2', 'old');
    for (const q of queries) expect([q, must(ws.topN(q))]).toEqual([q, must(old.topN(q))]);
    ws.close();
    old.close();
  });

  it('a schema-2 file migrates in one step and keeps answering: old buckets by the row scan, new ones by vectors', () => {
    const v2 = build(60, 'v2', 'migrated'); // buckets 300..1200 without kind vectors
    v2.close();
    const ws = must(Workspace.open(v2.path));
    expect(ws.meta().schemaVersion).toBe(MIGRATIONS.length);
    for (let k = 61; k <= 100; k++) ws.appendTick(makeTick(k, 20, f, value));
    const ref = build(100, 'v2', 'ref');
    for (const q of queries) expect([q, must(ws.topN(q))]).toEqual([q, must(ref.topN(q))]);
    ws.close();
    ref.close();
    const db = new Database(v2.path, { readonly: true });
    const ts = db.prepare("SELECT t FROM kind_buckets WHERE kind = 'vm' ORDER BY t").pluck().all();
    expect(ts).toEqual([1500, 1800]); // buckets closed after the upgrade; 2100 is open
    db.close();
  });
  it('retention prunes kind vectors with their level, and truncateAfter drops the ones after the cut', () => {
    const short: RetentionConfig = {
      realtimeSec: 900,
      levels: [
        { intervalSec: 60, keepSec: 900 },
        { intervalSec: 300, keepSec: 900 },
      ],
    };
    const ws = build(100, 'current', 'ret', short);
    must(ws.flush()); // lastTime 2000: rows with t <= 1100 are expired
    const db = new Database(ws.path, { readonly: true });
    const ts = () => db.prepare('SELECT DISTINCT t FROM kind_vectors ORDER BY t').pluck().all();
    expect(db.prepare("SELECT t FROM kind_buckets WHERE kind = 'host' ORDER BY t").pluck().all()).toEqual([
      1200, 1500, 1800,
    ]);
    expect(ts()).toEqual([1200, 1500, 1800]);
    must(ws.truncateAfter(80)); // T = 1600
    expect(ts()).toEqual([1200, 1500]);
    // (1100, 1600] → buckets 1200 (ticks 46..60) and 1500 (61..75) from their vectors + the rebuilt open 1800 (76..80)
    expect(must(ws.topN({ kind: 'vm', metric: 'cpu.usageMHz', n: 1, from: 1100, to: 1600 }))).toEqual([
      { entityId: 'vm-3', name: 'vm-3', value: 300 + meanOf(46, 80) },
    ]);
    db.close();
    ws.close();
  });

  it("levels other than the coarsest keep kind vectors for the next level's interval; older buckets are answered by the row scan", () => {
    const three: RetentionConfig = {
      realtimeSec: 3600,
      levels: [
        { intervalSec: 60, keepSec: 3600 },
        { intervalSec: 300, keepSec: 200_000 },
        { intervalSec: 1800, keepSec: 1_000_000 },
      ],
    };
    const p = nodePath.join(tempDir(), 'three.vdc');
    const ws = must(Workspace.create(p, testInit({ retention: three })));
    const small = fleet(1, 2);
    for (let k = 1; k <= 5400; k++) ws.appendTick(makeTick(k, 20, small)); // lastTime 108,000
    must(ws.flush());
    const db = new Database(p, { readonly: true });
    const span = (res: number) =>
      db.prepare('SELECT min(t) AS lo, max(t) AS hi FROM kind_buckets WHERE res = ?').get(res);
    expect(span(300)).toEqual({ lo: 108_000 - 1800 + 300, hi: 108_000 }); // kept 30 min (the next level's interval)
    expect(span(1800)).toEqual({ lo: 1800, hi: 108_000 }); // the coarsest: as long as its rows
    expect(span(60)).toEqual({ lo: null, hi: null }); // the finest level has none
    db.close();
    // (0, 1200] on the 5-min level: buckets 300..1200 (ticks 1..60), older than the vectors: row scan
    expect(must(ws.topN({ kind: 'vm', metric: 'cpu.usageMHz', n: 1, from: 0, to: 1200 }))).toEqual([
      { entityId: 'vm-1', name: 'vm-1', value: 100 + meanOf(1, 60) },
    ]);
    // (106,800, 108,000]: buckets 107,100..108,000 (ticks 5341..5400), from the vectors
    expect(must(ws.topN({ kind: 'vm', metric: 'cpu.usageMHz', n: 1, from: 106_800, to: 108_000 }))).toEqual([
      { entityId: 'vm-1', name: 'vm-1', value: 100 + meanOf(5341, 5400) },
    ]);
    ws.close();
  });
});
