import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadWorkloadFolder,
  MAX_TRACE_FILE_BYTES,
  readWorkloadFolder,
  WorkloadError,
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

  it('readWorkloadFolder throws WorkloadError with the same message', () => {
    expect(() => readWorkloadFolder(join(dir, 'nope'))).toThrow(WorkloadError);
    expect(() => readWorkloadFolder(join(dir, 'nope'))).toThrow(
      `workload folder ${join(dir, 'nope')} does not exist`,
    );
  });
});
