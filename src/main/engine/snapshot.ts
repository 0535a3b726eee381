/**
 * Snapshot and restore. A snapshot is the whole world as plain JSON (records, tasks, counters, the
 * scenario it came from); restoring rebuilds the indexes and continues identically. The run hash is
 * FNV-1a over the canonical JSON of the snapshot.
 */
import { engineError, err, ok, type EngineEvent, type Result } from './api';
import type { Scenario } from './model/scenario';
import type { TaskRec } from './ops/task-types';
import { fnv1a } from './prng';
import { demandState, restoreDemandState, type DemandState } from './scheduling/demand-state';
import { internParams, workloadParams } from './workload/params';
import type {
  ClusterRec,
  ContainerRec,
  DatacenterRec,
  DatastoreRec,
  HostRec,
  NetworkRec,
  PoolRec,
  ServiceRec,
  TraceRec,
  VmRec,
} from './world/types';
import { World, type WorldCounters } from './world/world';
import { snapshotRecordProblems } from './world/check-fields';
import { restoredVmShape } from './world/records';
import { snapshotPoolProblems } from './pools/checks';

export const SNAPSHOT_FORMAT = 'vdc-engine-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface EngineSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  scenario: Scenario;
  seed: number;
  tickSeconds: number;
  startEpochMs: number;
  tick: number;
  counters: WorldCounters;
  datacenters: DatacenterRec[];
  clusters: ClusterRec[];
  hosts: HostRec[];
  datastores: DatastoreRec[];
  networks: NetworkRec[];
  vms: VmRec[];
  containers: ContainerRec[];
  services: ServiceRec[];
  traces: TraceRec[];
  tasks: TaskRec[];
  pendingEvents: EngineEvent[];
  changedTasks: string[];
  /** DRS/DPM averaging windows (scheduling/demand-window.ts); absent in older snapshots. */
  demand?: DemandState | null;
  /** Resource pools and vApps (pools/); absent when there are none (and in older snapshots). */
  pools?: PoolRec[];
}

export function takeSnapshot(w: World, scenario: Scenario): EngineSnapshot {
  // A deep copy, so later ticks never change a snapshot the caller holds.
  return JSON.parse(snapshotJson(w, scenario)) as EngineSnapshot;
}

/** The snapshot as a JSON string (one serialisation, no copy: the cheapest way to checkpoint). */
export function snapshotJson(w: World, scenario: Scenario): string {
  return JSON.stringify(snapshotObject(w, scenario));
}

/** snapshotJson in pieces (see jsonPieces): the same text, for work done in slices. */
export function snapshotJsonPieces(w: World, scenario: Scenario): Generator<string, void, void> {
  return jsonPieces(snapshotObject(w, scenario) as unknown as Record<string, unknown>);
}

function snapshotObject(w: World, scenario: Scenario): EngineSnapshot {
  const snap: EngineSnapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    scenario,
    ...stateOf(w),
    pendingEvents: w.pendingEvents,
    changedTasks: [...w.changedTasks],
    demand: demandState(w),
  };
  return snap;
}

const ARRAYS = [
  'datacenters',
  'clusters',
  'hosts',
  'datastores',
  'networks',
  'vms',
  'containers',
  'services',
  'traces',
  'tasks',
  'pendingEvents',
  'changedTasks',
] as const;

