// @vitest-environment happy-dom
/**
 * The engine's refusals speak the user's language (issue 12, "its refusals name the reason" and "Simplified
 * Chinese, completely"): host power and connection, maintenance and standby, snapshots, templates, rules and
 * groups, create — each refusal carries a message code, its English text is exactly the message it always
 * had, and its nested reasons (host admission, HA admission, affinity rules, rule conflicts) are codes too, so
 * the Chinese console shows no English inside a Chinese sentence.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, type Command, type Engine } from '../main/engine';
import { builtinScenario } from '../main/engine/scenarios';
import { msgText, type Msg } from '../main/engine/messages';
import { i18n } from '../renderer/src/i18n';
import { renderMsg } from '../renderer/src/i18n/msg';

function lab(): Engine {
  const made = createEngine(builtinScenario('small-lab')!);
  if (!made.ok) throw new Error(made.error.message);
  for (let i = 0; i < 3; i++) made.value.step();
  return made.value;
}

/** Runs a command that must be refused; returns the refusal's code tree and its message. */
function refused(e: Engine, command: Command): { msg: Msg; message: string } {
  const r = e.execute(command);
  expect(r.ok, JSON.stringify(command)).toBe(false);
  if (r.ok) throw new Error('accepted');
  expect(r.error.msg, r.error.message).toBeDefined();
  return { msg: r.error.msg!, message: r.error.message };
}

/** Every code in a message tree, and the texts left as they are ("filter.text": not translated). */
function codes(m: Msg, out: string[] = []): string[] {
  out.push(m.code === 'filter.text' ? `text:${String(m.params.text)}` : m.code);
  for (const v of Object.values(m.params)) if (typeof v === 'object') codes(v, out);
  return out;
}

function zh(m: Msg): string {
  const g = i18n.global;
  g.locale.value = 'zh-CN';
  return renderMsg(
    m,
    '',
    (k, p) => g.t(k, p),
    (k) => g.te(k),
    (v) => g.n(v, 'integer'),
    'zh-CN',
  );
}

/** Latin words of a Chinese text once object names, units and product words are taken out. */
function english(text: string, names: readonly string[]): string[] {
  let rest = text;
  for (const n of [...names].sort((a, b) => b.length - a.length)) rest = rest.split(n).join(' ');
  const allowed = new Set(['HA', 'CPU', 'vCPU', 'GiB', 'MiB', 'GHz', 'MHz', 'TiB', 'DRS', 'NUMA']);
  // Nova filter class names (ReservationFilter …) are identifiers, as in the e2e detector (e2e/untranslated.ts).
  return (rest.match(/[A-Za-z][A-Za-z-]+/g) ?? []).filter(
    (w) => !allowed.has(w) && !/^[A-Z][A-Za-z]+Filter$/.test(w),
  );
}

const NAMES = ['esx-01', 'esx-02', 'esx-03', 'web-01', 'web-02', 'web-03', 'web-04', 'app-03', 'legacy-01'];
const NAMES_ALL = [...NAMES, 'Lab Cluster', 'keep', 'spread', 'web', 'big', 'shared-01'];

