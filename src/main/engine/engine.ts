/**
 * The Engine: owns one World and advances it tick by tick. Deterministic: the same scenario, seed and
 * commands at the same ticks give identical metrics, events and run hash.
 */
import {
  engineError,
  err,
  ok,
  type CommandReceipt,
  type EngineLike,
  type InventoryNode,
  type MetricBlock,
  type MetricCatalog,
  type Result,
  type TaskInfo,
  type TickResult,
} from './api';
import { executeCommand } from './commands';
import { BlockWriter } from './metrics/blocks';
import { METRIC_CATALOG } from './metrics/catalog';
import type { Command } from './model/commands';
import type { ClusterSettings, Scenario } from './model/scenario';
import type { EntityDetail, EntitySummary, PlacementExplanation, PlacementQuery } from './model/views';
import { haTick } from './ops/ha';
import { migrationLoad } from './ops/migration';
import { precheck, type MigrationPrecheck } from './ops/precheck';
import { migrationSkipReason } from './ops/precheck';
import { applySchedulerActions } from './ops/scheduler-actions';
import { servicesTick } from './ops/services';
import { vappTick } from './pools/commands';
import { poolQuotas, poolViews, type PoolQuotaRow, type PoolView } from './pools';
import { advanceTasks, startQueued } from './ops/runner';
import { pruneTasks, taskInfo } from './ops/tasks';
import { TickScratch } from './physics/scratch';
import { simulateTick } from './physics/tick';
import { periodicActions } from './scheduling';
import {
  hashScenario,
  hashWorld,
  hashWorldSteps,
  snapshotJson,
  snapshotJsonPieces,
  takeSnapshot,
  worldFromSnapshot,
  worldFromSnapshotSteps,
  type EngineSnapshot,
  type RestoreStepOptions,
} from './snapshot';
import { setClock, type WorkloadClock } from './workload/profile';
import { buildWorld, type BuildOptions } from './world/build';
import type { World } from './world/world';
import { explainPlacement } from './views/placement';
import { describeEntity, listEntities } from './views/describe';
import { buildInventory } from './views/inventory';
import { LatestMetrics } from './views/latest';
import type { EngineEvent, EntityKind, MetricEntityKind } from './api';

export class Engine implements EngineLike<Scenario, Command, EntityDetail, EngineSnapshot> {
  private readonly scratch = new TickScratch();
  private readonly latestMetrics = new LatestMetrics(METRIC_CATALOG);
  private readonly clock: WorkloadClock;
  /** The scenario's canonical hash (part of the run hash). */
  readonly scenarioHash: string;
  private readonly writer: BlockWriter;

  constructor(
    private readonly w: World,
    readonly scenario: Scenario,
    opts: { freshMetricArrays?: boolean; scenarioHash?: string } = {},
  ) {
    this.writer = new BlockWriter(opts.freshMetricArrays ?? false);
    this.scenarioHash = opts.scenarioHash ?? hashScenario(scenario);
    this.clock = {
      seed: w.seed,
      tick: 0,
      tickSeconds: w.tickSeconds,
      timeSec: 0,
      epochMs: w.startEpochMs,
      traces: w.traceById,
      dayShape0: 0,
      weekShape0: 0,
    };
  }

  get tickSeconds(): number {
    return this.w.tickSeconds;
  }
  get tick(): number {
    return this.w.tick;
  }
  get time(): number {
    return this.w.tick * this.w.tickSeconds;
  }
  get startEpochMs(): number {
    return this.w.startEpochMs;
  }
  get seed(): number {
    return this.w.seed;
  }

  /** Advances one tick: controllers, task starts, physics, task progress, periodic scheduling, metrics. */
  step(): TickResult {
    const w = this.w;
    haTick(w);
    servicesTick(w);
    vappTick(w);
    startQueued(w);
    const s = this.scratch;
    s.ensure(w.hosts.length, w.vms.length, w.containers.length);
    migrationLoad(w, s.hostMigFlows, s.hostIncomingMiB);
    const clk = this.clock;
    setClock(clk, w.tick, w.timeSec, w.startEpochMs + w.timeSec * 1000);
    clk.traces = w.traceById;
    simulateTick(w, s, clk);
    advanceTasks(w, s);
    applySchedulerActions(
      w,
      periodicActions(w, w.tick, (vmId, hostId, flows) => migrationSkipReason(w, vmId, hostId, flows)),
    );
    const blocks = this.writer.write(w, s);
    this.latestMetrics.update(blocks);
    w.tick++;
    const events = w.pendingEvents;
    w.pendingEvents = [];
    const tasks: TaskInfo[] = [];
    for (const id of w.changedTasks) {
      const t = w.taskById.get(id);
      if (t) tasks.push(taskInfo(t));
    }
    w.changedTasks.clear();
    pruneTasks(w);
    return { tick: w.tick, time: w.tick * w.tickSeconds, blocks, events, tasks };
  }

