/**
 * Schema 5: the realtime level as one row per (tick, kind) holding the kind's vectors (`realtime_blocks`,
 * see realtime.ts) instead of one row per (tick, entity) in `samples` (issue 17: the row layout cost
 * ~2.5 ms of SQLite work per recorded tick of the enterprise scenario, the blocks ~0.5 ms).
 *
 * The rows a file holds (at most the realtime retention, 1 h by default) are converted: per tick and
 * entity kind, one block with the kind's entities in eid order and their vectors byte for byte. Rows of
 * eids the entity registry does not know (never written by the store) cannot be read and are dropped.
 * `samples` is dropped afterwards; a file of this schema is refused by older versions (user_version).
 */
import type Database from 'better-sqlite3';
import type { Migration } from './runner';

const DDL = `CREATE TABLE realtime_blocks (
  t INTEGER NOT NULL,
  kind TEXT NOT NULL,
  eids BLOB NOT NULL,
  offs BLOB NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (t, kind)
) WITHOUT ROWID`;

export const m005RealtimeBlocks: Migration = {
  version: 5,
  name: 'realtime-blocks',
  up(db: Database.Database): void {
    db.exec(DDL);
    const insert = db.prepare(
      'INSERT INTO realtime_blocks (t, kind, eids, offs, data) VALUES (?, ?, ?, ?, ?)',
    );
    const times = db.prepare('SELECT DISTINCT t FROM samples ORDER BY t').pluck().all() as number[];
    const rowsAt = db
      .prepare(
        'SELECT e.kind, s.eid, s.v FROM samples s JOIN entities e ON e.eid = s.eid WHERE s.t = ? ORDER BY e.kind, s.eid',
      )
      .raw();
    // One tick at a time (a statement's rows are collected before writing: the connection cannot write while it iterates).
    for (const t of times) {
      let kind: string | null = null;
      let eids: number[] = [];
      let vs: Buffer[] = [];
      const flush = (): void => {
        if (kind === null || vs.length === 0) return;
        const offs = new Int32Array(vs.length + 1);
        for (let i = 0; i < vs.length; i++) offs[i + 1] = offs[i]! + vs[i]!.length;
        const e = Int32Array.from(eids);
        insert.run(
          t,
          kind,
          Buffer.from(e.buffer, e.byteOffset, e.byteLength),
          Buffer.from(offs.buffer, offs.byteOffset, offs.byteLength),
          Buffer.concat(vs),
        );
        eids = [];
        vs = [];
      };
      for (const [k, eid, v] of rowsAt.all(t) as [string, number, Buffer][]) {
        if (k !== kind) {
          flush();
          kind = k;
        }
        eids.push(eid);
        vs.push(v);
      }
      flush();
    }
    db.exec('DROP TABLE samples');
  },
};
