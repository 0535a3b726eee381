/** Host operations: reboot, shut down, disconnect and reconnect — effects, refusals, invariants, determinism. */
import { describe, expect, it } from 'vitest';
import { restoreEngine, type Engine } from '../engine';
import type { Command } from '../model/commands';
import { worldViolations } from '../testing/invariants';
import { engineOf, flat, runUntilDone, testVm, tinyScenario } from '../testing/fixtures';

const scenario = () =>
  tinyScenario(
    [testVm('vm-a', 'host-1', 1, 1024, flat(10, 20)), testVm('vm-b', 'host-2', 1, 1024, flat(10, 20))],
    { hosts: 3 },
  );
function refused(e: Engine, c: Command): string {
  const r = e.execute(c);
  if (r.ok) throw new Error(`${c.type} was accepted`);
  return r.error.message;
}
const host = (e: Engine, id: string) => e.world.hostById.get(id)!;

describe('host.power', () => {
  it('refuses a host that runs VMs, naming them; reboots an empty one (down, then back)', () => {
    const e = engineOf(scenario());
    e.step();
    expect(refused(e, { type: 'host.power', hostId: 'host-1', action: 'reboot' })).toMatch(
      /still runs 1 VM\(s\) \(a\); enter maintenance mode first/,
    );
    const r = e.execute({ type: 'host.power', hostId: 'host-3', action: 'reboot' });
    if (!r.ok) throw new Error(r.error.message);
    expect(host(e, 'host-3').state).toBe('standby');
    expect(e.tasks().find((t) => t.id === r.value.taskId)?.state).toBe('running');
    for (let i = 0; i < 5; i++) {
      e.step();
      expect(worldViolations(e.world)).toEqual([]);
    }
    expect(host(e, 'host-3').state).toBe('standby');
    expect(runUntilDone(e, r.value.taskId!)).toBe('success');
    expect(host(e, 'host-3').state).toBe('connected');
  });

  it('shut down: the host powers off and draws nothing; Exit standby powers it on', () => {
    const e = engineOf(scenario());
    e.step();
    expect(e.execute({ type: 'host.power', hostId: 'host-3', action: 'shutdown' }).ok).toBe(true);
    const tick = e.step();
    expect(tick.events.map((x) => x.message)).toContain(
      'esx-3 shut down by the user (power it on with Exit standby)',
    );
    expect(host(e, 'host-3').state).toBe('standby');
    expect(e.latest('host-3')?.['power.w']).toBe(0);
    const on = e.execute({ type: 'host.standby', hostId: 'host-3', enter: false });
    if (!on.ok) throw new Error(on.error.message);
    expect(runUntilDone(e, on.value.taskId!)).toBe('success');
    expect(host(e, 'host-3').state).toBe('connected');
  });
});

describe('host.connection', () => {
  it('a disconnected host keeps its VMs running, takes no new ones, and reconnects', () => {
    const e = engineOf(scenario());
    e.step();
    expect(e.execute({ type: 'host.connection', hostId: 'host-1', connect: false }).ok).toBe(true);
    expect(host(e, 'host-1').state).toBe('disconnected');
    for (let i = 0; i < 3; i++) e.step();
    expect(e.world.vmById.get('vm-a')!.power).toBe('poweredOn');
    expect(e.latest('vm-a')?.['cpu.usage.mhz']).toBeGreaterThan(0);
    expect(refused(e, { type: 'vm.migrate', vmId: 'vm-b', hostId: 'host-1' })).toBeTruthy();
    expect(refused(e, { type: 'host.maintenance', hostId: 'host-1', enter: true })).toMatch(/disconnected/);
    expect(refused(e, { type: 'host.connection', hostId: 'host-2', connect: true })).toMatch(
      /not disconnected/,
    );
    const r = e.execute({ type: 'host.connection', hostId: 'host-1', connect: true });
    if (!r.ok) throw new Error(r.error.message);
    expect(runUntilDone(e, r.value.taskId!)).toBe('success');
    expect(host(e, 'host-1').state).toBe('connected');
    expect(worldViolations(e.world)).toEqual([]);
  });

  it('a snapshot taken while disconnected restores, and the same commands give the same run', () => {
    const run = () => {
      const e = engineOf(scenario());
      e.step();
      e.execute({ type: 'host.connection', hostId: 'host-1', connect: false });
      for (let i = 0; i < 10; i++) e.step();
      return e;
    };
    const a = run();
    expect(a.runHash()).toBe(run().runHash());
    const restored = restoreEngine(JSON.parse(a.snapshotJson()) as unknown);
    if (!restored.ok) throw new Error(restored.error.message);
    expect(restored.value.world.hostById.get('host-1')!.state).toBe('disconnected');
  });
});
