/** The command log table (schema 2): append in order, read back from a tick on. */
import type Database from 'better-sqlite3';

export interface LoggedCommand {
  seq: number;
  tick: number;
  command: unknown;
}

/** Appends a command; returns its sequence number (1, 2, 3 … in the order given). */
export function appendCommand(db: Database.Database, tick: number, command: unknown): number {
  return Number(
    db.prepare('INSERT INTO commands (tick, command) VALUES (?, ?)').run(tick, JSON.stringify(command))
      .lastInsertRowid,
  );
}

/** Commands with a sequence number above `afterSeq`, in the order they were given. */
export function commandsFrom(db: Database.Database, afterSeq: number): LoggedCommand[] {
  const rows = db
    .prepare('SELECT seq, tick, command FROM commands WHERE seq > ? ORDER BY seq')
    .all(afterSeq) as {
    seq: number;
    tick: number;
    command: string;
  }[];
  return rows.map((r) => ({ seq: r.seq, tick: r.tick, command: JSON.parse(r.command) as unknown }));
}

/** Drops commands logged after `tick` (used with Workspace.truncateAfter). */
export function dropCommandsAfter(db: Database.Database, tick: number): void {
  db.prepare('DELETE FROM commands WHERE tick > ?').run(tick);
}
