import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadWorkloadFolder,
  MAX_TRACE_FILE_BYTES,
  readWorkloadFolder,
  WORKLOAD_LIMITS,
  WorkloadError,
  workloadResult,
} from './workload-folder';

let dir: string;
const day = (v: number) => `${Array.from({ length: 288 }, () => v).join('\n')}\n`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-wl-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadWorkloadFolder', () => {
  it('takes files in byte order of their names, skips dot files and sub-folders', () => {
    writeFileSync(join(dir, 'b'), day(2));
    writeFileSync(join(dir, 'B'), day(1));
    writeFileSync(join(dir, 'a'), day(3));
    writeFileSync(join(dir, '.DS_Store'), 'x');
    mkdirSync(join(dir, 'sub'));
    const r = loadWorkloadFolder(dir);
    if (!r.ok) throw new Error(r.problem.message);
    // "B" (0x42) sorts before "a" (0x61) and "b".
    expect(r.traces.map((t) => [t.name, t.samples[0]])).toEqual([
      ['B', 1],
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('refuses a file too large to be a trace without reading it, and a dangling link, naming the file', () => {
    writeFileSync(join(dir, 'a'), day(1));
    writeFileSync(join(dir, 'huge'), 'x'.repeat(MAX_TRACE_FILE_BYTES + 1));
    const big = loadWorkloadFolder(dir);
    expect(big.ok).toBe(false);
    if (!big.ok)
      expect(big.problem).toMatchObject({ code: 'INVALID_ARGUMENT', details: { file: join(dir, 'huge') } });
    rmSync(join(dir, 'huge'));
    symlinkSync(join(dir, 'gone'), join(dir, 'link'));
    const link = loadWorkloadFolder(dir);
    expect(link.ok).toBe(false);
    if (!link.ok) expect(link.problem.message).toBe(`${join(dir, 'link')} cannot be read (ENOENT)`);
  });

  it('an arbitrary file is refused naming file, line and column, never echoing its text', () => {
    writeFileSync(join(dir, 'a'), day(1));
    // Not a trace: e.g. a credentials file in a folder a client named (288 lines, so the count passes).
    const secret = ['[default]', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG', ...Array(286).fill('x')];
    writeFileSync(join(dir, 'credentials'), `${secret.join('\n')}\n`);
    const r = workloadResult(loadWorkloadFolder(dir));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual({
      code: 'INVALID_ARGUMENT',
      message: `Cannot use the workload: ${join(dir, 'credentials')} line 1, column 1: expected an integer percentage from 0 to 100, found a character that is not a digit.`,
      details: { file: join(dir, 'credentials'), line: 1, column: 1 },
    });
    expect(r.error.message).not.toMatch(/default|aws|wJalr/);
  });

  it('bounds what it reads: folder entries, trace files and bytes, each with a clear error', () => {
    for (let i = 0; i < 6; i++) writeFileSync(join(dir, `vm-${i}`), day(i));
    writeFileSync(join(dir, '.hidden'), 'x');
    const limits = { ...WORKLOAD_LIMITS };
    expect(loadWorkloadFolder(dir, limits).ok).toBe(true);
    const entries = loadWorkloadFolder(dir, { ...limits, entries: 6 });
    expect(entries).toEqual({
      ok: false,
      problem: {
        code: 'PAYLOAD_TOO_LARGE',
        message: `workload folder ${dir} has more than 6 entries; a workload is one trace file per VM (at most ${limits.files})`,
        details: { dir },
      },
    });
    const files = loadWorkloadFolder(dir, { ...limits, files: 5 });
    expect(!files.ok && files.problem).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: `workload folder ${dir} has 6 files; a workload is at most 5 trace files (one per VM)`,
    });
    // Each trace is 288 × 2 bytes: the budget of 5 traces stops at the 6th file, before reading it.
    const bytes = loadWorkloadFolder(dir, { ...limits, bytes: 5 * 576 + 100 });
    expect(!bytes.ok && bytes.problem).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { file: join(dir, 'vm-5') },
    });
    expect(!bytes.ok && bytes.problem.message).toMatch(/^the workload is larger than 0\.00 MiB in all at /);
    // The real bounds: a PlanetLab day (up to 1,516 VMs of ~1 KiB) fits with room to spare.
    expect(WORKLOAD_LIMITS).toEqual({ entries: 8192, files: 4096, bytes: 16 * 2 ** 20 });
  });

  it('readWorkloadFolder throws WorkloadError with the same message', () => {
    expect(() => readWorkloadFolder(join(dir, 'nope'))).toThrow(WorkloadError);
    expect(() => readWorkloadFolder(join(dir, 'nope'))).toThrow(
      `workload folder ${join(dir, 'nope')} does not exist`,
    );
  });
});
