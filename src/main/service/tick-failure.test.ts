/**
 * Trust at the service boundary (issue 21, finding 2), against the real engine and real workspace files:
 * bad scenarios and crafted checkpoints are refused with the field named; a tick that throws stops the
 * clock, keeps the last good state, records an error event and tells the client; INTERNAL tells the
 * truth; an unclean stop reopens in safe mode (paused, reason shown).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VdcService, type ServiceOptions } from './vdc-service';
import { builtinScenario, createEngine, type Scenario } from '../engine';
import { Workspace } from '../store';
import { checkpointJson, unwrapCheckpoint } from './checkpoint';
import { Session, TickFailure } from './session';
import type { ClockState } from '../../shared/schemas/views';

let dataDir: string;
const services: VdcService[] = [];
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vdc-fault-'));
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

const lab = (): Scenario => builtinScenario('small-lab')!;

/** Waits until `cond` holds (polling the real event loop), failing after `ms`. */
async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The engine of the scenario stepped `ticks` times from scratch: the reference for "last good state". */
function referenceHash(ticks: number): string {
  const e = createEngine(lab());
  if (!e.ok) throw new Error(e.error.message);
  for (let i = 0; i < ticks; i++) e.value.step();
  return e.value.runHash();
}

describe('workspace.new validates the scenario at the API', () => {
  it.each([
    [
      'a bad workload pattern',
      (s: Scenario) => ((s.vms[3]!.workload as { pattern: string }).pattern = 'zigzag'),
      'scenario.vms[3].workload.pattern',
    ],
    ['memMiB -1', (s: Scenario) => (s.vms[0]!.memMiB = -1), 'scenario.vms[0].memMiB'],
    ['coreMHz 0', (s: Scenario) => (s.hosts[2]!.coreMHz = 0), 'scenario.hosts[2].coreMHz'],
    ['replicas 1e6', (s: Scenario) => (s.services[0]!.replicas = 1e6), 'scenario.services[0].replicas'],
  ])(
    'refuses %s naming the field, and the service keeps running the open workspace',
    async (_what, mut, place) => {
      const svc = await start();
      const before = svc.workspaceInfo()!.path;
      const s = lab();
      mut(s);
      const r = await svc.call('t', 'workspace.new', { scenario: s });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('BAD_REQUEST');
        expect(r.error.message).toContain(place);
      }
      expect(svc.workspaceInfo()!.path).toBe(before);
      expect(await svc.call('t', 'clock.step', { ticks: 3 })).toMatchObject({ ok: true, value: { tick: 3 } });
    },
  );

  it('refuses scenario totals the schema cannot see (replicas in all), through the engine check', async () => {
    const svc = await start();
    const s = lab();
    const one = s.services[0]!;
    s.services = Array.from({ length: 101 }, (_, i) => ({ ...one, id: `svc-${i}`, replicas: 1000 }));
    const r = await svc.call('t', 'workspace.new', { scenario: s });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (!r.ok) expect(r.error.message).toMatch(/replicas in all/);
  });
});

describe('workspace.open validates the stored checkpoint', () => {
  it('refuses a crafted checkpoint (a 0 MHz host) naming the field, and does not die on the next tick', async () => {
    const svc = await start();
    const path = svc.workspaceInfo()!.path;
    await svc.call('t', 'clock.step', { ticks: 2 });
    await svc.call('t', 'workspace.close', {});
    // Craft: the latest checkpoint's host record gets coreMHz 0 (what made NaN physics).
    const ws = Workspace.open(path);
    if (!ws.ok) throw new Error(ws.error.message);
    const cp = unwrapCheckpoint(ws.value.latestSnapshot()!.snapshot)!;
    const engine = cp.engine as unknown as {
      hosts: { coreMHz: number }[];
      tick: number;
      tickSeconds: number;
    };
    engine.hosts[0]!.coreMHz = 0;
    const saved = ws.value.saveSnapshotJson(
      engine.tick,
      engine.tick * engine.tickSeconds,
      checkpointJson(JSON.stringify(engine), cp.commandSeq),
    );
    expect(saved.ok).toBe(true);
    ws.value.close();

    const r = await svc.call('t', 'workspace.open', { path });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('WORKSPACE_ERROR');
      expect(r.error.message).toContain('hosts[0].coreMHz');
    }
    expect(await svc.call('t', 'app.info', {})).toMatchObject({ ok: true });
  });
});

