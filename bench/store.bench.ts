/**
 * Workspace store benchmarks: ingest rate, layout alternatives, file size for 1,000 hosts + 10,000 VMs
 * over 30 simulated days, chart and top-N query latency. Temp files live under os.tmpdir() and are deleted.
 * Run: npm run bench -- store   (or: npx tsx bench/store.bench.ts)
 */
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import Database from 'better-sqlite3';
import { METRIC_CATALOG } from '../src/main/engine/metrics/catalog';
import type { TickResult } from '../src/main/engine/api';
import { Workspace, type RetentionConfig } from '../src/main/store';
import { decodeVector, encodeVector } from '../src/main/store/codec';
import { KindVectorWriter, kindVectorKeepSec, kindVectorLevels } from '../src/main/store/kind-vectors';
import type { RollupRow } from '../src/main/store/rollup';
import { realisticValues } from '../src/main/store/testing/profile';
import { fleet, makeTick, testInit, type SynthFleet } from '../src/main/store/testing/synth';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

const DAY = 86_400;
const TICK = 20;
const values = realisticValues(METRIC_CATALOG);
const valuesPerEntity = (f: SynthFleet): number =>
  f.host.length * METRIC_CATALOG.host.length + f.vm.length * METRIC_CATALOG.vm.length;

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function tempFile(dir: string, name: string): string {
  return nodePath.join(dir, name);
}

/** Pre-built ticks (values differ per tick), re-stamped with increasing tick numbers while ingesting. */
function tickSource(f: SynthFleet, distinct: number): (tick: number) => TickResult {
  const pool = Array.from({ length: distinct }, (_, k) => makeTick(k + 1, TICK, f, values, METRIC_CATALOG));
  return (tick) => ({ ...pool[(tick - 1) % distinct]!, tick, time: tick * TICK });
}

/** CPU milliseconds of this process (user + system): robust to other processes sharing the 2 cores. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function ingest(dir: string): BenchResult[] {
  const f = fleet(1000, 10_000);
  const src = tickSource(f, 20);
  const ws = must(Workspace.create(tempFile(dir, 'ingest.vdc'), testInit({ catalog: METRIC_CATALOG })));
  // Warm up to 1 h of history, then measure 1 h more: realtime retention deletes, 5/30-min rollups all active.
  const warm = 180;
  const ticks = 180;
  for (let k = 1; k <= warm; k++) ws.appendTick(src(k));
  must(ws.flush());
  const t0 = performance.now();
  const c0 = cpuMs();
  for (let k = warm + 1; k <= warm + ticks; k++) ws.appendTick(src(k));
  must(ws.flush());
  const sec = (performance.now() - t0) / 1000;
  const cpuSec = (cpuMs() - c0) / 1000;
  const info = ws.info();
  ws.close();
  const total = ticks * valuesPerEntity(f);
  return [
    {
      name: 'ingest: sustained values/s (1k hosts + 10k VMs, 19 metrics each)',
      value: Math.round(total / sec),
      unit: 'values/s',
      goal: '>= 1,000,000',
      note: `${(total / 1e6).toFixed(1)} M values in ${sec.toFixed(1)} s wall (${Math.round(total / cpuSec).toLocaleString('en-US')}/s per CPU second), incl. rollups, retention, flushes`,
    },
    { name: 'ingest: ticks/s at that fleet size', value: Number((ticks / sec).toFixed(1)), unit: 'ticks/s' },
    {
      name: 'ingest: file after 2 simulated hours',
      value: Math.round(info.fileBytes / 2 ** 20),
      unit: 'MiB',
    },
  ];
}

/** The same realtime rows under three layouts (raw better-sqlite3, one transaction per tick). */
function layouts(dir: string): BenchResult[] {
  const f = fleet(1000, 10_000);
  const m = METRIC_CATALOG.vm.length;
  const rows = f.host.length + f.vm.length;
  const vec = (e: number, k: number): Float32Array =>
    Float32Array.from({ length: m }, (_, i) => values('vm', e, i, k));
  const results: BenchResult[] = [];
  const run = (
    name: string,
    ddl: string,
    prefill: number,
    ticks: number,
    write: (db: Database.Database, k: number) => void,
  ): void => {
    const p = tempFile(dir, `layout-${results.length}.db`);
    const db = new Database(p);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.exec(ddl);
    for (let k = 1; k <= prefill; k++) db.transaction(() => write(db, k))();
    const t0 = performance.now();
    for (let k = prefill + 1; k <= prefill + ticks; k++) db.transaction(() => write(db, k))();
    const sec = (performance.now() - t0) / 1000;
    db.close();
    results.push({
      name: `layout: ${name}`,
      value: Math.round((ticks * rows * m) / sec),
      unit: 'values/s',
      note: `${ticks} ticks of 11k rows measured after ${prefill}; one transaction per tick`,
    });
  };
  const blobs = Array.from({ length: rows }, (_, e) => encodeVector(vec(e, 1)));
  const tickMajor = (db: Database.Database, k: number): void => {
    const st = db.prepare('INSERT INTO s (t, eid, v) VALUES (?, ?, ?)');
    for (let e = 0; e < rows; e++) st.run(k * TICK, e, blobs[e]);
  };
  run(
    'row per (t, eid), vector BLOB [chosen]',
    'CREATE TABLE s (t INTEGER, eid INTEGER, v BLOB, PRIMARY KEY (t, eid)) WITHOUT ROWID',
    20,
    10,
    tickMajor,
  );
  run(
    'row per (eid, t), vector BLOB',
    'CREATE TABLE s (t INTEGER, eid INTEGER, v BLOB, PRIMARY KEY (eid, t)) WITHOUT ROWID',
    20,
    5,
    tickMajor,
  );
  run(
    'row per (t, eid, metric), REAL value',
    'CREATE TABLE s (t INTEGER, eid INTEGER, m INTEGER, v REAL, PRIMARY KEY (t, eid, m)) WITHOUT ROWID',
    0,
    2,
    (db, k) => {
      const st = db.prepare('INSERT INTO s (t, eid, m, v) VALUES (?, ?, ?, ?)');
      for (let e = 0; e < rows; e++) {
        const v = vec(e, k);
        for (let i = 0; i < m; i++) st.run(k * TICK, e, i, v[i]);
      }
    },
  );
  return results;
}

