/**
 * A workspace: one SQLite file (.vdc, WAL) with the scenario, snapshots, entity registry, metrics with
 * rollups, events, tasks and alarms. Writes are buffered and flushed in one transaction per flush;
 * a failed flush keeps the buffer so nothing is lost while the caller saves elsewhere.
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { MetricCatalog, TickResult } from '../engine/api';
import { alarmNumber, Batch, mergeBatches, Writer, type Cutoffs } from './batch';
import { WriterThread } from './writer-thread';
import type { EntityInfo, QueryContext } from './context';
import { storeErr, storeOk, toStoreError, type StoreError, type StoreResult } from './errors';
import * as logs from './logs';
import { eventsKeepSec, writeMetaValues, type CoarseFrom, type StoredMeta } from './meta';
import { firstRecordedLevel, saveOpenBuckets } from './coarse';
import { hasKindVectors, kindVectorKeepSec, kindVectorLevels } from './kind-vectors';
import type { Migration } from './migrations';
import { createFile, openFile, type OpenedFile } from './open';
import { recoverOpenBuckets, recoverOpenBucketsSteps } from './recover';
import { SIDE_SUFFIXES } from './header';
import { EntityRegistry } from './registry';
import { Rollups, type KindLayout } from './rollup';
import { EidCache, ingestTick } from './ingest';
import {
  encodeSnapshot,
  encodeSnapshotJson,
  readLatestSnapshot,
  writeSnapshot,
  type StoredSnapshot,
} from './snapshots';
import { deleteAfter } from './truncate';
import { hasRealtimeBlocks } from './realtime';
import { querySeries } from './series';
import { registerSqlFunctions, topN, TopNCache } from './topn';
import { workspaceInfo } from './info';
import { saveCopy } from './save-as';
import { appendCommand, commandsFrom, type LoggedCommand } from './command-log';
import type * as T from './types';

/** Entity rows read between two yields of Workspace.openSteps. */
const ENTITY_ROWS_PER_STEP = 4096;

export class Workspace {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly stored: StoredMeta;
  private readonly schemaVersion: number;
  private readonly readOnly: boolean;
  private readonly sideFilesBefore: Set<string> | undefined;
  private readonly tempDir: string | undefined;
  private readonly opts: Required<
    Pick<T.OpenOptions, 'flushEveryTicks' | 'flushEveryValues' | 'flushIntervalMs' | 'snapshotsKeep'>
  >;
  private readonly writer: Writer | null;
  private readonly layouts = new Map<string, KindLayout>();
  private readonly registry: EntityRegistry;
  private readonly topCache = new TopNCache();
  private readonly rollups: Rollups;
  private batch = new Batch();
  private lastFlushAt = Date.now();
  private retryAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastError: StoreError | null = null;
  private closed = false;
  private readonly kindVectors: boolean;
  private readonly realtimeBlocks: boolean;
  private eidCache = new EidCache();
  /** The writer thread (OpenOptions.writerThread) and the batch it is writing (kept until it answers). */
  private thread: WriterThread | null = null;
  private inflight: Batch | null = null;

  static create(path: string, init: T.WorkspaceInit, opts: T.OpenOptions = {}): StoreResult<Workspace> {
    const f = createFile(path, init, opts);
    if (!f.ok) return f;
    try {
      return storeOk(new Workspace(path, f.value, opts));
    } catch (e) {
      f.value.db.close();
      return { ok: false, error: toStoreError(e, path, 'create the workspace') };
    }
  }

  static open(path: string, opts: T.OpenOptions = {}): StoreResult<Workspace> {
    return Workspace.openWith(path, opts);
  }

  /** open() with an explicit migration list (tests exercise upgrades with it). */
  static openWith(
    path: string,
    opts: T.OpenOptions = {},
    migrations?: readonly Migration[],
  ): StoreResult<Workspace> {
    const f = openFile(path, opts, migrations);
    if (!f.ok) return f;
    try {
      return storeOk(new Workspace(path, f.value, opts));
    } catch (e) {
      f.value.db.close();
      return { ok: false, error: toStoreError(e, path, 'open the workspace') };
    }
  }

