/**
 * One open simulation: the engine, its workspace file (when there is one), the clock that drives
 * it and the alarm evaluator. Every tick is recorded in the workspace; every command is logged so
 * reopening after a crash replays from the last checkpoint to exactly where the run stopped.
 */
import type { TickResult, EngineEvent, TaskInfo, InventoryNode } from '../engine/api';
import { createEngine, restoreEngine, type Engine, type Command } from '../engine';
import type { Workspace } from '../store';
import type { ApiResult } from '../../shared/errors';
import { apiErr, apiOk } from '../../shared/errors';
import type { AlarmView } from '../../shared/schemas/views';
import { SimClock } from './clock';
import { AlarmEvaluator, parseAlarmState, type AlarmChange } from './alarms';
import { fromEngineError, fromStoreError } from './errors';
import { checkpointJson, unwrapCheckpoint } from './checkpoint';

/** Observers of a session (the demo player, lab checks): called after each recorded tick and command. */
export interface SessionListener {
  afterTick?(result: TickResult): void;
  afterCommand?(command: Command, result: ApiResult<{ taskId?: string; createdId?: string }>): void;
}

export interface SessionHooks {
  onTick(result: TickResult, alarms: AlarmView[]): void;
  /** A command was accepted and created this task (shown at once, before the next tick). */
  onTaskQueued?(task: TaskInfo): void;
  onClockChange(): void;
}

/**
 * Checkpoint the engine every this many simulated seconds, or after this much wall time while running
 * (and on pause and close), so a reopen after a crash replays only a few seconds of work.
 */
const CHECKPOINT_EVERY_SEC = 2 * 3600;
const CHECKPOINT_EVERY_WALL_MS = 15_000;
/** Flush buffered history to the file at least this often, in wall milliseconds. */
const FLUSH_EVERY_MS = 500;

export class Session {
  readonly clock: SimClock;
  readonly alarms: AlarmEvaluator;
  private names = new Map<string, string>();
  private lastCheckpointTime: number;
  private lastCheckpointWall = Date.now();
  private lastFlushWall = 0;
  private storeError: string | null = null;
  private listeners: SessionListener[] = [];
  /** Sequence number of the last logged command. */
  private commandSeq = 0;

  private constructor(
    readonly engine: Engine,
    readonly workspace: Workspace | null,
    private readonly hooks: SessionHooks,
  ) {
    this.lastCheckpointTime = engine.time;
    const catalog = engine.catalog();
    const columns = (kind: string) => (catalog[kind as keyof typeof catalog] ?? []).map((d) => d.name);
    this.alarms = new AlarmEvaluator(columns, (id) => this.names.get(id) ?? id);
    this.refreshNames();
    this.clock = new SimClock({
      tickSeconds: engine.tickSeconds,
      step: () => void this.step(),
      onChange: () => this.afterSlice(),
    });
  }

  /** A new simulation from a scenario; recorded into a new workspace file when `path` is given. */
  static create(args: { scenario: unknown; seed?: number; path: string | null; name: string; hooks: SessionHooks; createWorkspace: (path: string, engine: Engine, name: string) => ApiResult<Workspace> }): ApiResult<Session> {
    const created = createEngine(args.scenario as Parameters<typeof createEngine>[0], args.seed === undefined ? {} : { seed: args.seed });
    if (!created.ok) return { ok: false, error: fromEngineError(created.error) };
    const engine = created.value;
    let workspace: Workspace | null = null;
    if (args.path) {
      const ws = args.createWorkspace(args.path, engine, args.name);
      if (!ws.ok) return ws;
      workspace = ws.value;
      const adopted = workspace.adoptCatalog(engine.catalog());
      if (!adopted.ok) {
        workspace.close();
        return { ok: false, error: fromStoreError(adopted.error) };
      }
    }
    const session = new Session(engine, workspace, args.hooks);
    session.registerEntities();
    const saved = session.checkpoint();
    if (!saved.ok) {
      workspace?.close();
      return saved;
    }
    return apiOk(session);
  }

  /** Reopens a workspace: restores the last checkpoint and replays logged commands up to the last recorded tick. */
  static open(workspace: Workspace, hooks: SessionHooks): ApiResult<Session> {
    const snap = workspace.latestSnapshot();
    if (!snap) return apiErr('WORKSPACE_ERROR', `${workspace.path} has no engine checkpoint; it cannot be resumed.`);
    const checkpoint = unwrapCheckpoint(snap.snapshot);
    if (!checkpoint) {
      return apiErr('WORKSPACE_ERROR', `The checkpoint in ${workspace.path} is not in a format this version understands.`);
    }
    const restored = restoreEngine(checkpoint.engine);
    if (!restored.ok) return apiErr('WORKSPACE_ERROR', `The checkpoint in ${workspace.path} cannot be restored: ${restored.error.message}`);
    const engine = restored.value;
    // Values are mapped by metric name: a file written with another catalogue takes this engine's
    // (new metrics from now on, dropped ones no longer written; docs/store.md, "The metric catalogue").
    const adopted = workspace.adoptCatalog(engine.catalog());
    if (!adopted.ok) return { ok: false, error: fromStoreError(adopted.error) };
    const session = new Session(engine, workspace, hooks);
    // Checkpoints since schema 4 carry the alarm evaluator (pending trigger times, active alarms, id
    // counter): replaying the ticks after the checkpoint through it gives exactly the alarm state of an
    // uninterrupted run (those alarms are already in the file and are not recorded again).
    const alarmState = parseAlarmState(checkpoint.alarms);
    if (alarmState) session.alarms.load(alarmState);
    const lastTick = workspace.meta().lastTick;
    const commands = workspace.commandsAfter(checkpoint.commandSeq);
    let c = 0;
    // Re-run the ticks between the checkpoint and the end of recorded history without recording them again.
    while (engine.tick < lastTick) {
      while (c < commands.length && (commands[c]?.tick ?? Infinity) <= engine.tick) {
        engine.execute(commands[c]!.command as Command);
        c++;
      }
      const r = engine.step();
      if (alarmState) session.alarms.evaluate(r.time, r.blocks);
    }
    while (c < commands.length && (commands[c]?.tick ?? Infinity) <= engine.tick) {
      engine.execute(commands[c]!.command as Command);
      c++;
    }
    session.refreshNames();
    session.commandSeq = commands.length ? commands[commands.length - 1]!.seq : (checkpoint.commandSeq);
    if (!alarmState) {
      // Older checkpoints: the active alarms as the file holds them.
      const active = workspace.queryAlarms({ activeOnly: true, limit: 10_000, offset: 0 });
      if (active.ok) session.alarms.restore(active.value.rows, 0);
    }
    // Ids are unique for the life of the file, whatever the checkpoint says.
    session.alarms.reserveAbove(workspace.alarmSeq());
    return apiOk(session);
  }

