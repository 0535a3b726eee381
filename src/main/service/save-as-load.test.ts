/**
 * Issue 21 finding 4: Save As made its copy in a thread, then continued in the copy by opening it in
 * one step on the service thread (≈ 4 s for the enterprise scenario under load). It now loads the copy
 * as workspace.open does (restored in a thread, then here in slices) and switches in one short step;
 * until then the old workspace answers every request. Asserted structurally, never with times.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VdcService } from './vdc-service';
import type { JobView } from '../../shared/contract-jobs';
import type { ApiResult } from '../../shared/errors';

let dir: string;
let svc: VdcService;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-saveas-'));
  // openSliceMs 0: one step of the restore per slice, so even a small state takes many slices.
  svc = await VdcService.start({
    dataDir: dir,
    shell: 'test',
    autoPlay: false,
    testHooks: { openSliceMs: 0 },
  });
});
afterEach(async () => {
  await svc.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** In-process calls resolve in microtasks; a request from a client arrives as I/O, after other macrotasks. */
const io = () => new Promise((r) => setImmediate(r));
const current = () => svc.workspaceInfo()?.path ?? null;

function must<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The copy's restore here in slices (workspace-load.ts startLoad labels it so). */
const restoringHere = (job: JobView) => job.label.startsWith('Loading "') && job.progress < 1;

/**
 * Runs Save As to `file` and, until it answers, asks the service what is open (a read: the clock is held,
 * so a tick would wait). `during` runs once while the copy is being restored here.
 */
async function saveAs(file: string, during?: (job: JobView) => Promise<void>) {
  const grant = await svc.grantFile({ path: file, purpose: 'workspace.saveAs' });
  let ended = false;
  const call = svc.call('t', 'workspace.saveAs', { grant }).then((r) => ((ended = true), r));
  // The workspaces that answered, in order (a repeat of the last one is not added).
  const seen = { answeredWhileRestoring: 0, paths: [] as (string | null)[], didDuring: false };
  while (!ended) {
    await io();
    const jobs = must(await svc.call('t', 'jobs.list', {})) as JobView[];
    const job = jobs.find((j) => j.kind === 'workspace.saveAs' && j.status === 'running');
    if (!job || ended) continue;
    const info = await svc.call('t', 'workspace.current', {});
    expect(info.ok).toBe(true);
    if (seen.paths.at(-1) !== current() || seen.paths.length === 0) seen.paths.push(current());
    if (restoringHere(job)) {
      seen.answeredWhileRestoring++;
      if (during && !seen.didDuring) {
        seen.didDuring = true;
        await during(job);
      }
    }
  }
  return { result: await call, seen };
}

describe('Save As continues in the copy through the sliced load', () => {
  it('the old workspace answers while the copy is restored here; the copy goes on with the same run', async () => {
    await svc.call('t', 'clock.step', { ticks: 12 });
    const before = current()!;
    const hash = svc.session!.engine.runHash();
    const file = join(dir, 'copy.vdc');
    const { result, seen } = await saveAs(file);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, value: { path: file } });
    // Requests were answered between the restore's slices, by the old workspace (never a half-built
    // one), then — after the one switch, before the answer — by the copy.
    expect(seen.answeredWhileRestoring).toBeGreaterThan(1);
    expect([[before], [before, file]]).toContainEqual(seen.paths);
    expect(current()).toBe(file);
    expect(svc.session!.engine.tick).toBe(12);
    expect(svc.session!.engine.runHash()).toBe(hash);
    // The copy goes on like the original: the same run as the original reopened and stepped alike.
    must(await svc.call('t', 'clock.step', { ticks: 3 }));
    const copyHash = svc.session!.engine.runHash();
    must(await svc.call('t', 'workspace.open', { path: before }));
    expect(svc.session!.engine.tick).toBe(12);
    must(await svc.call('t', 'clock.step', { ticks: 3 }));
    expect(svc.session!.engine.runHash()).toBe(copyHash);
  });

  it('a command accepted while the copy is restored makes the copy again: the copy holds it', async () => {
    await svc.call('t', 'clock.step', { ticks: 5 });
    const vmId = svc.session!.engine.list('vm')[0]!.id;
    const file = join(dir, 'copy.vdc');
    const hashBefore = svc.session!.engine.runHash();
    let hashAfterCommand = '';
    const { result, seen } = await saveAs(file, async () => {
      const r = await svc.call('t', 'command.execute', {
        command: { type: 'vm.power', vmId, action: 'off' },
      });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      hashAfterCommand = svc.session!.engine.runHash();
    });
    expect(seen.didDuring).toBe(true);
    expect(hashAfterCommand).not.toBe(hashBefore);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, value: { path: file } });
    expect(current()).toBe(file);
    expect(svc.session!.engine.runHash()).toBe(hashAfterCommand);
  });

  it('a cancel while the copy is restored leaves the old workspace open, its clock free', async () => {
    await svc.call('t', 'clock.step', { ticks: 4 });
    const before = current();
    const file = join(dir, 'copy.vdc');
    const { result, seen } = await saveAs(file, async (job) => {
      must(await svc.call('t', 'jobs.cancel', { id: job.id }));
    });
    expect(seen.didDuring).toBe(true);
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(current()).toBe(before);
    // The copy made before the cancel is the user's chosen file; the old workspace goes on.
    expect(existsSync(file)).toBe(true);
    expect(await svc.call('t', 'clock.step', { ticks: 2 })).toMatchObject({ ok: true, value: { tick: 6 } });
  });
});
