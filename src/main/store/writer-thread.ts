/**
 * The writer thread (OpenOptions.writerThread): the automatic flushes of `appendTick` are written by a
 * worker thread on a second SQLite connection to the same file, so the SQLite work of a flush (rows,
 * kind vectors, retention, commit) overlaps the next ticks on another core. At most one batch is in
 * flight; the workspace keeps it until the thread answers, and waits for that answer
 * (`Atomics.wait` + `receiveMessageOnPort`, no event loop turn) before any other read or write, so
 * every query, checkpoint, rollback and command sees the file as if the flush had been synchronous.
 * A failed write answers its StoreError and the workspace puts the batch back in front of the newer
 * ticks (nothing is lost; see Workspace.settle).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Batch, Cutoffs } from './batch';
import type { StoreError } from './errors';
import type { RollupRow } from './rollup';
import { sqliteNativeBinding } from './sqlite';

export interface WriterThreadData {
  path: string;
  maxFileBytes?: number;
  intervals: readonly number[];
  nativeBinding?: string;
  /** Int32 counter the thread increments (and notifies) after each answer. */
  signal: SharedArrayBuffer;
  port: MessagePort;
}

/**
 * Rollup rows as columns (row i: res[i], t[i], eid[i], n[i], m[i], kinds[kind[i]], slabs[slab[i]] at
 * off[i]): a structured clone of thousands of small row objects costs the tick's thread ≈ 1 µs each.
 */
export interface PackedRollups {
  count: number;
  res: Int32Array;
  t: Float64Array;
  eid: Int32Array;
  n: Int32Array;
  m: Int32Array;
  off: Int32Array;
  kind: Int32Array;
  slab: Int32Array;
  kinds: string[];
  slabs: Float32Array[];
}

export function packRollups(rows: readonly RollupRow[]): PackedRollups {
  const count = rows.length;
  const p: PackedRollups = {
    count,
    res: new Int32Array(count),
    t: new Float64Array(count),
    eid: new Int32Array(count),
    n: new Int32Array(count),
    m: new Int32Array(count),
    off: new Int32Array(count),
    kind: new Int32Array(count),
    slab: new Int32Array(count),
    kinds: [],
    slabs: [],
  };
  let lastKind = '';
  let kindIx = -1;
  let lastSlab: Float32Array | null = null;
  let slabIx = -1;
  for (let i = 0; i < count; i++) {
    const r = rows[i]!;
    p.res[i] = r.res;
    p.t[i] = r.t;
    p.eid[i] = r.eid;
    p.n[i] = r.n;
    p.m[i] = r.m;
    p.off[i] = r.off;
    if (r.kind !== lastKind || kindIx < 0) {
      lastKind = r.kind;
      kindIx = p.kinds.indexOf(r.kind);
      if (kindIx < 0) kindIx = p.kinds.push(r.kind) - 1;
    }
    p.kind[i] = kindIx;
    if (r.vals !== lastSlab) {
      lastSlab = r.vals;
      slabIx = p.slabs.indexOf(r.vals);
      if (slabIx < 0) slabIx = p.slabs.push(r.vals) - 1;
    }
    p.slab[i] = slabIx;
  }
  return p;
}

export function unpackRollups(p: PackedRollups): RollupRow[] {
  const rows: RollupRow[] = new Array<RollupRow>(p.count);
  for (let i = 0; i < p.count; i++)
    rows[i] = {
      res: p.res[i]!,
      kind: p.kinds[p.kind[i]!]!,
      t: p.t[i]!,
      eid: p.eid[i]!,
      n: p.n[i]!,
      m: p.m[i]!,
      vals: p.slabs[p.slab[i]!]!,
      off: p.off[i]!,
    };
  return rows;
}

/** What the main thread sends: a batch to write in one transaction, or the end. */
export type ToWriter =
  | {
      type: 'write';
      seq: number;
      batch: Pick<
        Batch,
        'entities' | 'samples' | 'events' | 'tasks' | 'alarms' | 'ticks' | 'lastTick' | 'lastTime'
      >;
      rollups: PackedRollups;
      cutoffs: Cutoffs | null;
    }
  | { type: 'close'; seq: number };

/**
 * The answer to one message: the resolutions whose rows changed, or the write's error; `fatal` when the
 * thread could not start (the workspace then writes on its own thread).
 */