  get time(): number {
    return this.engine.time;
  }

  nameOf(id: string): string {
    return this.names.get(id) ?? id;
  }

  /** Runs one tick and records it. */
  step(): TickResult {
    const result = this.engine.step();
    const changes = this.alarms.evaluate(result.time, result.blocks);
    const changed = changes.map((c) => c.alarm);
    if (this.workspace) {
      this.workspace.appendTick(result);
      for (const c of changes) recordAlarmChange(this.workspace, c);
      if (result.events.some(isInventoryEvent)) this.registerEntities();
    }
    this.hooks.onTick(result, changed);
    for (const l of this.listeners) l.afterTick?.(result);
    if (result.time - this.lastCheckpointTime >= CHECKPOINT_EVERY_SEC || Date.now() - this.lastCheckpointWall >= CHECKPOINT_EVERY_WALL_MS) {
      this.checkpoint();
    }
    return result;
  }

  /** Adds an observer; answers a function that removes it. */
  listen(listener: SessionListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  execute(command: Command): ApiResult<{ taskId?: string; createdId?: string }> {
    const result = this.applyCommand(command);
    for (const l of this.listeners) l.afterCommand?.(command, result);
    return result;
  }

  private applyCommand(command: Command): ApiResult<{ taskId?: string; createdId?: string }> {
    const r = this.engine.execute(command);
    if (!r.ok) return { ok: false, error: fromEngineError(r.error) };
    if (r.value.taskId && this.hooks.onTaskQueued) {
      const task = this.engine.tasks().find((t) => t.id === r.value.taskId);
      if (task) this.hooks.onTaskQueued(task);
    }
    if (this.workspace) {
      const logged = this.workspace.appendCommand(this.engine.tick, command);
      if (logged.ok) this.commandSeq = logged.value;
      this.registerEntities();
    } else {
      this.refreshNames();
    }
    return apiOk(r.value);
  }

  /** Saves the engine state and flushes history. */
  checkpoint(): ApiResult<null> {
    this.lastCheckpointTime = this.engine.time;
    this.lastCheckpointWall = Date.now();
    if (!this.workspace) return apiOk(null);
    // Assembled as text: snapshotJson() skips the deep copy a snapshot object would need (large states).
    const json = checkpointJson(this.engine.snapshotJson(), this.commandSeq, JSON.stringify(this.alarms.state()));
    const saved = this.workspace.saveSnapshotJson(this.engine.tick, this.engine.time, json);
    if (!saved.ok) return { ok: false, error: fromStoreError(saved.error) };
    return this.flush();
  }

  flush(): ApiResult<null> {
    if (!this.workspace) return apiOk(null);
    this.lastFlushWall = Date.now();
    const r = this.workspace.flush();
    if (!r.ok) {
      if (this.storeError !== r.error.message) this.storeError = r.error.message;
      this.clock.pause();
      return { ok: false, error: fromStoreError(r.error) };
    }
    this.storeError = null;
    return apiOk(null);
  }

  /** The last write error, while history cannot be written (the buffer is kept in memory). */
  get writeError(): string | null {
    return this.storeError;
  }

  close(): void {
    this.clock.dispose();
    this.checkpoint();
    this.workspace?.close();
  }

  private afterSlice(): void {
    if (this.workspace && Date.now() - this.lastFlushWall >= FLUSH_EVERY_MS) this.flush();
    if (!this.clock.running) this.checkpoint();
    this.hooks.onClockChange();
  }

  private registerEntities(): void {
    this.refreshNames();
    if (!this.workspace) return;
    const rows: { id: string; kind: string; name: string; parentId: string | null }[] = [];
    walk(this.engine.inventory(), (n) => rows.push({ id: n.id, kind: n.kind, name: n.name, parentId: n.parentId }));
    this.workspace.registerEntities(rows);
  }

  private refreshNames(): void {
    this.names.clear();
    walk(this.engine.inventory(), (n) => this.names.set(n.id, n.name));
  }
}

/** Records a raised or cleared alarm with the history of its tick. */
export function recordAlarmChange(ws: Workspace, c: AlarmChange): void {
  if (c.kind === 'raised') ws.recordAlarm(c.alarm);
  else if (c.alarm.clearedAt !== null) ws.clearAlarm(c.alarm.id, c.alarm.clearedAt);
}

function isInventoryEvent(e: EngineEvent): boolean {
  return /created|deleted|added|removed|cloned|restarted|scaled/.test(e.type);
}

export function walk(nodes: InventoryNode[], fn: (n: InventoryNode) => void): void {
  for (const n of nodes) {
    fn(n);
    if (n.children) walk(n.children, fn);
  }
}

export type { TaskInfo };
