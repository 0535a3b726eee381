import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storylineRunCommand } from './storyline';
import { labCheckCommand } from './lab';
import { builtinStoryline } from '../../service/demo/builtin';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-cli-demo-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTTY: false, cwd: dir },
  };
}

describe('vdc storyline run', () => {
  it('runs a storyline file to its end, prints captions and writes events, captions, metrics and run hash', async () => {
    writeFileSync(join(dir, 'show.json'), JSON.stringify(builtinStoryline('host-failure')));
    const a = io();
    expect(await storylineRunCommand.run(['show.json', '--locale', 'zh-CN'], a.io)).toBe(0);
    expect(a.out.join('\n')).toContain('0:05:00  esx-ha-02 停止响应');
    const written = io();
    expect(await storylineRunCommand.run(['show.json', '--json', '--out', 'out.json'], written.io)).toBe(0);
    expect(written.out).toEqual([`wrote the run to ${join(dir, 'out.json')}`]);
    const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as {
      ticks: number;
      captions: { time: number; en: string }[];
      finalMetrics: Record<string, unknown>;
      runHash: string;
    };
    expect(out.ticks).toBe(120); // 2400 s / 20 s
    expect(out.captions.map((c) => c.time)).toEqual([0, 300, 420, 900, 1800]);
    expect(Object.keys(out.finalMetrics)).toEqual(['cluster-ha']);
    // a built-in id works too, and gives the same run
    const b = io();
    expect(await storylineRunCommand.run(['host-failure', '--json'], b.io)).toBe(0);
    expect((JSON.parse(b.out.join('\n')) as { runHash: string }).runHash).toBe(out.runHash);
  });

  it('refuses a bad file with the entry named and exit code 1, and bad usage with 2', async () => {
    const bad = builtinStoryline('consolidation')!;
    (bad.events[0] as { at: number }).at = 99_999;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const a = io();
    expect(await storylineRunCommand.run(['bad.json', '--json'], a.io)).toBe(1);
    expect(a.err.join('\n')).toContain('events[0] (caption at 99999 s): the time is after the end (3600 s)');
    const b = io();
    await expect(storylineRunCommand.run([], b.io)).rejects.toThrow(/exactly one storyline FILE/);
  });
});

describe('vdc lab check', () => {
  it('answers a clear error for a missing workspace and requires --workspace', async () => {
    const a = io();
    expect(await labCheckCommand.run(['--workspace', 'nope.vdc'], a.io)).toBe(1);
    expect(a.err.join('\n')).toContain('No workspace at');
    await expect(labCheckCommand.run([], io().io)).rejects.toThrow(/--workspace FILE is required/);
  });
});
