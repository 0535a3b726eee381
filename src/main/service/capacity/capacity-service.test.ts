import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenario, restoreEngine, type Engine } from '../../engine';
import { DEFAULT_POLICY } from '../../engine/capacity';
import { capCtx, consolidation, forecastRows, headroom, rightsize, summary } from './analysis';
import { failover } from './failover';
import { compareBranches } from './compare';
import { createBranch, deleteBranch, listBranches, runBranch } from './whatif';
import { recorded } from './testing';
import { Workspace } from '../../store';
import { Session } from '../session';
import type { WhatIfChange } from '../../../shared/contract-capacity';
import { unwrapCheckpoint } from '../checkpoint';

let dir: string;
let engine: Engine;
let ws: Workspace;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-cap-'));
  ({ engine, ws } = recorded(dir, builtinScenario('small-lab')!, { tickSeconds: 300, days: 4 }));
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('capacity analyses on a recorded simulation', () => {
  it('summary uses history peaks and agrees with the demand model by hand', () => {
    const s = summary(capCtx(engine, ws), DEFAULT_POLICY, 86_400);
    expect(s.fromHistory).toBe(true);
    const cl = s.demand.find((r) => r.scope === 'cluster')!;
    const snap = engine.snapshot();
    const cap = snap.hosts.reduce((a, h) => a + h.sockets * h.coresPerSocket * h.coreMHz, 0);
    const ha = snap.clusters[0]!.settings.ha.cpuReservePct;
    expect(cl.cpuMHz.capacity).toBe(cap);
    expect(cl.cpuMHz.usable).toBeCloseTo(cap * (1 - ha / 100), 6);
    // A peak over a day is at least the current instant's demand of the hosts.
    expect(cl.cpuMHz.demand).toBeGreaterThanOrEqual(snap.hosts.reduce((a, h) => a + h.cpuDemandMHz, 0) - 1);
    const alloc = s.allocation.find((r) => r.scope === 'cluster')!;
    expect(alloc.cpu.configured).toBe(
      snap.vms.filter((v) => v.power === 'poweredOn').reduce((a, v) => a + v.vcpus, 0),
    );
  });

  it('headroom: every built-in profile gets a count and a binding resource', () => {
    const h = headroom(capCtx(engine, ws), DEFAULT_POLICY, [], undefined, 86_400);
    expect(h.profiles.map((p) => p.id)).toEqual(['small', 'medium', 'large', 'average']);
    const small = h.rows.find((r) => r.profileId === 'small')!;
    const large = h.rows.find((r) => r.profileId === 'large')!;
    expect(small.byAllocation.count).toBeGreaterThanOrEqual(large.byAllocation.count);
    expect(['cpu', 'mem', 'disk', 'hostSize']).toContain(small.byDemand.binding);
  });

  it('forecast from 4 days of daily peaks, three resources per cluster: time remaining refused (needs 10 more days)', () => {
    const f = forecastRows(capCtx(engine, ws), DEFAULT_POLICY, {
      risk: 'conservative',
      horizonDays: 30,
      historyDays: 30,
      growthPctPerMonth: 0,
    });
    expect(f.rows.map((r) => r.resource)).toEqual(['cpu', 'mem', 'disk']);
    const cpu = f.rows[0]!;
    expect(cpu.peaks.length).toBeGreaterThanOrEqual(4);
    expect(cpu.history.spanDays).toBeCloseTo(4, 6);
    for (const r of f.rows) {
      if (r.exceededSinceSec !== null) continue;
      expect(r.projection).toEqual([]);
      expect(r.insufficientHistory).toBe(true);
      expect(r.refusal).toMatchObject({ method: 'timeRemaining', needDays: 14, moreDays: 10 });
    }
  });

  it('right-sizing lists the powered-off VM with its storage', () => {
    const r = rightsize(capCtx(engine, ws), { windowDays: 2, percentile: 95, bufferPct: 0, limit: 100 });
    const legacy = r.rows.find((x) => x.name === 'legacy-01')!;
    expect(legacy.verdict).toBe('poweredOff');
    expect(legacy.reclaimDiskGiB).toBe(120);
    expect(r.total).toBe(engine.snapshot().vms.length);
  });

  it('consolidation answers every policy for the cluster', () => {
    const c = consolidation(capCtx(engine, ws), 86_400);
    expect(c.rows.map((r) => r.policyId)).toEqual(['firstFit', 'leastLoaded', 'haN1']);
    for (const r of c.rows) expect(r.hostsNeeded).toBeLessThanOrEqual(r.hostsNow + 1);
  });

  it('failover simulated on snapshot copies never changes the live engine', () => {
    const hash = engine.runHash();
    const r = failover(capCtx(engine, ws), { method: 'simulate', settleMinutes: 15 });
    expect(engine.runHash()).toBe(hash);
    const cl = r.clusters[0]!;
    expect(cl.single).toHaveLength(3);
    const snap = engine.snapshot();
    for (const c of cl.single) {
      const victims = snap.vms.filter(
        (v) => v.hostId === c.failedHostIds[0] && v.power === 'poweredOn',
      ).length;
      expect(c.restarted + c.notRestarted.length).toBe(victims);
    }
    const est = failover(capCtx(engine, ws), { method: 'estimate', settleMinutes: 10 });
    expect(est.clusters[0]!.single).toHaveLength(3);
  });
});

