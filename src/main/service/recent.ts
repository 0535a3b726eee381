/** The Open Recent list and the last-opened workspace, kept in the data folder as validated JSON. */
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const RecentSchema = z.object({
  version: z.literal(1),
  last: z.string().nullable(),
  recent: z.array(z.object({ path: z.string(), name: z.string() })).max(50),
});
type Recent = z.infer<typeof RecentSchema>;

const MAX_RECENT = 10;

export class RecentList {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'recent.json');
  }

  read(): Recent {
    try {
      const parsed = RecentSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // missing or unreadable: start empty
    }
    return { version: 1, last: null, recent: [] };
  }

  /** Moves a workspace to the top of the list and marks it as the one to reopen on start. */
  touch(path: string, name: string): void {
    const data = this.read();
    data.recent = [{ path, name }, ...data.recent.filter((r) => r.path !== path)].slice(0, MAX_RECENT);
    data.last = path;
    this.write(data);
  }

  clearLast(): void {
    const data = this.read();
    data.last = null;
    this.write(data);
  }

  forget(path: string): void {
    const data = this.read();
    data.recent = data.recent.filter((r) => r.path !== path);
    if (data.last === path) data.last = null;
    this.write(data);
  }

  private write(data: Recent): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      writeFileSync(tmp, JSON.stringify(data, null, 2));
      renameSync(tmp, this.file);
    } catch {
      // The list is a convenience; failing to save it must not break the app.
    }
  }
}
