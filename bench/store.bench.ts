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
import { encodeVector } from '../src/main/store/codec';
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

function ingest(dir: string): BenchResult[] {
  const f = fleet(1000, 10_000);
  const src = tickSource(f, 30);
  const ws = must(Workspace.create(tempFile(dir, 'ingest.vdc'), testInit({ catalog: METRIC_CATALOG })));
  const ticks = 240; // 80 simulated minutes: realtime retention (1 h) and 5/30-min rollups are active
  const t0 = performance.now();
  for (let k = 1; k <= ticks; k++) ws.appendTick(src(k));
  must(ws.flush());
  const sec = (performance.now() - t0) / 1000;
  const info = ws.info();
  ws.close();
  const total = ticks * valuesPerEntity(f);
  return [
    {
      name: 'ingest: sustained values/s (1k hosts + 10k VMs, 19 metrics)',
      value: Math.round(total / sec),
      unit: 'values/s',
      goal: '>= 1,000,000',
      note: `${ticks} ticks, ${(total / 1e6).toFixed(1)} M values in ${sec.toFixed(1)} s incl. rollups, retention, flushes`,
    },
    { name: 'ingest: ticks/s at that fleet size', value: Number((ticks / sec).toFixed(1)), unit: 'ticks/s' },
    { name: 'ingest: file after 80 simulated min', value: Math.round(info.fileBytes / 2 ** 20), unit: 'MiB' },
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
      note: `after ${prefill} ticks`,
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
    90,
    30,
    tickMajor,
  );
  run(
    'row per (eid, t), vector BLOB',
    'CREATE TABLE s (t INTEGER, eid INTEGER, v BLOB, PRIMARY KEY (eid, t)) WITHOUT ROWID',
    90,
    30,
    tickMajor,
  );
  run(
    'row per (t, eid, metric), REAL value',
    'CREATE TABLE s (t INTEGER, eid INTEGER, m INTEGER, v REAL, PRIMARY KEY (t, eid, m)) WITHOUT ROWID',
    0,
    4,
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

/** Real ingest of a small fleet for 30 simulated days; bytes per row per table projected to 1k + 10k. */
function size(dir: string): BenchResult[] {
  const hosts = 2;
  const vms = 20;
  const f = fleet(hosts, vms);
  const src = tickSource(f, 180);
  const p = tempFile(dir, 'size.vdc');
  const ws = must(Workspace.create(p, testInit({ catalog: METRIC_CATALOG })));
  const ticks = (30 * DAY) / TICK;
  const t0 = performance.now();
  for (let k = 1; k <= ticks; k++) ws.appendTick(src(k));
  must(ws.flush());
  const sec = (performance.now() - t0) / 1000;
  const info = ws.info();
  const retention = ws.meta().retention;
  ws.close();
  const scale = 11_000 / (hosts + vms);
  let projected = 0;
  for (const t of info.tables) {
    const level = t.name === 'samples' ? 0 : Number(t.name.replace('rollup_', ''));
    const steadyRows = steadyStateRows(retention, level, 30 * DAY) * 11_000;
    const perRow = t.rows > 0 ? t.bytes / t.rows : 0;
    projected +=
      Number.isFinite(level) && (t.name === 'samples' || t.name.startsWith('rollup_'))
        ? perRow * steadyRows
        : t.bytes * scale;
  }
  return [
    {
      name: 'size: 1k hosts + 10k VMs, 30 simulated days, default retention',
      value: Number((projected / 1e9).toFixed(2)),
      unit: 'GB',
      goal: '<= 2 GB',
      note: `projected from bytes/row of a real 30-day run of ${hosts} hosts + ${vms} VMs (${(info.fileBytes / 2 ** 20).toFixed(1)} MiB, ${sec.toFixed(0)} s); realistic profile: zeros/constants per catalog`,
    },
  ];
}

function steadyStateRows(r: RetentionConfig, res: number, spanSec: number): number {
  if (res === 0) return Math.min(spanSec, r.realtimeSec) / TICK;
  const level = r.levels.find((l) => l.intervalSec === res);
  return level ? Math.floor(Math.min(spanSec, level.keepSec) / res) : 0;
}

/** A 30-day history for 11k entities written straight into the level tables, then queried through Workspace. */
function queries(dir: string): BenchResult[] {
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
  const fill = (res: number, from: number): void => {
    const st = db.prepare(
      `INSERT OR REPLACE INTO rollup_${res} (t, eid, n, avg, max) VALUES (?, ?, ?, ?, ?)`,
    );
    for (let t = from + res; t <= end; t += res) {
      db.transaction(() => {
        for (const { eid, kind } of ids) {
          const m = METRIC_CATALOG[kind].length;
          const avg = Float32Array.from({ length: m }, (_, i) => values(kind, eid, i, t / TICK));
          const max = avg.map((v, i) => (values(kind, eid, i, t / TICK + 1) > v ? v * 1.2 : v));
          st.run(t, eid, res / TICK, encodeVector(avg), encodeVector(max, avg));
        }
      })();
    }
  };
  fill(7200, 0);
  fill(86_400, 0);
  fill(1800, end - DAY);
  const set = db.prepare('UPDATE meta SET value = ? WHERE key = ?');
  set.run(JSON.stringify(end / TICK), 'lastTick');
  set.run(JSON.stringify(end), 'lastTime');
  db.close();
  const buildSec = (performance.now() - t0) / 1000;
  const o0 = performance.now();
  const w = must(Workspace.open(p));
  const openMs = performance.now() - o0;
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
  const timeIt = (fn: () => void, n: number): number => {
    fn();
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = performance.now();
      fn();
      xs.push(performance.now() - a);
    }
    return median(xs);
  };
  const top = (span: number) => () => {
    const r = must(w.topN({ kind: 'vm', metric: 'cpu.usage.mhz', n: 10, from: end - span, to: end }));
    if (r.length !== 10) throw new Error('top-10 returned fewer rows');
  };
  const out: BenchResult[] = [
    {
      name: 'query: 30-day chart, 1 VM × 4 metrics, auto resolution',
      value: timeIt(chart, 50),
      unit: 'ms',
      goal: '<= 10 ms',
      note: '2 h rollups, 360 points per metric',
    },
    {
      name: 'query: top-10 of 10,000 VMs, last hour',
      value: timeIt(top(3600), 10),
      unit: 'ms',
      goal: '<= 50 ms',
    },
    {
      name: 'query: top-10 of 10,000 VMs, last day',
      value: timeIt(top(DAY), 10),
      unit: 'ms',
      goal: '<= 50 ms',
    },
    {
      name: 'query: top-10 of 10,000 VMs, last 30 days',
      value: timeIt(top(30 * DAY), 5),
      unit: 'ms',
      goal: '<= 50 ms',
    },
    {
      name: 'open: 30-day file with quick_check',
      value: Math.round(openMs),
      unit: 'ms',
      note: `${(fs.statSync(p).size / 2 ** 20).toFixed(0)} MiB file built in ${buildSec.toFixed(0)} s`,
    },
  ];
  w.close();
  return out;
}

export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'vdc-store-bench-'));
  try {
    return [...ingest(dir), ...layouts(dir), ...size(dir), ...queries(dir)];
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
