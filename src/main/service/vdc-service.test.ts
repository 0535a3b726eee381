/**
 * The service against the real engine and real workspace files: first start, reopen, resume after
 * an unclean stop, typed errors that change nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, existsSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VdcService } from './vdc-service';
import { createEngine, builtinScenario, type Engine, type Command } from '../engine';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vdc-svc-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(extra: Partial<Parameters<typeof VdcService.start>[0]> = {}): Promise<VdcService> {
  return VdcService.start({ dataDir, shell: 'test', autoPlay: false, ...extra });
}

function firstVm(engine: Engine): string {
  const vm = engine.list('vm')[0];
  if (!vm) throw new Error('scenario has no VM');
  return vm.id;
}

async function call(svc: VdcService, method: string, params: unknown = {}) {
  return svc.call('t', method, params);
}

describe('VdcService workspaces', () => {
  it('creates a workspace from the default scenario on first start and reopens it next time', async () => {
    const a = await start();
    expect(a.startupError).toBeNull();
    const info = a.workspaceInfo();
    expect(info?.path).toMatch(/\.vdc$/);
    expect(existsSync(info!.path)).toBe(true);
    await call(a, 'clock.step', { ticks: 12 });
    const hash = a.session!.engine.runHash();
    await a.dispose();

    const b = await start();
    expect(b.workspaceInfo()?.path).toBe(info!.path);
    expect(b.session!.engine.tick).toBe(12);
    expect(b.session!.engine.runHash()).toBe(hash);
    await b.dispose();
  });

  it('resumes exactly where an unclean stop left it, replaying logged commands', async () => {
    const a = await start();
    const path = a.workspaceInfo()!.path;
    await call(a, 'clock.step', { ticks: 5 });
    const vmId = firstVm(a.session!.engine);
    const cmd: Command = { type: 'vm.power', vmId, action: 'off' };
    expect(await call(a, 'command.execute', { command: cmd })).toMatchObject({ ok: true });
    await call(a, 'clock.step', { ticks: 7 });
    // Flush history but write no checkpoint: as if the process were killed now.
    a.session!.flush();
    const hashAtStop = a.session!.engine.runHash();
    const tickAtStop = a.session!.engine.tick;

    // Reopen the same file from a second service while the first never closed it.
    const b = await start({ workspacePath: path });
    expect(b.startupError).toBeNull();
    expect(b.session!.engine.tick).toBe(tickAtStop);
    expect(b.session!.engine.runHash()).toBe(hashAtStop);

    // And the same deterministic run from scratch agrees: scenario + seed + commands = same state.
    const scenario = builtinScenario('small-lab')!;
    const fresh = createEngine(scenario);
    if (!fresh.ok) throw new Error(fresh.error.message);
    for (let i = 0; i < 5; i++) fresh.value.step();
    fresh.value.execute(cmd);
    for (let i = 0; i < 7; i++) fresh.value.step();
    expect(fresh.value.runHash()).toBe(hashAtStop);
    await b.dispose();
    await a.dispose();
  });

  it('answers typed errors that change nothing', async () => {
    const svc = await start();
    const before = svc.session!.engine.runHash();
    const bad = await call(svc, 'command.execute', {
      command: { type: 'vm.power', vmId: 'vm-does-not-exist', action: 'off' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((bad as { error: { message: string } }).error.message).toMatch(/vm-does-not-exist/);
    expect(await call(svc, 'clock.step', { ticks: 0 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await call(svc, 'workspace.open', { path: 'relative.vdc' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(svc.session!.engine.runHash()).toBe(before);
    await svc.dispose();
  });

  it('refuses a file that is not a workspace and leaves it untouched', async () => {
    const svc = await start();
    const junk = join(dataDir, 'junk.vdc');
    writeFileSync(junk, 'this is not a database');
    const before = readFileSync(junk);
    const r = await call(svc, 'workspace.open', {
      grant: await svc.grantFile({ path: junk, purpose: 'workspace.open' }),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'WORKSPACE_ERROR' } });
    expect(readFileSync(junk).equals(before)).toBe(true);
    // The open workspace is still the one in use.
    expect(svc.session).not.toBeNull();
    await svc.dispose();
  });

  it('saves a consistent copy and continues in it; the original keeps its own history', async () => {
    const svc = await start();
    const original = svc.workspaceInfo()!.path;
    await call(svc, 'clock.step', { ticks: 4 });
    const copy = join(dataDir, 'copy.vdc');
    const r = await call(svc, 'workspace.saveAs', {
      grant: await svc.grantFile({ path: copy, purpose: 'workspace.saveAs' }),
    });
    expect(r).toMatchObject({ ok: true, value: { path: copy } });
    expect(svc.session!.engine.tick).toBe(4);
    await call(svc, 'clock.step', { ticks: 3 });
    await svc.dispose();
    const again = await start({ workspacePath: original });
    expect(again.session!.engine.tick).toBe(4);
    await again.dispose();
  });

  it('closes the workspace; simulation calls then say no workspace is open', async () => {
    const svc = await start();
    expect(await call(svc, 'workspace.close')).toMatchObject({ ok: true });
    expect(await call(svc, 'inventory.tree')).toMatchObject({ ok: false, error: { code: 'NO_WORKSPACE' } });
    const created = await call(svc, 'workspace.new', {
      scenarioId: 'small-lab',
      grant: await svc.grantFile({ path: join(dataDir, 'new.vdc'), purpose: 'workspace.new' }),
    });
    expect(created).toMatchObject({ ok: true, value: { path: join(dataDir, 'new.vdc') } });
    await svc.dispose();
  });
});

describe('VdcService pushes', () => {
  it('pushes a task as soon as a command creates it, before the next tick', async () => {
    const svc = await start();
    const pushed: { name: string; data: unknown }[] = [];
    svc.connect({ id: 'p', push: (name, data) => pushed.push({ name, data }) });
    const vmId = firstVm(svc.session!.engine);
    const tick = svc.session!.engine.tick;
    const r = await call(svc, 'command.execute', { command: { type: 'vm.power', vmId, action: 'off' } });
    expect(r.ok).toBe(true);
    const taskId = (r as { value: { taskId?: string } }).value.taskId;
    expect(taskId).toBeDefined();
    await new Promise((res) => setTimeout(res, 400));
    expect(svc.session!.engine.tick).toBe(tick);
    const tasks = pushed.filter((p) => p.name === 'tasks').flatMap((p) => p.data as { id: string }[]);
    expect(tasks.map((t) => t.id)).toContain(taskId);
    await svc.dispose();
  });
});
