/**
 * Checkpoints without a long step on the service thread (issue 21 finding 4), against the real engine and
 * real workspace files: `clock.step` checkpoints on the schedule and once at its end (it checkpointed after
 * every ≈ 20-ms slice of ticks), the periodic, pause and closing checkpoints are read in slices with the
 * clock held (a command meanwhile starts the reading again), and store exactly what the one-step
 * checkpoint stores; a process ended in the middle of one leaves a file that reopens where it stopped.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { VdcService, type ServiceOptions } from './vdc-service';
import type { Command } from '../engine';
import { Workspace } from '../store';
import { unwrapCheckpoint } from './checkpoint';
import { Session } from './session';
import type { ApiResult } from '../../shared/errors';

let dataDir: string;
const services: VdcService[] = [];
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vdc-checkpoints-'));
});
afterEach(async () => {
  for (const s of services.splice(0)) await s.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(extra: Partial<ServiceOptions> = {}): Promise<VdcService> {
  const s = await VdcService.start({ dataDir, shell: 'test', autoPlay: false, ...extra });
  services.push(s);
  return s;
}

async function call<T = unknown>(svc: VdcService, method: string, params: unknown = {}): Promise<T> {
  const r = (await svc.call('test', method, params)) as ApiResult<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** The newest checkpoint stored in the file at `path`, read with a connection of its own. */
function storedCheckpoint(path: string) {
  const ws = Workspace.open(path, { readOnly: true, check: 'none' });
  if (!ws.ok) throw new Error(ws.error.message);
  try {
    const latest = ws.value.latestSnapshot();
    const cp = unwrapCheckpoint(latest?.snapshot);
    if (!latest || !cp) throw new Error(`${path} has no checkpoint`);
    return { tick: latest.tick, ...cp };
  } finally {
    ws.value.close();
  }
}

/** What the one-step checkpoint of `session` would store now. */
function oneStep(session: Session) {
  return {
    tick: session.engine.tick,
    engine: JSON.parse(session.engine.snapshotJson()) as unknown,
    commandSeq: session.lastCommandSeq,
    alarms: JSON.parse(JSON.stringify(session.alarms.state())) as unknown,
  };
}

/** Waits (turning the event loop) until `cond` holds. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 10_000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  expect(cond(), what).toBe(true);
}

/** Turns of the event loop (setImmediate) until `p` settles. */
async function turnsUntil(p: Promise<unknown>): Promise<number> {
  let done = false;
  void p.finally(() => (done = true));
  let turns = 0;
  while (!done) {
    await new Promise((r) => setImmediate(r));
    turns++;
  }
  await p;
  return turns;
}

const firstVm = (s: Session) => s.engine.world.vms.find((v) => v.power === 'poweredOn')!.id;

/** Checkpoints a run of `ticks` 20-s ticks may write on the schedule: every 2 simulated hours or 15 s of wall time, and one at the end. */
const scheduled = (ticks: number, wallMs: number) =>
  Math.floor((ticks * 20) / 7200) + Math.ceil(wallMs / 15_000) + 1;

describe('clock.step checkpoints on the schedule only', () => {
  it('through the service: not after every slice of ticks; once at the end, at the last tick', async () => {
    const svc = await start();
    const session = svc.session!;
    await session.checkpointsSettled();
    const before = session.checkpointsWritten;
    const ticks = 2000;
    const t0 = Date.now();
    await call(svc, 'clock.step', { ticks });
    await session.checkpointsSettled();
    const wall = Date.now() - t0;
    const written = session.checkpointsWritten - before;
    expect(written).toBeGreaterThanOrEqual(1);
    expect(written, `${written} checkpoints for ${ticks} ticks in ${wall} ms`).toBeLessThanOrEqual(
      scheduled(ticks, wall),
    );
    // The one at the end holds the last tick.
    expect(storedCheckpoint(session.workspace!.path).tick).toBe(session.engine.tick);
  }, 120_000);

  it('a session driven directly (one-step checkpoints) too', async () => {
    const svc = await start();
    const path = svc.workspaceInfo()!.path;
    await svc.closeSession();
    const ws = Workspace.open(path);
    if (!ws.ok) throw new Error(ws.error.message);
    const opened = Session.open(ws.value, { onTick: () => undefined, onClockChange: () => undefined });
    if (!opened.ok) throw new Error(opened.error.message);
    const session = opened.value;
    try {
      const ticks = 2000;
      const t0 = Date.now();
      const r = await session.clock.stepTicks(ticks);
      expect(r.ran).toBe(ticks);
      const wall = Date.now() - t0;
      expect(session.checkpointsWritten).toBeGreaterThanOrEqual(1);
      expect(session.checkpointsWritten).toBeLessThanOrEqual(scheduled(ticks, wall));
      expect(session.workspace!.latestSnapshot()!.tick).toBe(session.engine.tick);
    } finally {
      session.close();
    }
  }, 120_000);
});

