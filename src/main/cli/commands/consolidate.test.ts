import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsolidation, type ConsolidationResult } from '../../engine/consolidation';
import type { CliIO } from '../command';
import { runCli } from '../run';
import { consolidateCommand, readWorkloadFolder } from './consolidate';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const planetlab = resolve(repoRoot, '..', 'shared', 'data', 'planetlab');
const hasPlanetLab = existsSync(join(planetlab, '20110303'));
if (!hasPlanetLab)
  console.warn(`SKIPPED: [consolidate] ${planetlab} not found: skipping the PlanetLab calibration tests`);

function capture(cwd: string): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, cwd }, out, err };
}

const vdc = (argv: string[], cwd: string) => {
  const c = capture(cwd);
  return runCli(['consolidate', ...argv], c.io, [consolidateCommand]).then((code) => ({
    code,
    out: c.out.join('\n'),
    err: c.err.join('\n'),
  }));
};

const traceText = (f: (i: number) => number): string =>
  Array.from({ length: 288 }, (_, i) => String(f(i))).join('\n') + '\n';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-consolidate-'));
  const w = join(dir, 'day');
  mkdirSync(w);
  for (let v = 0; v < 10; v++)
    writeFileSync(
      join(w, `vm-${v}`),
      traceText((i) => (v * 7 + i * 3) % 60),
    );
  writeFileSync(join(w, '.hidden'), 'not a trace');
  mkdirSync(join(dir, 'empty'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function badFolder(name: string, content: string): string {
  const w = join(dir, name);
  mkdirSync(w);
  writeFileSync(
    join(w, 'good'),
    traceText(() => 5),
  );
  writeFileSync(join(w, 'trace-x'), content);
  return w;
}

describe('vdc consolidate on a small synthetic workload', () => {
  it('writes exactly the published fields as JSON and prints a summary', async () => {
    const r = await vdc(['--workload', 'day', '--policy', 'lr-mmt', '--json', '--out', 'out.json'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`wrote the result to ${join(dir, 'out.json')}`);
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as Record<string, number>;
    expect(Object.keys(json)).toEqual([
      'hosts',
      'vms',
      'energyKWh',
      'migrations',
      'slatah',
      'pdm',
      'slav',
      'esv',
      'hostShutdowns',
      'simulatedSeconds',
      'wallSeconds',
    ]);
    expect(json.hosts).toBe(800);
    expect(json.vms).toBe(10); // the hidden file is not a trace
    expect(json.simulatedSeconds).toBe(86_400);
    expect(json.slav).toBeCloseTo((json.slatah as number) * (json.pdm as number), 15);
    expect(json.slatah).toBeLessThanOrEqual(1);
    // Without --out the same JSON is printed; without --json, the text summary.
    const printed = await vdc(['--workload', 'day', '--policy', 'lr-mmt', '--json'], dir);
    expect({ ...JSON.parse(printed.out), wallSeconds: 0 }).toEqual({ ...json, wallSeconds: 0 });
    const text = await vdc(['--workload', 'day', '--policy', 'lr-mmt'], dir);
    expect(text.out).toContain('lr-mmt 1.2');
    expect(text.out).toContain('kWh');
  });

  it('accepts --param, --seed and --native', async () => {
    const r = await vdc(
      ['--workload', join(dir, 'day'), '--policy', 'thr-rs', '--param', '0.6', '--seed', '9', '--native'],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('thr-rs 0.6 (native semantics)');
  });
});

describe('vdc consolidate bad input', () => {
  it('missing or empty folder: exit 1 naming the folder', async () => {
    const missing = await vdc(['--workload', 'nope', '--policy', 'npa'], dir);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`workload folder ${join(dir, 'nope')} does not exist`);
    const empty = await vdc(['--workload', 'empty', '--policy', 'npa'], dir);
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('contains no trace files');
  });

  it('wrong line count: exit 1 naming the file', async () => {
    const w = badFolder(
      'short',
      traceText(() => 1)
        .split('\n')
        .slice(0, 287)
        .join('\n') + '\n',
    );
    const r = await vdc(['--workload', w, '--policy', 'dvfs'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join(w, 'trace-x')}: expected 288 lines`);
    expect(r.err).toContain('found 287');
  });

  it('a non-number or an out-of-range value: exit 1 naming file and line', async () => {
    const nan = badFolder('nan', traceText((i) => (i === 16 ? Number.NaN : 3)).replace('NaN', 'abc'));
    const r1 = await vdc(['--workload', nan, '--policy', 'dvfs'], dir);
    expect(r1.code).toBe(1);
    expect(r1.err).toContain(
      `${join(nan, 'trace-x')} line 17, column 1: expected an integer percentage from 0 to 100, found a letter`,
    );
    expect(r1.err).not.toContain('abc');
    const high = badFolder(
      'high',
      traceText((i) => (i === 2 ? 150 : 3)),
    );
    const r2 = await vdc(['--workload', high, '--policy', 'dvfs'], dir);
    expect(r2.code).toBe(1);
    expect(r2.err).toContain(
      `${join(high, 'trace-x')} line 3: expected an integer percentage from 0 to 100, found a number above 100`,
    );
  });

  it('unknown policy or out-of-range parameter: usage error (exit 2) listing the valid values', async () => {
    const p = await vdc(['--workload', 'day', '--policy', 'best-fit'], dir);
    expect(p.code).toBe(2);
    expect(p.err).toContain('valid policies: npa, dvfs, thr-mmt');
    const x = await vdc(['--workload', 'day', '--policy', 'mad-mmt', '--param', '-1'], dir);
    expect(x.code).toBe(2);
    expect(x.err).toContain('mad: safety parameter');
    const n = await vdc(['--workload', 'day', '--policy', 'dvfs', '--param', '0.5'], dir);
    expect(n.code).toBe(2);
    const missing = await vdc(['--policy', 'dvfs'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--workload DIR is required');
  });
});

describe.skipIf(!hasPlanetLab)(
  `PlanetLab calibration (CloudSim 3.0.3 semantics, sorted files)${hasPlanetLab ? '' : ' [SKIPPED: ../shared/data/planetlab is absent]'}`,
  () => {
    const day = (d: string) => readWorkloadFolder(join(planetlab, d));
    const run = (traces: ReturnType<typeof day>, policy: string): ConsolidationResult => {
      const r = runConsolidation(traces, { policy });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    let traces0303: ReturnType<typeof day> = [];
    beforeAll(() => {
      traces0303 = day('20110303');
    });

    it('NPA = 2,410.8028 kWh for any day (400 x 117 W + 400 x 135 W over 86,100.1 s)', () => {
      expect(run(traces0303, 'npa').energyKWh.toFixed(4)).toBe('2410.8028');
      expect(run(day('20110306'), 'npa').energyKWh.toFixed(4)).toBe('2410.8028');
    });

    it('DVFS on 20110303 = 802.754 kWh with 520 of 1,052 VMs alive at the end', () => {
      const r = run(traces0303, 'dvfs');
      expect(r.energyKWh.toFixed(3)).toBe('802.754');
      expect(r.vms).toBe(1052);
      expect(r.vmsRunningAtEnd).toBe(520);
      expect(r.migrations).toBe(0);
    });

    it('published ordering on 20110303: NPA >> DVFS > the migration policies', () => {
      const npa = run(traces0303, 'npa').energyKWh;
      const dvfs = run(traces0303, 'dvfs').energyKWh;
      expect(npa).toBeGreaterThan(2 * dvfs);
      for (const policy of ['thr-mmt', 'lr-mmt']) {
        const r = run(traces0303, policy);
        expect(r.energyKWh, policy).toBeLessThan(dvfs / 2);
        expect(r.migrations, policy).toBeGreaterThan(1000);
        expect(r.slav, policy).toBeGreaterThan(0);
        expect(r.vmsRunningAtEnd, policy).toBe(520);
      }
    }, 300_000); // two full-day runs: ~2 s each unloaded; generous for a shared machine
  },
);
