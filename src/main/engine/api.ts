/**
 * The engine's public surface: the types the service, the store and the shells see.
 * Everything here is plain, JSON-serialisable data. The engine imports nothing from
 * electron, node:*, better-sqlite3, src/shared or the renderer.
 */

import { msgText, type Msg } from './messages';

/** A result value: expected failures travel as values, never as thrown exceptions. */
export type Result<T, E = EngineError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

export type EngineErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'INVALID_STATE'
  | 'INSUFFICIENT_CAPACITY'
  | 'CONFLICT'
  | 'NOT_SUPPORTED'
  /** A manual-DRS cluster does not place new guests itself: `details.recommendations` ranks the hosts to choose from. */
  | 'PLACEMENT_CHOICE_REQUIRED';

/** A typed error with a message a person can act on. */
export interface EngineError {
  code: EngineErrorCode;
  message: string;
  /** The message as a code with parameters (the console's languages); `message` is its English text. */
  msg?: Msg;
  details?: Record<string, unknown>;
}

/** `message` given as a message code keeps its English text in `message` and the code in `msg`. */
export const engineError = (
  code: EngineErrorCode,
  message: string | Msg,
  details?: Record<string, unknown>,
): EngineError => {
  const e: EngineError =
    typeof message === 'string' ? { code, message } : { code, message: msgText(message), msg: message };
  if (details !== undefined) e.details = details;
  return e;
};

/** Kinds of objects in the inventory, listed once. Ids are strings with a kind prefix, e.g. "host-12". */
export const ENTITY_KINDS = [
  'datacenter',
  'cluster',
  'host',
  'datastore',
  'network',
  'vm',
  'container',
  'service',
  'pool',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Kinds that have metrics in every tick. */
export const METRIC_ENTITY_KINDS = [
  'cluster',
  'host',
  'datastore',
  'vm',
  'container',
  'pool',
] as const satisfies readonly EntityKind[];
export type MetricEntityKind = (typeof METRIC_ENTITY_KINDS)[number];

export type Severity = 'info' | 'warning' | 'error';

/** One metric definition. `name` is stable and used by the store, the API and the console. */
export interface MetricDef {
  name: string;
  unit: 'MHz' | '%' | 'ms' | 'MiB' | 'GiB' | 'IOPS' | 'Mbps' | 'W' | 'kWh' | 'count' | 'mcores';
  /** How a rollup combines samples: average (with max kept too) or last value. */
  rollup: 'avg' | 'last';
}

/** The ordered metric list per entity kind. Column i of a frame is catalog[kind][i]. */
export type MetricCatalog = Record<MetricEntityKind, readonly MetricDef[]>;

/**
 * The metrics of one tick for one entity kind, column-major for cheap collection:
 * values[m * ids.length + e] is metric m of entity ids[e].
 */
export interface MetricBlock {
  kind: MetricEntityKind;
  /** Shared and read-only; the same array object until the inventory changes. */
  ids: string[];
  /**
   * By default the engine reuses a ring of 3 value arrays per kind (no per-tick allocation): the array
   * stays valid for 2 more steps. Copy it (`values.slice()`) to keep it longer, or create the engine
   * with `freshMetricArrays: true`.
   */
  values: Float64Array;
}

export interface EngineEvent {
  /** Simulated time in seconds since the scenario start. */
  time: number;
  severity: Severity;
  type: string;
  /** English text (stored; shown where the code is unknown). */
  message: string;
  /** Ids of the objects concerned, most specific first. */
  objects: string[];
  /** The message as a code with parameters, for the console's languages (absent in older records). */
  msg?: Msg;
}

export type TaskState = 'queued' | 'running' | 'success' | 'error' | 'cancelled';

export interface TaskInfo {
  id: string;
  /** e.g. "vm.create", "vm.migrate", "host.maintenance.enter". */
  type: string;
  /** Human readable description, e.g. "Migrate web-01 to esx-03". */
  description: string;
  target: string;
  state: TaskState;
  /** 0..100 */
  progress: number;
  /** Simulated seconds. */
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Outcome reason for success/error, e.g. "Migration did not converge after 30 rounds". */
  reason: string | null;
  /** Id of the object the task created, when it created one. */
  resultId?: string;
  /** `description` and `reason` as message codes (absent in older records and where none was given). */
  descriptionMsg?: Msg;
  reasonMsg?: Msg;
}

export interface TickResult {
  tick: number;
  /** Simulated seconds since the scenario start at the end of this tick. */
  time: number;
  blocks: MetricBlock[];
  events: EngineEvent[];
  /** Tasks whose state or progress changed in this tick. */
  tasks: TaskInfo[];
}

/** A node of the Hosts & Clusters inventory tree. */
export interface InventoryNode {
  id: string;
  kind: EntityKind;
  name: string;
  /** e.g. "connected", "maintenance", "standby", "failed", "poweredOn", "poweredOff", "suspended", "running", "migrating". */
  state: string;
  parentId: string | null;
  /** Tags of a VM or host (absent when it has none): the console's `tag:` search reads them. */
  tags?: string[];
  children?: InventoryNode[];
}

/** What `execute` answers when a command is accepted. */
export interface CommandReceipt {
  /** The task that carries out the command, when it takes simulated time. */
  taskId?: string;
  /** Id of the object created immediately (e.g. the new VM's id), when there is one. */
  createdId?: string;
}

/**
 * The engine instance. Single-threaded, deterministic: same scenario + seed + the same
 * commands at the same ticks give identical results.
 * `Scenario`, `Command`, `EntityDetail` and `EngineSnapshot` are defined in ./model.
 */
export interface EngineLike<Scenario, Command, EntityDetail, Snapshot> {
  readonly tickSeconds: number;
  /** Ticks completed so far. */
  readonly tick: number;
  /** Simulated seconds since the scenario start (tick * tickSeconds). */
  readonly time: number;
  /** Epoch milliseconds of the scenario's simulated start, for display only. */
  readonly startEpochMs: number;
  readonly scenario: Scenario;
  /** Advance one tick. */
  step(): TickResult;
  /** Validate and apply a command; a rejected command changes nothing. */
  execute(command: Command): Result<CommandReceipt>;
  catalog(): MetricCatalog;
  /** The Hosts & Clusters tree, roots are datacenters. */
  inventory(): InventoryNode[];
  describe(id: string): Result<EntityDetail>;
  tasks(): TaskInfo[];
  snapshot(): Snapshot;
  /** A short stable hash of the full state, for replay and determinism checks. */
  runHash(): string;
}
