/**
 * Issue 12, defect 6: a host failed while the clock was paused showed "No Data" under its Summary's Recent
 * events: the command's event reached the history only with the next tick. The session records a command's
 * events when it runs, shows them at once, and records them once (not again with the next tick, nor after a
 * reopen).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenario, type EngineEvent } from '../engine';
import { openRecordedRun } from './headless';
import type { Workspace } from '../store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-command-events-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function failedEvents(ws: Workspace, objectId = 'host-esx-02'): number {
  ws.flush();
  const r = ws.queryEvents({ objectId, type: 'host.failed', limit: 100, offset: 0 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.total;
}

describe('events of a command', () => {
  it('are recorded and shown when the command runs, once, also across the next tick and a reopen', () => {
    const path = join(dir, 'ev.vdc');
    const run = openRecordedRun({ path, scenario: builtinScenario('small-lab') });
    if (!run.ok) throw new Error(run.error.message);
    const s = run.value.session;
    for (let i = 0; i < 3; i++) run.value.step();
    const shown: EngineEvent[] = [];
    // The headless run's hooks are quiet: listen to what the session shows clients for this one command.
    const hooks = (s as unknown as { hooks: { onEvents?: (e: EngineEvent[]) => void } }).hooks;
    hooks.onEvents = (e) => shown.push(...e);
    expect(s.execute({ type: 'host.fail', hostId: 'host-esx-02' }).ok).toBe(true);
    delete hooks.onEvents;
    // Paused: no tick ran, yet the history and the clients have the event.
    expect(failedEvents(s.workspace!)).toBe(1);
    expect(shown.map((e) => e.type)).toContain('host.failed');
    // The next tick carries it too (labs count it there) but does not record it again.
    const r = run.value.step();
    expect(r.events.map((e) => e.type)).toContain('host.failed');
    expect(failedEvents(s.workspace!)).toBe(1);
    // A command right before closing: its event is recorded now and not again after the reopen.
    expect(s.execute({ type: 'host.fail', hostId: 'host-esx-03' }).ok).toBe(true);
    expect(failedEvents(s.workspace!, 'host-esx-03')).toBe(1);
    expect(run.value.finish().ok).toBe(true);
    const again = openRecordedRun({ path, scenario: builtinScenario('small-lab') });
    if (!again.ok) throw new Error(again.error.message);
    const ws = again.value.session.workspace!;
    again.value.step();
    expect(failedEvents(ws, 'host-esx-03')).toBe(1);
    expect(again.value.finish().ok).toBe(true);
  });
});
