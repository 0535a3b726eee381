/** The cluster detail lists the rules VM tags and service anti-affinity state (issue 12: the Rules dialog showed none). */
import { describe, expect, it } from 'vitest';
import { describeAs, engineOf, flat, testVm, tinyScenario } from '../testing/fixtures';
import { clusterRules } from '../scheduling/rules';

describe('derived rules of a cluster', () => {
  it('lists tag rules (with the tag) and service anti-affinity (with the service), declared rules stay in settings', () => {
    const s = tinyScenario(
      [
        testVm('vm-a', 'host-1', 1, 1024, flat(10, 10), {
          tags: ['anti-affinity:web', 'run-on:host-1', 'run-on:host-2'],
        }),
        testVm('vm-b', 'host-2', 1, 1024, flat(10, 10), { tags: ['anti-affinity:web', 'tier:web'] }),
        testVm('vm-c', 'host-1', 1, 1024, flat(10, 10), { tags: ['~affinity:db'] }),
      ],
      { hosts: 2 },
    );
    s.clusters[0]!.settings = {
      ...s.clusters[0]!.settings,
      rules: [
        {
          id: 'rule-1',
          name: 'declared',
          kind: 'keepTogether',
          mandatory: false,
          vmIds: ['vm-a', 'vm-c'],
          hostIds: [],
        },
      ],
    };
    s.services = [
      {
        id: 'svc-1',
        name: 'front',
        clusterId: 'cl-1',
        replicas: 0,
        antiAffinity: true,
        template: {
          kind: 'container',
          cpuRequestMilli: 100,
          memRequestMiB: 64,
          imageMiB: 10,
          workload: flat(1, 1),
        },
      },
    ];
    const e = engineOf(s);
    const d = describeAs(e, 'cl-1', 'cluster');
    expect(d.settings.rules?.map((r) => r.name)).toEqual(['declared']);
    expect(d.derivedRules).toEqual([
      {
        id: 'tag:anti-affinity:web',
        name: 'anti-affinity:web',
        kind: 'separate',
        mandatory: true,
        vmIds: ['vm-a', 'vm-b'],
        hostIds: [],
        origin: 'tag',
        source: 'anti-affinity:web',
      },
      {
        id: 'tag:run-on@vm-a',
        name: 'run-on (a)',
        kind: 'runOnHosts',
        mandatory: true,
        vmIds: ['vm-a'],
        hostIds: ['host-1', 'host-2'],
        origin: 'tag',
        source: 'run-on:host-1, host-2',
      },
      {
        id: 'tag:~affinity:db',
        name: 'affinity:db',
        kind: 'keepTogether',
        mandatory: false,
        vmIds: ['vm-c'],
        hostIds: [],
        origin: 'tag',
        source: '~affinity:db',
      },
      {
        id: 'service:svc-1',
        name: 'front',
        kind: 'separate',
        mandatory: true,
        vmIds: [],
        hostIds: [],
        origin: 'service',
        source: 'svc-1',
      },
    ]);
    // Scheduling still sees the declared rules first, then the same tag rules.
    expect(clusterRules(e.world, 'cl-1').map((r) => r.id)).toEqual([
      'rule-1',
      'tag:anti-affinity:web',
      'tag:run-on@vm-a',
      'tag:~affinity:db',
    ]);
  });
});