export function worldFromSnapshot(raw: unknown): Result<{ world: World; scenario: Scenario }> {
  const steps = worldFromSnapshotSteps(raw);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** How `worldFromSnapshotSteps` reads its input. */
export interface RestoreStepOptions {
  /**
   * The snapshot is a fresh object parsed from `snapshotJson` of an engine of this program that restored
   * and validated it (the service's open thread hands one over): it is neither validated again nor copied,
   * and the world takes it over. Never set for a snapshot that comes from a file or a client.
   */
  trusted?: boolean;
}

/** Records restored between two yields of `worldFromSnapshotSteps`. */
const RESTORE_SLICE = 2000;

/**
 * `worldFromSnapshot` as a generator: yields between pieces of work (a few thousand records each), so a
 * caller can restore a large world in slices with other work between them. Driving it to the end gives
 * exactly what `worldFromSnapshot` gives (which is this generator driven at once).
 */
export function* worldFromSnapshotSteps(
  raw: unknown,
  opts: RestoreStepOptions = {},
): Generator<void, Result<{ world: World; scenario: Scenario }>, void> {
  if (!raw || typeof raw !== 'object')
    return err(engineError('INVALID_ARGUMENT', 'The snapshot is not an object.'));
  const s = raw as Partial<EngineSnapshot>;
  if (s.format !== SNAPSHOT_FORMAT)
    return err(engineError('INVALID_ARGUMENT', `Not an engine snapshot (format "${String(s.format)}").`));
  if (s.version !== SNAPSHOT_VERSION)
    return err(
      engineError(
        'NOT_SUPPORTED',
        `Snapshot version ${String(s.version)} is not supported (this engine reads version ${SNAPSHOT_VERSION}).`,
      ),
    );
  for (const k of ARRAYS)
    if (!Array.isArray(s[k]))
      return err(engineError('INVALID_ARGUMENT', `The snapshot lacks its "${k}" list.`));
  for (const k of ['seed', 'tickSeconds', 'startEpochMs', 'tick'] as const) {
    if (typeof s[k] !== 'number' || !Number.isFinite(s[k]))
      return err(engineError('INVALID_ARGUMENT', `The snapshot's "${k}" is not a number.`));
  }
  if (!s.scenario || typeof s.scenario !== 'object' || !s.counters || typeof s.counters !== 'object')
    return err(engineError('INVALID_ARGUMENT', 'The snapshot lacks its scenario or counters.'));
  const problems = opts.trusted
    ? []
    : [
        ...snapshotRecordProblems(s as Record<string, unknown>),
        ...snapshotPoolProblems((s as { pools?: unknown }).pools),
      ];
  if (problems.length > 0)
    return err(
      engineError(
        'INVALID_ARGUMENT',
        `The snapshot has ${problems.length} bad value(s): ${problems.slice(0, 5).join('; ')}`,
        { problems },
      ),
    );
  yield;
  const copy = opts.trusted ? (s as EngineSnapshot) : (JSON.parse(JSON.stringify(s)) as EngineSnapshot);
  yield;
  const w = new World(copy.seed, copy.tickSeconds, copy.startEpochMs);
  w.tick = copy.tick;
  w.counters = copy.counters;
  w.datacenters = copy.datacenters;
  w.clusters = copy.clusters;
  w.hosts = copy.hosts;
  w.datastores = copy.datastores;
  w.networks = copy.networks;
  w.vms = copy.vms;
  w.containers = copy.containers;
  w.services = copy.services;
  w.traces = copy.traces;
  w.tasks = copy.tasks;
  w.pendingEvents = copy.pendingEvents;
  w.changedTasks = new Set(copy.changedTasks);
  w.pools = copy.pools ?? [];
  yield* backfill(w);
  w.reindex();
  yield;
  restoreDemandState(w, copy.demand);
  return ok({ world: w, scenario: copy.scenario });
}

/**
 * Fields added after the first snapshots were written get their defaults (older checkpoints stay
 * readable). Yields every RESTORE_SLICE records.
 */
function* backfill(w: World): Generator<void, void, void> {
  let i = 0;
  for (const vm of w.vms) {
    // Restored params are shared again (as built), keeping their values.
    vm.wp = vm.wp ? internParams(vm.wp) : workloadParams(vm.workload, 'vm');
    vm.bootUntil ??= 0;
    restoredVmShape(vm);
    if (++i % RESTORE_SLICE === 0) yield;
  }
  for (const c of w.containers) {
    c.wp = c.wp ? internParams(c.wp) : workloadParams(c.workload, 'container');
    if (++i % RESTORE_SLICE === 0) yield;
  }
  for (const svc of w.services) {
    svc.loadReplicas ??= Math.max(1, svc.replicas);
    svc.activeReplicas ??= Math.max(1, svc.replicas);
  }
}

/**
 * Stable short hash of the state (16 hex digits: two FNV-1a passes with different offsets). Records
 * hold user objects in canonical key order (model/canonical.ts), so plain JSON is stable; the scenario
 * enters through its own canonical hash, computed once.
 */
export function hashWorld(w: World, scenarioHash: string): string {
  const text = scenarioHash + JSON.stringify({ ...stateOf(w), tasks: w.tasks.map(withoutMsgs) });
  const a = fnv1a(text);
  const b = fnv1a(text, 0x01000193 ^ 0x5bd1e995);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * hashWorld in steps, one record of the state per step (yielding the fraction done), for work done in
 * slices: the same hash, as long as the world does not change until it returns.
 */
export function* hashWorldSteps(w: World, scenarioHash: string): Generator<number, string, void> {
  const state: Record<string, unknown> = { ...stateOf(w), tasks: w.tasks.map(withoutMsgs) };
  let total = 1;
  for (const v of Object.values(state)) if (Array.isArray(v)) total += v.length;
  let a = fnv1a(scenarioHash);
  let b = fnv1a(scenarioHash, 0x01000193 ^ 0x5bd1e995);
  let done = 0;
  for (const piece of jsonPieces(state)) {
    a = fnv1a(piece, a);
    b = fnv1a(piece, b);
    yield Math.min(1, ++done / total);
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * The text of JSON.stringify(value) in pieces — objects opened down to `depth` levels, each element of
 * an array in them a piece of its own — so a large state (thousands of records, a scenario of thousands
 * of VMs, DRS windows) can be serialised or hashed in slices. Their concatenation is exactly
 * JSON.stringify(value) for plain data.
 */
export function* jsonPieces(value: Record<string, unknown>, depth = 4): Generator<string, void, void> {
  yield* objectPieces(value, '', depth);
}

const opens = (v: unknown): v is object =>
  v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

function* objectPieces(o: object, prefix: string, depth: number): Generator<string, void, void> {
  if (Array.isArray(o)) {
    if (o.length === 0) {
      yield `${prefix}[]`;
      return;
    }
    // Elements are pieces whole (records: a VM, a host, a task; one number of a window).
    for (let i = 0; i < o.length; i++)
      yield (i === 0 ? `${prefix}[` : ',') + ((JSON.stringify(o[i]) as string | undefined) ?? 'null');
    yield ']';
    return;
  }
  let sep = `${prefix}{`;
  for (const key of Object.keys(o)) {
    const v: unknown = (o as Record<string, unknown>)[key];
    const head = `${sep}${JSON.stringify(key)}:`;
    if (depth > 1 && opens(v)) yield* objectPieces(v, head, depth - 1);
    else {
      const text = JSON.stringify(v) as string | undefined;
      if (text === undefined) continue;
      yield head + text;
    }
    sep = ',';
  }
  yield sep === `${prefix}{` ? `${prefix}{}` : '}';
}

export function hashScenario(s: Scenario): string {
  return fnv1a(canonicalJson(s)).toString(16).padStart(8, '0');
}

/** JSON with object keys in sorted order (arrays keep their order). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

function stateOf(
  w: World,
): Omit<EngineSnapshot, 'changedTasks' | 'pendingEvents' | 'scenario' | 'format' | 'version'> {
  return {
    seed: w.seed,
    tickSeconds: w.tickSeconds,
    startEpochMs: w.startEpochMs,
    tick: w.tick,
    counters: w.counters,
    datacenters: w.datacenters,
    clusters: w.clusters,
    hosts: w.hosts,
    datastores: w.datastores,
    networks: w.networks,
    vms: w.vms,
    containers: w.containers,
    services: w.services,
    traces: w.traces,
    tasks: w.tasks,
    // Only when pools exist, so worlds without pools snapshot and hash exactly as before.
    ...(w.pools.length > 0 ? { pools: w.pools } : {}),
  };
}

/**
 * A task as the run hash sees it: without its message codes, which only restate `description` and
 * `reason` (already hashed) for the console's languages; so adding codes left every run hash unchanged.
 */
function withoutMsgs(t: TaskRec): TaskRec {
  if (t.descriptionMsg === undefined && t.reasonMsg === undefined) return t;
  const { descriptionMsg: _d, reasonMsg: _r, ...rest } = t;
  return rest;
}