/**
 * Real ingest of a small fleet for 8 simulated days (every level but 2 h and 1 d is then at its steady
 * state); measured bytes per row of each table × the rows 1k hosts + 10k VMs keep after 30 days.
 */
function size(dir: string): BenchResult[] {
  const hosts = 2;
  const vms = 20;
  const f = fleet(hosts, vms);
  const src = tickSource(f, 180);
  const p = tempFile(dir, 'size.vdc');
  const ws = must(Workspace.create(p, testInit({ catalog: METRIC_CATALOG })));
  const days = 8;
  const ticks = (days * DAY) / TICK;
  const t0 = performance.now();
  for (let k = 1; k <= ticks; k++) ws.appendTick(src(k));
  must(ws.flush());
  const sec = (performance.now() - t0) / 1000;
  const info = ws.info();
  const retention = ws.meta().retention;
  ws.close();
  const scale = 11_000 / (hosts + vms);
  let projected = 0;
  // Kind vectors: rows of ~40 KB for 11k entities, mostly fixed overhead for 22; use the bytes per bucket
  // measured at full scale by queries() (run first) × the buckets kept after 30 days (48 + 12 + 30).
  const kvBuckets = kindVectorLevels(retention.levels.map((l) => l.intervalSec)).reduce(
    (a, res) => a + Math.floor(Math.min(30 * DAY, kindVectorKeepSec(retention.levels, res)) / res),
    0,
  );
  const kvProjected = kvBytesPerBucket * kvBuckets;
  projected += kvProjected;
  for (const t of info.tables) {
    if (t.name.startsWith('kind_')) continue;
    // The realtime level: `realtime_blocks` (schema 5, one row per tick and kind) or `samples` (before).
    const realtime = t.name === 'samples' || t.name === 'realtime_blocks';
    const level = realtime ? 0 : Number(t.name.replace('rollup_', ''));
    const steadyRows = steadyStateRows(retention, level, 30 * DAY) * 11_000;
    // per entity sample: a block row holds a kind's samples of one tick (info counts them per level)
    const rows = t.name === 'realtime_blocks' ? (info.perLevel[0]?.rows ?? 0) : t.rows;
    const perRow = rows > 0 ? t.bytes / rows : 0;
    projected +=
      Number.isFinite(level) && (realtime || t.name.startsWith('rollup_'))
        ? perRow * steadyRows
        : t.bytes * scale;
  }
  return [
    {
      name: 'size: 1k hosts + 10k VMs, 30 simulated days, default retention',
      value: Number((projected / 1e9).toFixed(2)),
      unit: 'GB',
      goal: '<= 2 GB',
      note: `bytes/row of a real ${days}-day run of ${hosts} hosts + ${vms} VMs (${(info.fileBytes / 2 ** 20).toFixed(1)} MiB, ${sec.toFixed(0)} s) × 30-day row counts, + kind vectors ${(kvProjected / 2 ** 20).toFixed(0)} MiB (${kvBuckets} buckets × ${(kvBytesPerBucket / 2 ** 20).toFixed(2)} MiB measured); value profile: zeros/constants per catalog (testing/profile.ts)`,
    },
  ];
}

