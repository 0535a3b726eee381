/**
 * Schema 6: events, tasks and alarms keep their message as a code with parameters (issue 12, "Simplified
 * Chinese, completely"), so the console shows recorded history in the user's language.
 *
 * - events.msg: JSON `{ code, params }` or NULL (records written before schema 6, or without a code).
 * - tasks.msg: JSON `{ description?, reason? }` (each `{ code, params }`) or NULL.
 * - alarms.msg: JSON `{ code, params }` or NULL.
 *
 * The English text columns stay as they are and are still written: records without a code (older files)
 * show their stored text. Nothing recorded is rewritten; the append-only triggers of schema 4 still hold.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './runner';

const refuse = (what: string): string => `SELECT RAISE(ABORT, 'append-only history: ${what}');`;

export const m006MessageCodes: Migration = {
  version: 6,
  name: 'message-codes',
  up(db: Database.Database): void {
    db.exec(`
      ALTER TABLE events ADD COLUMN msg TEXT;
      ALTER TABLE tasks ADD COLUMN msg TEXT;
      ALTER TABLE alarms ADD COLUMN msg TEXT;
      CREATE TRIGGER alarms_keep_msg BEFORE UPDATE OF msg ON alarms
      WHEN NEW.msg IS NOT OLD.msg
      BEGIN ${refuse('only the clear and acknowledge fields of an alarm change')} END;
    `);
  },
};
