import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenario, restoreEngine, type Engine } from '../../engine';
import { Workspace } from '../../store';
import { unwrapCheckpoint, wrapCheckpoint } from '../checkpoint';
import { compareBranches } from './compare';
import { recorded } from './testing';
import { createBranch, retick, runBranch, type Branch } from './whatif';

let dir: string;
let engine: Engine;
let ws: Workspace;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-whatif-'));
  ({ engine, ws } = recorded(dir, builtinScenario('small-lab')!, { tickSeconds: 20, days: 0.25 }));
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** What runBranch did before coarse recording: the same run with every level recorded (the reference). */
function runRecordingEverything(b: Branch, days: number, tickSeconds: number): void {
  const w = must(Workspace.open(b.path));
  const latest = unwrapCheckpoint(w.latestSnapshot()?.snapshot)!;
  const base = w.meta().tickSeconds;
  const e = must(restoreEngine(retick(latest.engine, tickSeconds)));
  for (let i = 0; i < (days * 86_400) / tickSeconds; i++) {
    const r = e.step();
    w.appendTick({ ...r, tick: Math.round(r.time / base) - 1 });
  }
  const end = retick(e.snapshot(), base);
  must(w.saveSnapshot(end.tick, e.time, wrapCheckpoint(end, latest.commandSeq)));
  must(w.close());
}

describe('what-if branch at 1-hour ticks (coarse recording)', () => {
  it('records 2-h and daily rows only, and answers series and compare queries like a full recording', async () => {
    const snap = engine.snapshot();
    const coarse = createBranch(ws, snap, 'coarse', []);
    const full = createBranch(ws, snap, 'full', []);
    await runBranch(ws.path, coarse.id, 3, 3600);
    runRecordingEverything(full, 3, 3600);
    const a = must(Workspace.open(coarse.path, { readOnly: true }));
    const b = must(Workspace.open(full.path, { readOnly: true }));
    const from = coarse.branchTime;
    const end = a.meta().lastTime;
    expect(end).toBe(from + 3 * 86_400);
    // The coarse segment is the run; the file records every level again after it (it reopens at 20-s ticks).
    expect(a.meta().coarseFrom).toEqual({ time: from, tickSeconds: 3600, until: end });
    expect(b.meta().coarseFrom).toBeNull();
    const clusterId = snap.clusters[0]!.id;
    // A 1-day chart of the branch: 2-h points from hourly samples (the full recording would answer 5-min rows).
    const q = {
      entityIds: [clusterId],
      metrics: ['cpu.demand.mhz', 'mem.consumed.mib'],
      from: end - 86_400,
      to: end,
    };
    const day = must(a.querySeries(q));
    expect(day.resolutionSec).toBe(7200);
    expect(day.series[0]!.points).toHaveLength(13); // bucket ends end - 1 day .. end, every 2 h
    expect(must(b.querySeries(q)).resolutionSec).toBe(300);
    // At the level both recorded, the values are identical (same engine, same samples).
    for (const stat of ['avg', 'max'] as const) {
      const q2 = { ...q, from, maxPoints: 40, stat };
      const x = must(a.querySeries(q2));
      expect(x.resolutionSec).toBe(7200);
      expect(x.series).toEqual(must(b.querySeries(q2)).series);
    }
    // Top-N over the branch period reads the daily level in both files (kind vectors) and agrees; the
    // last day is still open and rebuilt on open (from the saved open bucket vs. from 2-h rows): Float32 rounding.
    const top = { kind: 'vm' as const, metric: 'cpu.demand.mhz', n: 5, from, to: end };
    const ta = must(a.topN(top));
    const tb = must(b.topN(top));
    expect(ta.map((r) => r.entityId)).toEqual(tb.map((r) => r.entityId));
    ta.forEach((r, i) => expect(r.value).toBeCloseTo(tb[i]!.value, 2));
    a.close();
    b.close();
    // Compare: the same answers for both branches (one cluster: peaks of 2-h maxima = peaks of the samples).
    const cmp = compareBranches(ws.path, [coarse.id, full.id]);
    const [rc, rf] = cmp.rows;
    expect(rc!.ranDays).toBeCloseTo(3, 5);
    expect(rc!.peakCpuPct).toBeGreaterThan(0);
    expect(rc!.peakCpuPct).toBeCloseTo(rf!.peakCpuPct!, 6);
    expect(rc!.peakMemPct).toBeCloseTo(rf!.peakMemPct!, 6);
    expect(rc!.hostsNeeded).toBe(rf!.hostsNeeded);
    const cpu = cmp.series.find((s) => s.branchId === coarse.id && s.metric === 'cpu.demand.mhz')!;
    expect(cpu.points.length).toBe(37); // 2-h bucket ends from the branch point to the end, both included
    expect(cpu.points[1]![0] - cpu.points[0]![0]).toBe(7200);
  });
});

describe('what-if run after an interrupted run', () => {
  it('drops the ticks an ended thread left past the last checkpoint and runs from the checkpoint', async () => {
    const b = createBranch(ws, engine.snapshot(), 'interrupted', []);
    // What a run's thread ended mid-way leaves: ticks recorded past the branch's checkpoint, no new checkpoint.
    const w = must(Workspace.open(b.path));
    const latest = unwrapCheckpoint(w.latestSnapshot()?.snapshot)!;
    const e = must(restoreEngine(latest.engine));
    for (let i = 0; i < 30; i++) w.appendTick(e.step());
    must(w.close());
    const ran = await runBranch(ws.path, b.id, 0.01);
    const after = must(Workspace.open(b.path, { readOnly: true }));
    try {
      // 0.01 day at 20-s ticks = 43 ticks from the branch point, not from the leftovers.
      expect(after.meta().lastTick).toBe(latest.engine.tick + 43);
      expect(ran.ranSec).toBe(43 * 20);
    } finally {
      after.close();
    }
  });
});
