/**
 * Schema 2: the command log. Every command the user (or a storyline) gave, with the tick it was
 * applied at, so a workspace can be resumed exactly after a crash (restore the last snapshot, then
 * replay the commands logged after it) and a session can be replayed or exported as a storyline.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './runner';

export const m002CommandLog: Migration = {
  version: 2,
  name: 'command-log',
  up(db: Database.Database): void {
    db.exec(`
      CREATE TABLE commands (
        seq INTEGER PRIMARY KEY,
        tick INTEGER NOT NULL,
        command TEXT NOT NULL
      );
      CREATE INDEX commands_tick ON commands (tick, seq);
    `);
  },
};
