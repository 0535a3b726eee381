/** The meta table (key → JSON value) and validation of what goes into it. */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { DEFAULT_RETENTION, type RetentionConfig, type StoredCatalog, type WorkspaceInit } from './types';

const MetricDefSchema = z.object({
  name: z.string().min(1),
  unit: z.string(),
  rollup: z.enum(['avg', 'last']),
  since: z.number().finite().optional(),
  until: z.number().finite().optional(),
});

export const CatalogSchema = z.object({
  cluster: z.array(MetricDefSchema),
  host: z.array(MetricDefSchema),
  datastore: z.array(MetricDefSchema),
  vm: z.array(MetricDefSchema),
  container: z.array(MetricDefSchema),
  /** Resource pools (issue 20): absent in files written before the kind existed. */
  pool: z.array(MetricDefSchema).optional(),
});

const Seconds = z.number().int().positive();

export const RetentionSchema = z.object({
  realtimeSec: Seconds,
  levels: z
    .array(z.object({ intervalSec: Seconds, keepSec: Seconds }))
    .min(1)
    .max(8),
  eventsKeepSec: Seconds.optional(),
});

export const InitSchema = z.object({
  name: z.string().min(1).max(200),
  scenario: z.unknown(),
  seed: z.number().int(),
  tickSeconds: z.number().int().min(1).max(86_400),
  startEpochMs: z.number().finite(),
  catalog: CatalogSchema,
  retention: RetentionSchema.optional(),
});

/** Rules that keep rollups recoverable: each level is rebuilt from the next finer one after a restart. */
export function retentionProblems(r: RetentionConfig, tickSeconds: number): string[] {
  const problems: string[] = [];
  let prevInterval = tickSeconds;
  let prevKeep = r.realtimeSec;
  r.levels.forEach((l, i) => {
    const where = `retention.levels[${i}]`;
    if (l.intervalSec <= prevInterval || l.intervalSec % prevInterval !== 0) {
      problems.push(`${where}.intervalSec (${l.intervalSec}) must be a larger multiple of ${prevInterval}`);
    }
    if (prevKeep < l.intervalSec) {
      problems.push(
        `${where}.intervalSec (${l.intervalSec}) exceeds how long the finer level is kept (${prevKeep} s)`,
      );
    }
    if (l.keepSec < l.intervalSec) problems.push(`${where}.keepSec must be at least its intervalSec`);
    prevInterval = l.intervalSec;
    prevKeep = l.keepSec;
  });
  return problems;
}

export const eventsKeepSec = (r: RetentionConfig): number =>
  r.eventsKeepSec ?? Math.max(...r.levels.map((l) => l.keepSec), r.realtimeSec);

export interface StoredMeta {
  name: string;
  scenario: unknown;
  seed: number;
  tickSeconds: number;
  startEpochMs: number;
  createdAt: number;
  retention: RetentionConfig;
  catalog: StoredCatalog;
  lastTick: number;
  lastTime: number;
  /** Coarse recording (what-if branches at long ticks): from `time` on, only levels longer than `tickSeconds`. */
  coarseFrom?: CoarseFrom | null;
}

export interface CoarseFrom {
  time: number;
  tickSeconds: number;
  /** End of the coarse segment (every level recorded again after it); absent while it lasts. */
  until?: number;
}

export function writeMetaValues(db: Database.Database, values: Partial<StoredMeta>): void {
  const stmt = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  for (const [k, v] of Object.entries(values)) stmt.run(k, JSON.stringify(v));
}

export function initialMeta(init: WorkspaceInit, createdAt: number): StoredMeta {
  return {
    name: init.name,
    scenario: init.scenario,
    seed: init.seed,
    tickSeconds: init.tickSeconds,
    startEpochMs: init.startEpochMs,
    createdAt,
    retention: init.retention ?? DEFAULT_RETENTION,
    catalog: init.catalog,
    lastTick: -1,
    lastTime: 0,
  };
}

const StoredMetaSchema = z.object({
  name: z.string(),
  scenario: z.unknown(),
  seed: z.number(),
  tickSeconds: z.number(),
  startEpochMs: z.number(),
  createdAt: z.number(),
  retention: RetentionSchema,
  catalog: CatalogSchema,
  lastTick: z.number(),
  lastTime: z.number(),
  coarseFrom: z
    .object({ time: z.number(), tickSeconds: z.number().positive(), until: z.number().optional() })
    .nullable()
    .optional(),
});

/** Reads and checks the meta table; a message naming the problem when it is incomplete or malformed. */
export function readMeta(
  db: Database.Database,
  opts: { deferScenario?: boolean } = {},
): { ok: true; meta: StoredMeta } | { ok: false; problem: string } {
  const rows = db
    .prepare(`SELECT key, value FROM meta${opts.deferScenario ? " WHERE key <> 'scenario'" : ''}`)
    .all() as { key: string; value: string }[];
  const obj: Record<string, unknown> = {};
  for (const r of rows) {
    try {
      obj[r.key] = JSON.parse(r.value);
    } catch (e) {
      // Named, so a damaged field can be found (e.g. the user's alarm definitions).
      return { ok: false, problem: `meta "${r.key}" is not JSON (${String(e)})` };
    }
  }
  const parsed = (
    opts.deferScenario ? StoredMetaSchema.omit({ scenario: true }) : StoredMetaSchema
  ).safeParse(obj);
  if (!parsed.success)
    return {
      ok: false,
      problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  // Without its scenario when deferred: deferScenario defines it just below.
  const meta = parsed.data as unknown as StoredMeta;
  if (opts.deferScenario) deferScenario(db, meta);
  return { ok: true, meta };
}

/** Makes `meta.scenario` read (and parse) the stored scenario on first use, while `db` is open. */
function deferScenario(db: Database.Database, meta: StoredMeta): void {
  let value: unknown;
  let read = false;
  Object.defineProperty(meta, 'scenario', {
    enumerable: true,
    configurable: true,
    get(): unknown {
      if (!read) {
        const row = db.prepare("SELECT value FROM meta WHERE key = 'scenario'").get() as
          { value: string } | undefined;
        value = row === undefined ? undefined : (JSON.parse(row.value) as unknown);
        read = true;
      }
      return value;
    },
    set(v: unknown) {
      value = v;
      read = true;
    },
  });
}
