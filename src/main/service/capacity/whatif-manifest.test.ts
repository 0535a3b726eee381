/** branches.json is data from disk: a crafted one must never make whatif.* touch a file outside the branches folder. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VdcService } from '../vdc-service';
import { branchDir } from './whatif';

let dir: string;
let svc: VdcService;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-manifest-'));
  svc = await VdcService.start({ dataDir: join(dir, 'data'), shell: 'test', autoPlay: false });
  const s = await svc.call('t', 'clock.step', { ticks: 3 });
  expect(s.ok).toBe(true);
});
afterEach(async () => {
  await svc.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const manifest = () => join(branchDir(svc.workspaceInfo()!.path), 'branches.json');

describe('what-if branch manifest (issue #21 finding 1)', () => {
  it('whatif.delete with a crafted manifest deletes nothing outside the branches folder', async () => {
    const made = await svc.call('t', 'whatif.create', { name: 'a', changes: [] });
    expect(made.ok).toBe(true);
    const victim = join(dir, 'precious.txt');
    writeFileSync(victim, 'keep');
    const m = JSON.parse(readFileSync(manifest(), 'utf8')) as { branches: { path: string }[] };
    m.branches[0]!.path = victim;
    writeFileSync(manifest(), JSON.stringify(m));
    const del = await svc.call('t', 'whatif.delete', { id: 'branch-1' });
    expect(del.ok).toBe(false);
    if (!del.ok) expect(del.error.message).toMatch(/branches\.0\.path/);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    // The same with an id that walks out of the folder.
    m.branches[0]!.path = join(branchDir(svc.workspaceInfo()!.path), 'branch-1.vdc');
    (m.branches[0] as unknown as { id: string }).id = '../../precious';
    writeFileSync(manifest(), JSON.stringify(m));
    const list = await svc.call('t', 'whatif.list', {});
    expect(list.ok || list.error.code).toBe('WORKSPACE_ERROR');
    if (!list.ok) expect(list.error.message).toContain('branches[0].id');
    expect(existsSync(victim)).toBe(true);
  });

  it('refuses a branches folder or branch file that is a symlink', async () => {
    const made = await svc.call('t', 'whatif.create', { name: 'a', changes: [] });
    expect(made.ok).toBe(true);
    const folder = branchDir(svc.workspaceInfo()!.path);
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const victim = join(elsewhere, 'branch-1.vdc');
    writeFileSync(victim, 'keep');
    // A branch file replaced by a link to a file outside.
    renameSync(join(folder, 'branch-1.vdc'), join(dir, 'moved.vdc'));
    symlinkSync(victim, join(folder, 'branch-1.vdc'));
    const run = await svc.call('t', 'whatif.run', { id: 'branch-1', days: 0.01 });
    expect(run.ok || run.error.code).toBe('WORKSPACE_ERROR');
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    // The whole folder replaced by a link.
    writeFileSync(join(elsewhere, 'branches.json'), readFileSync(manifest()));
    rmSync(folder, { recursive: true });
    symlinkSync(elsewhere, folder);
    const del = await svc.call('t', 'whatif.delete', { id: 'branch-1' });
    expect(del.ok || del.error.code).toBe('WORKSPACE_ERROR');
    expect(readFileSync(victim, 'utf8')).toBe('keep');
  });
});
