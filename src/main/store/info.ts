/** Sizes and spans for `vdc workspace info` and the console's workspace panel. */
import fs from 'node:fs';
import { resolutions, type QueryContext } from './context';
import { tableFor } from './tables';
import { realtimeSpan } from './realtime';
import type { LevelInfo, WorkspaceInfo } from './types';

function fileSize(p: string): number {
  try {
    return fs.statSync(p).size;
  } catch {
    return 0;
  }
}

export function workspaceInfo(ctx: QueryContext, pendingTicks: number): WorkspaceInfo {
  const db = ctx.db;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const owner = new Map<string, string>();
  for (const r of db
    .prepare("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")
    .all() as {
    name: string;
    tbl_name: string;
  }[]) {
    owner.set(r.name, r.tbl_name);
  }
  const bytes = new Map<string, number>();
  for (const r of db.prepare('SELECT name, sum(pgsize) AS b FROM dbstat GROUP BY name').all() as {
    name: string;
    b: number;
  }[]) {
    const t = owner.get(r.name) ?? r.name;
    bytes.set(t, (bytes.get(t) ?? 0) + r.b);
  }
  const perLevel: LevelInfo[] = resolutions(ctx).map((r) => {
    // Realtime: entity samples (a schema-5 block holds a kind's samples of one tick).
    const row =
      r.res === 0
        ? realtimeSpan(db, ctx.realtimeBlocks)
        : (db.prepare(`SELECT count(*) AS c, min(t) AS lo, max(t) AS hi FROM ${tableFor(r.res)}`).get() as {
            c: number;
            lo: number | null;
            hi: number | null;
          });
    return {
      level: r.res === 0 ? 'realtime' : 'rollup',
      intervalSec: r.stepSec,
      keepSec: r.keepSec,
      rows: row.c,
      span: row.lo === null || row.hi === null ? null : { from: row.lo, to: row.hi },
    };
  });
  const spans = perLevel.flatMap((l) => (l.span ? [l.span] : []));
  return {
    path: ctx.path,
    fileBytes: fileSize(ctx.path),
    walBytes: fileSize(ctx.path + '-wal'),
    tables: tables.map((t) => ({
      name: t.name,
      rows: (db.prepare(`SELECT count(*) AS c FROM "${t.name}"`).get() as { c: number }).c,
      bytes: bytes.get(t.name) ?? 0,
    })),
    spanSec: spans.length
      ? { from: Math.min(...spans.map((s) => s.from)), to: Math.max(...spans.map((s) => s.to)) }
      : null,
    perLevel,
    pendingTicks,
  };
}
