/**
 * Schema 4: recorded history is append-only, enforced by SQLite itself (issue 21, finding 3).
 *
 * - events / event_objects: never updated; deleted only by retention or a rollback (truncateAfter).
 * - tasks: a task keeps its id, type, target and queue time; its lifecycle fields (state, progress,
 *   start/finish, reason, result, description) follow the engine. Deleted only by retention/rollback.
 * - alarms: a recorded alarm is never rewritten except its own clear and acknowledge fields: cleared_at is
 *   set once (NULL → time), acknowledged only goes 0 → 1. Deleted only by retention/rollback.
 *
 * The store's own retention and rollback open `history_guard.allow_delete` inside their transaction and
 * close it again before it commits (see guard.ts), so no committed state ever allows a delete.
 * A file written by this schema is refused by older versions (user_version), so they cannot write it
 * the old way.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './runner';

const refuse = (what: string): string => `SELECT RAISE(ABORT, 'append-only history: ${what}');`;
const guarded = '(SELECT allow_delete FROM history_guard WHERE id = 1) IS NOT 1';

export const m004AppendOnly: Migration = {
  version: 4,
  name: 'append-only',
  up(db: Database.Database): void {
    db.exec(`
      CREATE TABLE history_guard (id INTEGER PRIMARY KEY CHECK (id = 1), allow_delete INTEGER NOT NULL DEFAULT 0);
      INSERT INTO history_guard (id, allow_delete) VALUES (1, 0);

      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN ${refuse('a recorded event is never changed')} END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events WHEN ${guarded}
      BEGIN ${refuse('events are deleted only by retention or a rollback')} END;
      CREATE TRIGGER event_objects_no_update BEFORE UPDATE ON event_objects
      BEGIN ${refuse('a recorded event is never changed')} END;
      CREATE TRIGGER event_objects_no_delete BEFORE DELETE ON event_objects WHEN ${guarded}
      BEGIN ${refuse('events are deleted only by retention or a rollback')} END;

      CREATE TRIGGER tasks_keep_identity BEFORE UPDATE ON tasks
      WHEN NEW.id IS NOT OLD.id OR NEW.type IS NOT OLD.type OR NEW.target IS NOT OLD.target OR NEW.queued_at IS NOT OLD.queued_at
      BEGIN ${refuse('a task keeps its id, type, target and queue time')} END;
      CREATE TRIGGER tasks_no_delete BEFORE DELETE ON tasks WHEN ${guarded}
      BEGIN ${refuse('tasks are deleted only by retention or a rollback')} END;

      CREATE TRIGGER alarms_keep_record BEFORE UPDATE ON alarms
      WHEN NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id OR NEW.rule IS NOT OLD.rule OR NEW.object_id IS NOT OLD.object_id
        OR NEW.object_name IS NOT OLD.object_name OR NEW.severity IS NOT OLD.severity OR NEW.message IS NOT OLD.message
        OR NEW.triggered_at IS NOT OLD.triggered_at
      BEGIN ${refuse('only the clear and acknowledge fields of an alarm change')} END;
      CREATE TRIGGER alarms_clear_once BEFORE UPDATE OF cleared_at ON alarms
      WHEN OLD.cleared_at IS NOT NULL AND NEW.cleared_at IS NOT OLD.cleared_at AND ${guarded}
      BEGIN ${refuse('an alarm is cleared once')} END;
      CREATE TRIGGER alarms_ack_once BEFORE UPDATE OF acknowledged ON alarms
      WHEN OLD.acknowledged <> 0 AND NEW.acknowledged = 0
      BEGIN ${refuse('an acknowledged alarm stays acknowledged')} END;
      CREATE TRIGGER alarms_no_delete BEFORE DELETE ON alarms WHEN ${guarded}
      BEGIN ${refuse('alarms are deleted only by retention or a rollback')} END;
    `);
  },
};
