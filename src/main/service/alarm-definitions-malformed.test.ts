/**
 * Issue 21 (leftover): a malformed `alarmDefinitions` in a workspace's meta silently fell back to the
 * built-in definitions — and the next edit then overwrote the user's definitions with the defaults plus
 * the edit. Now it is a clear error naming the file and the field, and the file keeps what it stored.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VdcService } from './vdc-service';

let dir: string;
let svc: VdcService;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-alarmdefs-'));
  svc = await VdcService.start({ dataDir: dir, shell: 'test', autoPlay: false });
});
afterEach(async () => {
  await svc.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const definition = {
  label: 'Busy host',
  kind: 'host',
  metric: 'cpu.usage.pct',
  direction: 'above',
  warning: 50,
  critical: 70,
  tolerance: 0,
  durationSec: 0,
  enabled: true,
};

const stored = (path: string): string | undefined => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("SELECT value FROM meta WHERE key = 'alarmDefinitions'").pluck().get() as
      string | undefined;
  } finally {
    db.close();
  }
};

/** A workspace with one user definition, closed; answers its path. */
async function workspaceWithDefinition(): Promise<string> {
  const created = await svc.call('t', 'workspace.new', { scenarioId: 'small-lab', name: 'defs' });
  expect(created.ok).toBe(true);
  expect((await svc.call('t', 'alarms.define', { definition })).ok).toBe(true);
  const path = svc.session!.workspace!.path;
  expect((await svc.call('t', 'workspace.close', {})).ok).toBe(true);
  return path;
}

function tamper(path: string, value: string): void {
  const db = new Database(path);
  db.prepare("UPDATE meta SET value = ? WHERE key = 'alarmDefinitions'").run(value);
  db.close();
}

describe('malformed stored alarm definitions', () => {
  it('opening answers an error naming the file, the field and what is wrong; the file keeps its value', async () => {
    const path = await workspaceWithDefinition();
    const good = JSON.parse(stored(path)!) as { versions: { rules: { warning: unknown }[] }[] };
    good.versions[0]!.rules[0]!.warning = 'high';
    const bad = JSON.stringify(good);
    tamper(path, bad);
    const opened = await svc.call('t', 'workspace.open', { path });
    expect(opened).toMatchObject({ ok: false, error: { code: 'WORKSPACE_ERROR' } });
    const message = (opened as { error: { message: string } }).error.message;
    expect(message).toContain(path);
    expect(message).toContain('alarmDefinitions');
    expect(message).toMatch(/versions\[0\]\.rules\[0\]\.warning/);
    expect(svc.session).toBeNull();
    expect(stored(path)).toBe(bad);
  });

  it('a value that is not JSON is an error too, and is kept', async () => {
    const path = await workspaceWithDefinition();
    tamper(path, '{"v":1,"versions":[');
    const opened = await svc.call('t', 'workspace.open', { path });
    expect(opened).toMatchObject({ ok: false, error: { code: 'WORKSPACE_ERROR' } });
    const message = (opened as { error: { message: string } }).error.message;
    expect(message).toContain(path);
    expect(message).toMatch(/meta "alarmDefinitions" is not JSON/);
    expect(stored(path)).toBe('{"v":1,"versions":[');
  });

  it('an edit never overwrites definitions it cannot read (changed under an open session)', async () => {
    const created = await svc.call('t', 'workspace.new', { scenarioId: 'small-lab', name: 'live' });
    expect(created.ok).toBe(true);
    expect((await svc.call('t', 'alarms.define', { definition })).ok).toBe(true);
    const path = svc.session!.workspace!.path;
    tamper(path, '{"v":2}');
    const edited = await svc.call('t', 'alarms.define', { definition: { ...definition, label: 'Another' } });
    expect(edited).toMatchObject({ ok: false, error: { code: 'WORKSPACE_ERROR' } });
    expect((edited as { error: { message: string } }).error.message).toContain('alarmDefinitions');
    expect(stored(path)).toBe('{"v":2}');
  });
});