export type FromWriter =
  | { seq: number; ok: true; changed: number[] }
  | { seq: number; ok: false; error: StoreError; fatal?: string };

/**
 * The worker's code: the bundled file beside this code in a build, the TypeScript source under
 * tsx/vitest. Loaded by a small wrapper that reports a failure to load (e.g. the native SQLite module)
 * through the shared signal, so the main thread, which may be blocked in wait(), learns of it.
 */
function entry(): string | null {
  const bundled = [join(__dirname, 'store-writer.js'), join(__dirname, '..', 'store-writer.js')].find((f) =>
    existsSync(f),
  );
  const source = join(__dirname, 'writer-worker.ts');
  const load = bundled
    ? `require(${JSON.stringify(bundled)});`
    : existsSync(source)
      ? `require('tsx/cjs'); require(${JSON.stringify(source)});`
      : null;
  if (load === null) return null;
  return `const { workerData } = require('node:worker_threads');
try { ${load} } catch (e) {
  const s = new Int32Array(workerData.signal);
  workerData.port.postMessage({ seq: -1, ok: false, fatal: String((e && e.stack) || e) });
  Atomics.store(s, 1, 1); Atomics.add(s, 0, 1); Atomics.notify(s, 0);
}`;
}

export class WriterThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal: Int32Array;
  private seq = 0;

  /** Null when the worker's code cannot be found (the workspace then writes on its own thread). */
  static start(path: string, intervals: readonly number[], maxFileBytes?: number): WriterThread | null {
    const code = entry();
    return code ? new WriterThread(code, path, intervals, maxFileBytes) : null;
  }

  private constructor(
    code: string,
    path: string,
    intervals: readonly number[],
    maxFileBytes: number | undefined,
  ) {
    // [0]: answers given (the thread increments and notifies); [1]: 1 when the thread failed to start.
    const sab = new SharedArrayBuffer(8);
    this.signal = new Int32Array(sab);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const nativeBinding = sqliteNativeBinding();
    const data: WriterThreadData = {
      path,
      intervals: [...intervals],
      signal: sab,
      port: port2,
      ...(maxFileBytes === undefined ? {} : { maxFileBytes }),
      ...(nativeBinding === undefined ? {} : { nativeBinding }),
    };
    this.worker = new Worker(code, { eval: true, workerData: data, transferList: [port2] });
    // Never keeps the process alive: the workspace closes it, and a process that exits without
    // closing loses the batch in flight as it would lose one in memory.
    this.worker.unref();
    this.port.unref();
  }

  /** Sends a batch; the data is copied (the workspace keeps its batch until the answer). */
  write(batch: Batch, cutoffs: Cutoffs | null): void {
    const msg: ToWriter = {
      type: 'write',
      seq: ++this.seq,
      batch: {
        entities: batch.entities,
        samples: batch.samples,
        events: batch.events,
        tasks: batch.tasks,
        alarms: batch.alarms,
        ticks: batch.ticks,
        lastTick: batch.lastTick,
        lastTime: batch.lastTime,
      },
      rollups: packRollups(batch.rollups),
      cutoffs,
    };
    this.worker.postMessage(msg);
  }

  /** Blocks until the answer to the last message sent. */
  wait(): FromWriter {
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      const m = receiveMessageOnPort(this.port);
      if (m) {
        const reply = m.message as FromWriter & { fatal?: string };
        if (reply.fatal !== undefined)
          return {
            seq: this.seq,
            ok: false,
            fatal: reply.fatal,
            error: {
              code: 'IO',
              message: `The history writer thread could not start (${reply.fatal.split('\n')[0]}); history is written on the main thread instead.`,
            },
          };
        if (reply.seq === this.seq) return reply;
        continue; // an older answer (never expected: one message in flight at a time)
      }
      Atomics.wait(this.signal, 0, seen);
    }
  }

  /** Closes the thread's connection (waits for it), then ends the thread. */
  close(): void {
    if (Atomics.load(this.signal, 1) === 0) {
      this.worker.postMessage({ type: 'close', seq: ++this.seq } satisfies ToWriter);
      this.wait();
    }
    void this.worker.terminate();
    this.port.close();
  }
}
