/**
 * The writer thread's code (see writer-thread.ts): its own connection to the workspace file, the same
 * Writer (prepared statements) as the main connection, one transaction per batch. Every message gets
 * exactly one answer, also when opening or writing fails, so the main thread never waits forever.
 */
import type Database from 'better-sqlite3';
import { workerData, parentPort } from 'node:worker_threads';
import { Writer, type Batch, type SampleBlock } from './batch';
import { toStoreError } from './errors';
import { configure } from './open';
import { openDatabase, setSqliteNativeBinding } from './sqlite';
import { unpackRollups, type FromWriter, type ToWriter, type WriterThreadData } from './writer-thread';

// Test hook (writer-thread.test.ts): a thread that cannot start, e.g. a native module that fails to load.
if (process.env.VDC_TEST_WRITER_THREAD_FAILS === '1') throw new Error('test: the writer thread cannot start');

const data = workerData as WriterThreadData;
setSqliteNativeBinding(data.nativeBinding);
const signal = new Int32Array(data.signal);
let db: Database.Database | null = null;
let writer: Writer | null = null;

function open(): Writer {
  if (writer) return writer;
  const d = openDatabase(data.path, { fileMustExist: true });
  try {
    configure(d, data);
    writer = new Writer(d, data.intervals);
  } catch (e) {
    d.close();
    throw e;
  }
  db = d;
  return writer;
}

/** Blobs arrive as Uint8Array (structured clone drops the Buffer class); better-sqlite3 binds Buffers. */
function reviveSamples(samples: readonly SampleBlock[]): void {
  for (const s of samples) {
    const b = s.buf as Uint8Array | null;
    if (b && !Buffer.isBuffer(b)) s.buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  }
}

function answer(reply: FromWriter): void {
  data.port.postMessage(reply);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

parentPort!.on('message', (m: ToWriter) => {
  if (m.type === 'close') {
    try {
      db?.close();
    } catch {
      // closing a connection whose last write failed: nothing more to save here
    }
    db = null;
    writer = null;
    answer({ seq: m.seq, ok: true, changed: [] });
    return;
  }
  try {
    const w = open();
    reviveSamples(m.batch.samples);
    let changed = new Set<number>();
    db!.transaction(() => {
      changed = w.write({ ...m.batch, rollups: unpackRollups(m.rollups) } as Batch, m.cutoffs);
    })();
    answer({ seq: m.seq, ok: true, changed: [...changed] });
  } catch (e) {
    answer({ seq: m.seq, ok: false, error: toStoreError(e, data.path, 'save the history') });
  }
});
