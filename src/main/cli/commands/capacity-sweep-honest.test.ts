/**
 * The sweep stands on the same method and the same history rule as every other verdict (docs/capacity.md,
 * "Probabilistic futures"): real engine, real recorded workspaces.
 *  - growth is fitted by the final method only with the history time remaining needs (14 days); with less
 *    it says "growth not fitted: needs N more days of history" and the futures run at the workloads' own
 *    growth — never at a clamp artifact (a 7-day enterprise run printed "growth -50 … 8.263 %/month");
 *  - a resource already over usable at the start says "exceeded now (since <date>)", as `vdc capacity`
 *    does, not "half the futures by day 1".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenario, type Engine } from '../../engine';
import { DEFAULT_POLICY } from '../../engine/capacity';
import type { Workspace } from '../../store';
import { capCtx, forecastRows } from '../../service/capacity/analysis';
import { aggregateSweep, prepareSweep, runFuture, SWEEP_DEFAULTS } from '../../service/capacity/sweep';
import { sweepText } from './capacity-sweep';
import { recorded } from '../../service/capacity/testing';

let dir: string;
const open: Workspace[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-sweep-honest-'));
});
afterAll(() => {
  for (const w of open) w.close();
  rmSync(dir, { recursive: true, force: true });
});

const FORECAST = { risk: 'conservative', horizonDays: 365, historyDays: 30, growthPctPerMonth: 0 } as const;

describe('a sweep of a 7-day enterprise run', () => {
  let engine: Engine;
  let ws: Workspace;
  beforeAll(() => {
    ({ engine, ws } = recorded(dir, builtinScenario('enterprise')!, {
      tickSeconds: 3600,
      days: 7,
      name: 'enterprise-7',
    }));
    open.push(ws);
  }, 180_000);

  it('does not fit growth from 7 days: "needs 7 more days of history", futures at the workloads\' own growth', () => {
    const input = prepareSweep(capCtx(engine, ws), 'enterprise-7.vdc', {
      ...SWEEP_DEFAULTS,
      runs: 2,
      horizonDays: 1,
    });
    expect(input.clusters.length).toBe(4);
    for (const c of input.clusters) {
      expect(c.growth.method, c.name).toBe('workload');
      expect(c.growth.fitted, c.name).toBeNull();
      expect(c.growth.low, c.name).toBeNull();
      expect(c.growth.high, c.name).toBeNull();
      expect(c.growth.refusal, c.name).toMatchObject({
        code: 'needsHistory',
        method: 'timeRemaining',
        needDays: 14,
        moreDays: 7,
      });
      expect(c.growth.historyDays, c.name).toBeGreaterThan(6.9);
      // The enterprise workloads do not grow by themselves.
      expect(c.growth.workload, c.name).toEqual({ min: 0, max: 0 });
    }
    const futures = [runFuture(input, 0), runFuture(input, 1)];
    // No growth drawn: every VM keeps its own workload growth.
    for (const f of futures) expect(f.growthPct.every((g) => g === null)).toBe(true);
    const text = sweepText(aggregateSweep(input, futures, null));
    for (const c of input.clusters) expect(text).toContain(`${c.name}: N+1 holds at the horizon in`);
    expect(text).toContain(
      "growth not fitted: needs 7 more days of history (the final method needs 14, has 7); the futures run at the workloads' own growth (0 %/month)",
    );
    expect(text).not.toMatch(/-50|fitted -?\d/);
    // Dates of the simulated calendar, not only day numbers: the futures start at the workspace's now.
    const now = new Date(engine.startEpochMs + engine.time * 1000).toISOString();
    expect(text).toContain(`(day 7.0, ${now.slice(0, 16).replace('T', ' ')})`);
  }, 120_000);

  it('a resource over usable at the start says "exceeded now (since <date>)", the date `vdc capacity` gives', () => {
    const ctx = capCtx(engine, ws);
    const rows = forecastRows(ctx, DEFAULT_POLICY, FORECAST).rows;
    const exceeded = rows.filter((r) => r.exceededSince !== null);
    expect(exceeded.length).toBeGreaterThan(0);
    const input = prepareSweep(ctx, 'enterprise-7.vdc', { ...SWEEP_DEFAULTS, runs: 1, horizonDays: 1 });
    const result = aggregateSweep(input, [runFuture(input, 0)], null);
    const text = sweepText(result);
    for (const r of rows) {
      const c = result.clusters.find((x) => x.id === r.clusterId)!;
      const x = c.resources.find((y) => y.resource === r.resource)!;
      expect(x.exceededSince, `${r.clusterName} ${r.resource}`).toBe(r.exceededSince);
    }
    for (const r of exceeded) {
      const name = { cpu: 'CPU', mem: 'memory', disk: 'disk' }[r.resource];
      const line = text
        .split('\n')
        .slice(text.split('\n').findIndex((l) => l.startsWith(`${r.clusterName}:`)))
        .find((l) => l.trimStart().startsWith(`${name} `))!;
      expect(line).toContain(`exceeded now (since ${r.exceededSince!.slice(0, 16).replace('T', ' ')})`);
      expect(line).not.toMatch(/by day 1\b|runs out/);
    }
  }, 120_000);
});

describe('a sweep of a 15-day small-lab run', () => {
  it('fits growth by the final method: the interval holds the trend `vdc capacity` projects', () => {
    const { engine, ws } = recorded(dir, builtinScenario('small-lab')!, {
      tickSeconds: 3600,
      days: 15,
      name: 'lab-15',
    });
    open.push(ws);
    const ctx = capCtx(engine, ws);
    const input = prepareSweep(ctx, 'lab-15.vdc', { ...SWEEP_DEFAULTS, runs: 1, horizonDays: 1 });
    const rows = forecastRows(ctx, DEFAULT_POLICY, FORECAST).rows;
    for (const c of input.clusters) {
      expect(c.growth.method, c.name).toBe('final');
      expect(c.growth.refusal, c.name).toBeNull();
      const g = c.growth;
      expect(g.low!, c.name).toBeLessThanOrEqual(g.fitted!);
      expect(g.fitted!, c.name).toBeLessThanOrEqual(g.high!);
      // The same fit as time remaining: its projection grows by the same rate week over week (the
      // projection's weekday offsets cancel 7 days apart).
      const row = rows.find((r) => r.clusterId === c.id && r.resource === 'cpu')!;
      const p = row.projection;
      const b = Math.log(p[8]!.mean / p[1]!.mean) / 7;
      expect(g.fitted!, c.name).toBeCloseTo(100 * Math.expm1(30 * b), 2);
    }
    const f = runFuture(input, 0);
    input.clusters.forEach((c, i) => {
      expect(f.growthPct[i]!).toBeGreaterThanOrEqual(Math.max(-50, c.growth.low!) - 1e-3);
      expect(f.growthPct[i]!).toBeLessThanOrEqual(Math.min(100, c.growth.high!) + 1e-3);
    });
  }, 180_000);
});
