/**
 * The "running" marker in the data folder: written when the service starts, removed when it stops
 * cleanly. Found at start, it means the last run ended without a clean stop (a crash, a kill, a power
 * cut), so the service opens in safe mode: the last workspace paused, never auto-played, with why.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const MarkerSchema = z.object({
  version: z.literal(1),
  pid: z.number().int(),
  startedAt: z.string().max(40),
  /** The last failure the service recorded (a failed tick), if any. */
  lastError: z.string().max(2000).nullable(),
});
export type CrashMarker = z.infer<typeof MarkerSchema>;

export class RunningMarker {
  readonly file: string;
  private data: CrashMarker | null = null;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'running.json');
  }

  /** The marker a previous run left behind (it did not stop cleanly), or null. Unreadable counts as present. */
  leftover(): CrashMarker | { unreadable: true } | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed = MarkerSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : { unreadable: true };
    } catch {
      return { unreadable: true };
    }
  }

  begin(): void {
    this.data = { version: 1, pid: process.pid, startedAt: new Date().toISOString(), lastError: null };
    this.write();
  }

  recordError(message: string): void {
    if (!this.data) return;
    this.data.lastError = message.slice(0, 2000);
    this.write();
  }

  /** A clean stop. */
  end(): void {
    if (!this.data) return;
    this.data = null;
    try {
      rmSync(this.file, { force: true });
    } catch {
      // a marker left behind only means the next start is paused
    }
  }

  private write(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      writeFileSync(tmp, JSON.stringify(this.data));
      renameSync(tmp, this.file);
    } catch {
      // best effort: the marker only decides whether the next start auto-plays
    }
  }
}