  /**
   * Validates and applies a command between ticks; a rejected command changes nothing, except one whose
   * handler threw (details.partial), which the caller must roll back.
   */
  execute(command: Command): Result<CommandReceipt> {
    try {
      const r = executeCommand(this.w, command);
      // The task a command queued starts now when nothing queued earlier waits for it (issue 12 defect 8): it
      // shows as running until the next tick instead of jumping from queued to completed. The next step's
      // startQueued would start it at this same time with the same limits, so the run is unchanged.
      if (r.ok && r.value.taskId !== undefined) {
        const id = r.value.taskId;
        if (this.w.tasks.every((t) => t.state !== 'queued' || t.id === id)) startQueued(this.w);
      }
      return r;
    } catch (e) {
      // A handler threw part-way (a bug or input no check caught): the world may be half-changed, so the
      // error says so (details.partial) and the caller rolls back (the service rebuilds the last good state).
      return err(
        engineError(
          'INVALID_ARGUMENT',
          `The command could not be read: ${e instanceof Error ? e.message : String(e)}`,
          { partial: true },
        ),
      );
    }
  }

  catalog(): MetricCatalog {
    return METRIC_CATALOG;
  }

  inventory(): InventoryNode[] {
    return buildInventory(this.w);
  }

  describe(id: string): Result<EntityDetail> {
    return describeEntity(this.w, this.latestMetrics, id);
  }

  /** Table rows of one kind (optionally below a parent at any depth) with their latest metrics. */
  list(kind: EntityKind, parentId?: string): EntitySummary[] {
    return listEntities(this.w, this.latestMetrics, kind, parentId);
  }

  /**
   * Metric values for "now" when this engine has none yet (just created or restored, before its first
   * step): the values of one step of a copy, kept as the latest (issue 12, defect 5: a reopened workspace
   * showed no usage while paused). Nothing of this engine's run changes (state, tick, history, hash).
   * Returns the blocks it kept, or null when values exist already or the copy cannot be made.
   */
  primeLatest(): MetricBlock[] | null {
    if (this.latestMetrics.filled) return null;
    const copy = restoreEngine(JSON.parse(this.snapshotJson()) as unknown, { freshMetricArrays: true });
    if (!copy.ok) return null;
    const blocks = copy.value.step().blocks;
    this.latestMetrics.update(blocks);
    return blocks;
  }

  /** The blocks kept as the latest values (empty before the first step or prime), to hand to another engine. */
  latestBlocks(): MetricBlock[] {
    return this.latestMetrics.kept();
  }

  /**
   * Keeps `blocks` as the latest values when this engine has none yet, as primeLatest does with the
   * blocks of a copy stepped elsewhere (the service's open thread). The run does not change.
   */
  keepLatest(blocks: MetricBlock[]): void {
    if (!this.latestMetrics.filled && blocks.length > 0) this.latestMetrics.update(blocks);
  }

  /** Latest metric values of one entity by metric name (undefined before the first tick or for unknown ids). */
  latest(id: string, kind?: MetricEntityKind): Record<string, number> | undefined {
    return kind ? this.latestMetrics.of(kind, id) : this.latestMetrics.find(id);
  }

  tasks(): TaskInfo[] {
    return this.w.tasks.map(taskInfo);
  }

  /**
   * Events commands raised since the last tick, oldest first (the next tick's result carries them too, first):
   * the service records them at once, so an object's events show while the clock is paused (issue 12).
   */
  pendingEvents(): readonly EngineEvent[] {
    return this.w.pendingEvents;
  }

  precheckMigration(vmId: string, hostId: string, datastoreId?: string): Result<MigrationPrecheck> {
    const vm = this.w.vmById.get(vmId);
    if (!vm) return err(engineError('NOT_FOUND', `No VM with id "${vmId}" exists.`, { id: vmId }));
    if (!this.w.hostById.has(hostId))
      return err(engineError('NOT_FOUND', `No host with id "${hostId}" exists.`, { id: hostId }));
    return ok(precheck(this.w, vm, hostId, datastoreId ?? null));
  }

  /** Capacity per pool (tenant quotas) of every cluster that has pools (pools/quota.ts). */
  poolQuotas(): PoolQuotaRow[] {
    return poolQuotas(this.w);
  }

  /** Resource pool trees (pools/view.ts): of one cluster (root included), or of every cluster that has pools. */
  pools(clusterId?: string): Result<PoolView[]> {
    if (clusterId !== undefined && !this.w.clusterById.has(clusterId))
      return err(engineError('NOT_FOUND', `No cluster with id "${clusterId}" exists.`, { id: clusterId }));
    return ok(poolViews(this.w, clusterId));
  }

