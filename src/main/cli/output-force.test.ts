/**
 * Every file a `vdc` command writes follows one rule: an existing file is replaced only with --force, and
 * without it the command says which file, exits 1 and leaves the file as it was (cli/output-file.ts).
 * One case per command family; `report` and `export` are covered in commands/capacity.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinScenario } from '../engine';
import { recorded } from '../service/capacity/testing';
import type { CliIO } from './command';
import { emitOutput } from './output';
import { OutputExistsError, writeOutputFile } from './output-file';
import { commands } from './registry';
import { runCli } from './run';

let dir = '';
let hostId = '';

function capture(): CliIO & { text: () => string; errors: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    isTTY: false,
    cwd: dir,
    text: () => out.join('\n'),
    errors: () => err.join('\n'),
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-force-'));
  const { engine, ws } = recorded(dir, builtinScenario('small-lab')!, {
    tickSeconds: 300,
    days: 1,
    name: 'lab',
  });
  hostId = engine.scenario.hosts[0]!.id;
  ws.close();
  // A tiny PlanetLab-style workload: 4 traces of 288 CPU percentages.
  mkdirSync(join(dir, 'workload'));
  for (let v = 0; v < 4; v++)
    writeFileSync(
      join(dir, 'workload', `vm-${v}`),
      Array.from({ length: 288 }, (_, i) => String((v * 7 + i * 3) % 60)).join('\n') + '\n',
    );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * `args` writes `file` (relative to the test folder): with the file already there, the command refuses
 * and keeps it; with --force it replaces it (exit code `forcedExit`).
 */
async function refusesThenForces(args: string[], file: string, forcedExit = 0): Promise<void> {
  const path = join(dir, file);
  writeFileSync(path, 'mine');
  const refused = capture();
  expect(await runCli(args, refused, commands), refused.errors()).toBe(1);
  expect(refused.errors()).toContain(`${path} already exists; pass --force to replace it.`);
  expect(readFileSync(path, 'utf8')).toBe('mine');
  const forced = capture();
  expect(await runCli([...args, '--force'], forced, commands), forced.errors()).toBe(forcedExit);
  expect(readFileSync(path, 'utf8')).not.toBe('mine');
  expect(forced.text()).toMatch(/^wrote /im);
}

/** A long command refuses before it starts working (no need for valid inputs to see the refusal). */
async function refusesEarly(args: string[], file: string): Promise<void> {
  const path = join(dir, file);
  writeFileSync(path, 'mine');
  const refused = capture();
  expect(await runCli(args, refused, commands), refused.errors()).toBe(1);
  expect(refused.errors()).toContain(`${path} already exists; pass --force to replace it.`);
  expect(readFileSync(path, 'utf8')).toBe('mine');
}

