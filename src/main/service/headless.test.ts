import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenario, createEngine } from '../engine';
import { openRecordedRun } from './headless';
import { Workspace } from '../store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-headless-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(path: string, ticks: number): string {
  const r = openRecordedRun({ path, scenario: builtinScenario('small-lab') });
  if (!r.ok) throw new Error(r.error.message);
  for (let i = 0; i < ticks; i++) r.value.step();
  const hash = r.value.session.engine.runHash();
  expect(r.value.finish().ok).toBe(true);
  return hash;
}

describe('headless recording into a workspace', () => {
  it('continues a workspace from its last checkpoint exactly as one uninterrupted run', () => {
    const split = join(dir, 'split.vdc');
    run(split, 40);
    const continued = run(split, 25);
    const fresh = createEngine(builtinScenario('small-lab')!);
    if (!fresh.ok) throw new Error(fresh.error.message);
    for (let i = 0; i < 65; i++) fresh.value.step();
    expect(continued).toBe(fresh.value.runHash());
    const ws = Workspace.open(split);
    if (!ws.ok) throw new Error(ws.error.message);
    expect(ws.value.meta().lastTick).toBe(fresh.value.tick);
    ws.value.close();
  });

  it('refuses a file that is not a workspace and leaves no file behind for a bad name', () => {
    const bad = openRecordedRun({ path: join(dir, 'bad.txt'), scenario: builtinScenario('small-lab') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
