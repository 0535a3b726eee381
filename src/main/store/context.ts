/** What the query modules need from an open workspace. */
import type Database from 'better-sqlite3';
import type { KindLayout, Rollups } from './rollup';
import type { CoarseFrom } from './meta';
import type { RetentionConfig, StoredCatalog } from './types';

export interface EntityInfo {
  eid: number;
  id: string;
  kind: string;
  name: string;
  parentId: string | null;
}

export interface QueryContext {
  db: Database.Database;
  path: string;
  tickSeconds: number;
  lastTime: number;
  retention: RetentionConfig;
  catalog: StoredCatalog;
  layouts: ReadonlyMap<string, KindLayout>;
  byId: ReadonlyMap<string, EntityInfo>;
  byEid: readonly (EntityInfo | undefined)[];
  rollups: Rollups;
  /** Schema 3 kind vectors exist (always after open; older files are migrated). */
  kindVectors: boolean;
  /** Schema 5: the realtime level is stored in blocks per (t, kind) (realtime.ts); else one row per (t, eid). */
  realtimeBlocks: boolean;
  /** Coarse recording from a time on (see coarse.ts), or null. */
  coarseFrom: CoarseFrom | null;
}

/** One resolution the data exists at: res 0 = realtime (step = tick), else a rollup level. */
export interface Resolution {
  res: number;
  stepSec: number;
  keepSec: number;
  /** Index into Rollups levels, or -1 for realtime. */
  level: number;
}

export function resolutions(ctx: Pick<QueryContext, 'tickSeconds' | 'retention'>): Resolution[] {
  return [
    { res: 0, stepSec: ctx.tickSeconds, keepSec: ctx.retention.realtimeSec, level: -1 },
    ...ctx.retention.levels.map((l, i) => ({
      res: l.intervalSec,
      stepSec: l.intervalSec,
      keepSec: l.keepSec,
      level: i,
    })),
  ];
}

export function metricIndex(ctx: QueryContext, kind: string, metric: string): number {
  const defs = ctx.catalog[kind as keyof StoredCatalog];
  return defs ? defs.findIndex((d) => d.name === metric) : -1;
}
