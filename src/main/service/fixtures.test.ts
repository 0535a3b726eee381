/**
 * Every release's fixture workspaces (src/main/store/fixtures/<release>/) must open, continue and
 * answer queries with this version (docs/store.md, "Fixture workspaces"). Each fixture is unpacked into
 * a temporary folder; its manifest (read with plain SQL when the fixture was made) says what it holds.
 */
import fs from 'node:fs';
import nodePath from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinScenario } from '../engine';
import { Workspace, MIGRATIONS, type AlarmRecord, type TaskInfo } from '../store';
import { FIXTURES_DIR, fixtureNames, fixtureReleases, unpackFixture } from '../store/testing/fixtures';
import { removeTempDirs } from '../store/testing/synth';
import type { FixtureManifest } from '../store/fixtures/manifest';
import { openRecordedRun } from './headless';

afterAll(removeTempDirs);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const CONTINUE_TICKS = 270; // 1.5 simulated hours

function everything(ws: Workspace): {
  alarms: AlarmRecord[];
  tasks: Record<string, number>;
  taskRows: TaskInfo[];
  events: Record<string, number>;
} {
  const alarms = must(ws.queryAlarms({ limit: 10_000, offset: 0 })).rows;
  const tasks: Record<string, number> = {};
  const taskRows = must(ws.queryTasks({ limit: 10_000, offset: 0 })).rows;
  for (const t of taskRows) tasks[`${t.type}:${t.state}`] = (tasks[`${t.type}:${t.state}`] ?? 0) + 1;
  const events: Record<string, number> = {};
  for (const e of must(ws.queryEvents({ limit: 10_000, offset: 0 })).rows)
    events[e.type] = (events[e.type] ?? 0) + 1;
  return { alarms, tasks, taskRows, events };
}

const releases = fixtureReleases();

describe('fixture workspaces of every release', () => {
  it('there is at least the 0.1.0 set and the set of this schema', () => {
    expect(releases).toContain('v0.1.0');
    const newest = releases[releases.length - 1]!;
    const m = JSON.parse(
      fs.readFileSync(
        nodePath.join(FIXTURES_DIR, newest, `${fixtureNames(newest)[0]}.manifest.json`),
        'utf8',
      ),
    ) as FixtureManifest;
    expect(m.userVersion, `the newest fixture set (${newest}) is written by the current schema`).toBe(
      MIGRATIONS.length,
    );
  });

  for (const release of releases) {
    for (const name of fixtureNames(release)) {
      it(`${release}/${name}: opens, reads what it holds, continues ${CONTINUE_TICKS} ticks and answers queries`, () => {
        const manifest = JSON.parse(
          fs.readFileSync(nodePath.join(FIXTURES_DIR, release, `${name}.manifest.json`), 'utf8'),
        ) as FixtureManifest;
        const path = unpackFixture(release, name);

        // 1. Open with this version (migrated to the current schema) and read the recorded contents.
        const ws = must(Workspace.open(path));
        const meta = ws.meta();
        expect(meta.schemaVersion).toBe(MIGRATIONS.length);
        expect([meta.lastTick, meta.lastTime]).toEqual([manifest.lastTick, manifest.lastTime]);
        const before = everything(ws);
        expect(before.tasks).toEqual(manifest.tasks);
        expect(before.events).toEqual(manifest.events);
        const byId = new Map(before.alarms.map((a) => [a.id, a]));
        expect(before.alarms.length).toBe(manifest.alarms.length);
        for (const a of manifest.alarms) expect(byId.get(a.id)).toMatchObject({ ...a });
        const s = manifest.sample;
        const point = must(
          ws.querySeries({ entityIds: [s.entityId], metrics: [s.metric], from: s.t, to: s.t }),
        );
        expect(point.resolutionSec).toBe(meta.tickSeconds);
        expect(point.series[0]!.points).toEqual([[s.t, s.value]]);
        must(ws.close());

        // 2. Continue it the way `vdc simulate --workspace` does (restore, replay, record).
        const run = must(openRecordedRun({ path, scenario: builtinScenario(name) }));
        expect(run.continued).toBe(true);
        for (let i = 0; i < CONTINUE_TICKS; i++) run.step();
        must(run.finish());

        // 3. Query again: nothing recorded before was rewritten, the new history is there.
        const after = must(Workspace.open(path));
        expect(after.meta().lastTick).toBe(manifest.lastTick + CONTINUE_TICKS);
        const now = everything(after);
        // every task is kept with its identity; a finished one is unchanged, a running one may have finished
        const tasksNow = new Map(now.taskRows.map((t) => [t.id, t]));
        for (const t of before.taskRows) {
          const later = tasksNow.get(t.id);
          expect(later && [later.type, later.target, later.queuedAt]).toEqual([t.type, t.target, t.queuedAt]);
          if (t.state !== 'queued' && t.state !== 'running') expect(later).toEqual(t);
        }
        const nowById = new Map(now.alarms.map((a) => [a.id, a]));
        expect(nowById.size).toBe(now.alarms.length); // ids unique
        for (const a of before.alarms) {
          const later = nowById.get(a.id);
          expect(later, `alarm ${a.id} is kept`).toBeDefined();
          // only the clear of an alarm that was active may have been added
          expect({ ...later!, clearedAt: a.clearedAt ?? null }).toEqual({
            ...a,
            clearedAt: a.clearedAt ?? null,
          });
          if (a.clearedAt !== null) expect(later!.clearedAt).toBe(a.clearedAt);
        }
        for (const a of now.alarms)
          if (!byId.has(a.id)) expect(a.triggeredAt).toBeGreaterThan(manifest.lastTime);
        // 5-min points on both sides of where the fixture ended (its realtime rows are past retention now)
        const from = Math.max(300, manifest.lastTime - 3600);
        const span = must(
          after.querySeries({
            entityIds: [s.entityId],
            metrics: [s.metric],
            from,
            to: manifest.lastTime + 3600,
          }),
        );
        expect(span.resolutionSec).toBe(300);
        const ends = Array.from(
          { length: (manifest.lastTime + 3600 - from) / 300 + 1 },
          (_, i) => from + 300 * i,
        );
        expect(span.series[0]!.points.map(([t]) => t)).toEqual(ends);
        const top = must(
          after.topN({
            kind: 'host',
            metric: s.metric,
            n: 3,
            from: manifest.lastTime,
            to: manifest.lastTime + CONTINUE_TICKS * 20,
          }),
        );
        expect(top.length).toBeGreaterThan(0);
        must(after.close());
      });
    }
  }
});
