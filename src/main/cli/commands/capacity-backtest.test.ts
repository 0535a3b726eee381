import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command';
import { runCli } from '../run';
import { median } from '../../engine/capacity/backtest';
import type { BacktestResult } from '../../service/capacity/backtest';

const dir = mkdtempSync(path.join(tmpdir(), 'vdc-backtest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(): CliIO & { outText: string[]; errText: string[] } {
  const o = {
    outText: [] as string[],
    errText: [] as string[],
    isTTY: false,
    cwd: dir,
    out: (t: string) => void o.outText.push(t),
    err: (t: string) => void o.errText.push(t),
  };
  return o;
}

describe('vdc capacity backtest', () => {
  // The real engine: 28 + 180 simulated days of the growth scenario at 1-h ticks (about 2 s).
  it('meets the goal on the growth scenario: median error ≤ 15 %, 80 % interval coverage ≥ 80 % (seed 7)', async () => {
    const x = io();
    expect(
      await runCli(
        [
          'capacity',
          'backtest',
          '--scenario',
          'growth',
          '--history',
          '28d',
          '--horizon',
          '180d',
          '--seed',
          '7',
          '--json',
          '--out',
          'bt.json',
        ],
        x,
      ),
    ).toBe(0);
    expect(x.outText.join('\n')).toMatch(/wrote the backtest to .*bt\.json/);
    const r = JSON.parse(readFileSync(path.join(dir, 'bt.json'), 'utf8')) as BacktestResult;
    expect(r).toMatchObject({
      scenario: 'growth',
      seed: 7,
      historyDays: 28,
      horizonDays: 180,
      tickSeconds: 3600,
      method: 'final',
      coverageTarget: 0.8,
    });
    // Several resources run out within the horizon.
    expect(r.cases).toBeGreaterThanOrEqual(4);
    expect(r.details).toHaveLength(r.cases);
    expect(r.medianAbsErrorPct!).toBeLessThanOrEqual(15);
    expect(r.intervalCoverage!).toBeGreaterThanOrEqual(0.8);
    // The headline figures are those of the details (recomputed here).
    expect(r.medianAbsErrorPct!).toBeCloseTo(median(r.details.map((c) => c.absErrorPct))!, 2);
    expect(r.intervalCoverage!).toBeCloseTo(r.details.filter((c) => c.inInterval).length / r.cases, 2);
    for (const c of r.details) {
      expect(c.actualDays).toBeGreaterThan(0);
      expect(c.actualDays).toBeLessThanOrEqual(180);
      expect(c.lastPeak).toBeLessThan(c.usable);
      const p = c.predictedDays ?? 181;
      expect(c.absErrorPct).toBeCloseTo((100 * Math.abs(p - c.actualDays)) / c.actualDays, 2);
      expect(c.inInterval).toBe(
        c.actualDays >= (c.earliestDays ?? 181) && c.actualDays <= (c.latestDays ?? Infinity),
      );
      expect(Object.keys(c.byMethod).sort()).toEqual(['final', 'linear', 'seasonal']);
      expect(c.byMethod.final.predictedDays).toBe(c.predictedDays);
    }
    expect(r.methods.map((m) => m.method)).toEqual(['linear', 'seasonal', 'final']);
    // The final method beats the straight line (the seasonal method is the Time remaining tab's, measured, not asserted).
    const m = Object.fromEntries(r.methods.map((s) => [s.method, s]));
    expect(m.final!.medianAbsErrorPct!).toBeLessThan(m.linear!.medianAbsErrorPct!);
    for (const u of r.unscored)
      expect(['exceededDuringHistory', 'notReachedWithinHorizon']).toContain(u.reason);
  }, 60_000);

  it('prints a text table by default and --json on stdout', async () => {
    const t = io();
    expect(
      await runCli(
        ['capacity', 'backtest', '--scenario', 'growth', '--history', '21d', '--horizon', '30d'],
        t,
      ),
    ).toBe(0);
    expect(t.outText.join('\n')).toMatch(/Backtest of growth \(seed 7\): forecasts from 21 days of history/);
    const j = io();
    expect(
      await runCli(
        ['capacity', 'backtest', '--scenario', 'growth', '--history', '21d', '--horizon', '30d', '--json'],
        j,
      ),
    ).toBe(0);
    const r = JSON.parse(j.outText.join('\n')) as BacktestResult;
    expect(r.horizonDays).toBe(30);
    expect(r.details.length + r.unscored.length).toBe(9);
  }, 60_000);

  it('refuses bad arguments with exit code 2 and an unknown scenario with 1', async () => {
    const a = io();
    expect(await runCli(['capacity', 'backtest', '--scenario', 'growth', '--history', '2d'], a)).toBe(2);
    expect(a.errText.join('\n')).toMatch(/--history must be at least 3d/);
    const b = io();
    expect(await runCli(['capacity', 'backtest', '--history', '28d'], b)).toBe(2);
    expect(b.errText.join('\n')).toMatch(/--scenario is required/);
    const c = io();
    expect(await runCli(['capacity', 'backtest', '--scenario', 'growth', '--horizon', '36h'], c)).toBe(2);
    const d = io();
    expect(await runCli(['capacity', 'backtest', '--scenario', 'nowhere'], d)).toBe(1);
    expect(d.errText.join('\n')).toMatch(/unknown scenario "nowhere"/);
  });
});