describe('checkpoints read in slices', () => {
  it('a pause checkpoint is read over many turns of the event loop and stores exactly the one-step checkpoint', async () => {
    const svc = await start({ testHooks: { checkpointSliceMs: 0 } });
    const session = svc.session!;
    await session.checkpointsSettled();
    await call(svc, 'command.execute', {
      command: { type: 'vm.power', vmId: firstVm(session), action: 'off' },
    });
    await call(svc, 'clock.step', { ticks: 25 });
    // clock.step ended paused: its checkpoint is being read in the background (the answer came first).
    const expected = oneStep(session);
    const turns = await turnsUntil(session.checkpointsSettled());
    expect(turns).toBeGreaterThan(10);
    const stored = storedCheckpoint(session.workspace!.path);
    expect(stored.tick).toBe(expected.tick);
    expect(stored.commandSeq).toBe(expected.commandSeq);
    expect(stored.alarms).toEqual(expected.alarms);
    expect(stored.engine).toEqual(expected.engine);
  }, 60_000);

  it('no tick runs while it is read (clock.step waits), and a command meanwhile starts the reading again', async () => {
    const svc = await start({ testHooks: { checkpointSliceMs: 0 } });
    const session = svc.session!;
    // The checkpoints written in the background, as written (the real store call, observed).
    const ws = session.workspace!;
    const save = ws.saveSnapshotEncoded.bind(ws);
    const writes: { tick: number; commandSeq: number }[] = [];
    ws.saveSnapshotEncoded = (tick, time, data) => {
      const r = save(tick, time, data);
      const cp = unwrapCheckpoint(JSON.parse(inflateSync(data).toString('utf8')));
      writes.push({ tick, commandSeq: cp!.commandSeq });
      return r;
    };
    await call(svc, 'clock.step', { ticks: 10 });
    writes.length = 0;
    // A checkpoint is being read now; a step asked for meanwhile waits for it.
    await until(() => session.clock.held, 'the pause checkpoint holds the clock');
    const tickAtPause = session.engine.tick;
    let stepped = false;
    const step = call(svc, 'clock.step', { ticks: 3 }).then(() => (stepped = true));
    await new Promise((r) => setImmediate(r));
    expect(session.clock.held).toBe(true);
    expect(session.engine.tick).toBe(tickAtPause);
    // A command in the middle of the reading: the checkpoint holds its effect (read again after it).
    const cmd: Command = { type: 'vm.power', vmId: firstVm(session), action: 'off' };
    await call(svc, 'command.execute', { command: cmd });
    const seqAfterCommand = session.lastCommandSeq;
    expect(stepped).toBe(false);
    await step;
    await session.checkpointsSettled();
    // The checkpoint read at the pause holds the command (read again after it), then the step's own.
    expect(writes).toEqual([
      { tick: tickAtPause, commandSeq: seqAfterCommand },
      { tick: tickAtPause + 3, commandSeq: seqAfterCommand },
    ]);
    const stored = storedCheckpoint(session.workspace!.path);
    expect(stored.tick).toBe(tickAtPause + 3);
    expect(stored.commandSeq).toBe(seqAfterCommand);
    expect(stored.engine).toEqual(oneStep(session).engine);
  }, 60_000);

  it('demo.branch saves in slices (other requests answered meanwhile); the branch holds the state of the branch moment', async () => {
    const svc = await start({ testHooks: { checkpointSliceMs: 0 } });
    const session = svc.session!;
    await call(svc, 'clock.step', { ticks: 10 });
    await session.checkpointsSettled();
    // A change the file does not hold yet: the branch must save it before the copy.
    await call(svc, 'command.execute', {
      command: { type: 'vm.power', vmId: firstVm(session), action: 'off' },
    });
    await session.checkpointsSettled();
    await call(svc, 'clock.step', { ticks: 3 });
    const tick = session.engine.tick;
    const hash = session.engine.runHash();
    const origin = session.workspace!.path;
    const written = session.checkpointsWritten;
    // Requests answered before the branch's checkpoint was written (the one-step checkpoint wrote it at once).
    let answered = 0;
    let done = false;
    const branch = call<{ path: string }>(svc, 'demo.branch').finally(() => (done = true));
    for (let i = 0; i < 10_000 && !done && session.checkpointsWritten === written; i++) {
      await new Promise((r) => setImmediate(r));
      await call(svc, 'clock.get');
      answered++;
    }
    expect(session.checkpointsWritten, 'the branch checkpointed the changed state').toBeGreaterThan(written);
    expect(answered, 'requests answered while the checkpoint was read').toBeGreaterThan(3);
    const copy = await branch;
    expect(copy.path).not.toBe(origin);
    expect(svc.workspaceInfo()!.path).toBe(copy.path);
    expect(svc.session!.engine.tick).toBe(tick);
    expect(svc.session!.engine.runHash()).toBe(hash);
  }, 60_000);

  it('closing a workspace writes its closing checkpoint in slices; it reopens at the same state', async () => {
    const svc = await start({ testHooks: { checkpointSliceMs: 0 } });
    const session = svc.session!;
    const path = session.workspace!.path;
    await call(svc, 'clock.step', { ticks: 20 });
    await session.checkpointsSettled();
    // A change after the pause checkpoint: closing must save it.
    await call(svc, 'command.execute', {
      command: { type: 'vm.power', vmId: firstVm(session), action: 'off' },
    });
    const expected = oneStep(session);
    const hash = session.engine.runHash();
    const written = session.checkpointsWritten;
    const turns = await turnsUntil(call(svc, 'workspace.close'));
    expect(turns).toBeGreaterThan(10);
    expect(svc.session).toBeNull();
    expect(session.checkpointsWritten).toBe(written + 1);
    const stored = storedCheckpoint(path);
    expect(stored.tick).toBe(expected.tick);
    expect(stored.commandSeq).toBe(expected.commandSeq);
    expect(stored.engine).toEqual(expected.engine);
    await call(svc, 'workspace.open', { path });
    expect(svc.session!.engine.runHash()).toBe(hash);
  }, 60_000);

  it('a process ended in the middle of a background checkpoint leaves a file that reopens where it stopped', async () => {
    const svc = await start({ testHooks: { checkpointSliceMs: 0 } });
    const session = svc.session!;
    const path = session.workspace!.path;
    await call(svc, 'clock.step', { ticks: 15 });
    await session.checkpointsSettled();
    await call(svc, 'command.execute', {
      command: { type: 'vm.power', vmId: firstVm(session), action: 'off' },
    });
    await call(svc, 'clock.step', { ticks: 9 });
    // The pause checkpoint of that step is being read now: the file as a process killed now leaves it.
    await until(() => session.clock.held, 'the pause checkpoint holds the clock');
    const image = join(dataDir, 'killed.vdc');
    for (const suffix of ['', '-wal'])
      if (existsSync(path + suffix)) copyFileSync(path + suffix, image + suffix);
    const hash = session.engine.runHash();
    const tick = session.engine.tick;
    await session.checkpointsSettled();
    const b = await start({ workspacePath: image, dataDir: join(dataDir, 'other') });
    expect(b.startupError).toBeNull();
    expect(b.session!.engine.tick).toBe(tick);
    expect(b.session!.engine.runHash()).toBe(hash);
  }, 60_000);
});
