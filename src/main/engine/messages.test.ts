import { describe, expect, it } from 'vitest';
import { createEngine, type Engine, type EngineEvent, type TaskInfo } from './index';
import { builtinScenario } from './scenarios';
import { MESSAGES_EN, msg, msgText, type Msg } from './messages';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

/** small-lab with a live migration, a power cycle, maintenance, a host failure and its repair. */
function activeRun(): { engine: Engine; events: EngineEvent[]; tasks: Map<string, TaskInfo> } {
  const made = createEngine(builtinScenario('small-lab')!);
  if (!made.ok) throw new Error(made.error.message);
  const e = made.value;
  const hosts = e.scenario.hosts.map((h) => h.id);
  const vms = e.scenario.vms.map((v) => v.id);
  const events: EngineEvent[] = [];
  const tasks = new Map<string, TaskInfo>();
  for (let i = 0; i < 900; i++) {
    if (i === 5) e.execute({ type: 'vm.migrate', vmId: vms[0]!, hostId: hosts[1]! });
    if (i === 10) e.execute({ type: 'vm.power', vmId: vms[1]!, action: 'off' });
    if (i === 40) e.execute({ type: 'vm.power', vmId: vms[1]!, action: 'on' });
    if (i === 100) e.execute({ type: 'host.maintenance', hostId: hosts[0]!, enter: true });
    if (i === 400) e.execute({ type: 'host.maintenance', hostId: hosts[0]!, enter: false });
    if (i === 500) e.execute({ type: 'host.fail', hostId: hosts[1]! });
    if (i === 700) e.execute({ type: 'host.repair', hostId: hosts[1]! });
    const r = e.step();
    events.push(...r.events);
    for (const t of r.tasks) tasks.set(t.id, t);
  }
  return { engine: e, events, tasks };
}

describe('message codes', () => {
  it('render their English template with every placeholder filled, nested messages included', () => {
    expect(
      msgText(
        msg('ev.vmMigrated', {
          vm: 'a',
          from: 'h1',
          to: 'h2',
          result: msg('reason.completedIn', { sec: '3' }),
        }),
      ),
    ).toBe('a migrated from h1 to h2: completed in 3 s');
    expect(msgText('plain text')).toBe('plain text');
    // An unknown code (a newer version's) renders as the code itself, never throws.
    expect(msgText({ code: 'ev.fromTheFuture', params: {} } as Msg)).toBe('ev.fromTheFuture');
    for (const [code, text] of Object.entries(MESSAGES_EN)) {
      expect(code).toMatch(/^[a-zA-Z]+\.[a-zA-Z]+$/);
      expect(text, code).not.toMatch(/[@|$]/); // plain vue-i18n templates: no linked or plural syntax
    }
  });

  it('every event and task of an eventful run carries a code whose English text is the stored text', () => {
    const { events, tasks } = activeRun();
    const types = new Set(events.map((e) => e.type));
    for (const t of ['vm.migrated', 'host.failed', 'vm.down', 'vm.restarted', 'task.failed'])
      expect(types, t).toContain(t);
    for (const ev of events) {
      expect(ev.msg, ev.message).toBeDefined();
      expect(msgText(ev.msg!)).toBe(ev.message);
      expect(ev.message).not.toMatch(/\{\w+\}/);
      expect(Object.keys(ev.msg!.params).sort()).toEqual(
        placeholders(MESSAGES_EN[ev.msg!.code as keyof typeof MESSAGES_EN]),
      );
    }
    expect(tasks.size).toBeGreaterThan(3);
    for (const t of tasks.values()) {
      expect(t.descriptionMsg, t.description).toBeDefined();
      expect(msgText(t.descriptionMsg!)).toBe(t.description);
      if (t.reason !== null) {
        expect(t.reasonMsg, t.reason).toBeDefined();
        expect(msgText(t.reasonMsg!)).toBe(t.reason);
      }
    }
  });

  it('are not part of the run hash (codes only restate the hashed English texts)', () => {
    const { engine } = activeRun();
    const before = engine.runHash();
    const w = engine.world as { tasks: TaskInfo[] };
    expect(w.tasks.some((t) => t.descriptionMsg)).toBe(true);
    for (const t of w.tasks) {
      delete t.descriptionMsg;
      delete t.reasonMsg;
    }
    expect(engine.runHash()).toBe(before);
  });
});
