/**
 * One open simulation: the engine, its workspace file (when there is one), the clock that drives
 * it and the alarm evaluator. Every tick is recorded in the workspace; every command is logged so
 * reopening after a crash replays from the last checkpoint to exactly where the run stopped.
 */
import type { TickResult, EngineEvent, TaskInfo, InventoryNode, MetricCatalog } from '../engine/api';
import { createEngine, restoreEngine, type Engine, type Command } from '../engine';
import type { Workspace } from '../store';
import type { ApiResult } from '../../shared/errors';
import { apiErr, apiOk } from '../../shared/errors';
import type { AlarmView } from '../../shared/schemas/views';
import { SimClock } from './clock';
import { AlarmEvaluator, parseAlarmState, type AlarmChange, type AlarmState } from './alarms';
import { loadDefinitions, readVersions } from './alarm-definitions';
import { actionCommand, actionEvent } from './alarm-actions';
import { fromEngineError, fromStoreError } from './errors';
import { checkpointJson, checkpointJsonAround, unwrapCheckpoint } from './checkpoint';
import { encodeSnapshotPieces } from '../store';
import { advanceInSlices } from './jobs';
import { readLive, snapshotJsonSteps } from './live-state';

/** Observers of a session (the demo player, lab checks): called after each recorded tick and command. */
export interface SessionListener {
  afterTick?(result: TickResult): void;
  afterCommand?(command: Command, result: ApiResult<{ taskId?: string; createdId?: string }>): void;
}

export interface SessionHooks {
  onTick(result: TickResult, alarms: AlarmView[]): void;
  /** A tick failed: the clock stopped and the session kept (or went back to) its last good state. */
  onFault?(fault: SessionFault, event: EngineEvent): void;
  /** A command was accepted and created this task (shown at once, before the next tick). */
  onTaskQueued?(task: TaskInfo): void;
  /** Events the session recorded itself after a tick (alarm actions), to show at once. */
  onEvents?(events: EngineEvent[]): void;
  onClockChange(): void;
}

/** Why the simulation stopped by itself: a failed tick, or a restart after the service stopped unexpectedly. */
export interface SessionFault {
  kind: 'tick' | 'crash';
  /** The tick that failed (kind "tick"), or the tick the workspace was reopened at. */
  tick: number;
  message: string;
}

/**
 * Test-only fault injection (never reachable from the API: only ServiceOptions.testHooks set it, which
 * only tests pass). `failTick` throws inside that tick after the engine stepped and before it is recorded.
 */
export interface SessionTestHooks {
  failTick?: number;
  /** Throw after the tick was recorded (in the observers), to test a failure past the commit point. */
  failAfterCommitTick?: number;
  /** Work per slice of a background checkpoint's reading (default 20 ms; 0: one step per slice). */
  checkpointSliceMs?: number;
}

