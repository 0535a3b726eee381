/**
 * Property tests: over random clusters, no decision breaks a rule, a reservation or capacity; balancing
 * never increases the imbalance by its own measure; HA never restarts a VM twice; admission control
 * refuses the power-ons that would break the failover level.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoadBook } from '../world/admission';
import type { World } from '../world/world';
import { drsPass } from './drs/recommendations';
import { buildClusterLoad, hostLoads, stdDev } from './drs/load';
import { failoverCapacity, haAdmissionProblems } from './ha/admission';
import { planHaRestarts } from './ha/restart';
import { PLACEMENT_POLICIES, PLACEMENT_POLICY_NAMES } from './policies';
import { host, request, scenario, setDemand, vm, world } from './testing/fixture';
import { hostCpuCapMHz, hostMemCapMiB } from './capacity';
import type { ClusterSettings } from '../model/scenario';
import { vmOverheadMiB } from '../world/defaults';

interface GenVm {
  host: number;
  vcpus: number;
  memMiB: number;
  cpuRes: number;
  memResPct: number;
  demand: number;
  tag: boolean;
}

const genVm = (hosts: number) =>
  fc.record({
    host: fc.integer({ min: 0, max: hosts - 1 }),
    vcpus: fc.integer({ min: 1, max: 4 }),
    memMiB: fc.constantFrom(1024, 2048, 4096, 8192),
    cpuRes: fc.constantFrom(0, 0, 500, 2000),
    memResPct: fc.constantFrom(0, 0, 25, 100),
    demand: fc.integer({ min: 0, max: 8000 }),
    tag: fc.boolean(),
  });

const genCluster = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    hosts: fc.array(
      fc.record({ cores: fc.constantFrom(4, 8, 16), memMiB: fc.constantFrom(16384, 32768, 65536) }),
      { minLength: n, maxLength: n },
    ),
    vms: fc.array(genVm(n), { maxLength: 24 }),
  }),
);

function build(
  g: { hosts: { cores: number; memMiB: number }[]; vms: GenVm[] },
  settings: Partial<ClusterSettings> = {},
): World {
  const hosts = g.hosts.map((h, i) => host(i + 1, h));
  // Anti-affinity only among VMs on distinct hosts, so the start state honours the rule.
  const tagged = new Set<number>();
  const vms = g.vms.map((v, i) => {
    const useTag = v.tag && !tagged.has(v.host);
    if (useTag) tagged.add(v.host);
    return vm(`vm-${i}`, `host-${v.host + 1}`, {
      vcpus: v.vcpus,
      memMiB: v.memMiB,
      cpuResMHz: v.cpuRes,
      memResMiB: Math.floor((v.memMiB * v.memResPct) / 100),
      ...(useTag ? { tags: ['anti-affinity:g'] } : {}),
    });
  });
  const w = world(
    scenario(hosts, vms, {
      ha: {
        enabled: false,
        admission: 'disabled',
        cpuReservePct: 0,
        memReservePct: 0,
        failoverHostIds: [],
        restartDelaySec: 30,
      },
      ...settings,
    }),
  );
  setDemand(w, Object.fromEntries(g.vms.map((v, i) => [`vm-${i}`, { cpuMHz: v.demand }])));
  return w;
}

function reservationsFit(w: World): boolean {
  const book = new LoadBook(w);
  return w.hosts.every((h) => {
    const l = book.load(h.id);
    return l.reservedCpuMHz <= hostCpuCapMHz(h) + 1e-6 && l.reservedMemMiB <= hostMemCapMiB(h) + 1e-6;
  });
}

describe('properties', () => {
  it('placement: the chosen host passes admission and the rules, and has the best score', () => {
    fc.assert(
      fc.property(
        genCluster,
        fc.constantFrom(...PLACEMENT_POLICY_NAMES),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(512, 4096, 16384),
        fc.constantFrom(0, 1000, 8000),
        (g, policy, vcpus, memMiB, cpuRes) => {
          const w = build(g);
          const book = new LoadBook(w);
          const sep = w.vms.filter((v) => v.tags.includes('anti-affinity:g')).map((v) => v.id);
          const req = request({
            vcpus,
            memMiB,
            cpuResMHz: cpuRes,
            rules: [{ id: 'r', name: 'g', kind: 'separate', mandatory: true, vmIds: sep, hostIds: [] }],
          });
          const d = PLACEMENT_POLICIES[policy]!({ world: w, book }, req);
          const eligible = d.verdicts.filter((v) => v.eligible);
          if (d.hostId === null) {
            expect(eligible).toEqual([]);
            return;
          }
          const h = w.hostById.get(d.hostId)!;
          expect(book.admit(h, req.guest)).toEqual([]);
          expect(w.vms.some((v) => sep.includes(v.id) && v.hostId === h.id)).toBe(false);
          const chosen = d.verdicts.find((v) => v.hostId === d.hostId)!;
          expect(chosen.eligible).toBe(true);
          for (const v of eligible) expect(v.score).toBeLessThanOrEqual(chosen.score + 1e-9);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('DRS: moves keep reservations and anti-affinity, and never increase the imbalance', () => {
    fc.assert(
      fc.property(genCluster, fc.integer({ min: 1, max: 5 }), (g, threshold) => {
        const w = build(g);
        fc.pre(reservationsFit(w));
        const before = stdDev(hostLoads(buildClusterLoad(w, 'cluster-1')));
        const r = drsPass(w, 'cluster-1', { threshold });
        expect(r.imbalance).toBeCloseTo(before, 9);
        const moved = new Set<string>();
        for (const rec of r.recommendations) {
          expect(rec.priority).toBeLessThanOrEqual(threshold);
          expect(moved.has(rec.vmId)).toBe(false);
          moved.add(rec.vmId);
          if (rec.kind === 'balance')
            expect(rec.predicted.imbalanceAfter).toBeLessThan(rec.predicted.imbalanceBefore);
          const v = w.vmById.get(rec.vmId)!;
          // Admission at the moment of the move, on the world as it stands after the earlier moves.
          const book = new LoadBook(w);
          const target = w.hostById.get(rec.toHostId)!;
          expect(
            book.admit(target, {
              vcpus: v.vcpus,
              memMiB: v.memMiB,
              cpuReservationMHz: v.cpuResMHz,
              memReservationMiB: v.memResMiB,
              requestMilli: 0,
              isContainer: false,
            }),
          ).toEqual([]);
          if (v.tags.includes('anti-affinity:g'))
            expect(
              w.vms.some(
                (o) => o.id !== v.id && o.tags.includes('anti-affinity:g') && o.hostId === rec.toHostId,
              ),
            ).toBe(false);
          const src = w.hostById.get(v.hostId)!;
          v.hostId = rec.toHostId;
          src.cpuDemandMHz -= v.cpuDemandMHz;
          target.cpuDemandMHz += v.cpuDemandMHz;
        }
        expect(reservationsFit(w)).toBe(true);
        // Independent recomputation of the imbalance from the moved world.
        const after = stdDev(hostLoads(buildClusterLoad(w, 'cluster-1')));
        expect(after).toBeCloseTo(r.imbalanceAfter, 9);
        expect(after).toBeLessThanOrEqual(before + 1e-12);
      }),
      { numRuns: 150 },
    );
  });

  it('HA: every VM is planned at most once, on a surviving host that admits it', () => {
    fc.assert(
      fc.property(genCluster, fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 }), (g, picks) => {
        const w = build(g);
        const failed = w.hosts[0]!;
        failed.state = 'failed';
        for (const v of w.vms) if (v.hostId === failed.id) v.haPending = true;
        const ids = picks.map((i) => `vm-${i}`).filter((id) => w.vmById.get(id)?.haPending);
        const plan = planHaRestarts(w, new LoadBook(w), ids);
        const all = [...plan.restarts.map((r) => r.vmId), ...plan.unplaced.map((u) => u.vmId)];
        expect(new Set(all).size).toBe(all.length);
        expect(new Set(all)).toEqual(new Set(ids));
        const replay = new LoadBook(w);
        for (const r of plan.restarts) {
          expect(r.hostId).not.toBe(failed.id);
          const v = w.vmById.get(r.vmId)!;
          const guest = {
            vcpus: v.vcpus,
            memMiB: v.memMiB,
            cpuReservationMHz: v.cpuResMHz,
            memReservationMiB: v.memResMiB,
            requestMilli: 0,
            isContainer: false,
          };
          expect(replay.admit(w.hostById.get(r.hostId)!, guest)).toEqual([]);
          replay.add(r.hostId, guest, null);
          if (v.tags.includes('anti-affinity:g')) {
            const clash = w.vms.some(
              (o) =>
                o.id !== v.id &&
                o.tags.includes('anti-affinity:g') &&
                (o.haPending ? plan.restarts.find((x) => x.vmId === o.id)?.hostId : o.hostId) === r.hostId,
            );
            expect(clash).toBe(false);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('admission control (slots) keeps the configured failover level after every admitted power-on', () => {
    fc.assert(
      fc.property(
        genCluster,
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 2 }),
        (g, targets, ftt) => {
          const w = build(g, {
            ha: {
              enabled: true,
              admission: 'slots',
              cpuReservePct: 0,
              memReservePct: 0,
              failoverHostIds: [],
              restartDelaySec: 30,
              failuresToTolerate: ftt,
            } as ClusterSettings['ha'],
          });
          const book = new LoadBook(w);
          const start = failoverCapacity(w, book, 'cluster-1');
          fc.pre(start.satisfied);
          const guest = {
            vcpus: 1,
            memMiB: 1024,
            cpuReservationMHz: 0,
            memReservationMiB: 0,
            requestMilli: 0,
            isContainer: false,
          };
          for (const t of targets) {
            const h = w.hosts[t % w.hosts.length]!;
            if (book.admit(h, guest).length > 0 || haAdmissionProblems(w, book, h, guest).length > 0)
              continue;
            book.add(h.id, guest, null);
            // Brute force: any `ftt` hosts may fail; the others' slots must still hold every running VM.
            const cap = failoverCapacity(w, book, 'cluster-1');
            const slots = w.hosts.map((x) =>
              Math.min(
                Math.floor(hostCpuCapMHz(x) / cap.slotCpuMHz),
                Math.floor(hostMemCapMiB(x) / cap.slotMemMiB),
              ),
            );
            const running = w.hosts.reduce((a, x) => a + book.load(x.id).runningVms, 0);
            const n = slots.length;
            for (let mask = 0; mask < 1 << n; mask++) {
              let bits = 0;
              let left = 0;
              for (let i = 0; i < n; i++)
                if (mask & (1 << i)) bits++;
                else left += slots[i]!;
              if (bits === Math.min(ftt, n - 1)) expect(left).toBeGreaterThanOrEqual(running);
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('admission control (percentage) keeps the reserved share free after every admitted power-on', () => {
    fc.assert(
      fc.property(
        genCluster,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom(0, 200, 1500, 6000)), {
          maxLength: 30,
        }),
        fc.integer({ min: 0, max: 60 }),
        (g, pons, pct) => {
          const w = build(g, {
            ha: {
              enabled: true,
              admission: 'percentage',
              cpuReservePct: pct,
              memReservePct: pct,
              failoverHostIds: [],
              restartDelaySec: 30,
            },
          });
          const book = new LoadBook(w);
          const capCpu = w.hosts.reduce((a, h) => a + hostCpuCapMHz(h), 0);
          const capMem = w.hosts.reduce((a, h) => a + hostMemCapMiB(h), 0);
          // Independent tally: reservations (CPU ≥ 32 MHz each) of the VMs running at the start …
          let cpu = 0;
          let mem = 0;
          for (const v of w.vms) {
            cpu += v.cpuResMHz + 32;
            mem += v.memResMiB + vmOverheadMiB(v.memMiB, v.vcpus);
          }
          const startOk =
            capCpu - cpu >= (pct / 100) * capCpu - 1e-6 && capMem - mem >= (pct / 100) * capMem - 1e-6;
          fc.pre(startOk);
          for (const [t, res] of pons) {
            const h = w.hosts[t % w.hosts.length]!;
            const guest = {
              vcpus: 1,
              memMiB: 1024,
              cpuReservationMHz: res,
              memReservationMiB: 0,
              requestMilli: 0,
              isContainer: false,
            };
            if (book.admit(h, guest).length > 0) continue;
            const refused = haAdmissionProblems(w, book, h, guest).length > 0;
            const cpuAfter = cpu + res + 32;
            const memAfter = mem + vmOverheadMiB(1024, 1);
            const fits =
              capCpu - cpuAfter >= (pct / 100) * capCpu - 1e-6 &&
              capMem - memAfter >= (pct / 100) * capMem - 1e-6;
            expect(refused).toBe(!fits);
            if (refused) continue;
            book.add(h.id, guest, null);
            cpu = cpuAfter;
            mem = memAfter;
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
