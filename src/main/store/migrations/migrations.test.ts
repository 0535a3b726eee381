import fs from 'node:fs';
import nodePath from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from '../workspace';
import { createFile } from '../open';
import { fingerprint, fleet, makeTick, removeTempDirs, tempDir, testInit } from '../testing/synth';
import {
  assertOrdered,
  latestVersion,
  migrate,
  MIGRATIONS,
  VDC_APPLICATION_ID,
  type Migration,
} from './index';
import { m001Initial } from './001-initial';
import { m002CommandLog } from './002-command-log';

afterAll(removeTempDirs);

const tables = (db: Database.Database): string[] =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A workspace file at schema `version` (made with that era's migration list) holding 40 ticks of history. */
function fileAtVersion(version: number): string {
  const p = nodePath.join(tempDir(), `v${version}.vdc`);
  const list = MIGRATIONS.slice(0, version);
  must(createFile(p, testInit(), {}, list)).db.close();
  const ws = must(Workspace.openWith(p, {}, list));
  const f = fleet(2, 3);
  for (let k = 1; k <= 40; k++) ws.appendTick(makeTick(k, 20, f));
  must(ws.saveSnapshot(40, 800, { engine: 'state at 40' }));
  must(ws.close());
  return p;
}

describe('migration list', () => {
  it('is ordered 1..N with no gaps', () => {
    expect(() => assertOrdered(MIGRATIONS)).not.toThrow();
    expect(latestVersion(MIGRATIONS)).toBe(MIGRATIONS.length);
  });

  it('rejects a list with a gap or a wrong order', () => {
    expect(() => assertOrdered([m002CommandLog])).toThrow(/position 0 holds version 2/);
    expect(() => assertOrdered([m001Initial, m001Initial])).toThrow(/expected 2/);
  });
});

describe('each migration', () => {
  it('001 creates the core tables and stamps the VDC application id', () => {
    const db = new Database(':memory:');
    expect(must(migrate(db, [m001Initial], 'mem')).applied).toEqual(['1-initial']);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'meta',
        'entities',
        'samples',
        'snapshots',
        'events',
        'event_objects',
        'tasks',
        'alarms',
        'recordings',
      ]),
    );
    expect(db.pragma('application_id', { simple: true })).toBe(VDC_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
  });

  it('002 adds the command log on top of 001', () => {
    const db = new Database(':memory:');
    must(migrate(db, [m001Initial], 'mem'));
    expect(tables(db)).not.toContain('commands');
    expect(must(migrate(db, [m001Initial, m002CommandLog], 'mem'))).toEqual({
      from: 1,
      to: 2,
      applied: ['2-command-log'],
    });
    expect(tables(db)).toContain('commands');
    expect(db.pragma('user_version', { simple: true })).toBe(2);
  });

  it('running the runner again on an up-to-date database applies nothing', () => {
    const db = new Database(':memory:');
    must(migrate(db, MIGRATIONS, 'mem'));
    expect(must(migrate(db, MIGRATIONS, 'mem')).applied).toEqual([]);
  });
});

describe('upgrading files written by earlier schemas', () => {
  // Every earlier version, so each new migration is tested against files from every older release.
  for (let v = 1; v < latestVersion(MIGRATIONS); v++) {
    it(`opens a schema-${v} file, migrates it to ${latestVersion(MIGRATIONS)} and keeps its data`, () => {
      const p = fileAtVersion(v);
      const ws = must(Workspace.open(p));
      expect(ws.meta().schemaVersion).toBe(latestVersion(MIGRATIONS));
      expect(ws.meta().lastTick).toBe(40);
      expect(ws.latestSnapshot()).toEqual({ tick: 40, time: 800, snapshot: { engine: 'state at 40' } });
      const s = must(ws.querySeries({ entityIds: ['host-1'], metrics: ['cpu.usageMHz'], from: 0, to: 800 }));
      expect(s.series[0]!.points).toHaveLength(40);
      // hand-computed: host 1, metric 0 at tick k is 100 + k
      expect(s.series[0]!.points[9]).toEqual([200, 110]);
      ws.close();
      const raw = new Database(p, { readonly: true });
      expect(raw.pragma('user_version', { simple: true })).toBe(latestVersion(MIGRATIONS));
      raw.close();
    });
  }

  it('004 makes the history of a schema-3 file append-only and keeps its events and alarms as they were', () => {
    const p = fileAtVersion(3);
    const old = must(Workspace.openWith(p, {}, MIGRATIONS.slice(0, 3)));
    must(
      old.addAlarm({
        rule: 'host.cpu',
        objectId: 'host-1',
        severity: 'warning',
        message: 'cpu',
        triggeredAt: 100,
      }),
    );
    must(old.close());
    const ws = must(Workspace.open(p));
    expect(
      must(ws.queryAlarms({ limit: 10, offset: 0 })).rows.map((a) => [a.id, a.triggeredAt, a.clearedAt]),
    ).toEqual([['alarm-1', 100, null]]);
    expect(ws.alarmSeq()).toBe(1);
    must(ws.close());
    const raw = new Database(p);
    expect(() => raw.prepare("UPDATE alarms SET severity = 'error'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM alarms').run()).toThrow(/append-only/);
    expect(raw.prepare("UPDATE alarms SET cleared_at = 300 WHERE id = 'alarm-1'").run().changes).toBe(1);
    raw.close();
  });

  it('an upgrade is one transaction: a failing migration leaves the file at its old version with its data', () => {
    const p = fileAtVersion(latestVersion(MIGRATIONS));
    const broken: Migration = {
      version: latestVersion(MIGRATIONS) + 1,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    const r = Workspace.openWith(p, {}, [...MIGRATIONS, broken]);
    expect(r.ok).toBe(false);
    const raw = new Database(p, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(latestVersion(MIGRATIONS));
    expect(tables(raw)).not.toContain('half_done');
    raw.close();
    const ws = must(Workspace.open(p));
    expect(ws.meta().lastTick).toBe(40);
    ws.close();
  });

  it('a fake next version (v N+1) is applied through Workspace.openWith and its data kept', () => {
    const p = fileAtVersion(latestVersion(MIGRATIONS));
    const next: Migration = {
      version: latestVersion(MIGRATIONS) + 1,
      name: 'add-notes',
      up(db) {
        db.exec(
          "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hello')",
        );
      },
    };
    const ws = must(Workspace.openWith(p, {}, [...MIGRATIONS, next]));
    expect(ws.meta().schemaVersion).toBe(latestVersion(MIGRATIONS) + 1);
    expect(ws.meta().lastTick).toBe(40);
    ws.close();
    // ...and the current release now refuses that file, without touching it.
    const before = fingerprint(p);
    const r = Workspace.open(p);
    expect(r.ok ? null : r.error.code).toBe('NEWER_VERSION');
    expect(fingerprint(p)).toEqual(before);
  });
});

describe('newer files', () => {
  it('a file stamped with a newer user_version is refused with NEWER_VERSION and left byte-identical', () => {
    const p = fileAtVersion(latestVersion(MIGRATIONS));
    const raw = new Database(p);
    raw.pragma('user_version = 99');
    raw.close();
    const before = fingerprint(p);
    const r = Workspace.open(p);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('NEWER_VERSION');
      expect(r.error.message).toMatch(/newer VDC Studio.*schema 99/);
      expect(r.error.details).toMatchObject({ fileVersion: 99, supportedVersion: latestVersion(MIGRATIONS) });
    }
    expect(fingerprint(p)).toEqual(before);
    expect(fs.existsSync(p + '-wal')).toBe(false);
  });
});
