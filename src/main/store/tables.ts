/**
 * One table per rollup level, `rollup_<intervalSec>`, keyed (t, eid) WITHOUT ROWID and created with the
 * workspace from its retention: new rows always go to the end of their table (cheap appends, full pages)
 * and retention deletes a prefix. The realtime level is `realtime_blocks` (schema 5, one row per tick and
 * kind, see realtime.ts) or, in files of schema 1–4, `samples` (one row per tick and entity).
 */
import type Database from 'better-sqlite3';
import type { RetentionConfig } from './types';
import { REALTIME_BLOCKS } from './realtime';

/** The table of a resolution; the realtime level (res 0) of a schema-1–4 file (see realtime.ts for schema 5). */
export const tableFor = (res: number): string => (res === 0 ? 'samples' : `rollup_${Math.trunc(res)}`);

export function createLevelTables(db: Database.Database, retention: RetentionConfig): void {
  for (const l of retention.levels) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${tableFor(l.intervalSec)} (
      t INTEGER NOT NULL,
      eid INTEGER NOT NULL,
      n INTEGER NOT NULL,
      avg BLOB NOT NULL,
      max BLOB NOT NULL,
      PRIMARY KEY (t, eid)
    ) WITHOUT ROWID`);
  }
}

export function missingLevelTables(db: Database.Database, retention: RetentionConfig): string[] {
  const have = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  // The realtime level is `realtime_blocks` from schema 5 on, `samples` before.
  const realtime = have.has(REALTIME_BLOCKS) ? [] : [tableFor(0)];
  return [...realtime, ...retention.levels.map((l) => tableFor(l.intervalSec))].filter((t) => !have.has(t));
}
