import fs from 'node:fs';
import nodePath from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from '../command';
import { Workspace } from '../../store';
import { fleet, makeTick, meanOf, removeTempDirs, tempDir, testInit } from '../../store/testing/synth';
import { parseDuration } from '../../../shared/duration';
import { historyCommand, parseTimeArg } from './history';

afterAll(removeTempDirs);

function io(cwd: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false, cwd };
}

/** 2 hours of history (360 ticks); host 1 metric 0 at tick k is 100 + k. */
function workspace(): { dir: string; file: string } {
  const dir = tempDir();
  const file = nodePath.join(dir, 'h.vdc');
  const r = Workspace.create(file, testInit({ startEpochMs: Date.UTC(2026, 0, 1) }));
  if (!r.ok) throw new Error(r.error.message);
  const f = fleet(2, 3);
  for (let k = 1; k <= 360; k++) r.value.appendTick(makeTick(k, 20, f));
  r.value.registerEntities([{ id: 'host-1', kind: 'host', name: 'esx-02', parentId: null }]);
  r.value.close();
  return { dir, file };
}

describe('time arguments', () => {
  it('parses seconds, durations, start/end and end-relative times', () => {
    expect([
      parseDuration('90'),
      parseDuration('90s'),
      parseDuration('30m'),
      parseDuration('2h'),
      parseDuration('30d'),
      parseDuration('1w'),
    ]).toEqual([90, 90, 1800, 7200, 2_592_000, 604_800]);
    expect(parseDuration('2x')).toBeNull();
    expect([
      parseTimeArg('start', 7200),
      parseTimeArg('end', 7200),
      parseTimeArg('end-1h', 7200),
      parseTimeArg('-30m', 7200),
      parseTimeArg('1h', 7200),
    ]).toEqual([0, 7200, 3600, 5400, 3600]);
    expect(parseTimeArg('-3h', 7200)).toBe(0);
    expect(parseTimeArg('yesterday', 7200)).toBeNull();
  });
});

describe('vdc history', () => {
  const { dir, file } = workspace();

  it('writes CSV with one column per entity × metric (entity by id or by name)', async () => {
    const o = io(dir);
    const code = await historyCommand.run(
      [
        '--workspace',
        'h.vdc',
        '--entity',
        'esx-02',
        '--entity',
        'vm-0',
        '--metric',
        'cpu.usageMHz',
        '--from',
        '7160',
        '--to',
        'end',
        '--csv',
      ],
      o,
    );
    expect(code).toBe(0);
    expect(o.stdout.join('\n')).toBe(
      [
        'timeSec,date,host-1 cpu.usageMHz,vm-0 cpu.usageMHz',
        '7160,2026-01-01T01:59:20.000Z,458,358',
        '7180,2026-01-01T01:59:40.000Z,459,359',
        '7200,2026-01-01T02:00:00.000Z,460,360',
      ].join('\r\n'),
    );
  });

  it('prints the same points as JSON with --json; --json and --csv together are bad usage', async () => {
    const o = io(dir);
    const args = [
      '--workspace',
      'h.vdc',
      '--entity',
      'vm-0',
      '--metric',
      'cpu.usageMHz',
      '--from',
      '7160',
      '--to',
      'end',
    ];
    expect(await historyCommand.run([...args, '--json'], o)).toBe(0);
    expect(JSON.parse(o.stdout.join('\n'))).toEqual({
      resolutionSec: 20,
      from: 7160,
      to: 7200,
      stat: 'avg',
      series: [
        {
          entityId: 'vm-0',
          metric: 'cpu.usageMHz',
          points: [
            [7160, 358],
            [7180, 359],
            [7200, 360],
          ],
        },
      ],
    });
    await expect(historyCommand.run([...args, '--json', '--csv'], io(dir))).rejects.toThrow(
      /--json or --csv, not both/,
    );
  });

  it('chooses a rollup for a long range and prints a table by default', async () => {
    const o = io(dir);
    expect(
      await historyCommand.run(
        [
          '--workspace',
          file,
          '--entity',
          'host-1',
          '--metric',
          'cpu.usageMHz',
          '--from',
          'start',
          '--to',
          '2h',
          '--max-points',
          '30',
        ],
        o,
      ),
    ).toBe(0);
    const text = o.stdout.join('\n');
    // 5-min buckets: the first holds ticks 1..15
    expect(text).toMatch(new RegExp(`^300 +2026-01-01T00:05:00.000Z +${100 + meanOf(1, 15)}$`, 'm'));
    expect(text).toMatch(/24 point\(s\) at 300 s resolution, 0\.\.7200 s/);
  });

  it('--stat max and --out FILE', async () => {
    const o = io(dir);
    expect(
      await historyCommand.run(
        [
          '--workspace',
          file,
          '--entity',
          'host-1',
          '--metric',
          'cpu.usageMHz',
          '--from',
          '0',
          '--to',
          '1800',
          '--stat',
          'max',
          '--max-points',
          '2',
          '--csv',
          '--out',
          'max.csv',
        ],
        o,
      ),
    ).toBe(0);
    expect(fs.readFileSync(nodePath.join(dir, 'max.csv'), 'utf8')).toBe(
      'timeSec,date,host-1 cpu.usageMHz (max)\r\n1800,2026-01-01T00:30:00.000Z,190\r\n',
    );
  });

  it('reports unknown entities, metrics and files with exit code 1', async () => {
    const cases = [
      ['--workspace', file, '--entity', 'vm-42', '--metric', 'cpu.usageMHz'],
      ['--workspace', file, '--entity', 'vm-1', '--metric', 'nope'],
      ['--workspace', nodePath.join(dir, 'missing.vdc'), '--entity', 'vm-1', '--metric', 'cpu.usageMHz'],
    ];
    const messages: string[] = [];
    for (const args of cases) {
      const o = io(dir);
      expect(await historyCommand.run(args, o)).toBe(1);
      messages.push(o.stderr.join(' '));
    }
    expect(messages[0]).toMatch(/no entity "vm-42"/);
    expect(messages[1]).toMatch(/no metric "nope"/);
    expect(messages[2]).toMatch(/does not exist/);
  });

  it('rejects bad usage', async () => {
    await expect(historyCommand.run(['--entity', 'vm-1', '--metric', 'x'], io(dir))).rejects.toThrow(
      UsageError,
    );
    await expect(
      historyCommand.run(
        ['--workspace', file, '--entity', 'vm-1', '--metric', 'cpu.usageMHz', '--from', 'soon'],
        io(dir),
      ),
    ).rejects.toThrow(/not a time/);
    await expect(
      historyCommand.run(
        ['--workspace', file, '--entity', 'vm-1', '--metric', 'cpu.usageMHz', '--stat', 'p95'],
        io(dir),
      ),
    ).rejects.toThrow(/avg or max/);
  });
});
