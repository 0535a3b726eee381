/**
 * The writer thread (OpenOptions.writerThread): automatic flushes written by a worker thread on a
 * second connection. The file it writes must be row for row the file the synchronous path writes;
 * reads, checkpoints and rollbacks in between see every tick appended before them; a failed write in
 * the thread loses nothing (the batch is put back, Save As rescues it).
 */
import { createHash } from 'node:crypto';
import nodePath from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineEvent, TaskInfo } from '../engine/api';
import { Workspace } from './workspace';
import { fleet, makeTick, removeTempDirs, tempDir, testInit } from './testing/synth';

afterAll(removeTempDirs);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** SHA-256 of every row of every table but the wall-clock values (meta createdAt, snapshot created_at), in key order. */
function tableHashes(path: string): Record<string, string> {
  const db = new Database(path, { readonly: true });
  const out: Record<string, string> = {};
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables) {
    const rows =
      name === 'meta'
        ? db.prepare("SELECT * FROM meta WHERE key NOT IN ('createdAt') ORDER BY key").raw().all()
        : name === 'snapshots'
          ? db.prepare('SELECT tick, time, codec, data FROM snapshots ORDER BY tick').raw().all()
          : db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).raw().all();
    const h = createHash('sha256');
    for (const r of rows)
      for (const c of r as unknown[])
        h.update(Buffer.isBuffer(c) ? c : Buffer.from(`${typeof c}:${String(c)}|`));
    out[name] = `${rows.length}:${h.digest('hex').slice(0, 16)}`;
  }
  db.close();
  return out;
}

function eventAt(tick: number): EngineEvent {
  return {
    time: tick * 20,
    severity: 'info',
    type: 'test.event',
    message: `tick ${tick}`,
    objects: ['vm-1'],
  };
}

function taskAt(tick: number): TaskInfo {
  return {
    id: `task-${Math.floor(tick / 3)}`,
    type: 'vm.migrate',
    description: 'Migrate vm-1',
    target: 'vm-1',
    state: tick % 3 === 2 ? 'success' : 'running',
    progress: (tick % 3) * 50,
    queuedAt: Math.floor(tick / 3) * 60,
    startedAt: Math.floor(tick / 3) * 60,
    finishedAt: tick % 3 === 2 ? tick * 20 : null,
    reason: null,
  } as TaskInfo;
}

/** 700 ticks with events, tasks, alarms, checkpoints, reads and a rollback in between. */
function record(path: string, writerThread: boolean): void {
  const ws = must(
    Workspace.create(path, testInit(), { writerThread, flushEveryTicks: 7, flushIntervalMs: 3_600_000 }),
  );
  const f = fleet(4, 30);
  for (let k = 1; k <= 700; k++) {
    ws.appendTick(makeTick(k, 20, f, undefined, undefined, { events: [eventAt(k)], tasks: [taskAt(k)] }));
    if (k % 50 === 0)
      ws.recordAlarm({
        id: `alarm-${k}`,
        rule: 'host.cpu',
        objectId: 'host-1',
        objectName: 'host-1',
        severity: 'warning',
        message: 'CPU high',
        triggeredAt: k * 20,
        clearedAt: null,
        acknowledged: false,
      });
    if (k % 50 === 25) ws.clearAlarm(`alarm-${k - 25}`, k * 20);
    if (k % 120 === 0) must(ws.saveSnapshot(k, k * 20, { k }));
    // A read right after an automatic flush sees every tick appended so far.
    if (k % 7 === 1) {
      const s = must(
        ws.querySeries({
          entityIds: ['host-2'],
          metrics: ['cpu.usageMHz'],
          from: Math.max(0, k * 20 - 60),
          to: k * 20,
        }),
      );
      expect(s.series[0]!.points.at(-1)?.[0]).toBe(k * 20);
    }
    if (k === 400) {
      // A rollback to the last checkpoint (as a resumed run does), then the same ticks again.
      must(ws.truncateAfter(360));
      for (let j = 361; j <= 400; j++)
        ws.appendTick(makeTick(j, 20, f, undefined, undefined, { events: [eventAt(j)], tasks: [taskAt(j)] }));
    }
  }
  expect(ws.alarmSeq()).toBe(700);
  must(ws.close());
}

