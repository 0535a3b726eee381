/**
 * Issue 21 finding 4: opening or creating a workspace restored its engine on the service thread (15 s
 * for an imported 30,000-VM inventory). Now the thread restores it and the service thread rebuilds it in
 * slices, switching sessions in one step at the end. Asserted structurally (the work ran in another
 * thread and in many slices while the service answered requests about the old workspace; the result is
 * the engine the one-shot open gives), never with times.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { VdcService } from './vdc-service';
import { Session, type SessionHooks } from './session';
import { createWorkspaceFile, openWorkspaceFile } from './workspaces';
import { builtinScenario, builtinScenarios, type Command, type TickResult } from '../engine';
import { adoptSteps, driveInSlices, loadWorkspaceSteps } from './workspace-load';
import { assembleJson, packPieces, splitJson, unpackPieces } from './off-thread/json-pieces';
import { transferListOf } from './off-thread/protocol';
import type { JobView } from '../../shared/contract-jobs';
import type { ApiResult } from '../../shared/errors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-load-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const hooks: SessionHooks = { onTick: () => undefined, onClockChange: () => undefined };
/** In-process calls resolve in microtasks; a request from a client arrives as I/O, after other macrotasks. */
const io = () => new Promise((r) => setImmediate(r));

function drain<Y, R>(gen: Generator<Y, R, void>): { value: R; steps: number } {
  let steps = 0;
  for (;;) {
    const r = gen.next();
    if (r.done) return { value: r.value, steps };
    steps++;
  }
}

function must<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const plain = (r: TickResult) => ({
  tick: r.tick,
  blocks: r.blocks.map((b) => ({ kind: b.kind, ids: [...b.ids], values: Array.from(b.values) })),
  events: r.events,
});

describe('json pieces', () => {
  it('reassemble to the same JSON, key order included, whatever the piece size', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 1, max: 200 }), (v, max) => {
        const pieces = splitJson(v, max);
        const back = drain(assembleJson(pieces)).value;
        expect(JSON.stringify(back)).toBe(JSON.stringify(v));
      }),
      { numRuns: 300 },
    );
  });

  it('packed into one buffer of their own (handed over by transfer), they unpack to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 1, max: 200 }), (v, max) => {
        const packed = packPieces(splitJson(v, max));
        // Not a view of Buffer's shared pool: the whole buffer is these bytes.
        expect(packed.bytes.buffer.byteLength).toBe(packed.bytes.byteLength);
        const back = drain(assembleJson(unpackPieces(structuredClone(packed)))).value;
        expect(JSON.stringify(back)).toBe(JSON.stringify(v));
      }),
      { numRuns: 300 },
    );
  });

  it('cut a big value into many pieces, "__proto__" staying a plain key', () => {
    const v = JSON.parse(
      `{"a":[${Array.from({ length: 500 }, (_, i) => `{"id":${i},"__proto__":{"x":${i}}}`).join(',')}],"b":{"c":"${'z'.repeat(900)}"}}`,
    ) as unknown;
    const pieces = splitJson(v, 256);
    expect(pieces.length).toBeGreaterThan(50);
    const back = drain(assembleJson(pieces)).value as { a: object[] };
    expect(JSON.stringify(back)).toBe(JSON.stringify(v));
    expect(Object.getPrototypeOf(back.a[3])).toBe(Object.prototype);
  });
});

