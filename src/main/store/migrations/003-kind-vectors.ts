/**
 * Schema 3: transposed "kind vectors" for cheap cold top-N queries, and saved open buckets for
 * workspaces that record only coarse levels (what-if branches run at long ticks).
 *
 * - kind_buckets: one row per (level, bucket end, kind) of the coarsest rollup level: the eids of every
 *   entity of that kind with a row in the bucket (Int32 LE, ascending) and their sample counts n (Int32).
 * - kind_vectors: one row per (level, bucket end, kind, metric index): avg = Float32 LE per entity in
 *   kind_buckets order (empty blob = all 0), max = Float32 per entity (NULL = equal to avg).
 * - open_buckets: the open (partial) rollup buckets at simulated time `time`, saved with checkpoints of
 *   coarse-recording workspaces so the buckets can be rebuilt on reopen without finer rows.
 * Files migrated from schema 2 have no kind vectors for their existing buckets: top-N falls back to
 * scanning the level table for those buckets (see topn.ts).
 */
import type Database from 'better-sqlite3';
import type { Migration } from './runner';

export const m003KindVectors: Migration = {
  version: 3,
  name: 'kind-vectors',
  up(db: Database.Database): void {
    db.exec(`
      CREATE TABLE kind_buckets (
        res INTEGER NOT NULL,
        t INTEGER NOT NULL,
        kind TEXT NOT NULL,
        eids BLOB NOT NULL,
        n BLOB NOT NULL,
        PRIMARY KEY (res, t, kind)
      );
      CREATE TABLE kind_vectors (
        res INTEGER NOT NULL,
        t INTEGER NOT NULL,
        kind TEXT NOT NULL,
        metric INTEGER NOT NULL,
        avg BLOB NOT NULL,
        max BLOB,
        PRIMARY KEY (res, t, kind, metric)
      );
      CREATE TABLE open_buckets (
        res INTEGER NOT NULL,
        eid INTEGER NOT NULL,
        time INTEGER NOT NULL,
        t INTEGER NOT NULL,
        n INTEGER NOT NULL,
        avg BLOB NOT NULL,
        max BLOB NOT NULL,
        PRIMARY KEY (res, eid)
      );
    `);
  },
};
