/**
 * cluster.rule.put / cluster.rule.delete / cluster.group.put / cluster.group.delete: the DRS rules and the
 * VM/host groups of a cluster (vSphere "VM/Host Groups" and "VM/Host Rules"). Every change is validated
 * in full before anything changes; a refusal names each problem (unknown VM, empty group, a VM outside the
 * cluster, a rule that contradicts another).
 */
import { engineError, err, ok, type CommandReceipt, type Result } from '../api';
import type { Command, GroupInput, RuleInput } from '../model/commands';
import type { AffinityRule, ClusterGroup } from '../model/scenario';
import type { ClusterRec } from '../world/types';
import type { World } from '../world/world';
import { msg, type Msg, type MsgCode } from '../messages';
import { invalid, nameOk, notFound } from './validate';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

const KINDS = ['keepTogether', 'separate', 'runOnHosts', 'avoidHosts'] as const;
const MAX_MEMBERS = 10_000;
const MAX_RULES = 1000;

const isHostRule = (kind: string): boolean => kind === 'runOnHosts' || kind === 'avoidHosts';

/** What a rule asks, as a message code: "keep VMs together", "must run on hosts in group" … */
const KIND_TEXT: Record<AffinityRule['kind'], [should: MsgCode, must: MsgCode]> = {
  keepTogether: ['rule.keepTogether', 'rule.keepTogether'],
  separate: ['rule.separate', 'rule.separate'],
  runOnHosts: ['rule.runOnHosts', 'rule.mustRunOnHosts'],
  avoidHosts: ['rule.avoidHosts', 'rule.mustAvoidHosts'],
};

function clusterOf(w: World, clusterId: string): ClusterRec | undefined {
  return w.clusterById.get(clusterId);
}

/** True when the VM is registered on a host of the cluster. */
function inCluster(w: World, vmId: string, clusterId: string): boolean {
  const vm = w.vmById.get(vmId);
  const host = vm ? w.hostById.get(vm.hostId) : undefined;
  return host?.clusterId === clusterId;
}

function names(w: World, ids: readonly string[]): string {
  const n = ids.map((id) => w.vmById.get(id)?.name ?? w.hostById.get(id)?.name ?? id);
  return n.length > 4 ? `${n.slice(0, 4).join(', ')} … (+${n.length - 4})` : n.join(', ');
}

function groupsOf(cl: ClusterRec, kind: 'vm' | 'host'): ClusterGroup[] {
  return (kind === 'vm' ? cl.settings.vmGroups : cl.settings.hostGroups) ?? [];
}

