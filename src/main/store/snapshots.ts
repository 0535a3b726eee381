/** Engine snapshots: JSON compressed with deflate, newest `keep` kept. */
import zlib from 'node:zlib';
import type Database from 'better-sqlite3';
import { storeErr, storeOk, toStoreError, type StoreResult } from './errors';

const CODEC = 'json+deflate';
/** The deflate level (one place: the one-step and the background encodings agree byte for byte). */
const LEVEL = 3;

export interface StoredSnapshot {
  tick: number;
  time: number;
  snapshot: unknown;
}

export function encodeSnapshot(snapshot: unknown): StoreResult<Buffer> {
  try {
    const json = JSON.stringify(snapshot);
    if (json === undefined) return storeErr('INVALID_ARGUMENT', 'The snapshot is empty (undefined).');
    return encodeSnapshotJson(json);
  } catch (e) {
    return storeErr(
      'INVALID_ARGUMENT',
      `The snapshot cannot be serialised: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** Compresses a snapshot that is already JSON text (saves a copy + stringify of large states). */
export function encodeSnapshotJson(json: string): StoreResult<Buffer> {
  try {
    return storeOk(zlib.deflateSync(Buffer.from(json), { level: LEVEL }));
  } catch (e) {
    return storeErr(
      'INVALID_ARGUMENT',
      `The snapshot cannot be serialised: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/**
 * encodeSnapshotJson for a snapshot given as pieces of its JSON text, compressed in libuv's thread pool:
 * the calling thread only copies the pieces into one buffer (a large engine's snapshot is ≈ 10 MB of
 * text; deflating it takes the thread tens to hundreds of ms otherwise). Same bytes as encodeSnapshotJson.
 */
export function encodeSnapshotPieces(pieces: readonly string[]): Promise<StoreResult<Buffer>> {
  return new Promise((resolve) => {
    let input: Buffer;
    try {
      input = Buffer.concat(pieces.map((p) => Buffer.from(p)));
    } catch (e) {
      resolve(
        storeErr(
          'INVALID_ARGUMENT',
          `The snapshot cannot be serialised: ${e instanceof Error ? e.message : String(e)}`,
        ),
      );
      return;
    }
    zlib.deflate(input, { level: LEVEL }, (e, out) =>
      resolve(
        e ? storeErr('INVALID_ARGUMENT', `The snapshot cannot be compressed: ${e.message}`) : storeOk(out),
      ),
    );
  });
}

/** Inserts a snapshot and deletes all but the newest `keep`; call inside a transaction. */
export function writeSnapshot(
  db: Database.Database,
  tick: number,
  time: number,
  data: Buffer,
  keep: number,
): void {
  db.prepare(
    'INSERT OR REPLACE INTO snapshots (tick, time, codec, data, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(tick, time, CODEC, data, Date.now());
  db.prepare(
    'DELETE FROM snapshots WHERE tick NOT IN (SELECT tick FROM snapshots ORDER BY tick DESC LIMIT ?)',
  ).run(keep);
}

export function readLatestSnapshot(db: Database.Database, path: string): StoreResult<StoredSnapshot | null> {
  try {
    const row = db
      .prepare('SELECT tick, time, codec, data FROM snapshots ORDER BY tick DESC LIMIT 1')
      .get() as { tick: number; time: number; codec: string; data: Buffer } | undefined;
    if (!row) return storeOk(null);
    const json =
      row.codec === CODEC ? zlib.inflateSync(row.data).toString('utf8') : row.data.toString('utf8');
    return storeOk({ tick: row.tick, time: row.time, snapshot: JSON.parse(json) as unknown });
  } catch (e) {
    const se = toStoreError(e, path, 'read the latest checkpoint');
    return {
      ok: false,
      error:
        se.code === 'IO'
          ? { ...se, code: 'CORRUPT', message: `The latest checkpoint in ${path} is damaged: ${String(e)}` }
          : se,
    };
  }
}