  /**
   * `open` in steps, for the service thread (issue 21: no request blocks the service more than 100 ms):
   * yields between opening the connection (header, settings), reading the entity list (every
   * ENTITY_ROWS_PER_STEP rows) and rebuilding the open rollup buckets (recoverOpenBucketsSteps). Driven
   * to the end it gives what `open` gives; ended early (`return()`), the file is closed again.
   */
  static *openSteps(path: string, opts: T.OpenOptions = {}): Generator<void, StoreResult<Workspace>, void> {
    const f = openFile(path, opts);
    if (!f.ok) return f;
    let ws: Workspace | null = null;
    let done = false;
    try {
      yield;
      const rows: EntityInfo[] = [];
      const stmt = f.value.db.prepare('SELECT eid, id, kind, name, parent_id AS parentId FROM entities');
      for (const row of stmt.iterate() as Iterable<EntityInfo>) {
        rows.push(row);
        if (rows.length % ENTITY_ROWS_PER_STEP === 0) yield;
      }
      yield;
      ws = new Workspace(path, f.value, opts, rows);
      yield* recoverOpenBucketsSteps(ws.ctx());
      if (opts.writerThread && ws.writer)
        ws.thread = WriterThread.start(path, ws.intervals(), opts.maxFileBytes);
      done = true;
      return storeOk(ws);
    } catch (e) {
      return { ok: false, error: toStoreError(e, path, 'open the workspace') };
    } finally {
      if (!done) {
        if (ws) ws.close();
        else f.value.db.close();
      }
    }
  }

  /** `rows`: the entity list read already (openSteps); then the open buckets are left to the caller. */
  private constructor(path: string, f: OpenedFile, opts: T.OpenOptions, rows?: EntityInfo[]) {
    this.path = path;
    this.db = f.db;
    this.stored = f.meta;
    this.schemaVersion = f.schemaVersion;
    this.readOnly = f.readOnly;
    this.sideFilesBefore = f.sideFilesBefore;
    this.tempDir = f.tempDir;
    this.opts = {
      flushEveryTicks: opts.flushEveryTicks ?? 64,
      flushEveryValues: opts.flushEveryValues ?? 1_000_000,
      flushIntervalMs: opts.flushIntervalMs ?? 1000,
      snapshotsKeep: opts.snapshotsKeep ?? 5,
    };
    this.writer = f.readOnly ? null : new Writer(this.db, this.intervals());
    registerSqlFunctions(this.db);
    this.kindVectors = hasKindVectors(this.db);
    this.realtimeBlocks = hasRealtimeBlocks(this.db);
    this.setLayouts(null);
    const stepped = rows !== undefined;
    rows ??= this.db
      .prepare('SELECT eid, id, kind, name, parent_id AS parentId FROM entities')
      .all() as EntityInfo[];
    this.registry = new EntityRegistry(rows, (e) =>
      this.batch.entities.set(e.eid, { id: e.id, kind: e.kind, name: e.name, parentId: e.parentId }),
    );
    this.rollups = new Rollups(this.stored.retention.levels.map((l) => l.intervalSec));
    if (stepped) return;
    recoverOpenBuckets(this.ctx());
    if (opts.writerThread && this.writer)
      this.thread = WriterThread.start(path, this.intervals(), opts.maxFileBytes);
  }

  /**
   * Waits for the batch in the writer thread, if any: on success its changes reach the top-N cache; on
   * failure the batch goes back in front of the ticks appended since (kept, retried as a failed flush
   * is). Every method that reads or writes the file calls this first.
   */
  private settle(): void {
    const sent = this.inflight;
    if (!sent || !this.thread) return;
    const r = this.thread.wait();
    this.inflight = null;
    if (r.ok) {
      this.topCache.changed(r.changed);
      this.lastError = null;
      this.retryAt = 0;
    } else if (r.fatal !== undefined) {
      // The thread never started: write on this thread from now on (nothing was written there).
      this.batch = mergeBatches(sent, this.batch);
      this.thread.close();
      this.thread = null;
    } else {
      this.batch = mergeBatches(sent, this.batch);
      this.lastError = r.error;
      this.retryAt = Date.now() + 5000;
    }
  }

