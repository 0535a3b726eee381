import { describe, expect, it } from 'vitest';
import { host, scenario, vm, world } from './testing/fixture';
import { clusterRules, memberHosts, ruleViolation as violationMsg } from './rules';
import { msgText } from '../messages';
import { ruleViolators } from './drs/recommendations';
import { buildClusterLoad } from './drs/load';

const ruleViolation = (...a: Parameters<typeof violationMsg>): string | null => {
  const m = violationMsg(...a);
  return m === null ? null : msgText(m);
};

describe('affinity rules from tags', () => {
  const w = world(
    scenario(
      [host(1), host(2), host(3)],
      [
        vm('vm-a', 'host-1', { tags: ['anti-affinity:web', 'run-on:host-1', 'run-on:host-2'] }),
        vm('vm-b', 'host-1', { tags: ['anti-affinity:web', '~affinity:cache'] }),
        vm('vm-c', 'host-2', { tags: ['~affinity:cache', 'avoid-host:host-3', 'other:tag'] }),
      ],
    ),
  );
  const rules = clusterRules(w, 'cluster-1');

  it('groups VM–VM tags by group and host tags by VM', () => {
    expect(rules.map((r) => [r.kind, r.mandatory, r.vmIds, r.hostIds])).toEqual([
      ['separate', true, ['vm-a', 'vm-b'], []],
      ['runOnHosts', true, ['vm-a'], ['host-1', 'host-2']],
      ['keepTogether', false, ['vm-b', 'vm-c'], []],
      ['avoidHosts', true, ['vm-c'], ['host-3']],
    ]);
  });

  it('judges hosts against the other members', () => {
    const sep = rules[0]!;
    expect(ruleViolation(sep, 'host-1', memberHosts(w, sep, 'vm-b'))).toMatch(/separates/);
    expect(ruleViolation(sep, 'host-2', memberHosts(w, sep, 'vm-b'))).toBeNull();
    // A planned move of vm-a to host-2 makes host-2 the conflict instead.
    expect(ruleViolation(sep, 'host-2', memberHosts(w, sep, 'vm-b', new Map([['vm-a', 'host-2']])))).toMatch(
      /separates/,
    );
    expect(ruleViolation(rules[1]!, 'host-3', new Map())).toMatch(/only on host-1, host-2/);
    expect(ruleViolation(rules[3]!, 'host-3', new Map())).toMatch(/off this host/);
  });

  it('finds the members that break a rule where they run now', () => {
    const cl = buildClusterLoad(w, 'cluster-1');
    expect(ruleViolators(cl, rules[0]!).map((j) => cl.vms[j]!.id)).toEqual(['vm-b']);
    expect(ruleViolators(cl, rules[1]!)).toEqual([]);
  });
});
