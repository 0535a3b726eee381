import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run';
import type { CliIO } from '../command';
import { capacitySweepCommand, capacitySweepMergeCommand } from './capacity-sweep';
import { builtinScenario } from '../../engine';
import { recorded } from '../../service/capacity/testing';
import type { SweepResult } from '../../service/capacity/sweep';

const commands = [capacitySweepCommand, capacitySweepMergeCommand];
let dir: string;

function io(): CliIO & { text: () => string; errors: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => (out += t + '\n'),
    err: (t) => (err += t + '\n'),
    isTTY: false,
    cwd: dir,
    text: () => out,
    errors: () => err,
  };
}

async function sweep(extra: string[], out: string): Promise<string> {
  const o = io();
  // 6 futures × 20 days of the small lab at 1-h ticks, with failures frequent enough to happen.
  const code = await runCli(
    [
      'capacity',
      'sweep',
      '--workspace',
      'lab.vdc',
      '--runs',
      '6',
      '--horizon',
      '20d',
      '--seed',
      '7',
      '--failures-per-year',
      '20',
      '--json',
      '--out',
      out,
      ...extra,
    ],
    o,
    commands,
  );
  expect(o.errors()).toBe('');
  expect(code).toBe(0);
  return readFileSync(join(dir, out), 'utf8');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-sweep-'));
  const { ws } = recorded(dir, builtinScenario('small-lab')!, { tickSeconds: 300, days: 4, name: 'lab' });
  ws.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vdc capacity sweep', () => {
  let whole: string;
  it('reports per cluster × resource a CDF of running out and the N+1 probability; same result on 1 and 2 workers', async () => {
    whole = await sweep(['--workers', '1'], 'w1.json');
    const two = await sweep(['--workers', '2'], 'w2.json');
    expect(two).toBe(whole);
    const r = JSON.parse(whole) as SweepResult;
    expect(r.runs).toBe(6);
    expect(r.shard).toBeNull();
    expect(r.futures.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5]);
    // Futures really differ: distinct seeds, and failures drawn differently.
    expect(new Set(r.futures.map((f) => f.seed)).size).toBe(6);
    expect(new Set(r.futures.map((f) => JSON.stringify(f.failures))).size).toBeGreaterThan(1);
    expect(r.futures.some((f) => f.failures.length > 0)).toBe(true);
    for (const c of r.clusters) {
      expect(c.resources.map((x) => x.resource)).toEqual(['cpu', 'mem', 'disk']);
      expect(c.nPlus1Probability).toBeGreaterThanOrEqual(0);
      expect(c.nPlus1Probability).toBeLessThanOrEqual(1);
      for (const x of c.resources) {
        expect(x.cdf).toHaveLength(20);
        for (let d = 1; d < x.cdf.length; d++) expect(x.cdf[d]!).toBeGreaterThanOrEqual(x.cdf[d - 1]!);
        const ran = r.futures.filter((f) => f.runOut[r.clusters.indexOf(c)]![x.resource] !== null).length;
        expect(x.probability).toBeCloseTo(ran / 6, 4);
      }
      // 4 days of history: growth is not fitted (the final method needs 14), the futures keep the workloads' own.
      expect(c.growth).toMatchObject({ method: 'workload', fitted: null, refusal: { moreDays: 10 } });
    }
    expect(r.futures.every((f) => f.growthPct.every((g) => g === null))).toBe(true);
  }, 240_000);

  it('shards 1/2 + 2/2 merged give byte-identical JSON to the unsharded run; bad shard sets are refused', async () => {
    await sweep(['--shard', '1/2', '--workers', '1'], 's1.json');
    await sweep(['--shard', '2/2', '--workers', '1'], 's2.json');
    const s1 = JSON.parse(readFileSync(join(dir, 's1.json'), 'utf8')) as SweepResult;
    expect(s1.shard).toEqual({ index: 1, count: 2 });
    expect(s1.futures.map((f) => f.index)).toEqual([0, 2, 4]);
    const o = io();
    expect(
      await runCli(
        ['capacity', 'sweep', 'merge', 's2.json', 's1.json', '--json', '--out', 'merged.json'],
        o,
        commands,
      ),
    ).toBe(0);
    expect(readFileSync(join(dir, 'merged.json'), 'utf8')).toBe(whole);

    const missing = io();
    expect(await runCli(['capacity', 'sweep', 'merge', 's1.json'], missing, commands)).toBe(1);
    expect(missing.errors()).toContain('shards missing: 2/2');
    const twice = io();
    expect(await runCli(['capacity', 'sweep', 'merge', 's1.json', 's1.json'], twice, commands)).toBe(1);
    expect(twice.errors()).toContain('repeats shard 1/2');
    const other = JSON.parse(readFileSync(join(dir, 's2.json'), 'utf8')) as SweepResult;
    other.options.seed = 8;
    writeFileSync(join(dir, 'other.json'), JSON.stringify(other));
    const mixed = io();
    expect(await runCli(['capacity', 'sweep', 'merge', 's1.json', 'other.json'], mixed, commands)).toBe(1);
    expect(mixed.errors()).toContain('belongs to another sweep');
    // A file of the former format (growth fitted without the history rule) is refused, not merged.
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ ...other, version: 1 }));
    const old = io();
    expect(await runCli(['capacity', 'sweep', 'merge', 's1.json', 'old.json'], old, commands)).toBe(1);
    expect(old.errors()).toContain('old.json was written by another version of vdc (sweep format version 1');
    const text = io();
    expect(await runCli(['capacity', 'sweep', 'merge', 's1.json', 's2.json'], text, commands)).toBe(0);
    expect(text.text()).toMatch(/N\+1 holds at the horizon in \d+ % of futures/);
  }, 240_000);

  it('refuses bad usage with a clear message', async () => {
    const o = io();
    expect(
      await runCli(
        ['capacity', 'sweep', '--workspace', 'lab.vdc', '--runs', '4', '--shard', '3/2'],
        o,
        commands,
      ),
    ).toBe(2);
    expect(o.errors()).toContain('--shard must look like 2/8');
    const p = io();
    expect(await runCli(['capacity', 'sweep', '--workspace', 'lab.vdc'], p, commands)).toBe(2);
    expect(p.errors()).toContain('--runs N is required');
  });
});
