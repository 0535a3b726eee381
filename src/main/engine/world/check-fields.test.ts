/**
 * The engine refuses every scenario or snapshot value that would turn into NaN, negative physics or
 * unbounded memory — whoever calls it (API, file, CLI, demo) — and names the place of each bad field.
 */
import { describe, expect, it } from 'vitest';
import { builtinScenario, builtinScenarios, createEngine, restoreEngine, type Scenario } from '..';
import { SCENARIO_LIMITS, scenarioFieldProblems } from './check-fields';

const lab = (): Scenario => builtinScenario('small-lab')!;
type Mut = (s: Scenario & Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

const BAD: [string, Mut, string][] = [
  [
    'an unknown workload pattern',
    (s) => ((s.vms[0]!.workload as { pattern: string }).pattern = 'zigzag'),
    'vms[0].workload.pattern',
  ],
  ['negative VM memory', (s) => (s.vms[0]!.memMiB = -1), 'vms[0].memMiB'],
  ['a 0 MHz core (NaN CPU ready)', (s) => (s.hosts[0]!.coreMHz = 0), 'hosts[0].coreMHz'],
  ['NaN', (s) => (s.hosts[1]!.memMiB = Number.NaN), 'hosts[1].memMiB'],
  ['Infinity', (s) => (s.datastores[0]!.capacityGiB = Number.POSITIVE_INFINITY), 'datastores[0].capacityGiB'],
  ['a million replicas', (s) => (s.services[0]!.replicas = 1e6), 'services[0].replicas'],
  [
    'a missing workload',
    (s) => delete (s.vms[2] as Partial<Scenario['vms'][number]>).workload,
    'vms[2].workload',
  ],
  [
    'a string for a number',
    (s) => ((s.hosts[0] as unknown as Record<string, unknown>)['sockets'] = '2'),
    'hosts[0].sockets',
  ],
  [
    'idle watts above max watts',
    (s) => (s.hosts[0]!.power = { idleW: 500, maxW: 100 }),
    'hosts[0].power.idleW',
  ],
  ['a negative disk', (s) => (s.vms[0]!.disks[0]!.sizeGiB = -40), 'vms[0].disks[0].sizeGiB'],
  ['a 1e9-character name', (s) => (s.hosts[0]!.name = 'x'.repeat(1000)), 'hosts[0].name'],
  [
    'a reservation above the limit',
    (s) => (s.vms[0]!.mem = { reservationMiB: 2048, limitMiB: 1024 }),
    'vms[0].mem.reservationMiB: must not exceed',
  ],
  ['too many VMs', (s) => (s.vms = new Array(SCENARIO_LIMITS.vms + 1).fill(s.vms[0])), 'vms:'],
];

describe('scenario field checks in the engine', () => {
  it.each(BAD)('refuses %s, naming the field', (_what, mut, place) => {
    const s = lab() as Scenario & Record<string, unknown>;
    mut(s);
    const r = createEngine(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_ARGUMENT');
    expect(r.error.message).toContain(place);
  });

  it('refuses more service replicas in all than the limit, though each service is within its own bound', () => {
    const s = lab();
    const svc = s.services[0]!;
    const n = Math.ceil(SCENARIO_LIMITS.replicasTotal / 1000) + 1;
    s.services = Array.from({ length: n }, (_, i) => ({ ...svc, id: `svc-x${i}`, replicas: 1000 }));
    const r = createEngine(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/services: ask for \d+ replicas in all; at most 100000/);
  });

  it('refuses a DRS rule that names an unknown VM, with its name', () => {
    const s = lab();
    s.clusters[0]!.settings = {
      rules: [
        {
          id: 'r1',
          name: 'apart',
          kind: 'separate',
          mandatory: true,
          vmIds: [s.vms[0]!.id, 'vm-ghost'],
          hostIds: [],
        },
      ],
    };
    const r = createEngine(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('DRS rule "r1" names an unknown VM "vm-ghost"');
  });

  it('accepts every built-in scenario (no false alarms)', () => {
    for (const b of builtinScenarios) expect(scenarioFieldProblems(builtinScenario(b.id))).toEqual([]);
  });

  it('is robust to any input (never throws)', () => {
    for (const junk of [null, 1, 'x', [], { version: 1 }, { version: 1, hosts: [null, 1, { power: 'x' }] }]) {
      expect(() => scenarioFieldProblems(junk)).not.toThrow();
      expect(scenarioFieldProblems(junk).length).toBeGreaterThan(0);
    }
  });
});

describe('snapshot checks on restore', () => {
  const snapshotText = (): string => {
    const e = createEngine(lab());
    if (!e.ok) throw new Error(e.error.message);
    for (let i = 0; i < 3; i++) e.value.step();
    return e.value.snapshotJson();
  };

  it('restores a good snapshot', () => {
    expect(restoreEngine(JSON.parse(snapshotText())).ok).toBe(true);
  });

  it.each([
    ['a 0 MHz host record', (o: any) => (o.hosts[0].coreMHz = 0), 'hosts[0].coreMHz'], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a negative VM memory record', (o: any) => (o.vms[1].memMiB = -5), 'vms[1].memMiB'], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a bad scenario inside', (o: any) => (o.scenario.hosts[0].coreMHz = 0), 'scenario.hosts[0].coreMHz'], // eslint-disable-line @typescript-eslint/no-explicit-any
    [
      'a bad workload pattern record',
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (o: any) => (o.vms[0].workload.pattern = 'nope'),
      'vms[0].workload.pattern',
    ],
    ['a million replicas', (o: any) => (o.services[0].replicas = 1e6), 'services[0].replicas'], // eslint-disable-line @typescript-eslint/no-explicit-any
  ])('refuses %s, naming the field', (_what, mut, place) => {
    const o = JSON.parse(snapshotText());
    mut(o);
    const r = restoreEngine(o);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(place);
  });

  it('refuses an infinite number written as 1e999 in the JSON', () => {
    const text = snapshotText().replace(/"energyKWh":[0-9.e+-]+/, '"energyKWh":1e999');
    const r = restoreEngine(JSON.parse(text));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/hosts\[0\]\.energyKWh: must be a finite number/);
  });
});

describe('commands cannot grow a simulation past the scenario limits', () => {
  it('service.create and service.scale are refused once replicas in all would pass 100,000', () => {
    const s = lab();
    const one = s.services[0]!;
    // 100 services that may autoscale to 1000 each: exactly the limit, nothing created yet.
    s.services = Array.from({ length: 100 }, (_, i) => ({
      ...one,
      id: `svc-a${i}`,
      replicas: 0,
      autoscale: { minReplicas: 0, maxReplicas: 1000, targetCpuPct: 60 },
    }));
    s.vms = s.vms.filter((v) => v.serviceId === undefined);
    s.containers = s.containers.filter((c) => c.serviceId === undefined);
    const e = createEngine(s);
    if (!e.ok) throw new Error(e.error.message);
    const clusterId = one.clusterId;
    const before = e.value.runHash();
    const r = e.value.execute({
      type: 'service.create',
      name: 'more',
      clusterId,
      replicas: 1,
      antiAffinity: false,
      template: one.template,
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({
        code: 'INVALID_STATE',
        message: expect.stringMatching(/100001 replicas in all; at most 100000/),
      });
    expect(e.value.runHash()).toBe(before);
  });
});

describe('cluster.configure', () => {
  it('refuses a DRS rule that names an unknown VM and changes nothing', () => {
    const e = createEngine(lab());
    if (!e.ok) throw new Error(e.error.message);
    const cl = e.value.list('cluster')[0]!.id;
    const before = e.value.runHash();
    const r = e.value.execute({
      type: 'cluster.configure',
      clusterId: cl,
      settings: {
        rules: [
          { id: 'r', name: 'r', kind: 'keepTogether', mandatory: false, vmIds: ['vm-nobody'], hostIds: [] },
        ],
      },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('VM "vm-nobody" does not exist');
    expect(e.value.runHash()).toBe(before);
  });
});
