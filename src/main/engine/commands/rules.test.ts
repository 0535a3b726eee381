import { describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import type { Command } from '../model/commands';
import type { Scenario } from '../model/scenario';
import { builtinScenario } from '../scenarios';
import { worldViolations } from '../testing/invariants';
import { describeAs, engineOf, flat, testVm, tinyScenario } from '../testing/fixtures';

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
function refused(e: Engine, c: Command): string {
  const r = e.execute(c);
  if (r.ok) throw new Error(`${c.type} was accepted`);
  return r.error.message;
}

/** Three hosts, vm-a and vm-b together on host-1, vm-c on host-2; DRS fully automated. */
function threeHosts(): Scenario {
  const s = tinyScenario(
    [
      testVm('vm-a', 'host-1', 1, 1024, flat(10, 20)),
      testVm('vm-b', 'host-1', 1, 1024, flat(10, 20)),
      testVm('vm-c', 'host-2', 1, 1024, flat(10, 20)),
    ],
    { hosts: 3 },
  );
  return s;
}

type RulePut = Extract<Command, { type: 'cluster.rule.put' }>;
const sep = (name = 'apart', extra: Partial<RulePut['rule']> = {}): RulePut => ({
  type: 'cluster.rule.put',
  clusterId: 'cl-1',
  rule: { name, kind: 'separate', mandatory: true, vmIds: ['vm-a', 'vm-b'], ...extra },
});

describe('cluster.rule.put / delete', () => {
  it('an anti-affinity rule for two VMs on one host makes DRS separate them, the migration naming the rule', () => {
    const e = engineOf(threeHosts());
    const id = ok(e.execute(sep())).createdId!;
    expect(id).toBe('rule-1');
    const events: string[] = [];
    const reasons: string[] = [];
    for (let i = 0; i < 200; i++) {
      const r = e.step();
      events.push(...r.events.map((x) => x.message));
      for (const t of r.tasks) if (t.type === 'vm.migrate' && t.description) reasons.push(t.description);
      expect(worldViolations(e.world)).toEqual([]);
      const a = e.world.vmById.get('vm-a')!;
      const b = e.world.vmById.get('vm-b')!;
      if (a.hostId !== b.hostId && a.migratingTo === null && b.migratingTo === null) break;
    }
    const a = e.world.vmById.get('vm-a')!;
    const b = e.world.vmById.get('vm-b')!;
    expect(a.hostId).not.toBe(b.hostId);
    expect(events.some((m) => /Rule "apart".*created/.test(m))).toBe(true);
    // The DRS move says why: the rule's name.
    const drs = [...events, ...reasons, ...e.tasks().map((t) => `${t.description} ${t.reason ?? ''}`)].filter(
      (m) => /DRS/.test(m) && !/created/.test(m),
    );
    expect(drs.some((m) => m.includes('"apart"'))).toBe(true);
  });

  it('a disabled rule is kept but not enforced; enabling it again enforces it', () => {
    const e = engineOf(threeHosts());
    const id = ok(e.execute(sep('apart', { enabled: false }))).createdId!;
    for (let i = 0; i < 60; i++) e.step();
    expect(e.world.vmById.get('vm-a')!.hostId).toBe(e.world.vmById.get('vm-b')!.hostId);
    const d = describeAs(e, 'cl-1', 'cluster');
    expect(d.settings.rules?.[0]).toMatchObject({ id, enabled: false });
    ok(e.execute(sep('apart', { id, enabled: true })));
    expect(describeAs(e, 'cl-1', 'cluster').settings.rules?.[0]?.enabled).toBeUndefined();
  });

  it('refuses unknown VMs, too few VMs, duplicate names and rules that contradict each other, naming why', () => {
    const e = engineOf(threeHosts());
    expect(refused(e, sep('x', { vmIds: ['vm-a', 'vm-zz'] }))).toMatch(/VM "vm-zz" does not exist/);
    expect(refused(e, sep('x', { vmIds: ['vm-a'] }))).toMatch(/at least two VMs/);
    ok(e.execute(sep()));
    expect(refused(e, sep())).toMatch(/named "apart" already exists/);
    const together: RulePut = {
      type: 'cluster.rule.put',
      clusterId: 'cl-1',
      rule: { name: 'together', kind: 'keepTogether', mandatory: true, vmIds: ['vm-a', 'vm-b', 'vm-c'] },
    };
    expect(refused(e, together)).toMatch(/conflicts with another: .*a, b.*"apart" separates/);
    // Disabled, it may be stored (vSphere keeps conflicting rules disabled).
    ok(e.execute({ ...together, rule: { ...together.rule, enabled: false } }));
    expect(refused(e, { type: 'cluster.rule.delete', clusterId: 'cl-1', ruleId: 'nope' })).toMatch(
      /no rule "nope"/,
    );
    ok(e.execute({ type: 'cluster.rule.delete', clusterId: 'cl-1', ruleId: 'rule-1' }));
    expect(describeAs(e, 'cl-1', 'cluster').settings.rules?.map((r) => r.name)).toEqual(['together']);
  });

  it('VM–host rules come from groups, follow group edits and refuse a VM left with no host', () => {
    const e = engineOf(threeHosts());
    expect(
      refused(e, {
        type: 'cluster.group.put',
        clusterId: 'cl-1',
        group: { name: 'g', kind: 'vm', memberIds: [] },
      }),
    ).toMatch(/needs at least one member/);
    expect(
      refused(e, {
        type: 'cluster.group.put',
        clusterId: 'cl-1',
        group: { name: 'g', kind: 'host', memberIds: ['host-9'] },
      }),
    ).toMatch(/host "host-9" does not exist/);
    const vg = ok(
      e.execute({
        type: 'cluster.group.put',
        clusterId: 'cl-1',
        group: { name: 'web', kind: 'vm', memberIds: ['vm-a'] },
      }),
    ).createdId!;
    const hg = ok(
      e.execute({
        type: 'cluster.group.put',
        clusterId: 'cl-1',
        group: { name: 'rack-3', kind: 'host', memberIds: ['host-3'] },
      }),
    ).createdId!;
    const must = ok(
      e.execute({
        type: 'cluster.rule.put',
        clusterId: 'cl-1',
        rule: { name: 'web on rack 3', kind: 'runOnHosts', mandatory: true, vmGroupId: vg, hostGroupId: hg },
      }),
    ).createdId!;
    // A mandatory "must not run on" the same hosts leaves vm-a nowhere to run.
    expect(
      refused(e, {
        type: 'cluster.rule.put',
        clusterId: 'cl-1',
        rule: { name: 'not rack 3', kind: 'avoidHosts', mandatory: true, vmGroupId: vg, hostGroupId: hg },
      }),
    ).toMatch(/a would have no host to run on together with rule "web on rack 3"/);
    // The group's new member joins the rule.
    ok(
      e.execute({
        type: 'cluster.group.put',
        clusterId: 'cl-1',
        group: { id: vg, name: 'web', kind: 'vm', memberIds: ['vm-a', 'vm-c'] },
      }),
    );
    const rule = describeAs(e, 'cl-1', 'cluster').settings.rules!.find((r) => r.id === must)!;
    expect(rule.vmIds).toEqual(['vm-a', 'vm-c']);
    expect(refused(e, { type: 'cluster.group.delete', clusterId: 'cl-1', groupId: vg })).toMatch(
      /used by rule "web on rack 3"/,
    );
    for (let i = 0; i < 120; i++) e.step();
    expect(e.world.vmById.get('vm-a')!.hostId).toBe('host-3');
    expect(e.world.vmById.get('vm-c')!.hostId).toBe('host-3');
    ok(e.execute({ type: 'cluster.rule.delete', clusterId: 'cl-1', ruleId: must }));
    ok(e.execute({ type: 'cluster.group.delete', clusterId: 'cl-1', groupId: vg }));
    expect(describeAs(e, 'cl-1', 'cluster').properties.vmGroups).toBe(0);
  });

  it('same commands give the same run (deterministic)', () => {
    const run = () => {
      const e = engineOf(threeHosts());
      ok(e.execute(sep()));
      for (let i = 0; i < 50; i++) e.step();
      return e.runHash();
    };
    expect(run()).toBe(run());
  });
});

describe('cluster.configure: HA host monitoring, default restart priority, DPM automation', () => {
  it("host monitoring off: a failed host's VMs are not restarted, and the event says why", () => {
    const e = engineOf(threeHosts());
    ok(
      e.execute({
        type: 'cluster.configure',
        clusterId: 'cl-1',
        settings: { ha: { hostMonitoring: false } },
      }),
    );
    expect(describeAs(e, 'cl-1', 'cluster').properties.haHostMonitoring).toBe(false);
    ok(e.execute({ type: 'host.fail', hostId: 'host-1' }));
    const msgs: string[] = [];
    for (let i = 0; i < 10; i++) msgs.push(...e.step().events.map((x) => x.message));
    expect(e.world.vmById.get('vm-a')!.power).not.toBe('poweredOn');
    expect(msgs.some((m) => /host monitoring is off/.test(m))).toBe(true);
  });

  it('the cluster default restart priority applies to VMs that set none', () => {
    const e = engineOf(threeHosts());
    expect(describeAs(e, 'vm-a', 'vm').properties.haRestartPriority).toBe('medium');
    ok(
      e.execute({
        type: 'cluster.configure',
        clusterId: 'cl-1',
        settings: { ha: { restartPriority: 'high' } },
      }),
    );
    expect(describeAs(e, 'vm-a', 'vm').properties.haRestartPriority).toBe('high');
    expect(
      refused(e, {
        type: 'cluster.configure',
        clusterId: 'cl-1',
        settings: { ha: { restartPriority: 'urgent' as never }, dpm: { automation: 'sometimes' as never } },
      }),
    ).toMatch(/restart priority must be one of.*DPM automation must be manual or automatic/s);
  });

  it('manual DPM recommends but powers nothing down', () => {
    const scenario = (automation: 'manual' | 'automatic') => {
      const s = tinyScenario([testVm('vm-a', 'host-1', 1, 1024, flat(2, 10))], { hosts: 3 });
      s.clusters[0]!.settings = { ...s.clusters[0]!.settings, dpm: { enabled: true, automation } };
      return s;
    };
    const run = (automation: 'manual' | 'automatic') => {
      const e = engineOf(scenario(automation));
      for (let i = 0; i < 600; i++) e.step();
      return e.world.hosts.filter((h) => h.state === 'standby').length;
    };
    expect(run('automatic')).toBeGreaterThan(0);
    expect(run('manual')).toBe(0);
  });

  it('built-in scenarios build and describe with the new settings fields absent', () => {
    const e = engineOf(builtinScenario('small-lab')!);
    const cl = e.world.clusters[0]!;
    const d = describeAs(e, cl.id, 'cluster');
    expect(d.properties.haHostMonitoring).toBe(true);
    expect(d.properties.dpmAutomation).toBe('automatic');
    expect(d.settings.vmGroups).toBeUndefined();
  });
});