describe('what-if branches', () => {
  it('a branch copies history, applies changes, runs forward and never changes its parent', async () => {
    ws.flush();
    const parentMeta = ws.meta();
    const parentBytes = readFileSync(ws.path);
    const hash = engine.runHash();
    const snap = engine.snapshot();
    const base = createBranch(ws, snap, 'baseline', []);
    const hostId = snap.hosts[0]!.id;
    const fail = createBranch(ws, snap, 'lose a host', [
      { type: 'failHosts', hostIds: [hostId] },
      { type: 'resizeVm', vmId: 'vm-db-02', vcpus: 4, memMiB: 16_384 },
    ]);
    expect(fail.outcomes.map((o) => o.ok)).toEqual([true, true]);
    await runBranch(ws.path, base.id, 2);
    const ran = await runBranch(ws.path, fail.id, 2, 3600);
    expect(ran.ranSec).toBeGreaterThanOrEqual(2 * 86_400);
    expect(ran.tickSeconds).toBe(3600);
    // The parent is untouched: same file bytes, same meta, same engine state.
    expect(readFileSync(ws.path).equals(parentBytes)).toBe(true);
    expect(ws.meta().lastTick).toBe(parentMeta.lastTick);
    expect(engine.runHash()).toBe(hash);
    const cmp = compareBranches(ws.path, [base.id, fail.id]);
    expect(cmp.rows.map((r) => r.name)).toEqual(['baseline', 'lose a host']);
    const [b, f] = cmp.rows;
    expect(b!.ranDays).toBeCloseTo(2, 1);
    // Two hosts carry what three did: the peak CPU share of the remaining capacity is higher.
    expect(f!.peakCpuPct!).toBeGreaterThan(b!.peakCpuPct!);
    expect(f!.headroomMedium!).toBeLessThanOrEqual(b!.headroomMedium!);
    // … with more CPU ready, and a failed host draws no power.
    expect(f!.avgReadyPct!).toBeGreaterThan(b!.avgReadyPct!);
    expect(f!.energyKWh!).toBeLessThan(b!.energyKWh!);
    // With the current workspace as baseline, and a branch that has not run: the baseline comes first,
    // computed over the workspace's last 2 days (the longest run); the branch not run is "not computed",
    // every measure null — not zeros.
    const idle = createBranch(ws, snap, 'not run yet', [{ type: 'failHosts', hostIds: [hostId] }]);
    const withBase = compareBranches(ws.path, [base.id, idle.id], capCtx(engine, ws));
    expect(withBase.rows.map((r) => [r.kind, r.status])).toEqual([
      ['baseline', 'computed'],
      ['branch', 'computed'],
      ['branch', 'notRun'],
    ]);
    const cur = withBase.rows[0]!;
    expect(cur.id).toBe('baseline');
    expect(cur.toSec).toBe(engine.time);
    expect(cur.ranDays).toBeCloseTo(2, 6);
    expect(cur.peakCpuPct!).toBeGreaterThan(0);
    const nr = withBase.rows[2]!;
    for (const k of [
      'ranDays',
      'peakCpuPct',
      'peakMemPct',
      'avgReadyPct',
      'peakSwappedMiB',
      'energyKWh',
      'hostsNeeded',
      'headroomMedium',
      'timeRemainingDays',
    ] as const)
      expect(nr[k], k).toBeNull();
    expect(withBase.series.some((x) => x.branchId === idle.id)).toBe(false);
    // 2 days of branch run: time remaining is refused with its reason, not "more than a year".
    expect(f!.timeRemainingRefusal ?? f!.exceededSince).not.toBeNull();
    deleteBranch(ws.path, idle.id);
    expect(cmp.series.filter((s) => s.branchId === base.id).map((s) => s.metric)).toContain('cpu.demand.mhz');
    expect(
      cmp.series.find((s) => s.branchId === base.id && s.metric === 'cpu.demand.mhz')!.points.length,
    ).toBeGreaterThan(10);
    // A branch file opens like any workspace, at the end of its run, back at the workspace's tick length.
    const opened = Workspace.open(ran.path);
    if (!opened.ok) throw new Error(opened.error.message);
    const session = Session.open(opened.value, { onTick: () => undefined, onClockChange: () => undefined });
    if (!session.ok) throw new Error(session.error.message);
    expect(session.value.engine.time).toBe(ran.branchTime + ran.ranSec);
    expect(session.value.engine.tickSeconds).toBe(300);
    session.value.clock.dispose();
    opened.value.close();
    deleteBranch(ws.path, base.id);
    expect(listBranches(ws.path).map((x) => x.id)).toEqual([fail.id]);
  });

  it('reports a change that does not apply without failing the others', () => {
    const b = createBranch(ws, engine.snapshot(), 'bad', [
      { type: 'failHosts', hostIds: ['host-nope'] },
      {
        type: 'overcommit',
        clusterId: engine.snapshot().clusters[0]!.id,
        cpuAllocationRatio: 2,
        memAllocationRatio: 1,
      },
    ]);
    expect(b.outcomes.map((o) => o.ok)).toEqual([false, true]);
    expect(b.outcomes[0]!.message).toContain('host-nope');
  });

  it("a plan in a manual DRS cluster takes DRS's recommendations (placement and evacuation) as a fully automated one would", async () => {
    const inMode = (automation: 'manual' | 'full') => {
      const e = restoreEngine(engine.snapshot());
      if (!e.ok) throw new Error(e.error.message);
      const clusterId = e.value.snapshot().clusters[0]!.id;
      expect(
        e.value.execute({
          type: 'cluster.configure',
          clusterId,
          settings: { drs: { enabled: true, automation } },
        }).ok,
      ).toBe(true);
      return { e: e.value, clusterId };
    };
    const manual = inMode('manual');
    // The engine itself refuses to choose a host for a new VM in the manual cluster …
    const refused = manual.e.execute({
      type: 'vm.create',
      clusterId: manual.clusterId,
      spec: {
        name: 'probe',
        vcpus: 1,
        memMiB: 1024,
        disks: [],
        workload: { pattern: 'constant', cpuBasePct: 10, cpuPeakPct: 10, memActivePct: 30 },
      },
    });
    expect(refused.ok ? null : refused.error.code).toBe('PLACEMENT_CHOICE_REQUIRED');
    const leaving = manual.e.snapshot().hosts.filter((h) => h.clusterId === manual.clusterId)[0]!.id;
    const plan = (clusterId: string): WhatIfChange[] => [
      {
        type: 'addVms',
        clusterId,
        count: 3,
        namePrefix: 'plan',
        profile: {
          id: 'small',
          name: 'small',
          vcpus: 1,
          memMiB: 2048,
          diskGiB: 20,
          cpuUtilPct: 20,
          memUtilPct: 40,
          diskUtilPct: 50,
        },
      },
      { type: 'removeHosts', hostIds: [leaving] },
    ];
    const ranIn = async (m: { e: Engine; clusterId: string }, name: string) => {
      const before = m.e.snapshot().vms.filter((v) => v.hostId === leaving && v.power === 'poweredOn').length;
      const b = createBranch(ws, m.e.snapshot(), name, plan(m.clusterId));
      expect(b.outcomes.map((o) => o.ok)).toEqual([true, true]);
      expect(b.outcomes[0]!.message).toContain('3 of 3');
      await runBranch(ws.path, b.id, 0.25);
      const w = Workspace.open(b.path, { readOnly: true });
      if (!w.ok) throw new Error(w.error.message);
      const end = restoreEngine(unwrapCheckpoint(w.value.latestSnapshot()?.snapshot)!.engine);
      w.value.close();
      if (!end.ok) throw new Error(end.error.message);
      const after = end.value.snapshot();
      return {
        before,
        left: after.vms.filter((v) => v.hostId === leaving && v.power === 'poweredOn').map((v) => v.id),
        planVms: after.vms.filter((v) => v.name.startsWith('plan-')).map((v) => `${v.name}@${v.hostId}`),
        hostState: after.hosts.find((h) => h.id === leaving)!.state,
      };
    };
    const m = await ranIn(manual, 'manual plan');
    const f = await ranIn(inMode('full'), 'full plan');
    // The plan accepts the top recommendation for each new VM: the hosts a fully automated cluster picks.
    expect(m.planVms).toHaveLength(3);
    expect(m.planVms).toEqual(f.planVms);
    // The evacuation is approved as it is recommended: the host is emptied as far as fully automated DRS empties it.
    expect(m.before).toBeGreaterThan(m.left.length);
    expect(m.left).toEqual(f.left);
    expect(m.hostState).toBe('maintenance');
  });
});
