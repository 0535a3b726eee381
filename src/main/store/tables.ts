/**
 * One table per resolution, each keyed (t, eid) WITHOUT ROWID: new rows always go to the end of their
 * table (cheap appends, full pages) and retention deletes a prefix. `samples` holds realtime rows;
 * `rollup_<intervalSec>` one table per rollup level, created with the workspace from its retention.
 */
import type Database from 'better-sqlite3';
import type { RetentionConfig } from './types';

export const tableFor = (res: number): string => (res === 0 ? 'samples' : `rollup_${Math.trunc(res)}`);

/** Columns t, n, avg, max of a resolution's table (realtime rows have n = 1 and no max). */
export const readColumns = (res: number): string =>
  res === 0 ? 't, eid, 1 AS n, v AS avg, NULL AS max' : 't, eid, n, avg, max';

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
  return [0, ...retention.levels.map((l) => l.intervalSec)].map(tableFor).filter((t) => !have.has(t));
}
