import { describe, expect, it } from 'vitest';
import { ctxOf, host, request, scenario, setDemand, vm, world } from '../testing/fixture';
import { novaSchedule, NOVA_STACK } from './scheduler';
import { normalize } from './weighers';
import { hypervisorMemMiB } from '../../world/defaults';

// Three 16-core 2 GHz / 64 GiB hosts; host-1 runs three 2 vCPU / 4 GiB VMs, host-2 one, host-3 none.
function threeHosts(settings = {}) {
  const w = world(
    scenario(
      [host(1), host(2), host(3)],
      [vm('vm-a', 'host-1'), vm('vm-b', 'host-1'), vm('vm-c', 'host-1'), vm('vm-d', 'host-2')],
      settings,
    ),
  );
  setDemand(w, {
    'vm-a': { cpuMHz: 1000 },
    'vm-b': { cpuMHz: 1000 },
    'vm-c': { cpuMHz: 1000 },
    'vm-d': { cpuMHz: 1000 },
  });
  return w;
}

describe('normalize (nova.weights.normalize)', () => {
  it('maps min..max to 0..1 and equal values to 0', () => {
    expect(normalize([1, 2, 3])).toEqual([0, 0.5, 1]);
    expect(normalize([5, 5])).toEqual([0, 0]);
    expect(normalize([])).toEqual([]);
  });
});

describe('novaSchedule', () => {
  it('weighs free RAM, free vCPUs and CPU load as computed by hand', () => {
    const w = threeHosts();
    const d = novaSchedule(ctxOf(w), request());
    const memCap = 65536 - hypervisorMemMiB(65536);
    const byHost = new Map(d.verdicts.map((v) => [v.hostId, v]));
    const ram = (id: string) => byHost.get(id)!.weights.find((x) => x.weigher === 'RAMWeigher')!;
    expect(ram('host-1').raw).toBeCloseTo(memCap - 3 * 4096, 6);
    expect(ram('host-2').normalised).toBeCloseTo(8192 / 12288, 9);
    // CPU: free vCPUs with Nova's default 4.0 ratio: 58, 62, 64 → 0, 2/3, 1.
    const cpu = byHost.get('host-2')!.weights.find((x) => x.weigher === 'CPUWeigher')!;
    expect(cpu.raw).toBe(62);
    expect(cpu.normalised).toBeCloseTo(2 / 3, 9);
    // CPU load 3000, 1000, 0 MHz of 32000 → normalised 1, 1/3, 0 with multiplier −1.
    const load = byHost.get('host-1')!.weights.find((x) => x.weigher === 'CpuLoadWeigher')!;
    expect(load.weighted).toBeCloseTo(-1, 9);
    // Totals: host-1 = 0 + 0 − 1, host-2 = 2/3 + 2/3 − 1/3, host-3 = 1 + 1 − 0 (disk and io ops all equal → 0).
    expect(byHost.get('host-1')!.score).toBeCloseTo(-1, 9);
    expect(byHost.get('host-2')!.score).toBeCloseTo(1, 9);
    expect(byHost.get('host-3')!.score).toBeCloseTo(2, 9);
    expect(d.hostId).toBe('host-3');
    expect(d.summary).toContain('esx-03');
  });

  it('stacks with negative RAM/CPU multipliers', () => {
    const w = threeHosts();
    expect(novaSchedule(ctxOf(w), request(), NOVA_STACK).hostId).toBe('host-1');
  });

  it('reports the first rejecting filter per host', () => {
    const w = threeHosts({ cpuAllocationRatio: 1 });
    w.hostById.get('host-3')!.state = 'maintenance';
    // 12 vCPUs: host-1 has 6 of 16 allocated → 18 > 16; host-2 has 2 → 14 fits.
    const d = novaSchedule(ctxOf(w), request({ vcpus: 12 }));
    const v = new Map(d.verdicts.map((x) => [x.hostId, x]));
    expect(v.get('host-1')!.rejectedBy).toBe('CoreFilter');
    expect(v.get('host-3')!.rejectedBy).toBe('ComputeFilter');
    expect(v.get('host-3')!.reasons[0]).toContain('maintenance');
    expect(d.hostId).toBe('host-2');
  });

  it('rejects too-large guests, reservations and missing disk space with named filters', () => {
    const w = threeHosts();
    expect(
      novaSchedule(ctxOf(w), request({ vcpus: 17 })).verdicts.every((v) => v.rejectedBy === 'SizeFilter'),
    ).toBe(true);
    const r = novaSchedule(ctxOf(w), request({ memResMiB: 63700 }));
    expect(r.verdicts.find((v) => v.hostId === 'host-1')!.rejectedBy).toBe('ReservationFilter');
    const disk = novaSchedule(ctxOf(w), request({ diskGiB: 20000 }));
    expect(disk.hostId).toBeNull();
    expect(disk.verdicts[0]!.rejectedBy).toBe('DatastoreFilter');
    expect(disk.summary).toContain('DatastoreFilter ×3');
  });

  it('honours mandatory anti-affinity and host rules from tags, and request rules', () => {
    const w = world(
      scenario(
        [host(1), host(2), host(3)],
        [
          vm('vm-a', 'host-1', { tags: ['anti-affinity:web'] }),
          vm('vm-b', 'host-2', { tags: ['anti-affinity:web', 'run-on:host-1', 'run-on:host-2'] }),
        ],
      ),
    );
    // Moving vm-b away from host-2: host-1 has its anti-affinity partner, host-3 is not in its host group.
    const d = novaSchedule(ctxOf(w), request({ guestId: 'vm-b', excludeHostIds: ['host-2'] }));
    const v = new Map(d.verdicts.map((x) => [x.hostId, x]));
    expect(v.get('host-1')!.rejectedBy).toBe('AffinityRuleFilter');
    expect(v.get('host-3')!.rejectedBy).toBe('AffinityRuleFilter');
    expect(d.hostId).toBeNull();
    // A new guest that must stay with vm-a.
    const t = novaSchedule(
      ctxOf(w),
      request({
        rules: [
          { id: 'r', name: 'with-a', kind: 'keepTogether', mandatory: true, vmIds: ['vm-a'], hostIds: [] },
        ],
      }),
    );
    expect(t.hostId).toBe('host-1');
  });

  it('prefers hosts honouring soft rules', () => {
    const w = world(
      scenario(
        [host(1), host(2)],
        [vm('vm-a', 'host-1', { tags: ['~affinity:db'] }), vm('vm-b', 'host-2', { tags: ['~affinity:db'] })],
      ),
    );
    // vm-b may go anywhere, but its soft partner runs on host-1 (host-2 is excluded as the source).
    const d = novaSchedule(ctxOf(w), request({ guestId: 'vm-b', reason: 'migrate' }));
    const h1 = d.verdicts.find((x) => x.hostId === 'host-1')!;
    expect(h1.weights.find((x) => x.weigher === 'SoftAffinityWeigher')!.raw).toBe(1);
  });

  it('keeps dedicated failover hosts for HA restarts', () => {
    const w = threeHosts({
      ha: {
        enabled: true,
        admission: 'failoverHosts',
        cpuReservePct: 0,
        memReservePct: 0,
        failoverHostIds: ['host-3'],
        restartDelaySec: 30,
      },
    });
    const d = novaSchedule(ctxOf(w), request());
    expect(d.verdicts.find((v) => v.hostId === 'host-3')!.rejectedBy).toBe('FailoverHostFilter');
    expect(d.hostId).toBe('host-2');
    expect(novaSchedule(ctxOf(w), request({ reason: 'ha' })).hostId).toBe('host-3');
  });
});