describe('no vdc command replaces an existing output file without --force', () => {
  it('scenarios (the list, and an exported scenario)', async () => {
    await refusesThenForces(['scenarios', '--out', 'list.txt'], 'list.txt');
    await refusesThenForces(['scenarios', '--export', 'small-lab', '--out', 'lab.json'], 'lab.json');
    expect(JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8'))).toHaveProperty('hosts');
  });

  it('simulate --out (refused before the run, not after it)', async () => {
    await refusesThenForces(
      ['simulate', '--scenario', 'small-lab', '--duration', '1h', '--json', '--out', 'sum.json'],
      'sum.json',
    );
    await refusesEarly(
      ['simulate', '--scenario', 'no-such-scenario', '--duration', '1h', '--out', 'sum.json'],
      'sum.json',
    );
  });

  it('history --out', async () => {
    await refusesThenForces(
      [
        'history',
        '--workspace',
        'lab.vdc',
        '--entity',
        hostId,
        '--metric',
        'cpu.usage.mhz',
        '--csv',
        '--out',
        'h.csv',
      ],
      'h.csv',
    );
    expect(readFileSync(join(dir, 'h.csv'), 'utf8')).toMatch(/^timeSec,date,/);
  });

  it('workspace info --out', async () => {
    await refusesThenForces(['workspace', 'info', '--workspace', 'lab.vdc', '--out', 'info.txt'], 'info.txt');
  });

  it('capacity --out FILE, and --csv --out DIR (one existing table file stops every write)', async () => {
    await refusesThenForces(
      ['capacity', '--workspace', 'lab.vdc', '--show', 'allocation', '--json', '--out', 'cap.json'],
      'cap.json',
    );
    mkdirSync(join(dir, 'tables'));
    const args = ['capacity', '--workspace', 'lab.vdc', '--show', 'allocation,demand', '--csv'];
    await refusesThenForces([...args, '--out', 'tables'], join('tables', 'capacity-demand.csv'));
    expect(readFileSync(join(dir, 'tables', 'capacity-allocation.csv'), 'utf8')).toContain(',');
    // Refused: the allocation table was not written either.
    rmSync(join(dir, 'tables', 'capacity-allocation.csv'));
    writeFileSync(join(dir, 'tables', 'capacity-demand.csv'), 'mine');
    const refused = capture();
    expect(await runCli([...args, '--out', 'tables'], refused, commands)).toBe(1);
    expect(readFileSync(join(dir, 'tables', 'capacity-demand.csv'), 'utf8')).toBe('mine');
    expect(() => readFileSync(join(dir, 'tables', 'capacity-allocation.csv'))).toThrow(/ENOENT/);
  });

  it('place, import --template, storyline run, consolidate', async () => {
    await refusesThenForces(
      ['place', '--scenario', 'small-lab', '--vm-spec', '{"vcpus":2,"memMiB":2048}', '--out', 'p.txt'],
      'p.txt',
    );
    await refusesThenForces(['import', '--template', '--out', 'template.csv'], 'template.csv');
    await refusesThenForces(['storyline', 'run', 'host-failure', '--out', 'story.txt'], 'story.txt');
    await refusesThenForces(
      ['consolidate', '--workload', 'workload', '--policy', 'thr-mmt', '--param', '0.8', '--out', 'c.txt'],
      'c.txt',
    );
  });

  it('the long analyses refuse before they start: capacity backtest, capacity sweep, lab check', async () => {
    await refusesEarly(['capacity', 'backtest', '--scenario', 'growth', '--out', 'bt.json'], 'bt.json');
    await refusesEarly(
      ['capacity', 'sweep', '--workspace', 'lab.vdc', '--runs', '2', '--out', 'sweep.json'],
      'sweep.json',
    );
    await refusesEarly(['lab', 'check', '--workspace', 'lab.vdc', '--out', 'grade.txt'], 'grade.txt');
  });

  it('every command that takes --out documents --force in its --help', async () => {
    const missing: string[] = [];
    for (const entry of commands) {
      const c = await entry.load();
      if (c.usage.includes('--out') && !/^ {2}--force +\S/m.test(c.usage)) missing.push(c.name);
    }
    expect(missing).toEqual([]);
  });
});

describe('the one writer', () => {
  it('creates the file exclusively without --force, names it, and creates the parent folder', () => {
    const path = join(dir, 'deep', 'er', 'x.txt');
    writeOutputFile(path, 'a', false);
    expect(readFileSync(path, 'utf8')).toBe('a');
    expect(() => writeOutputFile(path, 'b', false)).toThrow(OutputExistsError);
    expect(() => writeOutputFile(path, 'b', false)).toThrow(`${path} already exists`);
    writeOutputFile(path, 'b', true);
    expect(readFileSync(path, 'utf8')).toBe('b');
  });

  it('emitOutput: an unwritable path is exit 1 naming the file and the error code', () => {
    writeFileSync(join(dir, 'plain'), 'x');
    const c = capture();
    expect(emitOutput(c, 'x', { out: 'plain/r.json' }, 'x')).toBe(1);
    expect(c.errors()).toMatch(`vdc x: cannot write ${join(dir, 'plain/r.json')}: E`);
  });
});
