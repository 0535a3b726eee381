/**
 * The write buffer: everything appended since the last successful flush. It is only cleared after
 * the transaction that wrote it committed, so a failed flush (disk full, read-only) loses nothing.
 */
import type Database from 'better-sqlite3';
import type { EngineEvent, TaskInfo } from '../engine/api';
import { encodeBlock, encodeInto, maxEncodedBytes } from './codec';
import { MultiInsert } from './multi-insert';
import { hasKindVectors, KindVectorWriter, kindVectorLevels } from './kind-vectors';
import { tableFor } from './tables';
import type { RollupRow } from './rollup';
import type { AlarmRecord, EntityRecord } from './types';
import { HistoryGuard } from './guard';
import { hasRealtimeBlocks, REALTIME_BLOCKS, realtimeTable } from './realtime';
import { hasMsgColumns } from './logs';

/** An alarm change buffered with the history of its tick: a new alarm, or its clear / acknowledgement. */
export type AlarmOp =
  { op: 'add'; alarm: AlarmRecord } | { op: 'clear'; id: string; time: number } | { op: 'ack'; id: string };

/** The number n of an engine-style alarm id "alarm-n" (0 for other ids). */
export function alarmNumber(id: string): number {
  const m = /^alarm-(\d+)$/.exec(id);
  return m ? Number(m[1]) : 0;
}

/**
 * Realtime samples of one kind at one tick, encoded: row r is buf[offsets[r] .. offsets[r + 1]). Schema 5
 * stores the block as it is (one `realtime_blocks` row); older files get one `samples` row per entity.
 */
export interface SampleBlock {
  t: number;
  kind: string;
  eids: Int32Array;
  /** The encoded vectors; null while `raw` holds the values (encoded by the writer: see ingestTick). */
  buf: Buffer | null;
  offsets: Int32Array | null;
  /** The block's values as the engine gave them (column-major, m per entity), when not encoded yet. */
  raw?: Float64Array;
  m?: number;
}

/** A block's encoded vectors (encoding them now when the block holds its raw values). */
export function encodedSamples(s: SampleBlock): { buf: Buffer; offsets: Int32Array } {
  if (s.buf && s.offsets) return { buf: s.buf, offsets: s.offsets };
  if (!s.raw || s.m === undefined) throw new Error(`realtime block ${s.kind} at ${s.t} holds no values`);
  return encodeBlock(s.raw, s.m, s.eids.length);
}