/** A new id unique among the cluster's rules or groups (ids are per cluster, like vSphere's names). */
function freshId(prefix: string, taken: readonly { id: string }[]): string {
  let n = taken.length + 1;
  while (taken.some((x) => x.id === `${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/**
 * Why `rule` contradicts one of `others` (enabled rules of the same cluster), or null. Caught: keep-together
 * and separate sharing two VMs; mandatory VM–host rules that leave a VM no host of the cluster to run on.
 */
export function ruleConflict(
  w: World,
  clusterId: string,
  rule: AffinityRule,
  others: readonly AffinityRule[],
): Msg | null {
  if (rule.enabled === false) return null;
  const active = others.filter((o) => o.enabled !== false && o.id !== rule.id);
  if (rule.kind === 'keepTogether' || rule.kind === 'separate') {
    const opposite = rule.kind === 'keepTogether' ? 'separate' : 'keepTogether';
    for (const o of active) {
      if (o.kind !== opposite) continue;
      const shared = rule.vmIds.filter((v) => o.vmIds.includes(v));
      if (shared.length >= 2)
        return msg('refuse.conflictPair', {
          verb: msg(rule.kind === 'keepTogether' ? 'verb.keepsTogether' : 'verb.separates'),
          vms: names(w, shared),
          other: o.name,
          otherVerb: msg(o.kind === 'keepTogether' ? 'verb.keepsTogether' : 'verb.separates'),
        });
    }
    return null;
  }
  if (!rule.mandatory) return null;
  const clusterHosts = w.hosts.filter((h) => h.clusterId === clusterId).map((h) => h.id);
  const mandatoryHostRules = [...active.filter((o) => o.mandatory && isHostRule(o.kind)), rule];
  for (const vmId of rule.vmIds) {
    let allowed = clusterHosts;
    for (const r of mandatoryHostRules) {
      if (!r.vmIds.includes(vmId)) continue;
      allowed =
        r.kind === 'runOnHosts'
          ? allowed.filter((h) => r.hostIds.includes(h))
          : allowed.filter((h) => !r.hostIds.includes(h));
    }
    if (allowed.length === 0) {
      const with_ = mandatoryHostRules.filter((r) => r !== rule && r.vmIds.includes(vmId)).map((r) => r.name);
      return with_.length
        ? msg('refuse.conflictNoHostWith', {
            vm: names(w, [vmId]),
            rules: with_.map((n) => `"${n}"`).join(', '),
          })
        : msg('refuse.conflictNoHost', { vm: names(w, [vmId]) });
    }
  }
  return null;
}

/** Resolves and checks a rule input: the rule to store, or the problems. */
function resolveRule(
  w: World,
  cl: ClusterRec,
  input: RuleInput,
): { rule: AffinityRule; problems: (string | Msg)[] } | { rule: null; problems: (string | Msg)[] } {
  const p: (string | Msg)[] = [];
  if (!input || typeof input !== 'object') return { rule: null, problems: ['rule is required'] };
  const nameProblem = nameOk('name', input.name);
  if (nameProblem) p.push(nameProblem);
  if (!(KINDS as readonly string[]).includes(input.kind)) p.push(`kind must be one of ${KINDS.join(', ')}`);
  if (typeof input.mandatory !== 'boolean') p.push('mandatory must be true or false');
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean')
    p.push('enabled must be true or false');
  if (
    input.id !== undefined &&
    (typeof input.id !== 'string' || input.id.length === 0 || input.id.length > 200)
  )
    p.push('id must be a non-empty string of at most 200 characters');
  const rules = cl.settings.rules ?? [];
  if (typeof input.name === 'string' && rules.some((r) => r.name === input.name && r.id !== input.id))
    p.push(msg('refuse.ruleExists', { name: input.name, cluster: cl.name }));
  let vmIds: string[] = [];
  let hostIds: string[] = [];
  const list = (what: string, v: unknown): string[] | null => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.length > MAX_MEMBERS || v.some((x) => typeof x !== 'string')) {
      p.push(`${what} must be a list of ids`);
      return null;
    }
    return [...new Set(v as string[])];
  };
  const host = isHostRule(input.kind);
  if (host) {
    if (input.vmGroupId !== undefined) {
      const g = groupsOf(cl, 'vm').find((x) => x.id === input.vmGroupId);
      if (!g) p.push(msg('refuse.vmGroupMissing', { group: String(input.vmGroupId), cluster: cl.name }));
      else vmIds = [...g.memberIds];
    } else vmIds = list('vmIds', input.vmIds) ?? [];
    if (input.hostGroupId !== undefined) {
      const g = groupsOf(cl, 'host').find((x) => x.id === input.hostGroupId);
      if (!g) p.push(msg('refuse.hostGroupMissing', { group: String(input.hostGroupId), cluster: cl.name }));
      else hostIds = [...g.memberIds];
    } else hostIds = list('hostIds', input.hostIds) ?? [];
    if (vmIds.length === 0) p.push(msg('refuse.ruleNeedsVms'));
    if (hostIds.length === 0) p.push(msg('refuse.ruleNeedsHosts'));
  } else {
    if (input.vmGroupId !== undefined || input.hostGroupId !== undefined || (input.hostIds ?? []).length > 0)
      p.push(msg('refuse.vmVmLists'));
    vmIds = list('vmIds', input.vmIds) ?? [];
    if (vmIds.length < 2) p.push(msg('refuse.ruleTwoVms'));
  }
  for (const v of vmIds) {
    if (!w.vmById.has(v)) p.push(msg('refuse.vmMissing', { vm: v }));
    else if (!inCluster(w, v, cl.id))
      p.push(msg('refuse.notInCluster', { name: names(w, [v]), cluster: cl.name }));
  }
  for (const h of hostIds) {
    const rec = w.hostById.get(h);
    if (!rec) p.push(msg('refuse.hostMissing', { host: h }));
    else if (rec.clusterId !== cl.id)
      p.push(msg('refuse.notInCluster', { name: rec.name, cluster: cl.name }));
  }
  if (p.length > 0) return { rule: null, problems: p };
  const rule: AffinityRule = {
    id: input.id ?? freshId('rule', rules),
    name: input.name,
    kind: input.kind,
    mandatory: input.mandatory,
    vmIds,
    hostIds,
    ...(input.enabled === false ? { enabled: false } : {}),
    ...(host && input.vmGroupId !== undefined ? { vmGroupId: input.vmGroupId } : {}),
    ...(host && input.hostGroupId !== undefined ? { hostGroupId: input.hostGroupId } : {}),
  };
  const conflict = ruleConflict(w, cl.id, rule, rules);
  if (conflict) return { rule: null, problems: [msg('refuse.ruleConflicts', { conflict })] };
  return { rule, problems: [] };
}

function describeRule(w: World, r: AffinityRule): Msg {
  const what = msg(KIND_TEXT[r.kind][r.mandatory ? 1 : 0]);
  const hosts = isHostRule(r.kind) ? msg('rule.hosts', { hosts: names(w, r.hostIds) }) : '';
  return msg('rule.desc', { name: r.name, what, vms: names(w, r.vmIds), hosts });
}

export function clusterRulePut(w: World, cmd: Cmd<'cluster.rule.put'>): Result<CommandReceipt> {
  const cl = clusterOf(w, cmd.clusterId);
  if (!cl) return err(notFound('cluster', cmd.clusterId));
  const rules = cl.settings.rules ?? [];
  const existing =
    cmd.rule && typeof cmd.rule === 'object' ? rules.find((r) => r.id === cmd.rule.id) : undefined;
  if (!existing && rules.length >= MAX_RULES)
    return err(engineError('INVALID_STATE', msg('refuse.maxRules', { cluster: cl.name, max: MAX_RULES })));
  const r = resolveRule(w, cl, cmd.rule);
  if (!r.rule)
    return err(
      invalid(
        r.problems,
        existing ? msg('refuse.cannotChangeRule', { rule: existing.name }) : msg('refuse.cannotCreateRule'),
      ),
    );
  const rule = r.rule;
  cl.settings = {
    ...cl.settings,
    rules: existing ? rules.map((x) => (x === existing ? rule : x)) : [...rules, rule],
  };
  const state = rule.enabled === false ? msg('rule.disabled') : '';
  if (!existing)
    w.event(
      'info',
      'cluster.ruleCreated',
      msg('ev.ruleCreated', { rule: describeRule(w, rule), cluster: cl.name, state }),
      [cl.id, ...rule.vmIds],
    );
  else if ((existing.enabled !== false) !== (rule.enabled !== false))
    w.event(
      'info',
      rule.enabled === false ? 'cluster.ruleDisabled' : 'cluster.ruleEnabled',
      msg(rule.enabled === false ? 'ev.ruleDisabled' : 'ev.ruleEnabled', {
        rule: rule.name,
        cluster: cl.name,
      }),
      [cl.id, ...rule.vmIds],
    );
  else
    w.event(
      'info',
      'cluster.ruleChanged',
      msg('ev.ruleChanged', { rule: describeRule(w, rule), cluster: cl.name, state }),
      [cl.id, ...rule.vmIds],
    );
  return ok({ createdId: rule.id });
}

export function clusterRuleDelete(w: World, cmd: Cmd<'cluster.rule.delete'>): Result<CommandReceipt> {
  const cl = clusterOf(w, cmd.clusterId);
  if (!cl) return err(notFound('cluster', cmd.clusterId));
  const rules = cl.settings.rules ?? [];
  const rule = rules.find((r) => r.id === cmd.ruleId);
  if (!rule) {
    const tagRule = typeof cmd.ruleId === 'string' && cmd.ruleId.startsWith('tag:');
    return err(
      engineError(
        'NOT_FOUND',
        tagRule
          ? msg('refuse.tagRule', { rule: cmd.ruleId })
          : msg('refuse.noRule', { cluster: cl.name, rule: String(cmd.ruleId) }),
        { id: cmd.ruleId },
      ),
    );
  }
  cl.settings = { ...cl.settings, rules: rules.filter((r) => r !== rule) };
  w.event('info', 'cluster.ruleDeleted', msg('ev.ruleDeleted', { rule: rule.name, cluster: cl.name }), [
    cl.id,
  ]);
  return ok({});
}

export function clusterGroupPut(w: World, cmd: Cmd<'cluster.group.put'>): Result<CommandReceipt> {
  const cl = clusterOf(w, cmd.clusterId);
  if (!cl) return err(notFound('cluster', cmd.clusterId));
  const g: GroupInput = cmd.group;
  if (!g || typeof g !== 'object') return err(invalid(['group is required'], msg('refuse.cannotSaveGroup')));
  const p: (string | Msg)[] = [];
  if (g.kind !== 'vm' && g.kind !== 'host') p.push('kind must be "vm" or "host"');
  const nameProblem = nameOk('name', g.name);
  if (nameProblem) p.push(nameProblem);
  if (g.id !== undefined && (typeof g.id !== 'string' || g.id.length === 0 || g.id.length > 200))
    p.push('id must be a non-empty string of at most 200 characters');
  if (
    !Array.isArray(g.memberIds) ||
    g.memberIds.some((x) => typeof x !== 'string') ||
    g.memberIds.length > MAX_MEMBERS
  )
    p.push('memberIds must be a list of ids');
  if (p.length > 0) return err(invalid(p, msg('refuse.cannotSaveGroup')));
  const kind = g.kind;
  const members = [...new Set(g.memberIds)];
  if (members.length === 0) p.push(msg(kind === 'vm' ? 'refuse.vmGroupEmpty' : 'refuse.hostGroupEmpty'));
  for (const id of members) {
    if (kind === 'vm') {
      if (!w.vmById.has(id)) p.push(msg('refuse.vmMissing', { vm: id }));
      else if (!inCluster(w, id, cl.id))
        p.push(msg('refuse.notInCluster', { name: names(w, [id]), cluster: cl.name }));
    } else {
      const h = w.hostById.get(id);
      if (!h) p.push(msg('refuse.hostMissing', { host: id }));
      else if (h.clusterId !== cl.id) p.push(msg('refuse.notInCluster', { name: h.name, cluster: cl.name }));
    }
  }
  const vmGroups = cl.settings.vmGroups ?? [];
  const hostGroups = cl.settings.hostGroups ?? [];
  const all = [...vmGroups, ...hostGroups];
  const existing = g.id !== undefined ? all.find((x) => x.id === g.id) : undefined;
  if (existing && !groupsOf(cl, kind).includes(existing))
    p.push(msg(kind === 'vm' ? 'refuse.groupIsHost' : 'refuse.groupIsVm', { group: existing.name }));
  if (all.some((x) => x.name === g.name && x.id !== g.id))
    p.push(msg('refuse.groupExists', { name: g.name, cluster: cl.name }));
  if (!existing && all.length >= MAX_RULES)
    p.push(msg('refuse.maxGroups', { cluster: cl.name, max: MAX_RULES }));
  if (p.length > 0)
    return err(
      invalid(
        p,
        existing
          ? msg('refuse.cannotChangeGroup', { group: existing.name })
          : msg('refuse.cannotCreateGroup'),
      ),
    );
  const group: ClusterGroup = {
    id: g.id ?? freshId(kind === 'vm' ? 'vmgroup' : 'hostgroup', all),
    name: g.name,
    memberIds: members,
  };
  // Rules made from this group follow its new members; each must still hold together with the others.
  const key = kind === 'vm' ? 'vmGroupId' : 'hostGroupId';
  const rules = (cl.settings.rules ?? []).map((r) =>
    r[key] === group.id
      ? { ...r, ...(kind === 'vm' ? { vmIds: [...members] } : { hostIds: [...members] }) }
      : r,
  );
  for (const r of rules) {
    if (r[key] !== group.id) continue;
    for (const v of r.vmIds)
      if (!inCluster(w, v, cl.id))
        p.push(msg('refuse.ruleMemberNotIn', { rule: r.name, name: names(w, [v]), cluster: cl.name }));
    const conflict = ruleConflict(w, cl.id, r, rules);
    if (conflict) p.push(msg('refuse.ruleWouldConflict', { rule: r.name, conflict }));
  }
  if (p.length > 0)
    return err(
      invalid(
        p,
        existing
          ? msg('refuse.cannotChangeGroup', { group: existing.name })
          : msg('refuse.cannotCreateGroup'),
      ),
    );
  const list = groupsOf(cl, kind);
  const next = existing ? list.map((x) => (x === existing ? group : x)) : [...list, group];
  cl.settings = {
    ...cl.settings,
    ...(kind === 'vm' ? { vmGroups: next } : { hostGroups: next }),
    ...(cl.settings.rules !== undefined ? { rules } : {}),
  };
  w.event(
    'info',
    existing ? 'cluster.groupChanged' : 'cluster.groupCreated',
    msg(
      kind === 'vm'
        ? existing
          ? 'ev.vmGroupChanged'
          : 'ev.vmGroupCreated'
        : existing
          ? 'ev.hostGroupChanged'
          : 'ev.hostGroupCreated',
      { group: group.name, members: names(w, members), cluster: cl.name },
    ),
    [cl.id],
  );
  return ok({ createdId: group.id });
}

export function clusterGroupDelete(w: World, cmd: Cmd<'cluster.group.delete'>): Result<CommandReceipt> {
  const cl = clusterOf(w, cmd.clusterId);
  if (!cl) return err(notFound('cluster', cmd.clusterId));
  const vmGroups = cl.settings.vmGroups ?? [];
  const hostGroups = cl.settings.hostGroups ?? [];
  const g = [...vmGroups, ...hostGroups].find((x) => x.id === cmd.groupId);
  if (!g)
    return err(
      engineError('NOT_FOUND', msg('refuse.noGroup', { cluster: cl.name, group: String(cmd.groupId) }), {
        id: cmd.groupId,
      }),
    );
  const users = (cl.settings.rules ?? []).filter((r) => r.vmGroupId === g.id || r.hostGroupId === g.id);
  if (users.length > 0)
    return err(
      engineError(
        'INVALID_STATE',
        msg('refuse.groupInUse', { group: g.name, rules: users.map((r) => `"${r.name}"`).join(', ') }),
      ),
    );
  const isVm = vmGroups.includes(g);
  cl.settings = {
    ...cl.settings,
    ...(isVm
      ? { vmGroups: vmGroups.filter((x) => x !== g) }
      : { hostGroups: hostGroups.filter((x) => x !== g) }),
  };
  w.event(
    'info',
    'cluster.groupDeleted',
    msg(isVm ? 'ev.vmGroupDeleted' : 'ev.hostGroupDeleted', { group: g.name, cluster: cl.name }),
    [cl.id],
  );
  return ok({});
}
