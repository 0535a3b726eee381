/** Public data shapes of the workspace store. */
import type { Msg } from '../engine/messages';
import type {
  EngineEvent,
  MetricCatalog,
  MetricEntityKind,
  Severity,
  TaskInfo,
  TaskState,
} from '../engine/api';

/**
 * One column of a workspace's metric catalogue (docs/store.md, "The metric catalogue"). Columns are only
 * appended: `since` = simulated time when a metric the file did not have was added (its values before
 * that read as missing), `until` = time when the engine stopped providing it (no values after that).
 */
export interface StoredMetricDef {
  name: string;
  unit: MetricCatalog[MetricEntityKind][number]['unit'];
  rollup: 'avg' | 'last';
  since?: number;
  until?: number;
}

/** A file's catalogue per kind; `pool` (issue 20) is absent in files written before the kind existed. */
export type StoredCatalog = Record<Exclude<MetricEntityKind, 'pool'>, readonly StoredMetricDef[]> & {
  pool?: readonly StoredMetricDef[];
};

/** A change of the file's catalogue made when an engine with another catalogue continued it. */
export interface CatalogChange {
  time: number;
  /** "kind/metric" */
  added: string[];
  removed: string[];
}

/** How long metrics are kept: realtime samples at tick resolution, then rollup levels (avg + max). */
export interface RetentionConfig {
  /** Realtime samples (one per tick) are kept this long. Must be >= the first level's interval. */
  realtimeSec: number;
  /** Rollup levels, finest first. Each interval is a multiple of the previous one (and of the tick). */
  levels: { intervalSec: number; keepSec: number }[];
  /** Events and cleared alarms older than this are deleted; defaults to the longest level's keepSec. */
  eventsKeepSec?: number;
}

/** vCenter's default statistics intervals: 20 s realtime for 1 h, then 5 min/1 d, 30 min/1 w, 2 h/30 d, 1 d/1 y. */
export const DEFAULT_RETENTION: RetentionConfig = {
  realtimeSec: 3600,
  levels: [
    { intervalSec: 300, keepSec: 86_400 },
    { intervalSec: 1800, keepSec: 7 * 86_400 },
    { intervalSec: 7200, keepSec: 30 * 86_400 },
    { intervalSec: 86_400, keepSec: 365 * 86_400 },
  ],
};

export interface WorkspaceInit {
  name: string;
  scenario: unknown;
  seed: number;
  tickSeconds: number;
  startEpochMs: number;
  catalog: MetricCatalog;
  retention?: RetentionConfig;
}

export interface WorkspaceMeta {
  name: string;
  scenario: unknown;
  seed: number;
  tickSeconds: number;
  startEpochMs: number;
  schemaVersion: number;
  /** Last tick whose history is in the file or in the write buffer (-1 before the first tick). */
  lastTick: number;
  /** Simulated seconds at the end of lastTick (0 before the first tick). */
  lastTime: number;
  /** Epoch ms (wall clock) when the workspace file was created. */
  createdAt: number;
  retention: RetentionConfig;
  catalog: StoredCatalog;
  readOnly: boolean;
  /**
   * Set by recordCoarseLevels (what-if branches at long ticks): from simulated time `time` (until `until`,
   * when recordAllLevels ended it) only the rollup levels whose interval is longer than `tickSeconds` are
   * recorded (no realtime rows).
   */
  coarseFrom: { time: number; tickSeconds: number; until?: number } | null;
}

