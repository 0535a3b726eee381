import { describe, expect, it } from 'vitest';
import type { EngineErrorCode } from '../api';
import type { Command } from '../model/commands';
import { engineOf, flat, testVm, tinyScenario } from '../testing/fixtures';

const NEW_VM = {
  name: 'x',
  vcpus: 2,
  memMiB: 2048,
  disks: [{ sizeGiB: 10, thin: true }],
  workload: flat(10, 10),
};

function setup() {
  const e = engineOf(
    tinyScenario(
      [
        testVm('vm-a', 'host-1', 2, 2048, flat(20, 20)),
        testVm('vm-b', 'host-1', 2, 2048, flat(20, 20), { hotAddMem: true }),
        testVm('vm-off', 'host-2', 2, 2048, flat(20, 20), { power: 'poweredOff' }),
      ],
      { hosts: 3, nicMbps: 1000 },
    ),
  );
  e.step();
  e.execute({ type: 'host.fail', hostId: 'host-3' });
  e.execute({ type: 'vm.migrate', vmId: 'vm-a', hostId: 'host-2' });
  return e;
}

const cases: [string, unknown, EngineErrorCode][] = [
  ['unknown VM', { type: 'vm.power', vmId: 'vm-nope', action: 'on' }, 'NOT_FOUND'],
  ['unknown host', { type: 'host.fail', hostId: 'host-nope' }, 'NOT_FOUND'],
  ['unknown cluster', { type: 'vm.create', spec: NEW_VM, clusterId: 'cl-nope' }, 'NOT_FOUND'],
  [
    'negative vCPUs',
    { type: 'vm.create', spec: { ...NEW_VM, vcpus: -1 }, clusterId: 'cl-1' },
    'INVALID_ARGUMENT',
  ],
  [
    'NaN memory',
    { type: 'vm.create', spec: { ...NEW_VM, memMiB: Number.NaN }, clusterId: 'cl-1' },
    'INVALID_ARGUMENT',
  ],
  [
    'huge memory',
    { type: 'vm.create', spec: { ...NEW_VM, memMiB: 1e15 }, clusterId: 'cl-1' },
    'INVALID_ARGUMENT',
  ],
  [
    'fractional vCPUs',
    { type: 'vm.create', spec: { ...NEW_VM, vcpus: 1.5 }, clusterId: 'cl-1' },
    'INVALID_ARGUMENT',
  ],
  [
    'fractional disk',
    { type: 'vm.create', spec: { ...NEW_VM, disks: [{ sizeGiB: 0.5, thin: true }] }, clusterId: 'cl-1' },
    'INVALID_ARGUMENT',
  ],
  [
    'more vCPUs than the host has',
    { type: 'vm.create', spec: { ...NEW_VM, vcpus: 64 }, hostId: 'host-2' },
    'INSUFFICIENT_CAPACITY',
  ],
  [
    'bad workload',
    {
      type: 'vm.create',
      spec: { ...NEW_VM, workload: { ...flat(10, 10), cpuPeakPct: 250 } },
      clusterId: 'cl-1',
    },
    'INVALID_ARGUMENT',
  ],
  ['migrate to a failed host', { type: 'vm.migrate', vmId: 'vm-b', hostId: 'host-3' }, 'INVALID_STATE'],
  ['delete a migrating VM', { type: 'vm.delete', vmId: 'vm-a' }, 'CONFLICT'],
  [
    'resize beyond the host',
    { type: 'vm.resize', vmId: 'vm-off', memMiB: 64 * 1024 },
    'INSUFFICIENT_CAPACITY',
  ],
  ['hot-remove memory', { type: 'vm.resize', vmId: 'vm-b', memMiB: 1024 }, 'NOT_SUPPORTED'],
  ['power on a running VM', { type: 'vm.power', vmId: 'vm-b', action: 'on' }, 'INVALID_STATE'],
  ['unknown power action', { type: 'vm.power', vmId: 'vm-b', action: 'explode' }, 'INVALID_ARGUMENT'],
  ['remove a connected host', { type: 'host.remove', hostId: 'host-1' }, 'INVALID_STATE'],
  ['repair a healthy host', { type: 'host.repair', hostId: 'host-1' }, 'INVALID_STATE'],
  [
    'bad DRS threshold',
    { type: 'cluster.configure', clusterId: 'cl-1', settings: { drs: { threshold: 9 } } },
    'INVALID_ARGUMENT',
  ],
  [
    'service with negative replicas',
    {
      type: 'service.create',
      name: 's',
      clusterId: 'cl-1',
      replicas: -2,
      antiAffinity: false,
      template: {
        kind: 'container',
        cpuRequestMilli: 100,
        memRequestMiB: 64,
        imageMiB: 1,
        workload: flat(1, 1),
      },
    },
    'INVALID_ARGUMENT',
  ],
  [
    'container limit below request',
    {
      type: 'container.create',
      spec: {
        name: 'c',
        cpuRequestMilli: 500,
        cpuLimitMilli: 100,
        memRequestMiB: 64,
        imageMiB: 1,
        workload: flat(1, 1),
      },
      hostId: 'host-1',
    },
    'INVALID_ARGUMENT',
  ],
  ['cancel an unknown task', { type: 'task.cancel', taskId: 'task-nope' }, 'NOT_FOUND'],
  ['unknown command', { type: 'vm.explode', vmId: 'vm-a' }, 'INVALID_ARGUMENT'],
  ['not an object', 42, 'INVALID_ARGUMENT'],
  ['missing spec', { type: 'vm.create' }, 'INVALID_ARGUMENT'],
];

describe('bad input: a typed error that says why, and no state change', () => {
  for (const [label, command, code] of cases) {
    it(label, () => {
      const e = setup();
      const before = e.runHash();
      const r = e.execute(command as Command);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message.length).toBeGreaterThan(10);
      }
      expect(e.runHash()).toBe(before);
    });
  }
});
