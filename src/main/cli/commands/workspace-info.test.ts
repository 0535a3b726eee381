import nodePath from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command';
import { Workspace } from '../../store';
import { fleet, makeTick, removeTempDirs, tempDir, testInit } from '../../store/testing/synth';
import { formatDuration } from '../../../shared/duration';
import { formatBytes, workspaceInfoCommand } from './workspace-info';

afterAll(removeTempDirs);

function io(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false, cwd: '/' };
}

describe('vdc workspace info', () => {
  const file = nodePath.join(tempDir(), 'i.vdc');
  const r = Workspace.create(file, testInit({ name: 'Info lab' }));
  if (!r.ok) throw new Error(r.error.message);
  const f = fleet(2, 3);
  for (let k = 1; k <= 200; k++) r.value.appendTick(makeTick(k, 20, f)); // 4000 s
  r.value.close();

  it('prints tables with rows and the span of every level', async () => {
    const o = io();
    expect(await workspaceInfoCommand.run(['--workspace', file, '--check'], o)).toBe(0);
    const text = o.stdout.join('\n');
    expect(text).toMatch(/^Info lab/);
    expect(text).toMatch(/last tick 200, simulated time 0\.\.4000 s/);
    expect(text).toMatch(/integrity check ok/);
    expect(text).toMatch(/^entities +5 /m);
    // realtime keeps 1 h: ticks 21..200 (t 420..4000) × 5 entities
    expect(text).toMatch(/^realtime +20 s +1 h +900 +420\.\.4000 s$/m);
    // 5-min rollups: buckets 300..3900 × 5 entities
    expect(text).toMatch(/^rollup +5 min +1 d +65 +300\.\.3900 s$/m);
    expect(text).toMatch(/^rollup +1 d +365 d +0 +\(empty\)$/m);
  });

  it('--json has the same figures', async () => {
    const o = io();
    expect(await workspaceInfoCommand.run(['--workspace', file, '--json'], o)).toBe(0);
    const j = JSON.parse(o.stdout.join('')) as {
      meta: { name: string; lastTick: number };
      perLevel: { rows: number }[];
    };
    expect(j.meta).toMatchObject({ name: 'Info lab', lastTick: 200 });
    expect(j.perLevel.map((l) => l.rows)).toEqual([900, 65, 10, 0, 0]);
  });

  it('refuses a file that is not a workspace with exit code 1', async () => {
    const o = io();
    expect(await workspaceInfoCommand.run(['--workspace', __filename], o)).toBe(1);
    expect(o.stderr.join('')).toMatch(/not a VDC Studio workspace/);
  });

  it('formats durations and sizes', () => {
    expect([20, 300, 7200, 86_400 * 30].map(formatDuration)).toEqual(['20 s', '5 min', '2 h', '30 d']);
    expect([512, 4096, 5 * 2 ** 20, 3 * 2 ** 30].map(formatBytes)).toEqual([
      '512 B',
      '4 KiB',
      '5.0 MiB',
      '3.00 GiB',
    ]);
  });
});
