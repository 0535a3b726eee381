/**
 * Affinity rules (vSphere DRS rules [V4]; OpenStack server groups [O3]):
 *  - keepTogether  (VM–VM affinity): the VMs run on one host;
 *  - separate      (VM–VM anti-affinity): no two of the VMs share a host;
 *  - runOnHosts    (VM–host "must/should run on hosts in group");
 *  - avoidHosts    (VM–host "must/should not run on hosts in group").
 * `mandatory` rules are hard filters (and their violations give priority-1 DRS moves); the others are
 * soft: a weigher prefers hosts that honour them (Nova's soft (anti-)affinity weighers).
 *
 * Rules come from the cluster settings (`settings.rules`, optional) and from VM tags, so a scenario or a
 * `vm.configure` can state them today:
 *   "affinity:<group>"         keepTogether, mandatory, all VMs carrying the tag
 *   "anti-affinity:<group>"    separate, mandatory
 *   "run-on:<hostId>"          runOnHosts (mandatory; several tags = several allowed hosts)
 *   "avoid-host:<hostId>"      avoidHosts (mandatory)
 * A "~" before the kind ("~affinity:web") makes the rule soft.
 */
import type { VmRec } from '../world/types';
import type { World } from '../world/world';

import type { AffinityRule, AffinityRuleKind } from '../model/scenario';
import { msg, type Msg } from '../messages';

export type { AffinityRule, AffinityRuleKind };

const TAG_KINDS: Record<string, AffinityRuleKind> = {
  affinity: 'keepTogether',
  'anti-affinity': 'separate',
  'run-on': 'runOnHosts',
  'avoid-host': 'avoidHosts',
};

/** Rules declared in the cluster settings (a field the settings may carry; absent = none); disabled ones are left out. */
function settingsRules(w: Readonly<World>, clusterId: string): AffinityRule[] {
  const cl = w.clusterById.get(clusterId);
  const rules = cl?.settings.rules ?? [];
  return rules.some((r) => r.enabled === false) ? rules.filter((r) => r.enabled !== false) : rules;
}

/** Every rule of a cluster: declared ones first, then tag rules (by tag, in first-seen VM order). */
export function clusterRules(
  w: Readonly<World>,
  clusterId: string,
  vms: readonly VmRec[] = w.vms,
): AffinityRule[] {
  return [...settingsRules(w, clusterId), ...tagRules(w, clusterId, vms)];
}

/** The rules VM tags state in a cluster (by tag, in first-seen VM order); their ids start with "tag:". */
export function tagRules(
  w: Readonly<World>,
  clusterId: string,
  vms: readonly VmRec[] = w.vms,
): AffinityRule[] {
  const out: AffinityRule[] = [];
  const byKey = new Map<string, AffinityRule>();
  for (const vm of vms) {
    if (vm.tags.length === 0) continue;
    const host = w.hostById.get(vm.hostId);
    if (!host || host.clusterId !== clusterId) continue;
    for (const tag of vm.tags) {
      const soft = tag.startsWith('~');
      const body = soft ? tag.slice(1) : tag;
      const colon = body.indexOf(':');
      if (colon <= 0) continue;
      const kind = TAG_KINDS[body.slice(0, colon)];
      const arg = body.slice(colon + 1);
      if (kind === undefined || arg.length === 0) continue;
      const isHostRule = kind === 'runOnHosts' || kind === 'avoidHosts';
      // Host rules group by VM (one rule per VM listing its hosts); VM–VM rules group by tag.
      const key = isHostRule ? `${tag.slice(0, soft ? colon + 1 : colon)}@${vm.id}` : tag;
      let rule = byKey.get(key);
      if (!rule) {
        rule = {
          id: `tag:${key}`,
          name: isHostRule ? `${body.slice(0, colon)} (${vm.name})` : body,
          kind,
          mandatory: !soft,
          vmIds: [],
          hostIds: [],
        };
        byKey.set(key, rule);
        out.push(rule);
      }
      if (isHostRule) {
        if (!rule.hostIds.includes(arg)) rule.hostIds.push(arg);
        if (!rule.vmIds.includes(vm.id)) rule.vmIds.push(vm.id);
      } else if (!rule.vmIds.includes(vm.id)) rule.vmIds.push(vm.id);
    }
  }
  return out;
}

/**
 * Where each member of a VM–VM rule runs (powered-on, not held for HA), excluding `selfId`. `planned` gives
 * positions decided earlier in the same pass that the world does not show yet (VM id → host id).
 */
export function memberHosts(
  w: Readonly<World>,
  rule: AffinityRule,
  selfId: string | null,
  planned?: ReadonlyMap<string, string>,
): Map<string, number> {
  const hosts = new Map<string, number>();
  for (const id of rule.vmIds) {
    if (id === selfId) continue;
    const vm = w.vmById.get(id);
    if (!vm) continue;
    const p = planned?.get(id);
    if (p === undefined && (vm.power !== 'poweredOn' || vm.haPending)) continue;
    const at = p ?? vm.migratingTo ?? vm.hostId;
    hosts.set(at, (hosts.get(at) ?? 0) + 1);
  }
  return hosts;
}

/** Rules that concern a guest: the cluster's rules naming it, plus rules given with the request. */
export function rulesFor(
  all: readonly AffinityRule[],
  guestId: string | null,
  extra: readonly AffinityRule[] = [],
): AffinityRule[] {
  const out: AffinityRule[] = [];
  if (guestId !== null) for (const r of all) if (r.vmIds.includes(guestId)) out.push(r);
  out.push(...extra);
  return out;
}

/**
 * Why placing the guest on `hostId` breaks a rule (null = it does not). `hostsOf(rule)` gives the hosts
 * the other members occupy. Only rules with `mandatory === wantMandatory` are checked.
 */
export function ruleViolation(rule: AffinityRule, hostId: string, others: Map<string, number>): Msg | null {
  switch (rule.kind) {
    case 'keepTogether': {
      if (others.size === 0 || others.has(hostId)) return null;
      return msg('affinity.keepTogether', { rule: rule.name, hosts: [...others.keys()].join(', ') });
    }
    case 'separate':
      return others.has(hostId) ? msg('affinity.separate', { rule: rule.name }) : null;
    case 'runOnHosts':
      return rule.hostIds.includes(hostId)
        ? null
        : msg('affinity.runOnHosts', { rule: rule.name, hosts: rule.hostIds.join(', ') });
    case 'avoidHosts':
      return rule.hostIds.includes(hostId) ? msg('affinity.avoidHosts', { rule: rule.name }) : null;
    default: {
      const never: never = rule.kind;
      return never;
    }
  }
}