describe('the open thread and the sliced restore give what Session.open gives', () => {
  for (const id of ['small-lab', 'enterprise']) {
    it(`${id}: same run hash, alarms, command log position and ticks after, with a replay`, () => {
      const path = join(dir, `${id}.vdc`);
      const created = must(
        Session.create({
          scenario: builtinScenario(id),
          path,
          name: id,
          hooks,
          createWorkspace: (file, engine, n) => createWorkspaceFile(file, engine, n, 1),
        }),
      );
      // Ticks and a command after the first checkpoint, history flushed, no checkpoint: a reopen replays them.
      for (let i = 0; i < 15; i++) created.step();
      const vmId = created.engine.list('vm')[0]!.id;
      const cmd: Command = { type: 'vm.power', vmId, action: 'off' };
      expect(created.execute(cmd).ok).toBe(true);
      for (let i = 0; i < 10; i++) created.step();
      created.flush();
      created.clock.dispose();
      const hashAtStop = created.engine.runHash();
      created.workspace!.close();

      const ws = must(openWorkspaceFile(path));
      const one = must(Session.open(ws, hooks));
      one.clock.dispose();
      ws.close();

      const loaded = drain(loadWorkspaceSteps({ kind: 'workspace.load', path })).value;
      const handed = must(loaded);
      // The thread posts the snapshot's bytes and the value arrays by transfer, not copied.
      const transfer = transferListOf(loaded);
      expect(transfer).toContain(handed.pieces.bytes.buffer);
      for (const b of handed.latest) expect(transfer).toContain(b.values.buffer);
      expect(handed.pieces.places.length).toBeGreaterThan(id === 'enterprise' ? 10 : 0);
      const adopted = drain(adoptSteps(handed, hooks));
      expect(adopted.steps).toBeGreaterThan(handed.pieces.places.length);
      const sliced = must(adopted.value).session;
      try {
        expect(sliced.engine.runHash()).toBe(hashAtStop);
        expect(one.engine.runHash()).toBe(hashAtStop);
        expect(sliced.engine.tick).toBe(one.engine.tick);
        expect(sliced.lastCommandSeq).toBe(one.lastCommandSeq);
        expect(sliced.alarms.state()).toEqual(one.alarms.state());
        // The values shown while paused are those of the last replayed tick, as after Session.open.
        const host = one.engine.list('host')[0]!.id;
        expect(sliced.engine.latest(host)).toEqual(one.engine.latest(host));
        for (let i = 0; i < 5; i++) expect(plain(sliced.engine.step())).toEqual(plain(one.engine.step()));
        expect(sliced.engine.runHash()).toBe(one.engine.runHash());
      } finally {
        sliced.clock.dispose();
        sliced.workspace?.close();
      }
    });
  }

  for (const { id } of builtinScenarios)
    it(`${id}: a new workspace built by the thread is the engine Session.create builds`, () => {
      const path = join(dir, 'new.vdc');
      const scenario = builtinScenario(id)!;
      const loaded = must(
        drain(
          loadWorkspaceSteps({
            kind: 'workspace.load',
            path,
            create: { scenarioJson: JSON.stringify(scenario), name: 'new', seed: 7 },
          }),
        ).value,
      );
      const s = must(drain(adoptSteps(loaded, hooks)).value).session;
      const ref = must(
        Session.create({
          scenario,
          seed: 7,
          path: null,
          name: 'ref',
          hooks,
          createWorkspace: () => {
            throw new Error('no file');
          },
        }),
      );
      try {
        expect(s.engine.runHash()).toBe(ref.engine.runHash());
        expect(s.workspace!.meta().seed).toBe(7);
        // Paused values for "now" came with it (one step of a copy, as primeLatest gives).
        expect(s.engine.latestBlocks().length).toBeGreaterThan(0);
        for (let i = 0; i < 5; i++) expect(plain(s.engine.step())).toEqual(plain(ref.engine.step()));
      } finally {
        s.clock.dispose();
        s.workspace?.close();
        ref.clock.dispose();
      }
    });

  it('driveInSlices gives the event loop back between slices and stops at a cancel, cleaning up', async () => {
    // Another piece of work on this thread, scheduled between slices as a request or a tick would be.
    let between = 0;
    let running = true;
    const other = () => {
      between++;
      if (running) setImmediate(other);
    };
    setImmediate(other);
    let cleaned = 0;
    function* work(): Generator<number, ApiResult<number>, void> {
      try {
        for (let i = 0; i < 50; i++) yield i / 50;
        return { ok: true, value: 1 };
      } finally {
        cleaned++;
      }
    }
    let slices = 0;
    expect(
      await driveInSlices(work(), {
        cancelled: () => false,
        progress: () => undefined,
        onSlice: () => slices++,
        sliceMs: 0,
      }),
    ).toEqual({ ok: true, value: 1 });
    expect(slices).toBe(51);
    running = false;
    expect(between).toBeGreaterThan(40);
    expect(cleaned).toBe(1);
    let n = 0;
    const stopped = await driveInSlices(work(), {
      cancelled: () => ++n > 3,
      progress: () => undefined,
      sliceMs: 0,
    });
    expect(stopped).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Ended at the cancel, its cleanup ran.
    expect(cleaned).toBe(2);
  });
});

