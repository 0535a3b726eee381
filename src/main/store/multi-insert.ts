/**
 * Multi-row INSERT: rows are bound in groups of ROWS_PER_STATEMENT through one prepared
 * `INSERT … VALUES (…), (…), …` statement, which costs about half as much per row as one statement
 * run per row (fewer calls into SQLite and fewer VDBE program starts). The rest goes row by row.
 */
import type Database from 'better-sqlite3';

export const ROWS_PER_STATEMENT = 64;

export class MultiInsert {
  private readonly one: Database.Statement;
  private readonly many: Database.Statement;
  private readonly args: unknown[] = [];
  private readonly width: number;

  /** `head` is e.g. "INSERT OR REPLACE INTO samples (t, eid, v)"; `width` the number of columns. */
  constructor(db: Database.Database, head: string, width: number) {
    const tuple = `(${Array(width).fill('?').join(', ')})`;
    this.width = width;
    this.one = db.prepare(`${head} VALUES ${tuple}`);
    this.many = db.prepare(`${head} VALUES ${Array(ROWS_PER_STATEMENT).fill(tuple).join(', ')}`);
  }

  /** Adds one row's values (exactly `width` of them); call end() before the transaction commits. */
  push(a: unknown, b: unknown, c: unknown, d?: unknown, e?: unknown): void {
    const args = this.args;
    args.push(a, b, c);
    if (this.width > 3) args.push(d);
    if (this.width > 4) args.push(e);
    if (args.length === this.width * ROWS_PER_STATEMENT) {
      this.many.run(args);
      args.length = 0;
    }
  }

  /** Writes the rows still buffered (fewer than a group) one by one. */
  end(): void {
    const args = this.args;
    for (let i = 0; i < args.length; i += this.width) this.one.run(args.slice(i, i + this.width));
    args.length = 0;
  }

  /** Drops buffered rows (after a failed statement, so the next transaction starts clean). */
  reset(): void {
    this.args.length = 0;
  }
}