export interface OpenOptions {
  /** Open for reading only: every write answers READ_ONLY. */
  readOnly?: boolean;
  /**
   * Integrity check on open: 'quick' (PRAGMA quick_check), 'full' (integrity_check) or 'none'. Default:
   * 'quick' for files up to 256 MiB, 'none' above (the check reads the whole file; damage in a big file
   * is still reported as CORRUPT by the query or write that meets it).
   */
  check?: 'none' | 'quick' | 'full';
  /**
   * The caller opened and inspected this very file a moment ago (the service's open thread,
   * service/workspace-load.ts): skip the read-only inspection pass (application id, schema, settings and
   * tables were checked then). The header is still read and the settings parsed once.
   */
  inspectedJustNow?: boolean;
  /**
   * Read the stored scenario (MBs of JSON for a large import) only when `meta().scenario` is first read,
   * not while opening: the service thread opens a file its open thread has just read in full
   * (service/workspace-load.ts), and needs the scenario rarely, if at all.
   */
  deferScenario?: boolean;
  /** Caps the file size (SQLite max_page_count); writes beyond it answer DISK_FULL. */
  maxFileBytes?: number;
  /** Flush tuning; defaults: 64 ticks, 1,000,000 values, 1000 ms. */
  flushEveryTicks?: number;
  flushEveryValues?: number;
  flushIntervalMs?: number;
  /** Snapshots kept (older ones are deleted when a new one is saved); default 5. */
  snapshotsKeep?: number;
  /**
   * Write the automatic flushes of `appendTick` in a thread of their own (a second SQLite connection,
   * `writer-thread.ts`), so the SQLite work overlaps the next ticks. Every other write and read waits
   * for that flush first. Default false (the service's sessions); `vdc simulate --workspace` uses it.
   */
  writerThread?: boolean;
}

export interface EntityRecord {
  id: string;
  kind: string;
  name: string;
  parentId: string | null;
}

export type SeriesStat = 'avg' | 'max';

export interface SeriesQuery {
  entityIds: string[];
  metrics: string[];
  from: number;
  to: number;
  maxPoints?: number;
  stat?: SeriesStat;
}

export interface SeriesResult {
  /** Seconds between points; 0 never occurs. A point's time is the END of the interval it covers. */
  resolutionSec: number;
  series: { entityId: string; metric: string; points: [number, number][] }[];
}

export interface TopNQuery {
  kind: MetricEntityKind;
  metric: string;
  n: number;
  from: number;
  to: number;
  order?: 'desc' | 'asc';
  stat?: SeriesStat;
}

export interface TopNRow {
  entityId: string;
  name: string;
  value: number;
}

export interface Page<T> {
  total: number;
  rows: T[];
}

export interface EventQuery {
  objectId?: string;
  /** Records of any of these objects (roll-up of a cluster or datacenter). */
  objectIds?: string[];
  severity?: Severity;
  type?: string;
  from?: number;
  to?: number;
  /** Sort column (default time) and direction (default newest first). */
  sort?: 'time' | 'severity' | 'type';
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface StoredEvent extends EngineEvent {
  id: number;
}

export interface TaskQuery {
  objectId?: string;
  /** Records of any of these objects (roll-up of a cluster or datacenter). */
  objectIds?: string[];
  state?: TaskState;
  type?: string;
  /** Queue time range (simulated seconds, inclusive). */
  from?: number;
  to?: number;
  /** Sort column (default queue time) and direction (default newest first). */
  sort?: 'queuedAt' | 'type' | 'state' | 'target' | 'finishedAt';
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export type { TaskInfo };

export type AlarmSeverity = 'warning' | 'error';

/** Same shape as the API contract's AlarmSchema. */
export interface AlarmRecord {
  id: string;
  rule: string;
  objectId: string;
  objectName: string;
  severity: AlarmSeverity;
  message: string;
  triggeredAt: number;
  clearedAt: number | null;
  acknowledged: boolean;
  /** The message as a code with parameters (schema 6; absent in older records). */
  msg?: Msg;
}

export interface NewAlarm {
  /** Optional caller-chosen id; the store assigns "alarm-<n>" otherwise. */
  id?: string;
  rule: string;
  objectId: string;
  objectName?: string;
  severity: AlarmSeverity;
  message: string;
  msg?: Msg;
  triggeredAt: number;
}

/** What may change in a recorded alarm: it is cleared once, and acknowledged (never un-acknowledged). */
export interface AlarmPatch {
  clearedAt?: number;
  acknowledged?: true;
}

export interface AlarmQuery {
  objectId?: string;
  activeOnly?: boolean;
  severity?: AlarmSeverity;
  limit: number;
  offset: number;
}

export interface LevelInfo {
  /** 'realtime' or the rollup interval. */
  level: 'realtime' | 'rollup';
  intervalSec: number;
  keepSec: number;
  rows: number;
  span: { from: number; to: number } | null;
}

export interface WorkspaceInfo {
  path: string;
  fileBytes: number;
  walBytes: number;
  tables: { name: string; rows: number; bytes: number }[];
  spanSec: { from: number; to: number } | null;
  perLevel: LevelInfo[];
  pendingTicks: number;
}
