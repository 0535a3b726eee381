/**
 * Workspace.openSteps (issue 21: the service thread opened a 30,000-VM workspace's connection, entity
 * list and open rollup buckets in one step): in many small steps, with the same result as `open` — the
 * same entities, and the same rollups once the recording continues (the open buckets were rebuilt the
 * same way) — and a file left closed when the steps are abandoned.
 */
import fs from 'node:fs';
import nodePath from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from './workspace';
import { fleet, makeTick, removeTempDirs, tempDir, testInit } from './testing/synth';
import type { StoreResult } from './errors';

afterAll(removeTempDirs);

function must<T>(r: StoreResult<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Every stored rollup row and kind vector, as text. */
function storedRollups(path: string): Record<string, string[]> {
  const db = new Database(path, { readonly: true });
  const out: Record<string, string[]> = {};
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'rollup_%' OR name = 'kind_vectors' OR name = 'kind_buckets') ORDER BY name",
    )
    .pluck()
    .all() as string[];
  for (const t of tables)
    out[t] = (db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).raw().all() as unknown[][]).map((r) =>
      r.map((c) => (Buffer.isBuffer(c) ? c.toString('hex') : String(c))).join('|'),
    );
  db.close();
  return out;
}

const f = fleet(40, 3000);
/** Recorded up to a time in the middle of every rollup interval: each level has an open bucket. */
const RECORDED = 250;

function recordedFile(dir: string): string {
  const p = nodePath.join(dir, 'w.vdc');
  const ws = must(Workspace.create(p, testInit()));
  for (let k = 1; k <= RECORDED; k++) ws.appendTick(makeTick(k, 20, f));
  must(ws.close());
  return p;
}

describe('Workspace.openSteps', () => {
  it('opens in many steps and continues exactly as a workspace opened in one', () => {
    const dir = tempDir();
    const src = recordedFile(dir);
    const a = nodePath.join(dir, 'a.vdc');
    const b = nodePath.join(dir, 'b.vdc');
    fs.copyFileSync(src, a);
    fs.copyFileSync(src, b);

    const one = must(Workspace.open(a));
    const gen = Workspace.openSteps(b, { deferScenario: true });
    let steps = 0;
    let r = gen.next();
    while (!r.done) {
      steps++;
      r = gen.next();
    }
    const stepped = must(r.value);
    // The connection, the entity list in pieces (3,040 entities) and the rebuilt buckets in pieces.
    expect(steps).toBeGreaterThan(10);
    expect(stepped.meta()).toEqual(one.meta());
    expect(stepped.entity('vm-2999')).toEqual(one.entity('vm-2999'));
    // Continued past the end of the open buckets: what they held is stored, and must be the same.
    for (let k = RECORDED + 1; k <= RECORDED + 200; k++) {
      one.appendTick(makeTick(k, 20, f));
      stepped.appendTick(makeTick(k, 20, f));
    }
    must(one.close());
    must(stepped.close());
    const rollups = storedRollups(a);
    expect(Object.values(rollups).some((rows) => rows.length > 0)).toBe(true);
    expect(storedRollups(b)).toEqual(rollups);
  });

  it('abandoned midway, leaves the file closed and as it was', () => {
    const dir = tempDir();
    const p = recordedFile(dir);
    const before = fs.readFileSync(p);
    for (const stopAt of [0, 1, 5, 40]) {
      const gen = Workspace.openSteps(p);
      for (let i = 0; i <= stopAt; i++) if (gen.next().done) break;
      gen.return({ ok: false, error: { code: 'IO', message: 'abandoned' } } as never);
      // The last connection closed removes its side files; nothing was written.
      expect(fs.existsSync(`${p}-wal`), `stopped after ${stopAt}`).toBe(false);
      expect(fs.readFileSync(p).equals(before)).toBe(true);
    }
  });

  it('refuses what open refuses, naming the file', () => {
    const p = nodePath.join(tempDir(), 'bad.vdc');
    fs.writeFileSync(p, 'not a database');
    const r = Workspace.openSteps(p).next();
    expect(r.done).toBe(true);
    expect(r.value).toMatchObject({ ok: false, error: { message: expect.stringContaining(p) } });
  });
});
