/**
 * Schema 1. Metrics are one row per (time, entity) holding the entity's whole metric vector as a
 * compact BLOB in catalog order (see codec.ts and docs/store.md for why this layout and key order).
 */
import type Database from 'better-sqlite3';
import type { Migration } from './runner';

/** PRAGMA application_id of every VDC workspace: the ASCII bytes "VDC1". */
export const VDC_APPLICATION_ID = 0x56444331;

export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db: Database.Database): void {
    db.pragma(`application_id = ${VDC_APPLICATION_ID}`);
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

      CREATE TABLE entities (
        eid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        parent_id TEXT
      );

      -- Realtime samples: t = simulated seconds at the end of the tick, v = the entity's metric vector
      -- (see codec.ts). Rollup levels live in rollup_<intervalSec> tables created with the workspace.
      CREATE TABLE samples (
        t INTEGER NOT NULL,
        eid INTEGER NOT NULL,
        v BLOB NOT NULL,
        PRIMARY KEY (t, eid)
      ) WITHOUT ROWID;

      CREATE TABLE snapshots (
        tick INTEGER PRIMARY KEY,
        time REAL NOT NULL,
        codec TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        time REAL NOT NULL,
        severity TEXT NOT NULL,
        type TEXT NOT NULL,
        message TEXT NOT NULL,
        objects TEXT NOT NULL
      );
      CREATE INDEX events_time ON events (time);
      CREATE TABLE event_objects (
        event_id INTEGER NOT NULL,
        object_id TEXT NOT NULL,
        PRIMARY KEY (event_id, object_id)
      ) WITHOUT ROWID;
      CREATE INDEX event_objects_object ON event_objects (object_id, event_id);

      CREATE TABLE tasks (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        description TEXT NOT NULL,
        target TEXT NOT NULL,
        state TEXT NOT NULL,
        progress REAL NOT NULL,
        queued_at REAL NOT NULL,
        started_at REAL,
        finished_at REAL,
        reason TEXT,
        result_id TEXT
      );
      CREATE INDEX tasks_queued ON tasks (queued_at);
      CREATE INDEX tasks_target ON tasks (target);
      CREATE INDEX tasks_result ON tasks (result_id);

      CREATE TABLE alarms (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        rule TEXT NOT NULL,
        object_id TEXT NOT NULL,
        object_name TEXT NOT NULL,
        severity TEXT NOT NULL,
        message TEXT NOT NULL,
        triggered_at REAL NOT NULL,
        cleared_at REAL,
        acknowledged INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX alarms_object ON alarms (object_id);

      -- Reserved for recorded sessions (later issue).
      CREATE TABLE recordings (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        from_tick INTEGER,
        to_tick INTEGER,
        data BLOB
      );
    `);
  },
};