/** An Int32Array's bytes (little-endian on every platform Node ships for) as a Buffer, without a copy. */
const bytesOf = (a: Int32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

export class Batch {
  entities = new Map<number, EntityRecord>();
  samples: SampleBlock[] = [];
  rollups: RollupRow[] = [];
  events: EngineEvent[] = [];
  tasks = new Map<string, TaskInfo>();
  alarms: AlarmOp[] = [];
  ticks = 0;
  values = 0;
  lastTick = -1;
  lastTime = 0;

  get empty(): boolean {
    return (
      this.ticks === 0 &&
      this.entities.size === 0 &&
      this.events.length === 0 &&
      this.tasks.size === 0 &&
      this.alarms.length === 0
    );
  }
}

/**
 * `newer` appended to `older`, as if every append had gone into one batch: a batch whose write failed
 * (in the writer thread) is put back in front of what was appended after it, so nothing is lost and
 * the order of events, task states and alarm changes is kept. Answers `older`, changed.
 */
export function mergeBatches(older: Batch, newer: Batch): Batch {
  for (const [eid, e] of newer.entities) older.entities.set(eid, e);
  for (const s of newer.samples) older.samples.push(s);
  for (const r of newer.rollups) older.rollups.push(r);
  for (const ev of newer.events) older.events.push(ev);
  for (const [id, t] of newer.tasks) older.tasks.set(id, t);
  for (const a of newer.alarms) older.alarms.push(a);
  if (newer.ticks > 0) {
    older.lastTick = newer.lastTick;
    older.lastTime = newer.lastTime;
  }
  older.ticks += newer.ticks;
  older.values += newer.values;
  return older;
}

export interface Cutoffs {
  /** Delete metric rows of resolution res (0 = realtime) with t <= cutoff. */
  metrics: { res: number; cutoff: number }[];
  /** Delete kind vectors of level res with t <= cutoff. */
  kindVectors: { res: number; cutoff: number }[];
  events: number;
}

/** Prepared statements of one connection. */
export class Writer {
  private readonly upsertEntity: Database.Statement;
  /** Schema 5: one row per (t, kind); null for a file in the row layout (schema 1–4). */
  private readonly insertBlock: Database.Statement | null;
  private readonly insertSample: MultiInsert | null;
  private readonly insertRollup = new Map<number, MultiInsert>();
  private readonly deleteOld = new Map<number, Database.Statement>();
  private readonly withMsg: boolean;
  private readonly insertEvent: Database.Statement;
  private readonly insertEventObject: Database.Statement;
  private readonly upsertTask: Database.Statement;
  private readonly deleteEventObjects: Database.Statement;
  private readonly deleteEvents: Database.Statement;
  private readonly deleteClearedAlarms: Database.Statement;
  private readonly setMeta: Database.Statement;
  private readonly insertAlarm: Database.Statement;
  private readonly clearAlarm: Database.Statement;
  private readonly ackAlarm: Database.Statement;
  private readonly guard: HistoryGuard;
  private readonly kindVectors: KindVectorWriter | null;

  constructor(db: Database.Database, intervals: readonly number[]) {
    this.kindVectors = hasKindVectors(db) ? new KindVectorWriter(db, kindVectorLevels(intervals)) : null;
    for (const res of intervals) {
      this.insertRollup.set(
        res,
        new MultiInsert(db, `INSERT OR REPLACE INTO ${tableFor(res)} (t, eid, n, avg, max)`, 5),
      );
    }
    const blocks = hasRealtimeBlocks(db);
    for (const res of [0, ...intervals])
      this.deleteOld.set(
        res,
        db.prepare(`DELETE FROM ${res === 0 ? realtimeTable(blocks) : tableFor(res)} WHERE t <= ?`),
      );
    this.upsertEntity = db.prepare(
      `INSERT INTO entities (eid, id, kind, name, parent_id) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(eid) DO UPDATE SET kind = excluded.kind, name = excluded.name, parent_id = excluded.parent_id`,
    );
    this.insertBlock = blocks
      ? db.prepare(
          `INSERT OR REPLACE INTO ${REALTIME_BLOCKS} (t, kind, eids, offs, data) VALUES (?, ?, ?, ?, ?)`,
        )
      : null;
    this.insertSample = blocks ? null : new MultiInsert(db, 'INSERT OR REPLACE INTO samples (t, eid, v)', 3);
    // A file below schema 6 (written by this code only in tests of older schemas) has no msg columns.
    this.withMsg = hasMsgColumns(db);
    const m = this.withMsg;
    this.insertEvent = db.prepare(
      `INSERT INTO events (time, severity, type, message, objects${m ? ', msg' : ''}) VALUES (?, ?, ?, ?, ?${m ? ', ?' : ''})`,
    );
    this.insertEventObject = db.prepare(
      'INSERT OR IGNORE INTO event_objects (event_id, object_id) VALUES (?, ?)',
    );
    this.upsertTask = db.prepare(
      `INSERT INTO tasks (id, type, description, target, state, progress, queued_at, started_at, finished_at, reason, result_id${m ? ', msg' : ''})
       VALUES (@id, @type, @description, @target, @state, @progress, @queuedAt, @startedAt, @finishedAt, @reason, @resultId${m ? ', @msg' : ''})
       ON CONFLICT(id) DO UPDATE SET type = excluded.type, description = excluded.description, target = excluded.target,
         state = excluded.state, progress = excluded.progress, queued_at = excluded.queued_at,
         started_at = excluded.started_at, finished_at = excluded.finished_at, reason = excluded.reason,
         result_id = excluded.result_id${m ? ', msg = excluded.msg' : ''}`,
    );
    this.deleteEventObjects = db.prepare(
      'DELETE FROM event_objects WHERE event_id IN (SELECT id FROM events WHERE time <= ?)',
    );
    this.deleteEvents = db.prepare('DELETE FROM events WHERE time <= ?');
    this.deleteClearedAlarms = db.prepare(
      'DELETE FROM alarms WHERE cleared_at IS NOT NULL AND cleared_at <= ?',
    );
    this.setMeta = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.insertAlarm = db.prepare(
      `INSERT INTO alarms (id, rule, object_id, object_name, severity, message, triggered_at, cleared_at, acknowledged${m ? ', msg' : ''})
       VALUES (@id, @rule, @objectId, @objectName, @severity, @message, @triggeredAt, @clearedAt, @acknowledged${m ? ', @msg' : ''})`,
    );
    // An alarm is cleared once; acknowledging never un-acknowledges (schema 4 also enforces both).
    this.clearAlarm = db.prepare('UPDATE alarms SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL');
    this.ackAlarm = db.prepare('UPDATE alarms SET acknowledged = 1 WHERE id = ? AND acknowledged = 0');
    this.guard = new HistoryGuard(db);
  }

  /** Alarm changes in the order they happened; the highest alarm number is kept in the meta (alarmSeq). */
  private writeAlarms(ops: readonly AlarmOp[]): void {
    let top = 0;
    for (const o of ops) {
      if (o.op === 'add') {
        const a = o.alarm;
        const { msg, ...rest } = a;
        const row = { ...rest, clearedAt: a.clearedAt, acknowledged: a.acknowledged ? 1 : 0 };
        this.insertAlarm.run(this.withMsg ? { ...row, msg: msg ? JSON.stringify(msg) : null } : row);
        top = Math.max(top, alarmNumber(a.id));
      } else if (o.op === 'clear') this.clearAlarm.run(o.time, o.id);
      else this.ackAlarm.run(o.id);
    }
    if (top > 0) this.setMeta.run('alarmSeq', JSON.stringify(top));
  }

  /** Rollup rows, encoded into one buffer (no allocation per vector), inserted in groups per level. */
  private writeRollups(rows: readonly RollupRow[]): void {
    if (rows.length === 0) return;
    let bytes = 0;
    for (const row of rows) bytes += 2 * maxEncodedBytes(row.m);
    const ab = new ArrayBuffer(bytes);
    const out = { u8: new Uint8Array(ab), f32: new Float32Array(ab) };
    const buf = Buffer.from(ab);
    let pos = 0;
    for (const stmt of this.insertRollup.values()) stmt.reset();
    for (const row of rows) {
      const stmt = this.insertRollup.get(row.res);
      if (!stmt) throw new Error(`No rollup table for interval ${row.res}`);
      const { m, vals, off } = row;
      const a = pos;
      const b = encodeInto(out, a, m, vals, off, 1, null);
      pos = encodeInto(out, b, m, vals, off + m, 1, vals, off);
      stmt.push(row.t, row.eid, row.n, buf.subarray(a, b), buf.subarray(b, pos));
    }
    for (const stmt of this.insertRollup.values()) stmt.end();
  }

  /** Realtime samples: one row per block (schema 5), or one per entity (the row layout of older files). */
  private writeSamples(samples: readonly SampleBlock[]): void {
    const block = this.insertBlock;
    if (block) {
      for (const s of samples) {
        if (s.eids.length === 0) continue;
        const { buf, offsets } = encodedSamples(s);
        block.run(s.t, s.kind, bytesOf(s.eids), bytesOf(offsets), buf);
      }
      return;
    }
    const ins = this.insertSample!;
    ins.reset();
    for (const s of samples) {
      const { buf, offsets } = encodedSamples(s);
      const { eids, t } = s;
      for (let r = 0; r < eids.length; r++) ins.push(t, eids[r], buf.subarray(offsets[r]!, offsets[r + 1]!));
    }
    ins.end();
  }

  /** Writes a batch; call inside a transaction. Answers the resolutions (0 = realtime) whose rows changed. */
  write(batch: Batch, cutoffs: Cutoffs | null): Set<number> {
    const changed = new Set<number>();
    if (batch.samples.length) changed.add(0);
    for (const row of batch.rollups) changed.add(row.res);
    for (const [eid, e] of batch.entities) this.upsertEntity.run(eid, e.id, e.kind, e.name, e.parentId);
    this.writeSamples(batch.samples);
    this.writeRollups(batch.rollups);
    if (batch.rollups.length) this.kindVectors?.write(batch.rollups);
    for (const ev of batch.events) {
      const row: unknown[] = [ev.time, ev.severity, ev.type, ev.message, JSON.stringify(ev.objects)];
      if (this.withMsg) row.push(ev.msg ? JSON.stringify(ev.msg) : null);
      const id = this.insertEvent.run(...row).lastInsertRowid;
      for (const o of ev.objects) this.insertEventObject.run(id, o);
    }
    for (const t of batch.tasks.values()) {
      this.upsertTask.run({
        id: t.id,
        type: t.type,
        description: t.description,
        target: t.target,
        state: t.state,
        progress: t.progress,
        queuedAt: t.queuedAt,
        startedAt: t.startedAt,
        finishedAt: t.finishedAt,
        reason: t.reason,
        resultId: t.resultId ?? null,
        ...(this.withMsg ? { msg: taskMsgJson(t) } : {}),
      });
    }
    this.writeAlarms(batch.alarms);
    if (cutoffs) {
      for (const c of cutoffs.metrics)
        if ((this.deleteOld.get(c.res)?.run(c.cutoff).changes ?? 0) > 0) changed.add(c.res);
      for (const c of cutoffs.kindVectors) this.kindVectors?.prune(c.res, c.cutoff);
      this.guard.deleting(() => {
        this.deleteEventObjects.run(cutoffs.events);
        this.deleteEvents.run(cutoffs.events);
        this.deleteClearedAlarms.run(cutoffs.events);
      });
    }
    if (batch.ticks > 0) {
      this.setMeta.run('lastTick', JSON.stringify(batch.lastTick));
      this.setMeta.run('lastTime', JSON.stringify(batch.lastTime));
    }
    return changed;
  }
}

/** A task's message codes as stored in tasks.msg (NULL when it has none). */
function taskMsgJson(t: TaskInfo): string | null {
  if (!t.descriptionMsg && !t.reasonMsg) return null;
  return JSON.stringify({ description: t.descriptionMsg, reason: t.reasonMsg });
}