describe('writer thread', () => {
  it('writes the same rows as the synchronous path, with reads, checkpoints and a rollback in between', () => {
    const dir = tempDir();
    const a = nodePath.join(dir, 'sync.vdc');
    const b = nodePath.join(dir, 'thread.vdc');
    record(a, false);
    record(b, true);
    const ha = tableHashes(a);
    expect(Object.keys(ha)).toContain('realtime_blocks');
    expect(tableHashes(b)).toEqual(ha);
  }, 60_000);

  it('writes in another thread, and a failed write there keeps every tick for Save As', () => {
    const dir = tempDir();
    const p = nodePath.join(dir, 'full.vdc');
    const ws = must(
      Workspace.create(p, testInit(), {
        writerThread: true,
        maxFileBytes: 400 * 1024,
        flushEveryTicks: 5,
        flushIntervalMs: 3_600_000,
      }),
    );
    expect((ws as unknown as { thread: unknown }).thread).not.toBeNull();
    const f = fleet(10, 100);
    let k = 0;
    // Automatic flushes only: the first one the thread cannot write fails there, not here.
    while (k < 2000 && ws.status().lastError === null) {
      ws.appendTick(makeTick(++k, 20, f));
      // Each automatic flush leaves its batch with the thread (unless the previous one just failed).
      if (k % 5 === 0 && ws.status().lastError === null)
        expect((ws as unknown as { inflight: unknown }).inflight).not.toBeNull();
      if (k % 10 === 0) ws.queryEvents({ limit: 10, offset: 0 }); // a read waits for the flush in flight
    }
    expect(ws.status().lastError?.code).toBe('DISK_FULL');
    // Nothing lost: every tick since the last committed flush is still pending.
    const pending = ws.status().pendingTicks;
    expect(pending).toBeGreaterThanOrEqual(5);
    expect(ws.flush().ok).toBe(false);
    const copy = nodePath.join(dir, 'rescued.vdc');
    must(ws.saveAs(copy));
    ws.close();
    const c = must(Workspace.open(copy, { check: 'full' }));
    expect(c.meta().lastTick).toBe(k);
    const s = must(
      c.querySeries({
        entityIds: ['vm-42'],
        metrics: ['cpu.usageMHz'],
        from: (k - pending) * 20,
        to: k * 20,
      }),
    );
    expect(s.series[0]!.points).toEqual(
      Array.from({ length: pending + 1 }, (_, i) => [(k - pending + i) * 20, 4200 + k - pending + i]),
    );
    c.close();
  }, 60_000);

  it('writes on its own thread when the writer thread cannot start (nothing lost, no wait forever)', () => {
    const p = nodePath.join(tempDir(), 'fallback.vdc');
    process.env.VDC_TEST_WRITER_THREAD_FAILS = '1';
    let ws: Workspace;
    try {
      ws = must(
        Workspace.create(p, testInit(), {
          writerThread: true,
          flushEveryTicks: 5,
          flushIntervalMs: 3_600_000,
        }),
      );
    } finally {
      delete process.env.VDC_TEST_WRITER_THREAD_FAILS;
    }
    const f = fleet(2, 5);
    for (let k = 1; k <= 30; k++) ws.appendTick(makeTick(k, 20, f));
    const s = must(ws.querySeries({ entityIds: ['vm-3'], metrics: ['cpu.usageMHz'], from: 0, to: 600 }));
    expect(s.series[0]!.points).toHaveLength(30);
    expect((ws as unknown as { thread: unknown }).thread).toBeNull();
    for (let k = 31; k <= 40; k++) ws.appendTick(makeTick(k, 20, f));
    must(ws.close());
    const r = must(Workspace.open(p));
    expect(r.meta().lastTick).toBe(40);
    r.close();
  }, 60_000);
});
