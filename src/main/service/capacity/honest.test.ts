/**
 * Honest answers on real recorded runs (real engine, real workspace files): every verdict states the
 * history it stands on and refuses when that is too little for its method (docs/capacity.md, "Minimum
 * history"); forecasts never go below zero.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenario, type Engine } from '../../engine';
import { DEFAULT_POLICY, forecastPeaks } from '../../engine/capacity';
import type { Workspace } from '../../store';
import { capCtx, consolidation, forecastRows, rightsize } from './analysis';
import { recorded } from './testing';

let dir: string;
const open: Workspace[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-honest-'));
});
afterAll(() => {
  for (const w of open) w.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(scenario: string, tickSeconds: number, days: number): { engine: Engine; ws: Workspace } {
  const r = recorded(dir, builtinScenario(scenario)!, { tickSeconds, days, name: `${scenario}-${days}` });
  open.push(r.ws);
  return r;
}

describe('a 7-day enterprise run', () => {
  let engine: Engine;
  let ws: Workspace;
  beforeAll(() => {
    ({ engine, ws } = run('enterprise', 3600, 7));
  }, 120_000);

  it('time remaining is refused ("needs 7 more days"), nothing projects below zero, the history is stated', () => {
    const f = forecastRows(capCtx(engine, ws), DEFAULT_POLICY, {
      risk: 'conservative',
      horizonDays: 365,
      historyDays: 30,
      growthPctPerMonth: 0,
    });
    expect(f.rows.length).toBe(4 * 3);
    for (const r of f.rows) {
      const where = `${r.clusterName} ${r.resource}`;
      for (const p of r.projection) expect(p.lower, where).toBeGreaterThanOrEqual(0);
      expect(r.history.spanDays, where).toBeGreaterThan(6.9);
      expect(r.history.spanDays, where).toBeLessThanOrEqual(7);
      expect(r.history.points, where).toBeGreaterThan(24);
      expect(r.history.resolutionSec, where).toBeGreaterThan(0);
      if (r.exceededSinceSec === null) {
        expect(r.refusal, where).toEqual({
          code: 'needsHistory',
          method: 'timeRemaining',
          needDays: 14,
          haveDays: r.history.spanDays,
          moreDays: 7,
        });
        expect(r.timeRemainingDays, where).toBeNull();
        expect(r.projection, where).toEqual([]);
      } else {
        // Observed, not forecast: "exceeded since <date>", an ISO time within the run.
        expect(r.exceededSinceSec, where).toBeLessThanOrEqual(engine.time);
        expect(Date.parse(r.exceededSince!), where).toBe(engine.startEpochMs + r.exceededSinceSec * 1000);
      }
      expect(r.capacityRefusal, where).toBeNull();
      expect(r.capacityRemaining, where).toBeGreaterThanOrEqual(0);
    }
    // The defect: a linear trend forced onto these 7 daily peaks ran through the weekend dip and below
    // zero within the horizon. The method every verdict uses fits log(peak): even forced onto 7 days its
    // projection and band stay above zero.
    for (const r of f.rows.filter((x) => x.resource === 'cpu')) {
      const x = forecastPeaks(r.peaks, { usable: r.usable, minHistoryDays: 0 });
      expect(x.projection.length).toBeGreaterThan(300);
      for (const p of x.projection) expect(p.lower).toBeGreaterThan(0);
    }
  });

  it('the 7-day right-sizing stands on 7 days; a 14-day window is refused', () => {
    const r = rightsize(capCtx(engine, ws), { windowDays: 7, percentile: 95, bufferPct: 0, limit: 20_000 });
    expect(r.refusal).toBeNull();
    expect(r.history.spanDays).toBeGreaterThan(6.9);
    expect(r.idle).not.toBeNull();
    const long = rightsize(capCtx(engine, ws), {
      windowDays: 14,
      percentile: 95,
      bufferPct: 0,
      limit: 20_000,
    });
    expect(long.refusal).toMatchObject({ method: 'rightsize', needDays: 14, moreDays: 7 });
    expect(long.idle).toBeNull();
    expect(long.rows.every((x) => x.verdict === 'poweredOff')).toBe(true);
  });
});

describe('a 2-hour run (night): nothing says "0 days" or "idle"', () => {
  let engine: Engine;
  let ws: Workspace;
  beforeAll(() => {
    ({ engine, ws } = run('enterprise', 300, 2 / 24));
  }, 120_000);

  it('every verdict is refused with the days it still needs', () => {
    const ctx = capCtx(engine, ws);
    const f = forecastRows(ctx, DEFAULT_POLICY, {
      risk: 'conservative',
      horizonDays: 365,
      historyDays: 30,
      growthPctPerMonth: 0,
    });
    for (const r of f.rows) {
      if (r.exceededSinceSec !== null) continue;
      expect(r.refusal?.moreDays).toBe(14);
      expect(r.timeRemainingDays).toBeNull();
      expect(r.capacityRefusal).toMatchObject({ method: 'capacityRemaining', moreDays: 1 });
      expect(r.capacityRemaining).toBeNull();
      expect(r.history.spanDays).toBeCloseTo(2 / 24, 6);
    }
    const rs = rightsize(ctx, { windowDays: 7, percentile: 95, bufferPct: 0, limit: 20_000 });
    expect(rs.refusal).toMatchObject({ code: 'needsHistory', method: 'rightsize', needDays: 7, moreDays: 7 });
    expect(rs.idle).toBeNull();
    expect(rs.rows.filter((x) => x.verdict === 'idle')).toEqual([]);
    const c = consolidation(ctx, 86_400);
    expect(c.refusal).toMatchObject({ method: 'consolidation', needDays: 1, moreDays: 1 });
    expect(c.rows).toEqual([]);
  });
});
