/**
 * Schema 5 stores the realtime level as one row per (tick, kind) (realtime.ts) instead of one row per
 * (tick, entity). The same engine run is recorded into a file of schema 4 (row layout: the workspace is
 * opened with the schema-4 migration list, so the writer writes rows) and one of schema 5 (blocks), with a
 * close/reopen and a rollback in the middle of rollup intervals (recovery reads the realtime level), and
 * every query answer must be identical: series at 20 s and coarser, top-N at realtime and coarser, events,
 * tasks, alarms, level spans, and the stored rollup rows and kind vectors byte for byte. The schema-4 file
 * is then migrated (005 converts its rows into blocks) and must still answer the same.
 */
import nodePath from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinScenario, createEngine, type InventoryNode, type TickResult } from '../engine';
import { Workspace } from './workspace';
import { createFile } from './open';
import { MIGRATIONS } from './migrations';
import { removeTempDirs, tempDir } from './testing/synth';
import type { WorkspaceInit } from './types';

afterAll(removeTempDirs);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function walk(nodes: InventoryNode[], fn: (n: InventoryNode) => void): void {
  for (const n of nodes) {
    fn(n);
    if (n.children) walk(n.children, fn);
  }
}

/** Engine results of a small-lab run (copied: the engine may reuse its arrays), with a power-off and a migration. */
function engineRun(ticks: number): {
  init: WorkspaceInit;
  results: TickResult[];
  entities: { id: string; kind: string; name: string; parentId: string | null }[];
} {
  const engine = must(createEngine(builtinScenario('small-lab')!));
  const entities: { id: string; kind: string; name: string; parentId: string | null }[] = [];
  walk(engine.inventory(), (n) =>
    entities.push({ id: n.id, kind: n.kind, name: n.name, parentId: n.parentId }),
  );
  const vms = engine.list('vm').filter((v) => v.state === 'poweredOn');
  const results: TickResult[] = [];
  for (let k = 0; k < ticks; k++) {
    if (k === 40) must(engine.execute({ type: 'vm.power', vmId: vms[0]!.id, action: 'off' }));
    if (k === 120) must(engine.execute({ type: 'vm.power', vmId: vms[0]!.id, action: 'on' }));
    const r = engine.step();
    results.push({
      ...r,
      blocks: r.blocks.map((b) => ({ ...b, ids: [...b.ids], values: Float64Array.from(b.values) })),
      events: r.events.map((e) => ({ ...e, objects: [...e.objects] })),
      tasks: r.tasks.map((t) => ({ ...t })),
    });
  }
  return {
    init: {
      name: 'layout',
      scenario: engine.scenario,
      seed: 1,
      tickSeconds: engine.tickSeconds,
      startEpochMs: engine.startEpochMs,
      catalog: engine.catalog(),
    },
    results,
    entities,
  };
}

/** Records the run into a file of the given schema: close/reopen at tick 200, rollback 290 → 250, on to the end. */
function record(
  path: string,
  version: number,
  run: ReturnType<typeof engineRun>,
  opts = { flushEveryTicks: 16 },
): void {
  const list = MIGRATIONS.slice(0, version);
  must(createFile(path, run.init, {}, list)).db.close();
  let ws = must(Workspace.openWith(path, opts, list));
  ws.registerEntities(run.entities);
  const feed = (from: number, to: number): void => {
    for (const r of run.results) if (r.tick >= from && r.tick <= to) ws.appendTick(r);
  };
  feed(1, 200); // 4,000 s: the middle of a 5-min and a 30-min interval
  must(ws.close());
  ws = must(Workspace.openWith(path, opts, list));
  feed(201, 290);
  must(ws.truncateAfter(250)); // 5,000 s: again inside a 5-min interval
  feed(251, run.results.length);
  must(ws.close());
}

/** A record without its message-code fields (`msg`, `…Msg`). */
function withoutCodes<T extends object>(r: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(r).filter(([k]) => k !== 'msg' && !k.endsWith('Msg')),
  ) as Partial<T>;
}

function pageWithoutCodes<T extends object>(p: { rows: T[] }): unknown {
  return { ...p, rows: p.rows.map(withoutCodes) };
}