describe('engine refusals as message codes', () => {
  it('host power, connection, maintenance, standby and removal', () => {
    const e = lab();
    const cases: [Command, string][] = [
      [{ type: 'host.power', hostId: 'host-esx-01', action: 'shutdown' }, 'refuse.hostRunsVmsPower'],
      [{ type: 'host.power', hostId: 'host-esx-01', action: 'reboot' }, 'refuse.hostRunsVmsPower'],
      [{ type: 'host.connection', hostId: 'host-esx-01', connect: true }, 'refuse.hostNotDisconnected'],
      [{ type: 'host.standby', hostId: 'host-esx-01', enter: true }, 'refuse.standbyRunsVms'],
      [{ type: 'host.standby', hostId: 'host-esx-01', enter: false }, 'refuse.notInStandby'],
      [{ type: 'host.maintenance', hostId: 'host-esx-01', enter: false }, 'refuse.notInMaintenance'],
      [{ type: 'host.remove', hostId: 'host-esx-01' }, 'refuse.hostRemoveConnected'],
      [{ type: 'host.repair', hostId: 'host-esx-01' }, 'refuse.notFailed'],
      [
        { type: 'host.topology', hostId: 'host-esx-01', topology: { numaNodes: 1, threadsPerCore: 2 } },
        'refuse.topologyRunning',
      ],
    ];
    for (const [command, code] of cases) {
      const r = refused(e, command);
      expect(r.msg.code, r.message).toBe(code);
      expect(msgText(r.msg)).toBe(r.message);
      const text = zh(r.msg);
      expect(english(text, NAMES), text).toEqual([]);
    }
    // The English texts are the ones the engine always gave (stored, printed by the CLI).
    expect(refused(e, cases[0]![0]).message).toMatch(
      /^esx-01 still runs \d+ VM\(s\) \(.+\); enter maintenance mode first so they move, then shut down\.$/,
    );
    expect(refused(e, cases[2]![0]).message).toBe('esx-01 is not disconnected (it is connected).');
    // DRS: recommendations asked of a cluster whose DRS is off.
    expect(
      e.execute({
        type: 'cluster.configure',
        clusterId: 'cl-lab',
        settings: { drs: { enabled: false, automation: 'manual', threshold: 3 } },
      }).ok,
    ).toBe(true);
    const drs = refused(e, { type: 'drs.apply', clusterId: 'cl-lab' });
    expect(drs.msg.code).toBe('refuse.drsDisabled');
    expect(drs.message).toBe('DRS is disabled on Lab Cluster; enable it to get recommendations.');
    expect(english(zh(drs.msg), [...NAMES, 'Lab Cluster'])).toEqual([]);
  });

  it('snapshots and templates', () => {
    const e = lab();
    const cases: [Command, string][] = [
      [
        { type: 'vm.snapshot.create', vmId: 'vm-legacy-01', name: 's', memory: true },
        'refuse.memSnapshotPower',
      ],
      [{ type: 'vm.snapshot.deleteAll', vmId: 'vm-web-01' }, 'refuse.noSnapshots'],
      [{ type: 'vm.consolidate', vmId: 'vm-web-01' }, 'refuse.noConsolidation'],
      [{ type: 'vm.template', vmId: 'vm-web-01', template: true }, 'refuse.templatePower'],
      [{ type: 'vm.template', vmId: 'vm-web-01', template: false }, 'refuse.notTemplate'],
      [{ type: 'vm.power', vmId: 'vm-web-01', action: 'on' }, 'refuse.alreadyOn'],
      [{ type: 'vm.delete', vmId: 'vm-web-01' }, 'refuse.deletePoweredOn'],
    ];
    for (const [command, code] of cases) {
      const r = refused(e, command);
      expect(r.msg.code, r.message).toBe(code);
      expect(msgText(r.msg)).toBe(r.message);
      const text = zh(r.msg);
      expect(english(text, NAMES), text).toEqual([]);
    }
    expect(refused(e, cases[0]![0]).message).toBe(
      "legacy-01 is poweredOff; only a powered-on VM's memory can be included in a snapshot.",
    );
    // Busy: the operation is named in the user's language too.
    const first = e.execute({ type: 'vm.snapshot.create', vmId: 'vm-web-01', name: 'a' });
    expect(first.ok).toBe(true);
    const taskId = first.ok ? (first.value.taskId ?? '') : '';
    const busy = refused(e, { type: 'vm.snapshot.create', vmId: 'vm-web-01', name: 'b' });
    expect(codes(busy.msg)).toEqual([
      'refuse.vmBusy',
      'refuse.opSnapshotsOf',
      'snapOp.take',
      'taskType.name',
    ]);
    // The task it is busy with by its label, not its type id.
    expect(zh(busy.msg)).not.toContain('vm.snapshot.create');
    expect(english(zh(busy.msg), [...NAMES, taskId])).toEqual([]);
    expect(busy.message).toMatch(/^Cannot take snapshots of web-01: it is busy with vm\.snapshot\.create/);
  });

  it('rules and groups: validation problems and conflicts are codes, with the rule names as they are', () => {
    const e = lab();
    const cl = 'cl-lab';
    const one = refused(e, {
      type: 'cluster.rule.put',
      clusterId: cl,
      rule: { name: 'solo', kind: 'separate', mandatory: true, vmIds: ['vm-web-01'] },
    });
    expect(codes(one.msg)).toEqual(['refuse.invalid', 'refuse.cannotCreateRule', 'refuse.ruleTwoVms']);
    expect(one.message).toBe('Cannot create the rule: a VM–VM rule needs at least two VMs');
    const keep = {
      name: 'keep',
      kind: 'keepTogether' as const,
      mandatory: false,
      vmIds: ['vm-web-01', 'vm-web-02'],
    };
    expect(e.execute({ type: 'cluster.rule.put', clusterId: cl, rule: keep }).ok).toBe(true);
    const clash = refused(e, {
      type: 'cluster.rule.put',
      clusterId: cl,
      rule: { ...keep, name: 'spread', kind: 'separate' },
    });
    expect(codes(clash.msg)).toEqual([
      'refuse.invalid',
      'refuse.cannotCreateRule',
      'refuse.ruleConflicts',
      'refuse.conflictPair',
      'verb.separates',
      'verb.keepsTogether',
    ]);
    expect(clash.message).toBe(
      'Cannot create the rule: the rule conflicts with another: it separates web-01, web-02, which rule "keep" keeps together',
    );
    const dup = refused(e, {
      type: 'cluster.rule.put',
      clusterId: cl,
      rule: { ...keep, vmIds: ['vm-web-01', 'vm-web-03'] },
    });
    expect(codes(dup.msg)).toContain('refuse.ruleExists');
    expect(
      e.execute({
        type: 'cluster.group.put',
        clusterId: cl,
        group: { id: 'g-web', name: 'web', kind: 'vm', memberIds: ['vm-web-01'] },
      }).ok,
    ).toBe(true);
    expect(
      e.execute({
        type: 'cluster.group.put',
        clusterId: cl,
        group: { id: 'g-h', name: 'h', kind: 'host', memberIds: ['host-esx-01'] },
      }).ok,
    ).toBe(true);
    expect(
      e.execute({
        type: 'cluster.rule.put',
        clusterId: cl,
        rule: { name: 'pin', kind: 'runOnHosts', mandatory: false, vmGroupId: 'g-web', hostGroupId: 'g-h' },
      }).ok,
    ).toBe(true);
    const inUse = refused(e, { type: 'cluster.group.delete', clusterId: cl, groupId: 'g-web' });
    expect(inUse.msg.code).toBe('refuse.groupInUse');
    expect(inUse.message).toBe('Group "web" is used by rule "pin"; delete or change the rule first.');
    for (const r of [one, clash, dup, inUse]) {
      expect(msgText(r.msg)).toBe(r.message);
      const text = zh(r.msg);
      expect(english(text, [...NAMES_ALL, 'solo', 'pin']), text).toEqual([]);
    }
  });

  it('create: the admission reasons nested in the refusal are codes (host, HA admission, cluster placement)', () => {
    const e = lab();
    const spec = {
      name: 'big',
      vcpus: 2,
      memMiB: 2048,
      cpu: { reservationMHz: 900_000 },
      disks: [{ sizeGiB: 10, thin: true }],
      workload: {
        pattern: 'constant' as const,
        cpuBasePct: 10,
        cpuPeakPct: 10,
        memActivePct: 20,
        noisePct: 0,
      },
    };
    const onHost = refused(e, { type: 'vm.create', hostId: 'host-esx-01', spec, powerOn: true });
    expect(codes(onHost.msg)).toEqual([
      'refuse.cannotAdmit',
      'list.pair',
      'admit.cpuRes',
      'unitBare.MHz',
      'unit.MHz',
      'haAdmit.percentage',
    ]);
    expect(onHost.message).toMatch(
      /^esx-01 cannot admit the VM: CPU reservations would reach \d+ of \d+ MHz; HA admission control: the power-on would leave CPU /,
    );
    const inCluster = refused(e, { type: 'vm.create', clusterId: 'cl-lab', spec, powerOn: true });
    expect(inCluster.msg.code).toBe('refuse.noHostAdmitsWhy');
    expect(codes(inCluster.msg).filter((c) => c.startsWith('text:'))).toEqual([]);
    // HA admission control with a dedicated failover host: a power-on there is refused, in a code.
    expect(
      e.execute({
        type: 'cluster.configure',
        clusterId: 'cl-lab',
        settings: {
          ha: {
            enabled: true,
            admission: 'failoverHosts',
            cpuReservePct: 0,
            memReservePct: 0,
            failoverHostIds: ['host-esx-03'],
            restartDelaySec: 0,
          },
        },
      }).ok,
    ).toBe(true);
    const small = { ...spec, cpu: { reservationMHz: 0 } };
    const ha = refused(e, { type: 'vm.create', hostId: 'host-esx-03', spec: small, powerOn: true });
    expect(codes(ha.msg)).toEqual(['refuse.cannotAdmit', 'haAdmit.failoverHost']);
    expect(ha.message).toBe(
      'esx-03 cannot admit the VM: HA admission control: esx-03 is a dedicated failover host',
    );
    for (const r of [onHost, inCluster, ha]) {
      expect(msgText(r.msg)).toBe(r.message);
      const text = zh(r.msg);
      expect(english(text, NAMES_ALL), text).toEqual([]);
      expect(text).not.toMatch(/\d{5,} MHz/); // units with their prefix (GHz), as everywhere in the console
    }
  });
});