/** A tick that could not be completed; the session is back at its last good state (`rolledBackTo`). */
export class TickFailure extends Error {
  constructor(
    readonly tick: number,
    readonly reason: unknown,
    readonly rolledBackTo: number | null,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/**
 * Checkpoint the engine every this many simulated seconds, or after this much wall time while running
 * (and on pause and close), so a reopen after a crash replays only a few seconds of work.
 */
const CHECKPOINT_EVERY_SEC = 2 * 3600;
const CHECKPOINT_EVERY_WALL_MS = 15_000;
/** Flush buffered history to the file at least this often, in wall milliseconds. */
const FLUSH_EVERY_MS = 500;
/** Work per slice of a checkpoint read in the background (as the jobs' slices). */
const CHECKPOINT_SLICE_MS = 20;

/** A checkpoint's state as read in the background, ready to be compressed and written. */
interface CapturedCheckpoint {
  tick: number;
  time: number;
  /** The envelope's JSON text in pieces (their concatenation is checkpointJson's). */
  pieces: string[];
  key: string;
  /** checkpointGen when it was read: a checkpoint written since is newer, and this one is dropped. */
  gen: number;
}

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
  /** Without a workspace: the engine at creation and every command since, to roll a failed tick back. */
  private memBase: string | null = null;
  private memLog: { tick: number; command: Command }[] = [];
  /** Set when a tick failed (cleared by play); shown to clients with the clock state. */
  fault: SessionFault | null = null;
  private broken = false;
  /** How many of the engine's pending events (raised by commands since the last tick) are recorded already. */
  private recordedPending = 0;
  testHooks: SessionTestHooks | null = null;
  private eng: Engine;
  /** Changes to the engine besides ticks and logged commands (a command whose log failed, a rollback). */
  private otherChanges = 0;
  /**
   * The state the file gives again on a reopen (stateKey): the last checkpoint's, or the one the
   * session was opened at. Closing a session still in that state writes no checkpoint.
   */
  private savedState: string | null = null;
  /**
   * Checkpoints in the background (set by the service for the sessions it runs): the periodic and the
   * pause checkpoints are read in slices with the clock held and compressed off this thread instead of
   * in one step (issue 21: no request or tick blocks the service more than 100 ms). Off (headless runs,
   * tests driving a session directly): each checkpoint is written in one step, when due.
   */
  slicedCheckpoints = false;
  /** The background checkpoint in progress (checkpointSoon). */
  private background: Promise<void> | null = null;
  /** Run another background checkpoint after the one in progress if the state changed by then. */
  private backgroundAgain = false;
  /** Bumped by every checkpoint written. */
  private checkpointGen = 0;
  /** Checkpoints written to the file so far (tests count them). */
  checkpointsWritten = 0;
  /** Longest slice of a background checkpoint's reading, in ms (the bench reports it). */
  longestCheckpointSliceMs = 0;
  /** Set by close(): no background checkpoint starts or writes any more. */
  private closed = false;

  private constructor(
    engine: Engine,
    readonly workspace: Workspace | null,
    private readonly hooks: SessionHooks,
  ) {
    this.eng = engine;
    this.lastCheckpointTime = engine.time;
    const catalog = engine.catalog();
    const columns = (kind: string) => (catalog[kind as keyof typeof catalog] ?? []).map((d) => d.name);
    this.alarms = new AlarmEvaluator(columns, (id) => this.names.get(id) ?? id);
    // Checked before a session is made (Session.open): a file's definitions read here are valid.
    loadDefinitions(this.alarms, workspace);
    this.refreshNames();
    this.clock = new SimClock({
      tickSeconds: engine.tickSeconds,
      step: () => void this.step(),
      onChange: () => this.afterSlice(),
      // The session has already rolled back and recorded the fault (step): the clock only stops.
      onFault: () => undefined,
    });
  }

  /** The engine (replaced by a rebuilt one when a failed tick is rolled back). */
  get engine(): Engine {
    return this.eng;
  }

  /** A new simulation from a scenario; recorded into a new workspace file when `path` is given. */
  static create(args: {
    scenario: unknown;
    seed?: number;
    path: string | null;
    name: string;
    hooks: SessionHooks;
    createWorkspace: (path: string, engine: Engine, name: string) => ApiResult<Workspace>;
  }): ApiResult<Session> {
    const created = createEngine(
      args.scenario as Parameters<typeof createEngine>[0],
      args.seed === undefined ? {} : { seed: args.seed },
    );
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
    if (!workspace) session.memBase = engine.snapshotJson();
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
    // Stored alarm definitions this version cannot read stop the open (naming the file and the field)
    // before anything is written: never the defaults instead, which would lose them.
    const defs = readVersions(workspace);
    if (!defs.ok) return defs;
    const snap = workspace.latestSnapshot();
    if (!snap)
      return apiErr('WORKSPACE_ERROR', `${workspace.path} has no engine checkpoint; it cannot be resumed.`);
    const checkpoint = unwrapCheckpoint(snap.snapshot);
    if (!checkpoint) {
      return apiErr(
        'WORKSPACE_ERROR',
        `The checkpoint in ${workspace.path} is not in a format this version understands.`,
      );
    }
    const restored = restoreEngine(checkpoint.engine);
    if (!restored.ok)
      return apiErr(
        'WORKSPACE_ERROR',
        `The checkpoint in ${workspace.path} cannot be restored: ${restored.error.message}`,
      );
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
    const replayed = replayTo(
      engine,
      commands,
      lastTick,
      workspace.path,
      alarmState ? (r) => void session.alarms.evaluate(r.time, r.blocks) : undefined,
    );
    if (!replayed.ok) return replayed;
    // A file that says so recorded the events of its commands when they ran (older files: with the next tick).
    if (checkpoint.recordedEvents !== undefined) session.recordedPending = engine.pendingEvents().length;
    session.refreshNames();
    session.commandSeq = commands.length ? commands[commands.length - 1]!.seq : checkpoint.commandSeq;
    if (!alarmState) {
      // Older checkpoints: the active alarms as the file holds them.
      const active = workspace.queryAlarms({ activeOnly: true, limit: 10_000, offset: 0 });
      if (active.ok) session.alarms.restore(active.value.rows, 0);
    }
    // Ids are unique for the life of the file, whatever the checkpoint says.
    session.alarms.reserveAbove(workspace.alarmSeq());
    // The file gives this state again on a reopen: closing it unchanged needs no checkpoint.
    session.savedState = session.stateKey();
    return apiOk(session);
  }

  /**
   * A session around an engine restored elsewhere (the service's open thread, then restored here in
   * slices: workspace-load.ts) for `workspace`, with the alarm evaluator's and the command log's state
   * as that restore left them: what `open` gives, without restoring or replaying here.
   */
  static adopt(args: {
    engine: Engine;
    workspace: Workspace;
    hooks: SessionHooks;
    commandSeq: number;
    alarms: AlarmState | null;
  }): ApiResult<Session> {
    const { engine, workspace } = args;
    const adopted = workspace.adoptCatalog(engine.catalog());
    if (!adopted.ok) return { ok: false, error: fromStoreError(adopted.error) };
    const session = new Session(engine, workspace, args.hooks);
    if (args.alarms) session.alarms.load(args.alarms);
    session.commandSeq = args.commandSeq;
    session.alarms.reserveAbove(workspace.alarmSeq());
    session.savedState = session.stateKey();
    return apiOk(session);
  }

  /** Sequence number of the last command the engine includes (for a session adopted elsewhere). */
  get lastCommandSeq(): number {
    return this.commandSeq;
  }

  get time(): number {
    return this.engine.time;
  }

  nameOf(id: string): string {
    return this.names.get(id) ?? id;
  }

  /**
   * Runs one tick and records it. Compute, then commit: the engine steps and the tick is appended to
   * the workspace; if either throws, the engine is rebuilt at the last good tick (checkpoint + logged
   * commands, replayed) and a TickFailure is thrown. Past the commit point (alarms, observers,
   * checkpoint) a failure keeps the recorded tick and is reported the same way.
   */
  step(): TickResult {
    const before = this.eng.tick;
    // The events commands raised since the last tick come first in this tick's result; these are recorded.
    const early = this.recordedPending;
    let result: TickResult;
    let fresh: TickResult;
    try {
      result = this.eng.step();
      this.recordedPending = 0;
      if (this.testHooks?.failTick === result.tick)
        throw new Error(`injected failure in tick ${result.tick} (test hook)`);
      // Inputs are checked so physics stays finite; should a NaN slip through anyway, it is never recorded.
      const bad = firstNonFinite(result, this.eng.catalog());
      if (bad) throw new Error(`the tick produced a non-finite value (${bad})`);
      fresh = early > 0 ? { ...result, events: result.events.slice(early) } : result;
      if (this.workspace) this.workspace.appendTick(fresh);
    } catch (e) {
      const restored = this.rollback(before);
      // The rebuilt engine raised the same command events again (recorded already).
      this.recordedPending = early;
      throw this.failed(before + 1, e, restored ? before : null);
    }
    try {
      const changes = this.alarms.evaluate(result.time, result.blocks);
      const changed = changes.map((c) => c.alarm);
      if (this.workspace) {
        for (const c of changes) recordAlarmChange(this.workspace, c);
        if (result.events.some(isInventoryEvent)) this.registerEntities();
      }
      if (this.testHooks?.failAfterCommitTick === result.tick)
        throw new Error(`injected failure after tick ${result.tick} was recorded (test hook)`);
      this.hooks.onTick(fresh, changed);
      this.runAlarmActions(result.time, changes);
      for (const l of this.listeners) l.afterTick?.(result);
      if (
        result.time - this.lastCheckpointTime >= CHECKPOINT_EVERY_SEC ||
        Date.now() - this.lastCheckpointWall >= CHECKPOINT_EVERY_WALL_MS
      ) {
        if (this.slicedCheckpoints && this.workspace) {
          // Due: read in the background from the next turn of the event loop (the clock held meanwhile).
          this.lastCheckpointTime = result.time;
          this.lastCheckpointWall = Date.now();
          this.checkpointSoon();
        } else this.checkpoint();
      }
    } catch (e) {
      throw this.failed(result.tick, e, result.tick);
    }
    return result;
  }

  /**
   * Runs the alarm actions the evaluation made due (alarm-actions.ts): each command goes through the
   * command path (logged, so replays repeat it; never run by the evaluator in a replay), each action is
   * recorded as an event.
   */
  private runAlarmActions(time: number, changes: AlarmChange[]): void {
    const due = this.alarms.dueActions(time, changes, this.eng.tickSeconds);
    if (due.length === 0) return;
    const events: EngineEvent[] = [];
    for (const d of due) {
      const command = actionCommand(d.action.type, d.alarm.objectId);
      let outcome: { ok: true } | { ok: false; reason: string } | null = null;
      if (command) {
        const r = this.applyCommand(command);
        outcome = r.ok ? { ok: true } : { ok: false, reason: r.error.message };
      }
      events.push(actionEvent(time, d, outcome));
    }
    for (const e of events) this.workspace?.recordEvent(e);
    this.hooks.onEvents?.(events);
  }

  /** Records a failed tick: the fault (shown to clients), an error event in the history, the hook. */
  private failed(tick: number, cause: unknown, keptTick: number | null): TickFailure {
    const why = cause instanceof Error ? cause.message : String(cause);
    const message =
      keptTick === null
        ? `Tick ${tick} failed: ${why}. The simulation could not go back to its last good state; reopen the workspace.`
        : `Tick ${tick} failed: ${why}. The simulation stopped and kept its last good state (tick ${keptTick}).`;
    this.fault = { kind: 'tick', tick, message };
    if (keptTick === null) this.broken = true;
    const event: EngineEvent = {
      time: this.eng.time,
      severity: 'error',
      type: 'simulation.tickFailed',
      message,
      objects: [],
    };
    try {
      this.workspace?.recordEvent(event);
      this.hooks.onFault?.(this.fault, event);
    } catch {
      // reporting must not hide the original failure
    }
    return new TickFailure(tick, cause, keptTick);
  }

  /**
   * Rebuilds the engine at `tick` from the last checkpoint (the file's, or the one taken at creation)
   * and the commands logged since. Answers false when that is impossible (the session keeps the
   * engine it has and refuses to run until reopened).
   */
  private rollback(tick: number): boolean {
    try {
      let base: unknown;
      let commands: { tick: number; command: unknown }[];
      if (this.workspace) {
        const cp = unwrapCheckpoint(this.workspace.latestSnapshot()?.snapshot);
        if (!cp) return false;
        base = cp.engine;
        commands = this.workspace.commandsAfter(cp.commandSeq);
      } else {
        if (!this.memBase) return false;
        base = JSON.parse(this.memBase);
        commands = this.memLog;
      }
      const restored = restoreEngine(base);
      if (!restored.ok || restored.value.tick > tick) return false;
      const replayed = replayTo(restored.value, commands, tick, this.workspace?.path ?? 'the simulation');
      if (!replayed.ok) return false;
      this.eng = restored.value;
      this.otherChanges++;
      this.refreshNames();
      return true;
    } catch {
      return false;
    }
  }

  /** False after a failed tick that could not be rolled back: the clock refuses to run until the workspace is reopened. */
  get runnable(): boolean {
    return !this.broken;
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
    if (!r.ok) {
      if (r.error.details?.['partial'] !== true) return { ok: false, error: fromEngineError(r.error) };
      // The handler threw part-way: go back to the state before the command (it was not logged).
      const back = this.rollback(this.engine.tick);
      if (!back) this.broken = true;
      return apiErr(
        back ? 'INVALID_ARGUMENT' : 'INTERNAL',
        back
          ? `${r.error.message}. The command was not applied.`
          : `${r.error.message}. The simulation could not go back to its state before the command; reopen the workspace.`,
      );
    }
    this.recordCommandEvents();
    if (r.value.taskId && this.hooks.onTaskQueued) {
      const task = this.engine.tasks().find((t) => t.id === r.value.taskId);
      if (task) this.hooks.onTaskQueued(task);
    }
    this.otherChanges++;
    if (!this.workspace) this.memLog.push({ tick: this.engine.tick, command });
    if (this.workspace) {
      const logged = this.workspace.appendCommand(this.engine.tick, command);
      if (logged.ok) this.commandSeq = logged.value;
      this.registerEntities();
    } else {
      this.refreshNames();
    }
    return apiOk(r.value);
  }

  /**
   * Records the events the last command raised (issue 12, defect 6: a host failed while paused had no events
   * until the next tick) and shows them at once; the next tick's result leaves them out of the history.
   */
  private recordCommandEvents(): void {
    const pending = this.eng.pendingEvents();
    if (pending.length <= this.recordedPending) return;
    const fresh = pending.slice(this.recordedPending);
    this.recordedPending = pending.length;
    for (const e of fresh) this.workspace?.recordEvent(e);
    this.hooks.onEvents?.([...fresh]);
  }

  /** Saves the engine state and flushes history. */
  checkpoint(): ApiResult<null> {
    // Never save an engine a failed tick left half-changed (the file keeps its last good checkpoint).
    if (this.broken)
      return apiErr(
        'INVALID_STATE',
        'The simulation is not in a consistent state after a failed tick; nothing was saved. Reopen the workspace.',
      );
    this.lastCheckpointTime = this.engine.time;
    this.lastCheckpointWall = Date.now();
    if (!this.workspace) return apiOk(null);
    const state = this.stateKey();
    // Assembled as text: snapshotJson() skips the deep copy a snapshot object would need (large states).
    const json = checkpointJson(
      this.engine.snapshotJson(),
      this.commandSeq,
      JSON.stringify(this.alarms.state()),
      this.recordedPending,
    );
    const saved = this.workspace.saveSnapshotJson(this.engine.tick, this.engine.time, json);
    if (!saved.ok) return { ok: false, error: fromStoreError(saved.error) };
    this.checkpointGen++;
    this.checkpointsWritten++;
    this.savedState = state;
    return this.flush();
  }

  /**
   * Starts a checkpoint in the background unless one is in progress (`again`: then another follows it if
   * the state changed by its end). The state is read in slices of ≈ 20 ms with the clock held (no tick
   * runs; a command meanwhile starts the reading again: live-state.ts readLive), then compressed in
   * libuv's thread pool and written with the history in one transaction. Until it is written the file
   * holds its previous checkpoint and the whole recorded history, so nothing is lost if the process ends
   * meanwhile: a reopen replays the ticks after the older checkpoint.
   */
  checkpointSoon(again = false): void {
    if (!this.workspace || this.broken || this.closed) return;
    if (this.background) {
      if (again) this.backgroundAgain = true;
      return;
    }
    this.background = this.backgroundCheckpoint()
      .catch(() => undefined)
      .then(() => {
        this.background = null;
        if (!this.backgroundAgain) return;
        this.backgroundAgain = false;
        if (!this.closed && this.savedState !== this.stateKey()) this.checkpointSoon();
      });
  }

  /** Waits for the background checkpoint in progress (and one it started after it), if any. */
  async checkpointsSettled(): Promise<void> {
    while (this.background) await this.background;
  }

  /** One background checkpoint: read in slices, compressed off this thread, written; answers whether it was written. */
  private async backgroundCheckpoint(): Promise<boolean> {
    const ws = this.workspace;
    if (!ws) return false;
    const read = await advanceInSlices(
      readLive(
        this,
        'Saving the simulation',
        snapshotJsonSteps,
        (chunks, engine): ApiResult<CapturedCheckpoint> => {
          if (this.broken) return apiErr('INVALID_STATE', 'not in a consistent state');
          const [head, tail] = checkpointJsonAround(
            this.commandSeq,
            JSON.stringify(this.alarms.state()),
            this.recordedPending,
          );
          return apiOk({
            tick: engine.tick,
            time: engine.time,
            pieces: [head, ...chunks, tail],
            key: this.stateKey(),
            gen: this.checkpointGen,
          });
        },
        () => !this.closed,
      ),
      {
        sliceMs: this.testHooks?.checkpointSliceMs ?? CHECKPOINT_SLICE_MS,
        cancelled: () => this.closed,
        sliced: (ms) => (this.longestCheckpointSliceMs = Math.max(this.longestCheckpointSliceMs, ms)),
      },
    );
    if (!read?.ok) return false;
    const c = read.value;
    const data = await encodeSnapshotPieces(c.pieces);
    // Dropped when the session closed (its closing checkpoint is its own) or a newer one was written meanwhile.
    if (!data.ok || this.closed || this.broken || c.gen !== this.checkpointGen) return false;
    const saved = ws.saveSnapshotEncoded(c.tick, c.time, data.value);
    if (!saved.ok) {
      // As a failed flush: the clock stops and the error is shown (the history stays buffered).
      this.flush();
      return false;
    }
    this.checkpointGen++;
    this.checkpointsWritten++;
    this.savedState = c.key;
    this.lastFlushWall = Date.now();
    this.storeError = null;
    return true;
  }

  /** What a checkpoint saves, in short: changes with every tick, command and alarm change. */
  private stateKey(): string {
    return `${this.eng.tick}|${this.commandSeq}|${this.otherChanges}|${JSON.stringify(this.alarms.state())}`;
  }

  /**
   * checkpointIfChanged without one long step (sliced sessions): the history is flushed at once, the
   * pause checkpoint in progress awaited, and the state checkpointed in the background (read in slices
   * with the clock held) until the file gives the state of the moment this resolves; a one-step
   * checkpoint only if a background one failed. Sessions without sliced checkpoints: checkpointIfChanged.
   */
  async checkpointInSlices(): Promise<ApiResult<null>> {
    if (this.slicedCheckpoints && this.workspace && !this.broken && !this.closed) {
      const flushed = this.flush();
      if (!flushed.ok) return flushed;
      await this.checkpointsSettled();
      for (let i = 0; i < 3 && !this.closed && this.savedState !== this.stateKey(); i++) {
        this.checkpointSoon();
        await this.checkpointsSettled();
      }
      if (this.closed) return apiErr('INVALID_STATE', 'The workspace was closed while it was being saved.');
    }
    return this.checkpointIfChanged();
  }

  /** A checkpoint unless the file already gives this state (then only the history is flushed). */
  checkpointIfChanged(): ApiResult<null> {
    if (this.workspace && this.savedState !== null && this.savedState === this.stateKey())
      return this.flush();
    return this.checkpoint();
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
    if (this.closed) return;
    this.closed = true;
    this.clock.dispose();
    // A paused session has just been checkpointed (afterSlice), an untouched one is what its file gives:
    // closing it writes no second, equal checkpoint (a large engine's snapshot costs the service thread a
    // noticeable time when it switches workspaces).
    this.checkpointIfChanged();
    this.workspace?.close();
  }

  /**
   * close() without one long step: the clock stops, the history is flushed at once (a process ended
   * meanwhile loses no tick), then the closing checkpoint is read in slices and compressed off this
   * thread (checkpointSoon), and the file closed. For a session nobody reaches any more (the service has
   * switched to another or is shutting down); a command that still reaches it restarts the reading, and
   * whatever remains unsaved at the end is saved in one step as close() does.
   */
  async closeInSlices(): Promise<void> {
    this.clock.dispose();
    if (this.workspace && !this.broken && !this.closed) {
      this.flush();
      await this.checkpointsSettled();
      if (this.savedState !== this.stateKey()) {
        this.checkpointSoon();
        await this.checkpointsSettled();
      }
    }
    this.close();
  }

  private afterSlice(): void {
    if (this.workspace && Date.now() - this.lastFlushWall >= FLUSH_EVERY_MS) this.flush();
    // Paused (not between the slices of a clock.step: it checkpoints on the schedule, and once at its end).
    if (!this.clock.running && !this.clock.stepping) {
      if (!this.slicedCheckpoints) this.checkpoint();
      else if (this.workspace && this.savedState !== this.stateKey()) {
        // The history at once (a process ended now loses no tick), the engine state in the background.
        this.flush();
        this.checkpointSoon(true);
      }
    }
    this.hooks.onClockChange();
  }

  private registerEntities(): void {
    this.refreshNames();
    if (!this.workspace) return;
    const rows: { id: string; kind: string; name: string; parentId: string | null }[] = [];
    walk(this.engine.inventory(), (n) =>
      rows.push({ id: n.id, kind: n.kind, name: n.name, parentId: n.parentId }),
    );
    // Resource pools are not in the inventory tree; their metrics are history too (issue 20).
    for (const p of this.engine.list('pool'))
      rows.push({ id: p.id, kind: 'pool', name: p.name, parentId: p.parentId });
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

/** "<kind> <id> <metric> = NaN" for the first metric value that is not a finite number, else null. */
export function firstNonFinite(result: TickResult, catalog: MetricCatalog): string | null {
  for (const b of result.blocks) {
    const v = b.values;
    for (let j = 0; j < v.length; j++) {
      if (Number.isFinite(v[j]!)) continue;
      const n = b.ids.length;
      const metric =
        catalog[b.kind as keyof MetricCatalog]?.[Math.floor(j / Math.max(1, n))]?.name ?? `#${j}`;
      return `${b.kind} ${b.ids[j % Math.max(1, n)] ?? '?'} ${metric} = ${String(v[j])}`;
    }
  }
  return null;
}

/** Most ticks a reopen replays past its checkpoint; more means a damaged file (a real gap is minutes). */
export const MAX_REPLAY_TICKS = 2_000_000;

/**
 * Re-runs the ticks from the engine's tick to `lastTick`, applying each logged command before the tick
 * that followed it (as when it was first run), without recording anything.
 */
export function replayTo(
  engine: Engine,
  commands: readonly { tick: number; command: unknown }[],
  lastTick: number,
  where: string,
  onTick?: (r: TickResult) => void,
): ApiResult<null> {
  if (!Number.isInteger(lastTick) || lastTick - engine.tick > MAX_REPLAY_TICKS) {
    return apiErr(
      'WORKSPACE_ERROR',
      `${where} records history up to tick ${lastTick} but its checkpoint is at tick ${engine.tick}; the file is damaged.`,
    );
  }
  let c = 0;
  try {
    while (engine.tick < lastTick) {
      while (c < commands.length && (commands[c]?.tick ?? Infinity) <= engine.tick) {
        engine.execute(commands[c]!.command as Command);
        c++;
      }
      const r = engine.step();
      onTick?.(r);
    }
    while (c < commands.length && (commands[c]?.tick ?? Infinity) <= engine.tick) {
      engine.execute(commands[c]!.command as Command);
      c++;
    }
  } catch (e) {
    return apiErr(
      'WORKSPACE_ERROR',
      `${where} cannot be replayed to tick ${lastTick}: tick ${engine.tick + 1} failed (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
  return apiOk(null);
}

function isInventoryEvent(e: EngineEvent): boolean {
  return /created|deleted|added|removed|cloned|restarted|scaled|^pool\.(moved|reconfigured)$/.test(e.type);
}

export function walk(nodes: InventoryNode[], fn: (n: InventoryNode) => void): void {
  for (const n of nodes) {
    fn(n);
    if (n.children) walk(n.children, fn);
  }
}

export type { TaskInfo };
