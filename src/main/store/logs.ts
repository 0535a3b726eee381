/** Events, tasks and alarms: filtered, paged queries (newest first) and alarm writes. */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Severity, TaskInfo, TaskState } from '../engine/api';
import type { Msg } from '../engine/messages';
import { storeErr, storeOk, toStoreError, type StoreResult } from './errors';
import type {
  AlarmPatch,
  AlarmQuery,
  AlarmRecord,
  EventQuery,
  NewAlarm,
  Page,
  StoredEvent,
  TaskQuery,
} from './types';

const Paging = { limit: z.number().int().min(1).max(10_000), offset: z.number().int().min(0) };
const Time = z.number().finite().min(0);

/** Records of any of these objects (a cluster or datacenter with everything under it); the service fills it. */
const ObjectIds = z.array(z.string().min(1)).max(1_000_000).optional();
const EventQuerySchema = z.object({
  objectId: z.string().min(1).optional(),
  objectIds: ObjectIds,
  severity: z.enum(['info', 'warning', 'error']).optional(),
  type: z.string().min(1).optional(),
  from: Time.optional(),
  to: Time.optional(),
  sort: z.enum(['time', 'severity', 'type']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  ...Paging,
});
const TaskQuerySchema = z.object({
  objectId: z.string().min(1).optional(),
  objectIds: ObjectIds,
  state: z.enum(['queued', 'running', 'success', 'error', 'cancelled']).optional(),
  type: z.string().min(1).optional(),
  from: Time.optional(),
  to: Time.optional(),
  sort: z.enum(['queuedAt', 'type', 'state', 'target', 'finishedAt']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  ...Paging,
});

/** ORDER BY clauses from a fixed list (never from the caller's text); newest first unless asked. */
const SEVERITY_RANK = "CASE severity WHEN 'error' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END";
function eventOrder(sort: EventQuery['sort'], order: EventQuery['order']): string {
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  const col = sort === 'severity' ? SEVERITY_RANK : sort === 'type' ? 'type' : 'time';
  return col === 'time' ? `time ${dir}, id ${dir}` : `${col} ${dir}, time DESC, id DESC`;
}
function taskOrder(sort: TaskQuery['sort'], order: TaskQuery['order']): string {
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  const col =
    sort === 'type'
      ? 'type'
      : sort === 'state'
        ? 'state'
        : sort === 'target'
          ? 'target'
          : sort === 'finishedAt'
            ? 'finished_at'
            : 'queued_at';
  return col === 'queued_at' ? `queued_at ${dir}, id ${dir}` : `${col} ${dir}, queued_at DESC, id DESC`;
}
const AlarmQuerySchema = z.object({
  objectId: z.string().min(1).optional(),
  activeOnly: z.boolean().optional(),
  severity: z.enum(['warning', 'error']).optional(),
  ...Paging,
});
const NewAlarmSchema = z.object({
  id: z.string().min(1).max(200).optional(),
  rule: z.string().min(1),
  objectId: z.string().min(1),
  objectName: z.string().optional(),
  severity: z.enum(['warning', 'error']),
  message: z.string(),
  msg: z.custom<Msg>((v) => readMsg(v) !== undefined).optional(),
  triggeredAt: Time,
});
/** Only an alarm's own clear and acknowledge fields change once it is recorded (append-only history). */
const AlarmPatchSchema = z
  .object({
    clearedAt: Time.optional(),
    acknowledged: z.literal(true, { message: 'an acknowledged alarm stays acknowledged' }).optional(),
  })
  .strict();

function add(clauses: string[], params: unknown[], clause: string, ...values: unknown[]): void {
  clauses.push(clause);
  params.push(...values);
}

function invalid(what: string, e: z.ZodError) {
  return storeErr(
    'INVALID_ARGUMENT',
    `Invalid ${what}: ${e.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`,
  );
}

function paged<T>(
  db: Database.Database,
  from: string,
  where: string[],
  params: unknown[],
  order: string,
  limit: number,
  offset: number,
  map: (r: never) => T,
): Page<T> {
  const w = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS c FROM ${from}${w}`).get(...params) as { c: number }).c;
  const rows = db
    .prepare(`SELECT * FROM ${from}${w} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as never[];
  return { total, rows: rows.map(map) };
}

/**
 * A stored message code (schema 6), checked for shape: a code and parameters that are strings, numbers or
 * nested messages. Anything else (a hand-edited or damaged file) is left out, and the record shows its text.
 */
/** Nested messages (a reason inside a reason inside a list) go a few levels deep; 10 is far beyond use. */
function readMsg(v: unknown, depth = 0): Msg | undefined {
  if (depth > 10 || typeof v !== 'object' || v === null) return undefined;
  const o = v as { code?: unknown; params?: unknown };
  if (typeof o.code !== 'string' || o.code.length > 100) return undefined;
  if (typeof o.params !== 'object' || o.params === null || Array.isArray(o.params)) return undefined;
  for (const p of Object.values(o.params))
    if (typeof p !== 'string' && typeof p !== 'number' && readMsg(p, depth + 1) === undefined)
      return undefined;
  return v as Msg;
}

/** Whether the file has the msg columns of schema 6 (tests write files of older schemas with this code). */
export function hasMsgColumns(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM pragma_table_info('events') WHERE name = 'msg'").get() !== undefined;
}

function parseMsgColumn(text: string | null | undefined): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

interface EventRow {
  id: number;
  time: number;
  severity: Severity;
  type: string;
  message: string;
  objects: string;
  msg?: string | null;
}

export function queryEvents(
  db: Database.Database,
  path: string,
  q: EventQuery,
): StoreResult<Page<StoredEvent>> {
  const p = EventQuerySchema.safeParse(q);
  if (!p.success) return invalid('event query', p.error);
  const where: string[] = [];
  const params: unknown[] = [];
  const f = p.data;
  if (f.objectId !== undefined)
    add(where, params, 'id IN (SELECT event_id FROM event_objects WHERE object_id = ?)', f.objectId);
  if (f.objectIds !== undefined)
    add(
      where,
      params,
      'id IN (SELECT event_id FROM event_objects WHERE object_id IN (SELECT value FROM json_each(?)))',
      JSON.stringify(f.objectIds),
    );
  if (f.severity !== undefined) add(where, params, 'severity = ?', f.severity);
  if (f.type !== undefined) add(where, params, 'type = ?', f.type);
  if (f.from !== undefined) add(where, params, 'time >= ?', f.from);
  if (f.to !== undefined) add(where, params, 'time <= ?', f.to);
  try {
    return storeOk(
      paged(db, 'events', where, params, eventOrder(f.sort, f.order), f.limit, f.offset, (r: EventRow) => {
        const ev: StoredEvent = {
          id: r.id,
          time: r.time,
          severity: r.severity,
          type: r.type,
          message: r.message,
          objects: JSON.parse(r.objects) as string[],
        };
        const m = readMsg(parseMsgColumn(r.msg));
        if (m) ev.msg = m;
        return ev;
      }),
    );
  } catch (e) {
    return { ok: false, error: toStoreError(e, path, 'read the events') };
  }
}

interface TaskRow {
  id: string;
  type: string;
  description: string;
  target: string;
  state: TaskState;
  progress: number;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
  reason: string | null;
  result_id: string | null;
  msg?: string | null;
}

export function queryTasks(db: Database.Database, path: string, q: TaskQuery): StoreResult<Page<TaskInfo>> {
  const p = TaskQuerySchema.safeParse(q);
  if (!p.success) return invalid('task query', p.error);
  const where: string[] = [];
  const params: unknown[] = [];
  if (p.data.objectId !== undefined)
    add(where, params, '(target = ? OR result_id = ?)', p.data.objectId, p.data.objectId);
  if (p.data.objectIds !== undefined) {
    const ids = JSON.stringify(p.data.objectIds);
    add(
      where,
      params,
      '(target IN (SELECT value FROM json_each(?)) OR result_id IN (SELECT value FROM json_each(?)))',
      ids,
      ids,
    );
  }
  if (p.data.state !== undefined) add(where, params, 'state = ?', p.data.state);
  if (p.data.type !== undefined) add(where, params, 'type = ?', p.data.type);
  if (p.data.from !== undefined) add(where, params, 'queued_at >= ?', p.data.from);
  if (p.data.to !== undefined) add(where, params, 'queued_at <= ?', p.data.to);
  try {
    return storeOk(
      paged(
        db,
        'tasks',
        where,
        params,
        taskOrder(p.data.sort, p.data.order),
        p.data.limit,
        p.data.offset,
        (r: TaskRow) => {
          const t: TaskInfo = {
            id: r.id,
            type: r.type,
            description: r.description,
            target: r.target,
            state: r.state,
            progress: r.progress,
            queuedAt: r.queued_at,
            startedAt: r.started_at,
            finishedAt: r.finished_at,
            reason: r.reason,
          };
          if (r.result_id !== null) t.resultId = r.result_id;
          const m = parseMsgColumn(r.msg) as { description?: unknown; reason?: unknown } | undefined;
          const d = readMsg(m?.description);
          const why = readMsg(m?.reason);
          if (d) t.descriptionMsg = d;
          if (why) t.reasonMsg = why;
          return t;
        },
      ),
    );
  } catch (e) {
    return { ok: false, error: toStoreError(e, path, 'read the tasks') };
  }
}

/** The distinct event and task types the file holds, sorted (the console's type filter). */
export function historyTypes(
  db: Database.Database,
  path: string,
): StoreResult<{ events: string[]; tasks: string[] }> {
  try {
    const col = (sql: string): string[] => (db.prepare(sql).all() as { type: string }[]).map((r) => r.type);
    return storeOk({
      events: col('SELECT DISTINCT type FROM events ORDER BY type'),
      tasks: col('SELECT DISTINCT type FROM tasks ORDER BY type'),
    });
  } catch (e) {
    return { ok: false, error: toStoreError(e, path, 'read the event and task types') };
  }
}

interface AlarmRow {
  id: string;
  rule: string;
  object_id: string;
  object_name: string;
  severity: 'warning' | 'error';
  message: string;
  triggered_at: number;
  cleared_at: number | null;
  acknowledged: number;
  msg?: string | null;
}
const toAlarm = (r: AlarmRow): AlarmRecord => {
  const a: AlarmRecord = {
    id: r.id,
    rule: r.rule,
    objectId: r.object_id,
    objectName: r.object_name,
    severity: r.severity,
    message: r.message,
    triggeredAt: r.triggered_at,
    clearedAt: r.cleared_at,
    acknowledged: r.acknowledged !== 0,
  };
  const m = readMsg(parseMsgColumn(r.msg));
  if (m) a.msg = m;
  return a;
};

export function queryAlarms(
  db: Database.Database,
  path: string,
  q: AlarmQuery,
): StoreResult<Page<AlarmRecord>> {
  const p = AlarmQuerySchema.safeParse(q);
  if (!p.success) return invalid('alarm query', p.error);
  const where: string[] = [];
  const params: unknown[] = [];
  if (p.data.objectId !== undefined) add(where, params, 'object_id = ?', p.data.objectId);
  if (p.data.activeOnly) where.push('cleared_at IS NULL');
  if (p.data.severity !== undefined) add(where, params, 'severity = ?', p.data.severity);
  try {
    return storeOk(
      paged(db, 'alarms', where, params, 'triggered_at DESC, seq DESC', p.data.limit, p.data.offset, toAlarm),
    );
  } catch (e) {
    return { ok: false, error: toStoreError(e, path, 'read the alarms') };
  }
}

export function addAlarm(
  db: Database.Database,
  path: string,
  a: NewAlarm,
  objectName: (id: string) => string,
): StoreResult<AlarmRecord> {
  const p = NewAlarmSchema.safeParse(a);
  if (!p.success) return invalid('alarm', p.error);
  try {
    return db.transaction((): StoreResult<AlarmRecord> => {
      const seq = (db.prepare('SELECT coalesce(max(seq), 0) + 1 AS s FROM alarms').get() as { s: number }).s;
      const id = p.data.id ?? `alarm-${seq}`;
      if (db.prepare('SELECT 1 FROM alarms WHERE id = ?').get(id))
        return storeErr('INVALID_ARGUMENT', `An alarm with id "${id}" already exists.`, { id });
      const m = hasMsgColumns(db);
      const values: unknown[] = [
        seq,
        id,
        p.data.rule,
        p.data.objectId,
        p.data.objectName ?? objectName(p.data.objectId),
        p.data.severity,
        p.data.message,
        p.data.triggeredAt,
      ];
      if (m) values.push(p.data.msg ? JSON.stringify(p.data.msg) : null);
      db.prepare(
        `INSERT INTO alarms (seq, id, rule, object_id, object_name, severity, message, triggered_at, cleared_at, acknowledged${m ? ', msg' : ''})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 0${m ? ', ?' : ''})`,
      ).run(...values);
      return storeOk(toAlarm(db.prepare('SELECT * FROM alarms WHERE id = ?').get(id) as AlarmRow));
    })();
  } catch (e) {
    return { ok: false, error: toStoreError(e, path, 'save the alarm') };
  }
}

export function updateAlarm(
  db: Database.Database,
  path: string,
  id: string,
  patch: AlarmPatch,
): StoreResult<AlarmRecord> {
  const p = AlarmPatchSchema.safeParse(patch);
  if (!p.success) return invalid('alarm update', p.error);
  try {
    const row = db.prepare('SELECT * FROM alarms WHERE id = ?').get(id) as AlarmRow | undefined;
    if (!row) return storeErr('NOT_FOUND', `No alarm with id "${id}".`, { id });
    const clearedAt = p.data.clearedAt;
    if (clearedAt !== undefined && row.cleared_at !== null && row.cleared_at !== clearedAt)
      return storeErr(
        'INVALID_ARGUMENT',
        `Alarm "${id}" was already cleared at ${row.cleared_at}; an alarm is cleared once.`,
        { id },
      );
    if (clearedAt !== undefined && clearedAt < row.triggered_at)
      return storeErr(
        'INVALID_ARGUMENT',
        `Alarm "${id}" cannot clear (${clearedAt}) before it triggered (${row.triggered_at}).`,
        { id },
      );
    if (clearedAt !== undefined && row.cleared_at === null)
      db.prepare('UPDATE alarms SET cleared_at = ? WHERE id = ?').run(clearedAt, id);
    if (p.data.acknowledged) db.prepare('UPDATE alarms SET acknowledged = 1 WHERE id = ?').run(id);
    return storeOk(toAlarm(db.prepare('SELECT * FROM alarms WHERE id = ?').get(id) as AlarmRow));
  } catch (e) {
    return { ok: false, error: toStoreError(e, path, 'update the alarm') };
  }
}