function dump(path: string, entities: { id: string; kind: string }[], version?: number): unknown {
  const ws = must(
    version ? Workspace.openWith(path, {}, MIGRATIONS.slice(0, version)) : Workspace.open(path),
  );
  const meta = ws.meta();
  const L = meta.lastTime;
  const out: Record<string, unknown> = { lastTick: meta.lastTick, lastTime: L };
  const kinds = [...new Set(entities.map((e) => e.kind))].filter(
    (k) => (meta.catalog[k as keyof typeof meta.catalog] ?? []).length > 0,
  );
  for (const kind of kinds) {
    const metrics = meta.catalog[kind as keyof typeof meta.catalog]!.map((d) => d.name);
    const ids = entities.filter((e) => e.kind === kind).map((e) => e.id);
    for (const [from, to, stat] of [
      [L - 3600, L, 'avg'], // 20 s
      [L - 1000, L - 300, 'avg'],
      [0, L, 'avg'], // 5 min
      [0, L, 'max'],
    ] as const) {
      out[`series ${kind} ${from}..${to} ${stat}`] = must(
        ws.querySeries({ entityIds: ids, metrics, from, to, stat }),
      );
    }
    for (const metric of metrics.slice(0, 6)) {
      for (const [from, to] of [
        [L - 200, L], // realtime
        [L - 280, L - 40],
        [L - 900, L], // 5 min
        [0, L],
      ] as const) {
        for (const stat of ['avg', 'max'] as const)
          for (const order of ['desc', 'asc'] as const)
            out[`top ${kind} ${metric} ${from}..${to} ${stat} ${order}`] = must(
              ws.topN({ kind: kind as never, metric, n: 5, from, to, stat, order }),
            );
      }
    }
  }
  // Message codes (schema 6) are kept only by files of schema ≥ 6: the layouts are compared without them.
  out.events = pageWithoutCodes(must(ws.queryEvents({ limit: 10_000, offset: 0 })));
  out.tasks = pageWithoutCodes(must(ws.queryTasks({ limit: 10_000, offset: 0 })));
  out.alarms = pageWithoutCodes(must(ws.queryAlarms({ limit: 10_000, offset: 0 })));
  out.levels = ws.info().perLevel;
  must(ws.close());
  return out;
}

/** Every stored rollup row and kind vector (what recovery after reopen/rollback rebuilt), as hex. */
function storedRollups(path: string): Record<string, string[]> {
  const db = new Database(path, { readonly: true });
  const out: Record<string, string[]> = {};
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'rollup_%' OR name = 'kind_vectors' OR name = 'kind_buckets') ORDER BY name",
    )
    .pluck()
    .all() as string[];
  for (const t of tables)
    out[t] = (db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).raw().all() as unknown[][]).map((r) =>
      r.map((c) => (Buffer.isBuffer(c) ? c.toString('hex') : String(c))).join('|'),
    );
  db.close();
  return out;
}

describe('realtime level: rows (schema ≤ 4) and blocks (schema 5) answer the same', () => {
  it('the same run recorded in both layouts gives identical queries, rollups and kind vectors; migrated too', () => {
    const run = engineRun(400); // 8,000 s
    const dir = tempDir();
    const rows = nodePath.join(dir, 'rows.vdc');
    const blocks = nodePath.join(dir, 'blocks.vdc');
    record(rows, 4, run);
    record(blocks, MIGRATIONS.length, run);

    const tableNames = (p: string): string[] => {
      const db = new Database(p, { readonly: true });
      const names = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all() as string[];
      db.close();
      return names;
    };
    expect(tableNames(rows)).toContain('samples');
    expect(tableNames(rows)).not.toContain('realtime_blocks');
    expect(tableNames(blocks)).toContain('realtime_blocks');
    expect(tableNames(blocks)).not.toContain('samples');

    const fromBlocks = dump(blocks, run.entities);
    const fromRows = dump(rows, run.entities, 4);
    // The dump is not trivially equal: it holds realtime points and a realtime top-N with values.
    const s = (fromBlocks as Record<string, { series: { points: unknown[] }[] }>)[
      `series host ${8000 - 3600}..8000 avg`
    ]!;
    expect(s.series[0]!.points.length).toBe(180);
    expect(fromRows).toEqual(fromBlocks);
    expect(storedRollups(rows)).toEqual(storedRollups(blocks));

    // Migration 005 converts the schema-4 file's rows into blocks: same answers.
    const migrated = dump(rows, run.entities);
    expect(tableNames(rows)).toContain('realtime_blocks');
    expect(tableNames(rows)).not.toContain('samples');
    expect(migrated).toEqual(fromBlocks);
  });
});
