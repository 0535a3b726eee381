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

  it('snapshots, templates, tags, rules and groups, host power: every event and task carries a code', () => {
    const made = createEngine(builtinScenario('small-lab')!);
    if (!made.ok) throw new Error(made.error.message);
    const e = made.value;
    const events: EngineEvent[] = [];
    const tasks = new Map<string, TaskInfo>();
    const steps = (n: number) => {
      for (let i = 0; i < n; i++) {
        const r = e.step();
        events.push(...r.events);
        for (const t of r.tasks) tasks.set(t.id, t);
      }
    };
    const run = (c: Parameters<Engine['execute']>[0]) => {
      const r = e.execute(c);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      steps(30);
    };
    const vm = e.world.vmById.get('vm-web-01')!;
    run({ type: 'vm.snapshot.create', vmId: vm.id, name: 'before', memory: true });
    run({ type: 'vm.snapshot.create', vmId: vm.id, name: 'after' });
    run({ type: 'vm.snapshot.revert', vmId: vm.id, snapshotId: vm.snap!.list[0]!.id });
    run({ type: 'vm.snapshot.delete', vmId: vm.id, snapshotId: vm.snap!.list[1]!.id });
    run({ type: 'vm.snapshot.deleteAll', vmId: vm.id });
    run({ type: 'vm.template', vmId: 'vm-legacy-01', template: true });
    run({ type: 'vm.template', vmId: 'vm-legacy-01', template: false });
    run({ type: 'object.annotate', objectId: vm.id, tags: ['tier:web'] });
    const cl = 'cl-lab';
    run({
      type: 'cluster.group.put',
      clusterId: cl,
      group: { id: 'g-web', name: 'web', kind: 'vm', memberIds: [vm.id, 'vm-web-02'] },
    });
    run({
      type: 'cluster.group.put',
      clusterId: cl,
      group: { id: 'g-h', name: 'h', kind: 'host', memberIds: ['host-esx-01'] },
    });
    const rule = {
      id: 'r-1',
      name: 'spread',
      kind: 'separate' as const,
      mandatory: true,
      vmIds: [vm.id, 'vm-web-02'],
    };
    run({ type: 'cluster.rule.put', clusterId: cl, rule });
    run({ type: 'cluster.rule.put', clusterId: cl, rule: { ...rule, enabled: false } });
    run({
      type: 'cluster.rule.put',
      clusterId: cl,
      rule: {
        id: 'r-2',
        name: 'pin',
        kind: 'runOnHosts',
        mandatory: false,
        vmGroupId: 'g-web',
        hostGroupId: 'g-h',
      },
    });
    run({ type: 'cluster.rule.delete', clusterId: cl, ruleId: 'r-2' });
    run({ type: 'cluster.rule.delete', clusterId: cl, ruleId: 'r-1' });
    run({ type: 'cluster.group.delete', clusterId: cl, groupId: 'g-h' });
    run({ type: 'host.connection', hostId: 'host-esx-03', connect: false });
    run({ type: 'host.connection', hostId: 'host-esx-03', connect: true });
    steps(200);
    const empty = e.world.hosts.find(
      (h) => !e.world.vms.some((v) => v.hostId === h.id && v.power === 'poweredOn'),
    );
    if (empty) {
      run({ type: 'host.power', hostId: empty.id, action: 'reboot' });
      steps(100);
    }
    const types = new Set(events.map((x) => x.type));
    for (const t of [
      'vm.snapshot.created',
      'vm.snapshot.reverted',
      'vm.snapshot.deleted',
      'vm.snapshot.deletedAll',
      'vm.template.created',
      'vm.template.converted',
      'cluster.groupCreated',
      'cluster.ruleCreated',
      'cluster.ruleDisabled',
      'cluster.ruleDeleted',
      'cluster.groupDeleted',
      'host.disconnected',
    ])
      expect(types, t).toContain(t);
    for (const ev of events) {
      expect(ev.msg, `${ev.type}: ${ev.message}`).toBeDefined();
      expect(msgText(ev.msg!)).toBe(ev.message);
      expect(Object.keys(ev.msg!.params).sort()).toEqual(
        placeholders(MESSAGES_EN[ev.msg!.code as keyof typeof MESSAGES_EN]),
      );
    }
    for (const t of tasks.values()) {
      expect(t.descriptionMsg, `${t.type}: ${t.description}`).toBeDefined();
      expect(msgText(t.descriptionMsg!)).toBe(t.description);
    }
    // The English texts are those of the earlier versions (byte for byte).
    const texts = events.map((x) => x.message);
    expect(texts).toContain('Snapshot "before" of web-01 created (with memory)');
    expect(texts).toContain('legacy-01 converted to a template');
    expect(texts).toContain('Rule "spread" (separate VMs: web-01, web-02) created on Lab Cluster');
    expect(texts).toContain('Rule "spread" disabled on Lab Cluster');
    expect(texts).toContain('VM group "web" (web-01, web-02) created on Lab Cluster');
    expect(texts).toContain(
      'Rule "pin" (should run on hosts in group: web-01, web-02 → esx-01) created on Lab Cluster',
    );
  });

  it('DRS recommendations, DPM and HA summaries and migration pre-checks carry codes of their English texts', () => {
    const made = createEngine(builtinScenario('small-lab')!);
    if (!made.ok) throw new Error(made.error.message);
    const e = made.value;
    const ok = (c: Parameters<Engine['execute']>[0]) => expect(e.execute(c).ok).toBe(true);
    ok({
      type: 'cluster.configure',
      clusterId: 'cl-lab',
      settings: { drs: { enabled: true, automation: 'manual', threshold: 3 }, dpm: { enabled: true } },
    });
    for (let i = 0; i < 20; i++) e.step();
    ok({ type: 'host.maintenance', hostId: 'host-esx-03', enter: true });
    e.step();
    const d = e.describe('cl-lab');
    if (!d.ok || d.value.kind !== 'cluster' || !d.value.scheduling) throw new Error('no scheduling');
    const s = d.value.scheduling;
    expect(s.drs.recommendations.length).toBeGreaterThan(0);
    for (const r of s.drs.recommendations) expect(msgText(r.reasonMsg!)).toBe(r.reason);
    expect(s.drs.recommendations.map((r) => r.reasonMsg!.code)).toContain('drs.evacuate');
    for (const part of [s.drs, s.dpm, s.ha]) expect(msgText(part.summaryMsg!)).toBe(part.summary);
    if (s.dpm.action) expect(msgText(s.dpm.action.reasonMsg!)).toBe(s.dpm.action.reason);
    // A pre-check with errors and warnings: each has its code, in the same order.
    const pc = e.precheckMigration('vm-web-01', 'host-esx-03');
    if (!pc.ok) throw new Error(pc.error.message);
    expect(pc.value.errors.length).toBeGreaterThan(0);
    expect(pc.value.errorMsgs.map(msgText)).toEqual(pc.value.errors);
    expect(pc.value.warningMsgs.map(msgText)).toEqual(pc.value.warnings);
    expect(pc.value.errorMsgs[0]!.code).toBe('pre.hostState');
    // The refusal names the reasons as a code too (the console renders it in its language).
    const refused = e.execute({ type: 'vm.migrate', vmId: 'vm-web-01', hostId: 'host-esx-03' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.msg?.code).toBe('err.cannotMigrate');
    expect(msgText(refused.error.msg!)).toBe(refused.error.message);
    expect(refused.error.message).toBe(`Cannot migrate web-01: ${pc.value.errors.join('; ')}`);
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