describe('a tick that throws', () => {
  it('clock.step: stops, keeps the last good state (bit-identical), records an error event, says how many ticks ran', async () => {
    const svc = await start({ testHooks: { failTick: 6 } });
    const r = await svc.call('t', 'clock.step', { ticks: 10 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INTERNAL');
    expect(r.error.message).toMatch(/^5 of 10 tick\(s\) ran\. Tick 6 failed: injected failure/);
    expect(r.error.message).toContain('kept its last good state (tick 5)');
    expect(r.error.message).not.toContain('not changed');
    const s = svc.session!;
    expect(s.engine.tick).toBe(5);
    expect(s.engine.runHash()).toBe(referenceHash(5));
    expect(svc.clockState().fault).toMatchObject({ kind: 'tick', tick: 6 });
    const events = await svc.call('t', 'events.query', { severity: 'error' });
    expect(events.ok && (events.value as { rows: { type: string }[] }).rows.map((e) => e.type)).toContain(
      'simulation.tickFailed',
    );
    // The same tick fails again (the hook is still armed), and the state is still the good one.
    expect((await svc.call('t', 'clock.step', { ticks: 1 })).ok).toBe(false);
    expect(s.engine.runHash()).toBe(referenceHash(5));
  });

  it('rolls back a workspace-less session too (in-memory base + command log), commands included', async () => {
    const created = Session.create({
      scenario: lab(),
      path: null,
      name: 'mem',
      hooks: { onTick: () => {}, onClockChange: () => {} },
      createWorkspace: () => {
        throw new Error('no file');
      },
    });
    if (!created.ok) throw new Error(created.error.message);
    const s = created.value;
    s.testHooks = { failTick: 4 };
    await s.clock.stepTicks(2);
    const vmId = s.engine.list('vm')[0]!.id;
    expect(s.execute({ type: 'vm.power', vmId, action: 'off' })).toMatchObject({ ok: true });
    const r = await s.clock.stepTicks(5);
    expect(r.ran).toBe(1);
    expect(r.error).toBeInstanceOf(TickFailure);
    expect(s.engine.tick).toBe(3);
    const ref = createEngine(lab());
    if (!ref.ok) throw new Error(ref.error.message);
    ref.value.step();
    ref.value.step();
    ref.value.execute({ type: 'vm.power', vmId, action: 'off' });
    ref.value.step();
    expect(s.engine.runHash()).toBe(ref.value.runHash());
  });

  it('the running clock (timer) stops instead of killing the process, and the client is told', async () => {
    const svc = await start({ testHooks: { failTick: 4 } });
    const clocks: ClockState[] = [];
    const events: unknown[] = [];
    svc.connect({
      id: 'c',
      push: (name, data) => {
        if (name === 'clock') clocks.push(data as ClockState);
        if (name === 'events') events.push(...(data as unknown[]));
      },
    });
    await svc.call('c', 'clock.setSpeed', { speed: 'max' });
    expect(await svc.call('c', 'clock.play', {})).toMatchObject({ ok: true, value: { running: true } });
    await until(() => clocks.some((c) => c.fault?.kind === 'tick'));
    const last = clocks[clocks.length - 1]!;
    expect(last.running).toBe(false);
    expect(last.fault).toMatchObject({ kind: 'tick', tick: 4 });
    expect(svc.session!.engine.tick).toBe(3);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'simulation.tickFailed', severity: 'error' }),
    );
    expect(await svc.call('c', 'app.info', {})).toMatchObject({ ok: true });
    // Play clears the fault (the user chose to go on).
    svc.session!.testHooks = null;
    expect(await svc.call('c', 'clock.play', {})).toMatchObject({
      ok: true,
      value: { running: true, fault: null },
    });
  });

  it('a NaN that slips past every check (a bug) is never recorded: the tick fails and is rolled back', async () => {
    const svc = await start();
    await svc.call('t', 'clock.step', { ticks: 2 });
    const s = svc.session!;
    const good = s.engine.runHash();
    // Bypass all validation, as a bug would: a host with a 0 MHz core makes CPU ready NaN.
    (s.engine.world.hosts[0] as { coreMHz: number }).coreMHz = 0;
    const r = await svc.call('t', 'clock.step', { ticks: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toMatch(
        /Tick 3 failed: the tick produced a non-finite value \((vm|host|cluster|container|datastore) \S+ \S+ = (NaN|Infinity|-Infinity)\)/,
      );
    expect(s.engine.tick).toBe(2);
    expect(s.engine.runHash()).toBe(good);
    expect(s.engine.world.hosts[0]!.coreMHz).toBeGreaterThan(0);
    const series = await svc.call('t', 'history.series', {
      entityIds: [s.engine.world.hosts[0]!.id],
      metrics: ['cpu.usage.pct'],
      from: 0,
      to: 1e6,
    });
    expect(series.ok).toBe(true);
    expect(JSON.stringify(series)).not.toMatch(/null|NaN/);
  });

  it('when the last good state cannot be rebuilt, the session refuses to run or save until reopened', async () => {
    const svc = await start();
    await svc.call('t', 'clock.step', { ticks: 3 });
    await svc.call('t', 'clock.pause', {});
    const s = svc.session!;
    const path = s.workspace!.path;
    s.workspace!.latestSnapshot = () => null; // the checkpoint cannot be read back
    s.testHooks = { failTick: 5 };
    const r = await svc.call('t', 'clock.step', { ticks: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toMatch(
        /Tick 5 failed: .*could not go back to its last good state; reopen the workspace/,
      );
    expect(await svc.call('t', 'clock.play', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(await svc.call('t', 'clock.step', { ticks: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(s.checkpoint()).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    // Reopening goes back to the recorded history: tick 4, the last tick that completed.
    await svc.call('t', 'workspace.close', {});
    expect(await svc.call('t', 'workspace.open', { path })).toMatchObject({ ok: true });
    expect(svc.session!.engine.tick).toBe(4);
    expect(svc.session!.engine.runHash()).toBe(referenceHash(4));
  });

  it('a failure after the tick was recorded keeps that tick and still stops the clock', async () => {
    const svc = await start({ testHooks: { failAfterCommitTick: 3 } });
    const r = await svc.call('t', 'clock.step', { ticks: 5 });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toMatch(
        /^2 of 5 tick\(s\) ran\. Tick 3 failed: .*kept its last good state \(tick 3\)/,
      );
    expect(svc.session!.engine.tick).toBe(3);
    expect(svc.session!.engine.runHash()).toBe(referenceHash(3));
  });

  it('a command whose handler throws part-way is rolled back, not half-applied', async () => {
    const svc = await start();
    await svc.call('t', 'clock.step', { ticks: 2 });
    const s = svc.session!;
    const before = s.engine.runHash();
    const hostId = s.engine.list('host')[0]!.id;
    // Make the world throw after host.fail has changed the host (its event is written last).
    (s.engine.world as unknown as { event: () => void }).event = () => {
      throw new Error('event log broke');
    };
    const r = await svc.call('t', 'command.execute', { command: { type: 'host.fail', hostId } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/event log broke\. The command was not applied\./);
    expect(s.engine.runHash()).toBe(before);
    expect((s.engine.describe(hostId) as { ok: true; value: { state: string } }).value.state).not.toBe(
      'failed',
    );
  });
});

describe('INTERNAL tells the truth', () => {
  it('a read-only method says nothing changed; a changing one does not claim so when it did change something', async () => {
    const svc = await start();
    const engine = svc.session!.engine as unknown as { inventory: () => unknown };
    engine.inventory = () => {
      throw new Error('inventory broke');
    };
    const read = await svc.call('t', 'inventory.tree', {});
    expect(read).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!read.ok)
      expect(read.error.message).toMatch(
        /inventory broke\. This request only reads, so nothing was changed\./,
      );
    // workspace.close closes the session, then fails: the old message said "the state was not changed".
    svc.recent.clearLast = () => {
      throw new Error('recent list broke');
    };
    const closed = await svc.call('t', 'workspace.close', {});
    expect(closed.ok).toBe(false);
    if (!closed.ok) {
      expect(closed.error.message).not.toMatch(/not changed/);
      expect(closed.error.message).toMatch(/may have been applied in part/);
    }
    expect(svc.session).toBeNull();
  });
});

describe('safe mode after an unclean stop', () => {
  it('reopens the last workspace paused, with the reason, instead of auto-playing it', async () => {
    const a = await VdcService.start({ dataDir, shell: 'test', autoPlay: false, testHooks: { failTick: 3 } });
    const path = a.workspaceInfo()!.path;
    await a.call('t', 'clock.step', { ticks: 5 });
    a.session!.flush();
    // No dispose: the process "died". The running marker stays behind.
    expect(existsSync(join(dataDir, 'running.json'))).toBe(true);

    const b = await start({ autoPlay: true });
    expect(b.workspaceInfo()!.path).toBe(path);
    const clock = b.clockState();
    expect(clock.running).toBe(false);
    expect(clock.fault).toMatchObject({ kind: 'crash', tick: 2 });
    expect(clock.fault!.message).toMatch(
      /did not stop cleanly last time\. The last error was: Tick 3 failed: injected failure/,
    );
    expect(clock.fault!.message).toContain('reopened paused at tick 2');
    a.session!.close();
  });

  it('a clean stop removes the marker, so the next start plays as usual', async () => {
    const a = await VdcService.start({ dataDir, shell: 'test', autoPlay: false });
    await a.dispose();
    expect(existsSync(join(dataDir, 'running.json'))).toBe(false);
    const b = await start({ autoPlay: true });
    expect(b.clockState()).toMatchObject({ running: true, fault: null });
  });
});
