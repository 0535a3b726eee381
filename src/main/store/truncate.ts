/** Rolling a workspace back to a tick: every record newer than it is deleted in one transaction. */
import type Database from 'better-sqlite3';
import { dropCommandsAfter } from './command-log';
import { hasKindVectors } from './kind-vectors';
import { tableFor } from './tables';
import { HistoryGuard } from './guard';
import { hasRealtimeBlocks, realtimeTable } from './realtime';

/** Deletes history after tick (at simulated time T); call inside a transaction. */
export function deleteAfter(
  db: Database.Database,
  intervals: readonly number[],
  tick: number,
  T: number,
): void {
  db.prepare(`DELETE FROM ${realtimeTable(hasRealtimeBlocks(db))} WHERE t > ?`).run(T);
  for (const res of intervals) db.prepare(`DELETE FROM ${tableFor(res)} WHERE t > ?`).run(T);
  if (hasKindVectors(db)) {
    db.prepare('DELETE FROM kind_vectors WHERE t > ?').run(T);
    db.prepare('DELETE FROM kind_buckets WHERE t > ?').run(T);
    db.prepare('DELETE FROM open_buckets WHERE time > ?').run(T);
  }
  // A rollback is the one place where recorded history is removed or an alarm's clear undone (schema 4 guard).
  new HistoryGuard(db).deleting(() => {
    db.prepare('DELETE FROM event_objects WHERE event_id IN (SELECT id FROM events WHERE time > ?)').run(T);
    db.prepare('DELETE FROM events WHERE time > ?').run(T);
    // Tasks queued up to T stay with their latest known state; the resumed engine upserts them again.
    db.prepare('DELETE FROM tasks WHERE queued_at > ?').run(T);
    db.prepare('DELETE FROM alarms WHERE triggered_at > ?').run(T);
    db.prepare('UPDATE alarms SET cleared_at = NULL WHERE cleared_at > ?').run(T);
  });
  db.prepare('DELETE FROM snapshots WHERE tick > ?').run(tick);
  dropCommandsAfter(db, tick);
  const set = db.prepare('UPDATE meta SET value = ? WHERE key = ?');
  set.run(JSON.stringify(tick), 'lastTick');
  set.run(JSON.stringify(T), 'lastTime');
}