function steadyStateRows(r: RetentionConfig, res: number, spanSec: number): number {
  if (res === 0) return Math.min(spanSec, r.realtimeSec) / TICK;
  const level = r.levels.find((l) => l.intervalSec === res);
  return level ? Math.floor(Math.min(spanSec, level.keepSec) / res) : 0;
}

/** A 30-day history for 11k entities written straight into the level tables, then queried through Workspace. */
/** Bytes of one bucket's kind vectors for 1k hosts + 10k VMs, measured by queries(). */
let kvBytesPerBucket = 0;

export function queries(dir: string): BenchResult[] {
  const f = fleet(1000, 10_000);
  const p = tempFile(dir, 'query.vdc');
  const ws = must(Workspace.create(p, testInit({ catalog: METRIC_CATALOG })));
  ws.appendTick(makeTick(1, TICK, f, values, METRIC_CATALOG)); // registers the 11k entities
  must(ws.close());
  const end = 30 * DAY;
  const db = new Database(p);
  const t0 = performance.now();
  const ids = db.prepare('SELECT eid, kind FROM entities ORDER BY eid').all() as {
    eid: number;
    kind: 'host' | 'vm';
  }[];
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  // 256 pre-encoded vectors per kind, assigned by (entity, time): realistic row sizes without encoding 4 M rows.
  const pool = (kind: 'host' | 'vm') =>
    Array.from({ length: 256 }, (_, j) => {
      const m = METRIC_CATALOG[kind].length;
      const avg = Float32Array.from({ length: m }, (_, i) => values(kind, j, i, j * 7));
      const max = avg.map((v, i) => (i % 3 === 0 ? v * 1.2 : v));
      return [encodeVector(avg), encodeVector(max, avg)] as const;
    });
  const pools = { host: pool('host'), vm: pool('vm') };
  const fill = (res: number, from: number): void => {
    const st = db.prepare(`INSERT INTO rollup_${res} (t, eid, n, avg, max) VALUES (?, ?, ?, ?, ?)`);
    for (let t = from + res; t <= end; t += res) {
      db.transaction(() => {
        for (const { eid, kind } of ids) {
          const [avg, max] = pools[kind][(eid * 31 + t / res) % 256]!;
          st.run(t, eid, res / TICK, avg, max);
        }
      })();
    }
  };
  fill(7200, 0); // 30 days × 11k entities: what the 30-day chart reads
  fill(86_400, 0); // what a 30-day top-N reads
  fill(1800, end - 2 * 3600); // what a last-hour top-N reads
  // ...and the daily kind vectors the Workspace writes when a day closes (same values as the rows).
  const decoded = (kind: 'host' | 'vm') =>
    pools[kind].map(([a, x]) => {
      const m = METRIC_CATALOG[kind].length;
      const avg = decodeVector(a, m);
      return [avg, decodeVector(x, m, avg)] as const;
    });
  const dec = { host: decoded('host'), vm: decoded('vm') };
  const kv = new KindVectorWriter(db, [1800, 86_400]);
  const kvFill = (res: number, from: number): void => {
    for (let t = from + res; t <= end; t += res) {
      const rows: RollupRow[] = ids.map(({ eid, kind }) => {
        const [avg, max] = dec[kind][(eid * 31 + t / res) % 256]!;
        const vals = new Float32Array(2 * avg.length);
        vals.set(avg);
        vals.set(max, avg.length);
        return { res, kind, t, eid, n: res / TICK, m: avg.length, vals, off: 0 };
      });
      db.transaction(() => kv.write(rows))();
    }
  };
  kvFill(86_400, 0);
  const kvBytes = (
    db
      .prepare(
        "SELECT sum(pgsize) AS b FROM dbstat WHERE name IN ('kind_vectors', 'kind_buckets') OR name LIKE 'sqlite_autoindex_kind_%'",
      )
      .get() as { b: number }
  ).b;
  kvBytesPerBucket = kvBytes / 30;
  kvFill(1800, end - 2 * 3600); // the 30-min buckets a last-hour top-N reads
  const set = db.prepare('UPDATE meta SET value = ? WHERE key = ?');
  set.run(JSON.stringify(end / TICK), 'lastTick');
  set.run(JSON.stringify(end), 'lastTime');
  db.close();
  const buildSec = (performance.now() - t0) / 1000;
  const o0 = performance.now();
  must(Workspace.open(p, { check: 'quick' })).close();
  const quickMs = performance.now() - o0;
  const o1 = performance.now();
  const w = must(Workspace.open(p));
  const openMs = performance.now() - o1;
  const chart = (): void => {
    const r = must(
      w.querySeries({
        entityIds: ['vm-1234'],
        metrics: ['cpu.usage.mhz', 'mem.active.mib', 'disk.iops', 'net.mbps'],
        from: end - 30 * DAY,
        to: end,
      }),
    );
    if (r.series[0]!.points.length < 300)
      throw new Error(`chart returned ${r.series[0]!.points.length} points`);
  };
  /** Median wall ms (the goal) and median CPU ms of this process (immune to other load on the machine). */
  const timeIt = (fn: () => void, n: number): { wall: number; cpu: number } => {
    fn();
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = performance.now();
      const c = cpuMs();
      fn();
      wall.push(performance.now() - a);
      cpu.push(cpuMs() - c);
    }
    return { wall: Number(median(wall).toFixed(2)), cpu: Number(median(cpu).toFixed(2)) };
  };
  const top = (span: number) => () => {
    const r = must(w.topN({ kind: 'vm', metric: 'cpu.usage.mhz', n: 10, from: end - span, to: end }));
    if (r.length !== 10) throw new Error('top-10 returned fewer rows');
  };
  const q = (name: string, fn: () => void, n: number, goal: string, note = ''): BenchResult => {
    const t = timeIt(fn, n);
    return {
      name,
      value: t.wall,
      unit: 'ms',
      goal,
      note: `median of ${n}; ${t.cpu} ms CPU${note ? `; ${note}` : ''}`,
    };
  };
  /** First query (scans the level) and repeated queries (served from the per-level cache until a flush changes it). */
  const topQ = (label: string, span: number, note: string): BenchResult[] => {
    must(w.topN({ kind: 'host', metric: 'cpu.usage.mhz', n: 10, from: end - span, to: end })); // JIT + statement warm-up
    const a = performance.now();
    const c = cpuMs();
    top(span)();
    const cold = { wall: performance.now() - a, cpu: cpuMs() - c };
    const warm = timeIt(top(span), 10);
    return [
      {
        name: `query: top-10 of 10,000 VMs, ${label}, first`,
        value: Number(cold.wall.toFixed(2)),
        unit: 'ms',
        goal: '<= 50 ms',
        note: `${cold.cpu.toFixed(2)} ms CPU; ${note}`,
      },
      {
        name: `query: top-10 of 10,000 VMs, ${label}, repeated`,
        value: warm.wall,
        unit: 'ms',
        goal: '<= 50 ms',
        note: `median of 10; ${warm.cpu} ms CPU`,
      },
    ];
  };
  const out: BenchResult[] = [
    q(
      'query: 30-day chart, 1 VM × 4 metrics, auto resolution',
      chart,
      50,
      '<= 10 ms',
      '2 h rollups, 360 points per metric',
    ),
    ...topQ('last hour', 3600, '30-min level, 2 intervals, kind vectors'),
    ...topQ('last day', DAY, '1-day level, 1 interval, kind vectors'),
    ...topQ('last 30 days', 30 * DAY, '1-day level, 30 intervals, kind vectors'),
    {
      name: 'size: kind vectors of 30 daily buckets, 1k hosts + 10k VMs',
      value: Number((kvBytes / 2 ** 20).toFixed(1)),
      unit: 'MiB',
      note: `schema 3 top-N vectors (avg, and max where it differs from avg): ${(kvBytes / 30 / 2 ** 20).toFixed(2)} MiB per simulated day`,
    },
    {
      name: 'open: 30-day file, default check',
      value: Math.round(openMs),
      unit: 'ms',
      note: `${(fs.statSync(p).size / 2 ** 20).toFixed(0)} MiB (built in ${buildSec.toFixed(0)} s); with quick_check ${Math.round(quickMs)} ms`,
    },
  ];
  w.close();
  // The same 30-day query on buckets without kind vectors (a file written before schema 3): the row scan.
  const raw = new Database(p);
  raw.exec('DELETE FROM kind_vectors; DELETE FROM kind_buckets');
  raw.close();
  const w2 = must(Workspace.open(p, { check: 'none' }));
  must(w2.topN({ kind: 'host', metric: 'cpu.usage.mhz', n: 10, from: end - DAY, to: end }));
  const a = performance.now();
  const c = cpuMs();
  must(w2.topN({ kind: 'vm', metric: 'cpu.usage.mhz', n: 10, from: end - 30 * DAY, to: end }));
  out.push({
    name: 'query: top-10 of 10,000 VMs, last 30 days, first, row scan',
    value: Number((performance.now() - a).toFixed(2)),
    unit: 'ms',
    note: `${(cpuMs() - c).toFixed(2)} ms CPU; buckets without kind vectors (files from schema 2), 330k rows`,
  });
  w2.close();
  return out;
}

export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'vdc-store-bench-'));
  try {
    const q = queries(dir); // first: measures the kind-vector bytes per bucket that size() projects with
    return [...ingest(dir), ...layouts(dir), ...size(dir), ...q];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('store.bench.ts')) {
  run().then(
    (rs) =>
      rs.forEach((r) =>
        console.log(
          `${r.name.padEnd(64)} ${String(r.value).padStart(12)} ${r.unit} ${r.goal ?? ''} ${r.note ?? ''}`,
        ),
      ),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
