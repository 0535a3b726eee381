/**
 * Issue 21, finding 3: alarm history survives continuing a workspace. A file run for some days and
 * continued for as many more keeps every alarm of both runs with its original times, and every alarm
 * id is used once for the life of the file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenario } from '../engine';
import { openRecordedRun } from './headless';
import { Workspace, type AlarmRecord } from '../store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-alarm-history-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const DAY_TICKS = 86_400 / 20;

/** Runs `ticks` more ticks of small-lab into the file; answers the alarms the session raised or changed. */
function run(path: string, ticks: number): Map<string, AlarmRecord> {
  const r = openRecordedRun({ path, scenario: builtinScenario('small-lab') });
  if (!r.ok) throw new Error(r.error.message);
  const seen = new Map<string, AlarmRecord>();
  for (let i = 0; i < ticks; i++) {
    r.value.step();
    for (const a of r.value.session.alarms.active()) if (!seen.has(a.id)) seen.set(a.id, a);
  }
  expect(r.value.finish().ok).toBe(true);
  return seen;
}

function allAlarms(path: string): AlarmRecord[] {
  const ws = Workspace.open(path);
  if (!ws.ok) throw new Error(ws.error.message);
  const rows: AlarmRecord[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = ws.value.queryAlarms({ limit: 10_000, offset });
    if (!page.ok) throw new Error(page.error.message);
    rows.push(...page.value.rows);
    if (rows.length >= page.value.total) break;
  }
  ws.value.close();
  return rows;
}

describe('alarm history of a continued workspace', () => {
  it('keeps every alarm of both runs with its original trigger time, ids unique for the life of the file', () => {
    const path = join(dir, 'lab.vdc');
    const first = run(path, 2 * DAY_TICKS);
    const afterFirst = allAlarms(path);
    expect(afterFirst.length).toBeGreaterThan(0);
    const second = run(path, 2 * DAY_TICKS);
    const after = allAlarms(path);

    // Nothing recorded by the first run was rewritten (its clear fields were already final).
    const byId = new Map(after.map((a) => [a.id, a]));
    for (const a of afterFirst) {
      if (a.clearedAt === null) continue;
      expect(byId.get(a.id)).toEqual(a);
    }
    // Ids are unique, and the second run's alarms are new rows triggered in the second run.
    expect(new Set(after.map((a) => a.id)).size).toBe(after.length);
    const newIds = [...second.keys()].filter((id) => !first.has(id));
    expect(newIds.length).toBeGreaterThan(0);
    for (const id of newIds) {
      const row = byId.get(id);
      expect(row, `alarm ${id} of the second run is in the file`).toBeDefined();
      expect(row!.triggeredAt).toBeGreaterThan(2 * 86_400 - 1);
      expect(afterFirst.some((a) => a.id === id)).toBe(false);
    }
    expect(after.length).toBe(afterFirst.length + newIds.length);
    expect(Math.max(...after.map((a) => a.triggeredAt))).toBeGreaterThan(3 * 86_400);
  });

  it('resumes alarm evaluation exactly (pending trigger times, active alarms, ids) after a crash between checkpoints', () => {
    const ticks = DAY_TICKS;
    // Uninterrupted reference run.
    const whole = join(dir, 'whole.vdc');
    run(whole, ticks);
    const reference = allAlarms(whole);
    expect(reference.length).toBeGreaterThan(5);

    // The same run "killed" twice: history flushed, no checkpoint at the end, then reopened.
    const split = join(dir, 'split.vdc');
    let done = 0;
    let pendingAtCrash = 0;
    // crash 100 s before two reference alarms trigger: their condition is pending at the crash
    const triggers = [...new Set(reference.map((a) => a.triggeredAt))].sort((a, b) => a - b);
    const stops = [triggers[2]!, triggers[Math.floor(triggers.length / 2)]!].map((t) => (t - 100) / 20);
    for (const stop of [...stops, ticks]) {
      const r = openRecordedRun({ path: split, scenario: builtinScenario('small-lab') });
      if (!r.ok) throw new Error(r.error.message);
      for (; done < stop; done++) r.value.step();
      if (stop === ticks) {
        expect(r.value.finish().ok).toBe(true);
        break;
      }
      pendingAtCrash += r.value.session.alarms
        .state()
        .watches.filter(([, since, , , a]) => since !== null && a === null).length;
      expect(r.value.session.flush().ok).toBe(true);
      r.value.session.clock.dispose();
      r.value.session.workspace!.close(); // no checkpoint: the reopen replays from the last one
    }
    expect(pendingAtCrash, 'a crash happened while some alarm was pending').toBeGreaterThan(0);
    expect(allAlarms(split)).toEqual(reference);
  });
});
