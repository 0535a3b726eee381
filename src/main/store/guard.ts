/**
 * The append-only guard of schema 4 (migrations/004-append-only.ts): triggers refuse to delete events,
 * tasks and alarms unless `history_guard.allow_delete` is 1. Retention and rollback open it for the
 * statements that legitimately delete and close it again inside the same transaction.
 */
import type Database from 'better-sqlite3';

export function hasHistoryGuard(db: Database.Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'history_guard'").get() !==
    undefined
  );
}

/** Prepared open/close statements of one connection (no-ops on files older than schema 4). */
export class HistoryGuard {
  private readonly open: Database.Statement | null;
  private readonly close: Database.Statement | null;

  constructor(db: Database.Database) {
    const has = hasHistoryGuard(db);
    this.open = has ? db.prepare('UPDATE history_guard SET allow_delete = 1 WHERE id = 1') : null;
    this.close = has ? db.prepare('UPDATE history_guard SET allow_delete = 0 WHERE id = 1') : null;
  }

  /** Runs fn with deletes of recorded history allowed; call inside a transaction. */
  deleting<T>(fn: () => T): T {
    this.open?.run();
    try {
      return fn();
    } finally {
      this.close?.run();
    }
  }
}