describe('the service opens and creates workspaces as jobs', () => {
  let svc: VdcService;
  beforeEach(async () => {
    svc = await VdcService.start({
      dataDir: dir,
      shell: 'test',
      autoPlay: false,
      testHooks: { openSliceMs: 0 },
    });
  });
  afterEach(async () => {
    await svc.dispose();
  });

  const jobsNow = async (): Promise<JobView[]> => {
    const r = await svc.call('t', 'jobs.list', {});
    if (!r.ok) throw new Error(r.error.message);
    return r.value as JobView[];
  };
  const current = () => svc.workspaceInfo()?.path ?? null;

  /**
   * Starts `method` and, until it answers, makes requests of the service: a tick of the live run and
   * the current workspace each time. Answers what was seen.
   */
  async function watch(method: string, params: unknown, cancelAt?: (j: JobView) => boolean) {
    const before = current();
    let ended = false;
    const call = svc.call('t', method as never, params as never).then((r) => ((ended = true), r));
    const seen = {
      threads: new Set<number>(),
      restorePhase: 0,
      answered: 0,
      // The workspaces that answered, in order (a repeat of the last one is not added).
      paths: [] as (string | null)[],
    };
    let job: JobView | undefined;
    while (!ended) {
      await io();
      if (ended) break;
      job ??= (await jobsNow()).find((j) => j.kind === method && j.status === 'running');
      if (!job) continue;
      const t = svc.jobs.threadOf(job.id);
      if (t !== null) seen.threads.add(t);
      const view = (await jobsNow()).find((j) => j.id === job!.id);
      if (ended) break;
      if (current() !== before) {
        // Switched (the old session is closed in the next turn, then the call answers): no more ticks.
        if (seen.paths.at(-1) !== current()) seen.paths.push(current());
        continue;
      }
      // Requests answered meanwhile, by the old workspace (never a half-built one).
      const stepped = await svc.call('t', 'clock.step', { ticks: 1 });
      expect(stepped.ok).toBe(true);
      if (seen.paths.length === 0 || seen.paths.at(-1) !== current()) seen.paths.push(current());
      seen.answered++;
      if (view && view.status === 'running' && view.progress >= 0.5 && view.progress < 1) seen.restorePhase++;
      if (cancelAt && view && cancelAt(view)) await svc.call('t', 'jobs.cancel', { id: job.id });
    }
    return { result: await call, before, seen, job };
  }

  it('workspace.open restores in another thread, then here in slices; the old workspace answers until the switch', async () => {
    const first = svc.workspaceInfo()!.path;
    must(await svc.call('t', 'workspace.new', { scenarioId: 'enterprise', name: 'Big' }));
    const big = svc.workspaceInfo()!.path;
    await svc.call('t', 'clock.step', { ticks: 3 });
    const hash = svc.session!.engine.runHash();
    must(await svc.call('t', 'workspace.open', { path: first }));
    expect(current()).toBe(first);

    const { result, seen, before } = await watch('workspace.open', { path: big });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, value: { path: big } });
    expect(before).toBe(first);
    // The old workspace answered until the one switch (then, before the answer, the new one).
    expect([[first], [first, big]]).toContainEqual(seen.paths);
    expect(seen.threads.size).toBe(1);
    expect([...seen.threads][0]).not.toBe(threadId);
    // The restore here took several slices, and requests were answered between them.
    expect(seen.restorePhase).toBeGreaterThan(1);
    expect(current()).toBe(big);
    expect(svc.session!.engine.runHash()).toBe(hash);
    expect(svc.session!.engine.tick).toBe(3);
  });

  it('workspace.new builds the engine in another thread and switches only when complete', async () => {
    const first = current();
    const { result, seen } = await watch('workspace.new', { scenarioId: 'small-lab', name: 'Fresh' });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, value: { name: 'Fresh' } });
    expect(seen.paths[0]).toBe(first);
    expect(seen.paths.length).toBeLessThanOrEqual(2);
    if (seen.paths.length === 2) expect(seen.paths[1]).toMatch(/Fresh\.vdc$/);
    expect([...seen.threads][0]).not.toBe(threadId);
    expect(seen.restorePhase).toBeGreaterThan(1);
    expect(current()).toMatch(/Fresh\.vdc$/);
    expect(svc.session!.engine.tick).toBe(0);
    // The values for "now" were pushed with the switch (shown while paused).
    expect(svc.session!.engine.latestBlocks().length).toBeGreaterThan(0);
  });

  it('a cancel leaves the old workspace as it was and removes the file a cancelled new workspace began', async () => {
    const first = current();
    const tick = svc.session!.engine.tick;
    const { result, seen } = await watch(
      'workspace.new',
      { scenarioId: 'small-lab', name: 'Cancelled' },
      (j) => j.progress >= 0.5,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/cancelled/) },
    });
    expect(current()).toBe(first);
    expect(svc.session!.engine.tick).toBe(tick + seen.answered);
    expect(existsSync(join(svc.workspacesDir, 'Cancelled.vdc'))).toBe(false);
    expect((await jobsNow()).find((j) => j.kind === 'workspace.new')).toMatchObject({ status: 'cancelled' });
    // The service goes on: the next opening works.
    must(await svc.call('t', 'workspace.new', { scenarioId: 'small-lab', name: 'After' }));
    expect(current()).toMatch(/After\.vdc$/);
  });

  it('a file that cannot be opened leaves the old workspace and says why', async () => {
    const first = current();
    const bad = join(svc.workspacesDir, 'Damaged.vdc');
    writeFileSync(bad, 'SQLite format 3\0 but not really a database file at all');
    const r = await svc.call('t', 'workspace.open', { path: bad });
    expect(r.ok).toBe(false);
    expect((r as { error: { message: string } }).error.message).toMatch(/Damaged\.vdc/);
    expect(current()).toBe(first);
    expect((await svc.call('t', 'clock.step', { ticks: 1 })).ok).toBe(true);
  });

  it('one opening at a time: a second is refused while the first runs', async () => {
    const a = svc.call('t', 'workspace.new', { scenarioId: 'small-lab', name: 'One' });
    const b = await svc.call('t', 'workspace.new', { scenarioId: 'small-lab', name: 'Two' });
    expect(b).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await a).toMatchObject({ ok: true });
    expect(existsSync(join(svc.workspacesDir, 'Two.vdc'))).toBe(false);
  });
});