  /** An automatic flush through the writer thread: hands the batch over and goes on with the next ticks. */
  private flushInThread(thread: WriterThread): void {
    this.settle();
    if (this.lastError && Date.now() < this.retryAt) return; // the batch in flight just failed
    if (this.thread !== thread) {
      this.flush(); // the thread could not start: write here
      return;
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.batch;
    thread.write(batch, batch.ticks > 0 ? this.cutoffs() : null);
    this.inflight = batch;
    this.batch = new Batch();
    this.lastFlushAt = Date.now();
  }

  /** Layouts of the file's catalogue; with the engine's catalogue, where each column comes from. */
  private setLayouts(engine: MetricCatalog | null): void {
    for (const [kind, defs] of Object.entries(this.stored.catalog) as [
      string,
      readonly T.StoredMetricDef[],
    ][]) {
      const since = defs.some((d) => d.since !== undefined)
        ? Float64Array.from(defs, (d) => d.since ?? -Infinity)
        : null;
      let source: Int32Array | null = null;
      const eng = engine?.[kind as keyof MetricCatalog];
      if (eng) {
        const at = new Map(eng.map((d, i) => [d.name, i]));
        const map = Int32Array.from(defs, (d) => at.get(d.name) ?? -1);
        const identity = eng.length === defs.length && map.every((x, i) => x === i);
        source = identity ? null : map;
      }
      const layout: KindLayout = {
        kind,
        metricCount: defs.length,
        lastMask: Uint8Array.from(defs, (d) => (d.rollup === 'last' ? 1 : 0)),
        source,
        engineCount: eng ? eng.length : defs.length,
        since,
      };
      // The rollup accumulators hold their layout object: keep it (updated in place) while the columns stay.
      const old = this.layouts.get(kind);
      if (old && old.metricCount === layout.metricCount) Object.assign(old, layout);
      else this.layouts.set(kind, layout);
    }
  }

  /**
   * Makes the file take the engine's metric catalogue (by name): metrics the file does not have yet are
   * appended as new columns from now on (`since` = the file's last time; their values before it read as
   * missing), metrics the engine no longer has stop being written (`until` = now; their history stays
   * queryable). Columns are never reordered or removed, so every stored vector keeps its meaning. The
   * change is recorded in the meta (`catalogChanges`). Call before the first appendTick of an engine.
   */
  adoptCatalog(engine: MetricCatalog): StoreResult<T.CatalogChange | null> {
    const T0 = this.stored.lastTime;
    const next = {} as Record<string, T.StoredMetricDef[]>;
    const added: string[] = [];
    const removed: string[] = [];
    const kinds = new Set([...Object.keys(this.stored.catalog), ...Object.keys(engine)]);
    for (const kind of kinds) {
      const file = (this.stored.catalog[kind as keyof T.StoredCatalog] ?? []) as readonly T.StoredMetricDef[];
      const eng = engine[kind as keyof MetricCatalog] ?? [];
      const names = new Set(eng.map((d) => d.name));
      const cols = file.map((d): T.StoredMetricDef => {
        if (!names.has(d.name) && d.until === undefined) {
          removed.push(`${kind}/${d.name}`);
          return { ...d, until: T0 };
        }
        if (names.has(d.name) && d.until !== undefined) {
          // Provided again: written again from now on (the gap reads as 0, see docs/store.md).
          added.push(`${kind}/${d.name}`);
          const { until: _gone, ...rest } = d;
          void _gone;
          return rest;
        }
        return d;
      });
      const have = new Set(file.map((d) => d.name));
      for (const d of eng) {
        if (have.has(d.name)) continue;
        added.push(`${kind}/${d.name}`);
        cols.push({ name: d.name, unit: d.unit, rollup: d.rollup, since: T0 });
      }
      next[kind] = cols;
    }
    if (added.length === 0 && removed.length === 0) {
      this.setLayouts(engine);
      return storeOk(null);
    }
    if (this.readOnly)
      return storeErr(
        'READ_ONLY',
        `${this.path} was written with another metric catalogue (${[...added.map((a) => `+${a}`), ...removed.map((r) => `-${r}`)].join(', ')}) and is open read-only: its history can be read, but continuing it needs a writable copy (Save As).`,
        { path: this.path },
      );
    const f = this.flush();
    if (!f.ok) return f;
    const change: T.CatalogChange = { time: T0, added, removed };
    try {
      const prev = this.db.prepare("SELECT value FROM meta WHERE key = 'catalogChanges'").get() as
        { value: string } | undefined;
      const changes = [...((prev ? JSON.parse(prev.value) : []) as T.CatalogChange[]), change];
      this.db.transaction(() =>
        writeMetaValues(this.db, {
          catalog: next as unknown as T.StoredCatalog,
          catalogChanges: changes,
        } as never),
      )();
    } catch (e) {
      return { ok: false, error: toStoreError(e, this.path, 'record the new metric catalogue') };
    }
    this.stored.catalog = next as unknown as T.StoredCatalog;
    this.setLayouts(engine);
    this.eidCache = new EidCache();
    this.topCache.clear();
    recoverOpenBuckets(this.ctx());
    return storeOk(change);
  }

  /** Every change of the file's metric catalogue, oldest first (empty for a file that never changed it). */
  catalogChanges(): T.CatalogChange[] {
    this.settle();
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'catalogChanges'").get() as
      { value: string } | undefined;
    try {
      return row ? (JSON.parse(row.value) as T.CatalogChange[]) : [];
    } catch {
      return [];
    }
  }

  private intervals(): number[] {
    return this.stored.retention.levels.map((l) => l.intervalSec);
  }

  private ctx(): QueryContext {
    return {
      db: this.db,
      path: this.path,
      tickSeconds: this.stored.tickSeconds,
      lastTime: this.stored.lastTime,
      retention: this.stored.retention,
      catalog: this.stored.catalog,
      layouts: this.layouts,
      byId: this.registry.byId,
      byEid: this.registry.byEid,
      rollups: this.rollups,
      kindVectors: this.kindVectors,
      realtimeBlocks: this.realtimeBlocks,
      coarseFrom: this.stored.coarseFrom ?? null,
    };
  }

  meta(): T.WorkspaceMeta {
    const { name, seed, tickSeconds, startEpochMs, lastTick, lastTime, createdAt, retention, catalog } =
      this.stored;
    const meta = {
      name,
      seed,
      tickSeconds,
      startEpochMs,
      schemaVersion: this.schemaVersion,
      lastTick,
      lastTime,
      createdAt,
      retention,
      catalog,
      readOnly: this.readOnly,
      coarseFrom: this.stored.coarseFrom ?? null,
    } as Omit<T.WorkspaceMeta, 'scenario'> as T.WorkspaceMeta;
    // Read when used: a file opened with deferScenario parses it then (OpenOptions.deferScenario).
    Object.defineProperty(meta, 'scenario', {
      enumerable: true,
      configurable: true,
      get: () => this.stored.scenario,
    });
    return meta;
  }

  /** Ticks and values waiting in memory, and the last flush error (null once a flush succeeded). */
  status(): { pendingTicks: number; pendingValues: number; lastError: StoreError | null } {
    const f = this.inflight;
    return {
      pendingTicks: this.batch.ticks + (f?.ticks ?? 0),
      pendingValues: this.batch.values + (f?.values ?? 0),
      lastError: this.lastError,
    };
  }

  entity(id: string): T.EntityRecord | null {
    return this.registry.get(id);
  }

  /** Entities whose id or name equals `idOrName` (ids first), e.g. to resolve what a person typed. */
  findEntities(idOrName: string): T.EntityRecord[] {
    return this.registry.find(idOrName);
  }

  /** Adds entities or updates their names/parents (written with the next flush). */
  registerEntities(entities: T.EntityRecord[]): void {
    this.registry.upsert(entities);
  }

  /** Buffers one tick; flushes by itself every flushEveryTicks ticks, flushEveryValues values or flushIntervalMs. */
  appendTick(result: TickResult): void {
    if (result.tick <= this.stored.lastTick) {
      throw new Error(
        `appendTick: tick ${result.tick} is not after the last tick ${this.stored.lastTick} (truncateAfter first)`,
      );
    }
    const b = this.batch;
    const c = this.stored.coarseFrom;
    const realtime = !c || c.until !== undefined;
    ingestTick(
      result,
      b,
      this.rollups,
      this.layouts,
      (id, kind) => this.registry.eidFor(id, kind),
      realtime,
      this.eidCache,
      this.thread === null,
    );
    this.stored.lastTick = result.tick;
    this.stored.lastTime = b.lastTime;
    const now = Date.now();
    const due =
      b.ticks >= this.opts.flushEveryTicks ||
      b.values >= this.opts.flushEveryValues ||
      now - this.lastFlushAt >= this.opts.flushIntervalMs;
    if (due && now >= this.retryAt) {
      if (this.thread) this.flushInThread(this.thread);
      else this.flush();
    } else this.armTimer();
  }

  /**
   * Appends one event outside a tick (the service's own, e.g. a failed tick), written with the next
   * flush. Events are append-only like every recorded event.
   */
  recordEvent(event: TickResult['events'][number]): void {
    if (this.readOnly || this.closed) return;
    this.batch.events.push(event);
    this.armTimer();
  }

  private armTimer(): void {
    if (this.timer || this.closed || this.readOnly) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.batch.empty) this.flush();
    }, this.opts.flushIntervalMs);
    this.timer.unref();
  }

  private cutoffs(): Cutoffs {
    const L = this.stored.lastTime;
    const r = this.stored.retention;
    return {
      metrics: [
        { res: 0, cutoff: L - r.realtimeSec },
        ...r.levels.map((l) => ({ res: l.intervalSec, cutoff: L - l.keepSec })),
      ].filter((c) => c.cutoff > 0),
      kindVectors: kindVectorLevels(this.intervals())
        .map((res) => ({ res, cutoff: L - kindVectorKeepSec(r.levels, res) }))
        .filter((c) => c.cutoff > 0),
      events: L - eventsKeepSec(r),
    };
  }

  private readOnlyError(action: string): { ok: false; error: StoreError } {
    return storeErr(
      'READ_ONLY',
      `Cannot ${action}: ${this.path} is open read-only. Use Save As to write it somewhere writable; the unsaved history is kept in memory.`,
      { path: this.path },
    );
  }

  /** Writes everything buffered in one transaction (and applies retention). The buffer survives a failure. */
  flush(): StoreResult<void> {
    this.settle();
    if (this.batch.empty && !this.closed) return storeOk(undefined);
    return this.commit('save the history', () => undefined);
  }

  private commit(action: string, extra: () => void): StoreResult<void> {
    if (this.closed) return storeErr('INVALID_ARGUMENT', `${this.path} is closed.`);
    this.settle();
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.writer) {
      this.lastError = this.readOnlyError(action).error;
      return { ok: false, error: this.lastError };
    }
    const batch = this.batch;
    const writer = this.writer;
    try {
      this.db.transaction(() => {
        this.topCache.changed(writer.write(batch, batch.ticks > 0 ? this.cutoffs() : null));
        extra();
      })();
    } catch (e) {
      this.lastError = toStoreError(e, this.path, action);
      this.retryAt = Date.now() + 5000;
      return { ok: false, error: this.lastError };
    }
    this.batch = new Batch();
    this.lastError = null;
    this.retryAt = 0;
    this.lastFlushAt = Date.now();
    return storeOk(undefined);
  }

  /** Flushes pending history and stores the engine snapshot in the same transaction. */
  saveSnapshot(tick: number, time: number, snapshot: unknown): StoreResult<void> {
    const data = encodeSnapshot(snapshot);
    if (!data.ok) return data;
    return this.commit('save the snapshot', () => {
      writeSnapshot(this.db, tick, time, data.value, this.opts.snapshotsKeep);
      this.saveOpen();
    });
  }

  /** Like saveSnapshot, for a snapshot that is already JSON text. */
  saveSnapshotJson(tick: number, time: number, json: string): StoreResult<void> {
    const data = encodeSnapshotJson(json);
    if (!data.ok) return data;
    return this.commit('save the snapshot', () => {
      writeSnapshot(this.db, tick, time, data.value, this.opts.snapshotsKeep);
      this.saveOpen();
    });
  }

  /**
   * Like saveSnapshotJson, for a snapshot compressed already (encodeSnapshotPieces): the history flushed
   * and the snapshot stored in one transaction. The snapshot may be of an earlier tick than the history
   * (a checkpoint read in the background while ticks went on): a reopen replays the ticks after it.
   */
  saveSnapshotEncoded(tick: number, time: number, data: Buffer): StoreResult<void> {
    return this.commit('save the snapshot', () => {
      writeSnapshot(this.db, tick, time, data, this.opts.snapshotsKeep);
      this.saveOpen();
    });
  }

  /** Coarse recording keeps no finer rows to rebuild the open buckets from: checkpoints save them. */
  private saveOpen(): void {
    if (this.stored.coarseFrom && this.kindVectors)
      saveOpenBuckets(this.db, this.rollups, this.rollups.first, this.stored.lastTime);
  }

  /**
   * From now on, records only the rollup levels whose interval is longer than `tickSeconds` (no realtime
   * rows): for runs at long ticks (what-if branches), where finer rows would repeat each sample. Persisted
   * in the file (meta coarseFrom); queries over a range that overlaps the coarse segment use the levels
   * recorded in it. A second call extends the segment (with the longer of the two ticks). A tick not
   * longer than the workspace tick changes nothing.
   */
  recordCoarseLevels(tickSeconds: number): StoreResult<void> {
    if (!Number.isInteger(tickSeconds) || tickSeconds <= 0)
      return storeErr(
        'INVALID_ARGUMENT',
        `recordCoarseLevels: tickSeconds must be a positive integer (got ${tickSeconds}).`,
      );
    if (this.readOnly) return this.readOnlyError('change how history is recorded');
    if (!this.kindVectors)
      return storeErr('INVALID_ARGUMENT', `${this.path} must be upgraded before coarse recording.`);
    if (tickSeconds <= this.stored.tickSeconds) return storeOk(undefined);
    const prev = this.stored.coarseFrom ?? null;
    const next: CoarseFrom = {
      time: prev?.time ?? this.stored.lastTime,
      tickSeconds: Math.max(prev?.tickSeconds ?? 0, tickSeconds),
    };
    return this.setCoarse(next, firstRecordedLevel(this.intervals(), next.tickSeconds));
  }

  /** Ends coarse recording: every level is recorded again from now on (the segment stays in the meta). */
  recordAllLevels(): StoreResult<void> {
    const prev = this.stored.coarseFrom;
    if (!prev || prev.until !== undefined) return storeOk(undefined);
    if (this.readOnly) return this.readOnlyError('change how history is recorded');
    return this.setCoarse({ ...prev, until: this.stored.lastTime }, 0);
  }

  private setCoarse(next: CoarseFrom, firstLevel: number): StoreResult<void> {
    const r = this.commit('change how history is recorded', () =>
      writeMetaValues(this.db, { coarseFrom: next }),
    );
    if (!r.ok) return r;
    this.stored.coarseFrom = next;
    this.rollups.setFirstLevel(firstLevel);
    this.topCache.clear();
    return storeOk(undefined);
  }

  /** The newest snapshot, or null when there is none or it cannot be read (loadLatestSnapshot says why). */
  latestSnapshot(): StoredSnapshot | null {
    this.settle();
    const r = readLatestSnapshot(this.db, this.path);
    return r.ok ? r.value : null;
  }

  loadLatestSnapshot(): StoreResult<StoredSnapshot | null> {
    this.settle();
    return readLatestSnapshot(this.db, this.path);
  }

  /** Drops every record newer than `tick` (resume after a crash from the snapshot at `tick`). */
  truncateAfter(tick: number): StoreResult<void> {
    if (!Number.isInteger(tick) || tick < -1) {
      return storeErr('INVALID_ARGUMENT', `truncateAfter: tick must be an integer >= -1 (got ${tick}).`);
    }
    const f = this.flush();
    if (!f.ok) return f;
    if (tick >= this.stored.lastTick) return storeOk(undefined);
    const T = Math.max(0, tick) * this.stored.tickSeconds;
    try {
      this.db.transaction(() => deleteAfter(this.db, this.intervals(), tick, T))();
    } catch (e) {
      return { ok: false, error: toStoreError(e, this.path, 'roll the history back') };
    }
    this.stored.lastTick = tick;
    this.stored.lastTime = T;
    this.topCache.clear();
    recoverOpenBuckets(this.ctx());
    return storeOk(undefined);
  }

  private beforeRead(): void {
    this.settle();
    if (!this.batch.empty && this.writer && Date.now() >= this.retryAt) this.flush();
  }

  querySeries(q: T.SeriesQuery): StoreResult<T.SeriesResult> {
    this.beforeRead();
    return querySeries(this.ctx(), q);
  }

  topN(q: T.TopNQuery): StoreResult<T.TopNRow[]> {
    this.beforeRead();
    return topN(this.ctx(), q, this.topCache);
  }

  queryEvents(q: T.EventQuery): StoreResult<T.Page<T.StoredEvent>> {
    this.beforeRead();
    return logs.queryEvents(this.db, this.path, q);
  }

  queryTasks(q: T.TaskQuery): StoreResult<T.Page<T.TaskInfo>> {
    this.beforeRead();
    return logs.queryTasks(this.db, this.path, q);
  }

  /**
   * The workspace's alarm definitions as the service stored them (meta `alarmDefinitions`, JSON; the
   * service validates it), or null when the file has none (the built-in definitions apply). A value that
   * is not JSON is an error naming the file and the field (never read as "none": that would lose it).
   */
  alarmDefinitions(): StoreResult<unknown> {
    this.settle();
    let row: { value: string } | undefined;
    try {
      row = this.db.prepare("SELECT value FROM meta WHERE key = 'alarmDefinitions'").get() as
        { value: string } | undefined;
    } catch (e) {
      return { ok: false, error: toStoreError(e, this.path, 'read the alarm definitions') };
    }
    if (!row) return storeOk(null);
    try {
      return storeOk(JSON.parse(row.value) as unknown);
    } catch (e) {
      return storeErr(
        'CORRUPT',
        `${this.path}: the stored alarm definitions (meta "alarmDefinitions") are not valid JSON: ${(e as Error).message}.`,
        { path: this.path, field: 'alarmDefinitions' },
      );
    }
  }

  /** Stores the alarm definitions (meta `alarmDefinitions`): a meta value, so no schema change. */
  setAlarmDefinitions(value: unknown): StoreResult<void> {
    if (this.readOnly) return this.readOnlyError('save the alarm definitions');
    this.settle();
    try {
      this.db
        .prepare(
          "INSERT INTO meta (key, value) VALUES ('alarmDefinitions', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        )
        .run(JSON.stringify(value));
      return storeOk(undefined);
    } catch (e) {
      return { ok: false, error: toStoreError(e, this.path, 'save the alarm definitions') };
    }
  }

  /** The distinct event and task types recorded (the console's type filter). */
  historyTypes(): StoreResult<{ events: string[]; tasks: string[] }> {
    this.beforeRead();
    return logs.historyTypes(this.db, this.path);
  }

  queryAlarms(q: T.AlarmQuery): StoreResult<T.Page<T.AlarmRecord>> {
    this.beforeRead();
    return logs.queryAlarms(this.db, this.path, q);
  }

  /**
   * Buffers a new alarm with the history of its tick (written in the same transaction, so the file
   * never holds alarms of ticks it does not hold). Its id must never have been used in this file.
   */
  recordAlarm(a: T.AlarmRecord): void {
    if (!a.id || !Number.isFinite(a.triggeredAt))
      throw new Error(`recordAlarm: invalid alarm ${JSON.stringify(a)}`);
    this.batch.alarms.push({ op: 'add', alarm: { ...a } });
  }

  /** Buffers the clear of an active alarm (an alarm is cleared once; later clears change nothing). */
  clearAlarm(id: string, time: number): void {
    if (!Number.isFinite(time)) throw new Error(`clearAlarm: invalid time ${time}`);
    this.batch.alarms.push({ op: 'clear', id, time });
  }

  /** Buffers the acknowledgement of an alarm (written with the next flush). */
  acknowledgeAlarm(id: string): void {
    this.batch.alarms.push({ op: 'ack', id });
  }

  /**
   * The highest n of every "alarm-n" id this file has ever held (meta alarmSeq survives retention
   * deleting the rows), including alarms still buffered: new ids must be above it.
   */
  alarmSeq(): number {
    this.settle();
    let top = 0;
    try {
      const meta = this.db.prepare("SELECT value FROM meta WHERE key = 'alarmSeq'").get() as
        { value: string } | undefined;
      if (meta) top = Number(JSON.parse(meta.value)) || 0;
      const rows = this.db
        .prepare("SELECT max(CAST(substr(id, 7) AS INTEGER)) AS n FROM alarms WHERE id GLOB 'alarm-[0-9]*'")
        .get() as { n: number | null };
      top = Math.max(top, rows.n ?? 0);
    } catch {
      // an unreadable table reads as no alarms; the write that meets the damage reports it
    }
    for (const o of this.batch.alarms) if (o.op === 'add') top = Math.max(top, alarmNumber(o.alarm.id));
    return top;
  }

  addAlarm(a: T.NewAlarm): StoreResult<T.AlarmRecord> {
    if (this.readOnly) return this.readOnlyError('save the alarm');
    this.settle();
    return logs.addAlarm(this.db, this.path, a, (id) => this.registry.get(id)?.name ?? id);
  }

  updateAlarm(id: string, patch: T.AlarmPatch): StoreResult<T.AlarmRecord> {
    if (this.readOnly) return this.readOnlyError('update the alarm');
    this.settle();
    return logs.updateAlarm(this.db, this.path, id, patch);
  }

  /** A consistent copy (VACUUM INTO) including history still in memory; the target must not exist unless overwrite. */
  saveAs(path: string, opts: { overwrite?: boolean } = {}): StoreResult<void> {
    this.settle();
    if (!this.readOnly && !this.batch.empty) this.flush();
    return saveCopy(this.db, this.path, path, this.batch, this.intervals(), opts.overwrite === true);
  }

  info(): T.WorkspaceInfo {
    this.beforeRead();
    return workspaceInfo(this.ctx(), this.batch.ticks);
  }

  /**
   * Logs a command applied at `tick` (before tick + 1 runs). Written at once, outside the metric
   * batch, so the log is never behind the history it explains. Answers the command's sequence number.
   */
  appendCommand(tick: number, command: unknown): StoreResult<number> {
    if (this.readOnly)
      return storeErr('READ_ONLY', `${this.path} is open read-only; the command was not logged.`);
    this.settle();
    try {
      return storeOk(appendCommand(this.db, tick, command));
    } catch (e) {
      return { ok: false, error: toStoreError(e, this.path, 'log a command') };
    }
  }

  /** Commands logged after sequence number `seq` (0 = all), in order. */
  commandsAfter(seq: number): LoggedCommand[] {
    this.settle();
    return commandsFrom(this.db, seq);
  }

  /** Flushes and closes. Answers the flush error if the buffer could not be written (it is then lost). */
  close(): StoreResult<void> {
    if (this.closed) return storeOk(undefined);
    this.settle();
    const f = this.readOnly
      ? storeOk(undefined)
      : this.stored.coarseFrom
        ? this.commit('save the history', () => this.saveOpen())
        : this.batch.empty
          ? storeOk(undefined)
          : this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.closed = true;
    // The thread's connection first: the last connection to close checkpoints and removes the -wal.
    this.thread?.close();
    this.thread = null;
    this.db.close();
    this.removeOwnSideFiles();
    return f;
  }

  /**
   * A read-only connection cannot delete the -wal/-shm it created (SQLite leaves them); remove them
   * when they did not exist before and the -wal is empty (a non-empty one belongs to a writer).
   */
  private removeOwnSideFiles(): void {
    if (this.tempDir) {
      fs.rmSync(this.tempDir, { recursive: true, force: true });
      return;
    }
    const before = this.sideFilesBefore;
    if (!this.readOnly || !before || before.size > 0) return;
    try {
      if (fs.existsSync(`${this.path}-wal`) && fs.statSync(`${this.path}-wal`).size > 0) return;
      for (const s of SIDE_SUFFIXES) fs.rmSync(this.path + s, { force: true });
    } catch {
      // left behind: harmless, SQLite reuses or removes them next time
    }
  }
}
