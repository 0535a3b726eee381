import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, parsePlanetLabTrace, builtinScenario, type Scenario } from '../../engine';
import { UsageError, type CliIO } from '../command';
import { runCli } from '../run';
import { scenariosCommand } from './scenarios';
import { loadScenario, parseDurationSec, simulateCommand } from './simulate';

const dir = mkdtempSync(path.join(tmpdir(), 'vdc-sim-'));
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

describe('vdc simulate', () => {
  it('parses durations', () => {
    expect(parseDurationSec('90s')).toBe(90);
    expect(parseDurationSec('30m')).toBe(1800);
    expect(parseDurationSec('24h')).toBe(86400);
    expect(parseDurationSec('7d')).toBe(604800);
    expect(() => parseDurationSec('soon')).toThrow(UsageError);
    expect(() => parseDurationSec('0h')).toThrow(UsageError);
    expect(() => parseDurationSec('367d')).toThrow(UsageError);
    expect(() => parseDurationSec('1x', '--after')).toThrow(/--after must look like/);
  });

  it('accepts weeks like `vdc history` does (one shared duration syntax)', () => {
    expect(parseDurationSec('2w')).toBe(1_209_600);
    expect(parseDurationSec('1 w')).toBe(604_800);
  });

  it('runs a built-in scenario and writes a JSON summary with --json --out FILE', async () => {
    const x = io();
    expect(
      await simulateCommand.run(
        ['--scenario', 'small-lab', '--duration', '2h', '--seed', '9', '--json', '--out', 'out.json'],
        x,
      ),
    ).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8'));
    expect(summary.ticks).toBe(360);
    expect(summary.seed).toBe(9);
    expect(summary.clusters[0].cpuAvgPct).toBeGreaterThan(0);
    expect(summary.runHash).toMatch(/^[0-9a-f]{16}$/);
    expect(x.outText).toEqual([`wrote the summary to ${path.join(dir, 'out.json')}`]);
  });

  it('prints the text summary by default and only JSON on stdout with --json', async () => {
    const text = io();
    expect(await simulateCommand.run(['--scenario', 'small-lab', '--duration', '30m'], text)).toBe(0);
    expect(text.outText.join('\n')).toContain('Lab Cluster');
    const json = io();
    expect(await simulateCommand.run(['--scenario', 'small-lab', '--duration', '30m', '--json'], json)).toBe(
      0,
    );
    expect(JSON.parse(json.outText.join('\n')).ticks).toBe(90);
    // The old spelling `--json FILE` is refused with a pointer to --out.
    const old = io();
    expect(await runCli(['simulate', '--json', 'x.json'], old, [simulateCommand])).toBe(2);
    expect(old.errText.join('\n')).toContain('add --out FILE');
  });

  it('exports a scenario and simulates the file the same way as the built-in', async () => {
    expect(await scenariosCommand.run(['--export', 'edge', '--out', 'edge.json'], io())).toBe(0);
    const a = io();
    const b = io();
    await simulateCommand.run(['--scenario', 'edge.json', '--duration', '30m', '--json'], a);
    await simulateCommand.run(['--scenario', 'edge', '--duration', '30m', '--json'], b);
    const ha = JSON.parse(a.outText.join('\n')).runHash;
    const hb = JSON.parse(b.outText.join('\n')).runHash;
    expect(ha).toBe(hb);
  });

  it('reports unreadable or invalid scenario files with exit code 1, bad arguments with 2', async () => {
    const x = io();
    expect(await simulateCommand.run(['--scenario', 'missing.json'], x)).toBe(1);
    expect(x.errText.join()).toContain('cannot be read');
    const bad = loadScenario('unknown-name', dir);
    expect(!bad.ok && bad.message).toContain('built-ins');
    const y = io();
    expect(await runCli(['simulate', '--duration', 'forever'], y, [simulateCommand])).toBe(2);
    expect(await runCli(['scenarios', '--bogus'], io(), [scenariosCommand])).toBe(2);
  });

  it('lists the built-in scenarios', async () => {
    const x = io();
    expect(await scenariosCommand.run([], x)).toBe(0);
    expect(x.outText.join('\n')).toMatch(/small-lab \*.*3 hosts/);
  });
});

const planetlabDay = path.resolve(__dirname, '../../../../..', 'shared', 'data', 'planetlab', '20110303');
const noPlanetLab = !existsSync(planetlabDay);
if (noPlanetLab)
  console.warn(
    `SKIPPED: PlanetLab trace test: ${planetlabDay} is absent (the ../shared folder beside the checkout)`,
  );

describe('PlanetLab traces drive a VM (real files from ../shared)', () => {
  it.skipIf(noPlanetLab)(
    `replays a real PlanetLab day through the trace workload${noPlanetLab ? ' [SKIPPED: ../shared/data/planetlab is absent]' : ''}`,
    () => {
      const day = planetlabDay;
      const file = readdirSync(day).sort()[0]!;
      const parsed = parsePlanetLabTrace('trace-pl', file, readFileSync(path.join(day, file), 'utf8'));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.value.cpuPct.length).toBe(288);
      const base = builtinScenario('small-lab')!;
      const s: Scenario = {
        ...base,
        traces: [...base.traces, parsed.value],
        vms: base.vms.map((v) =>
          v.id === 'vm-web-01'
            ? {
                ...v,
                workload: {
                  pattern: 'trace',
                  traceId: 'trace-pl',
                  cpuBasePct: 0,
                  cpuPeakPct: 100,
                  memActivePct: 30,
                  noisePct: 0,
                },
              }
            : v,
        ),
      };
      const e = createEngine(s);
      expect(e.ok).toBe(true);
      if (!e.ok) return;
      // At t = 0 the demand equals the first sample: pct × 2 vCPUs × 2400 MHz.
      e.value.step();
      expect(e.value.latest('vm-web-01')?.['cpu.demand.mhz']).toBeCloseTo(
        (parsed.value.cpuPct[0]! / 100) * 2 * 2400,
        6,
      );
      // 15 ticks later (300 s) it equals the second sample.
      for (let i = 0; i < 15; i++) e.value.step();
      expect(e.value.latest('vm-web-01')?.['cpu.demand.mhz']).toBeCloseTo(
        (parsed.value.cpuPct[1]! / 100) * 2 * 2400,
        6,
      );
    },
  );
});