  explainPlacement(query: PlacementQuery | Record<string, unknown>): Result<PlacementExplanation> {
    return explainPlacement(this.w, query);
  }

  clusterSettings(clusterId: string): Result<ClusterSettings> {
    const c = this.w.clusterById.get(clusterId);
    if (!c)
      return err(engineError('NOT_FOUND', `No cluster with id "${clusterId}" exists.`, { id: clusterId }));
    return ok(JSON.parse(JSON.stringify(c.settings)) as ClusterSettings);
  }

  snapshot(): EngineSnapshot {
    return takeSnapshot(this.w, this.scenario);
  }

  /** The snapshot already serialised (about half the cost of `snapshot()`); `restoreEngine(JSON.parse(text))` reads it. */
  snapshotJson(): string {
    return snapshotJson(this.w, this.scenario);
  }

  runHash(): string {
    return hashWorld(this.w, this.scenarioHash);
  }

  /** snapshotJson() in pieces (their concatenation is its text), for work done in slices; the state must not change until the last. */
  snapshotJsonPieces(): Generator<string, void, void> {
    return snapshotJsonPieces(this.w, this.scenario);
  }

  /** runHash() in steps (yielding the fraction done), for work done in slices; the state must not change until it returns. */
  runHashSteps(): Generator<number, string, void> {
    return hashWorldSteps(this.w, this.scenarioHash);
  }

  /** Read-only access to the world, for tests and the scheduling helper's tools. */
  get world(): Readonly<World> {
    return this.w;
  }
}

export interface EngineOptions extends BuildOptions {
  /**
   * Allocate new metric value arrays every tick (the caller may keep them forever). By default the
   * engine reuses a ring of 3 arrays per kind, so a TickResult's blocks stay valid for 2 more steps.
   */
  freshMetricArrays?: boolean;
}

export function createEngine(scenario: Scenario, opts: EngineOptions = {}): Result<Engine> {
  if (!scenario || typeof scenario !== 'object')
    return err(engineError('INVALID_ARGUMENT', 'A scenario object is required.'));
  if ((scenario as { version?: unknown }).version !== 1)
    return err(
      engineError(
        'NOT_SUPPORTED',
        `Scenario version ${String((scenario as { version?: unknown }).version)} is not supported; this engine reads version 1.`,
      ),
    );
  for (const k of [
    'datacenters',
    'clusters',
    'hosts',
    'datastores',
    'networks',
    'vms',
    'containers',
    'services',
    'traces',
  ] as const) {
    if (!Array.isArray(scenario[k]))
      return err(engineError('INVALID_ARGUMENT', `The scenario lacks its "${k}" list.`));
  }
  if (opts.seed !== undefined && (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff)) {
    return err(
      engineError('INVALID_ARGUMENT', `seed must be an integer from 0 to 4294967295, got ${opts.seed}`),
    );
  }
  const built = buildWorld(scenario, opts);
  if (!built.ok) return built;
  const frozen = JSON.parse(
    JSON.stringify({ ...scenario, seed: built.value.seed, tickSeconds: built.value.tickSeconds }),
  ) as Scenario;
  return ok(
    new Engine(
      built.value,
      frozen,
      opts.freshMetricArrays === undefined ? {} : { freshMetricArrays: opts.freshMetricArrays },
    ),
  );
}

export function restoreEngine(snapshot: unknown, opts: { freshMetricArrays?: boolean } = {}): Result<Engine> {
  const r = worldFromSnapshot(snapshot);
  if (!r.ok) return r;
  return ok(new Engine(r.value.world, r.value.scenario, opts));
}

/**
 * `restoreEngine` in slices: yields between pieces of work (see worldFromSnapshotSteps), so the service
 * can restore a large engine without blocking; driven to the end it gives the engine restoreEngine gives.
 * `scenarioHash` (an engine's `scenarioHash` for this same scenario, with `trusted`) skips hashing the
 * scenario again.
 */
export function* restoreEngineSteps(
  snapshot: unknown,
  opts: RestoreStepOptions & { freshMetricArrays?: boolean; scenarioHash?: string } = {},
): Generator<void, Result<Engine>, void> {
  const r = yield* worldFromSnapshotSteps(snapshot, opts.trusted ? { trusted: true } : {});
  if (!r.ok) return r;
  yield;
  return ok(
    new Engine(r.value.world, r.value.scenario, {
      ...(opts.freshMetricArrays === undefined ? {} : { freshMetricArrays: opts.freshMetricArrays }),
      ...(opts.trusted && opts.scenarioHash !== undefined ? { scenarioHash: opts.scenarioHash } : {}),
    }),
  );
}
