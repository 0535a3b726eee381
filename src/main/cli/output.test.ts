import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from './command';
import { emitOutput, noPositionals, outputFormat, outputHelp } from './output';

function capture(cwd: string): CliIO & { o: string[]; e: string[] } {
  const o: string[] = [];
  const e: string[] = [];
  return { o, e, out: (t) => o.push(t), err: (t) => e.push(t), isTTY: false, cwd };
}

describe('the output options, one meaning in every command', () => {
  it('--json and --csv choose the format and exclude each other', () => {
    expect(outputFormat({})).toBe('text');
    expect(outputFormat({ json: true })).toBe('json');
    expect(outputFormat({ csv: true })).toBe('csv');
    expect(() => outputFormat({ json: true, csv: true })).toThrow(UsageError);
  });

  it('the old `--json FILE` spelling gets a pointer to --out', () => {
    expect(() => noPositionals(['result.json'])).toThrow(/add --out FILE/);
    expect(() => noPositionals(['stray'])).toThrow(/unexpected argument "stray"$/);
    expect(() => noPositionals([])).not.toThrow();
  });

  it('prints to stdout, or writes the file and says so; an unwritable path is exit 1 naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vdc-output-'));
    try {
      const a = capture(dir);
      expect(emitOutput(a, 'x', {}, '{"a":1}\n')).toBe(0);
      expect(a.o).toEqual(['{"a":1}']);
      const b = capture(dir);
      expect(emitOutput(b, 'x', { out: 'r.json' }, '{"a":1}\n', 'the summary')).toBe(0);
      expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('{"a":1}\n');
      expect(b.o).toEqual([`wrote the summary to ${join(dir, 'r.json')}`]);
      const c = capture(dir);
      expect(emitOutput(c, 'x', { out: 'r.json/x.json' }, 'x')).toBe(1);
      expect(c.e[0]).toMatch(`vdc x: cannot write ${join(dir, 'r.json/x.json')}: E`);
      // An existing file is replaced only with --force.
      const d = capture(dir);
      expect(emitOutput(d, 'x', { out: 'r.json' }, 'new')).toBe(1);
      expect(d.e[0]).toBe(`vdc x: ${join(dir, 'r.json')} already exists; pass --force to replace it.`);
      expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('{"a":1}\n');
      expect(emitOutput(d, 'x', { out: 'r.json', force: true }, 'new')).toBe(0);
      expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('new\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('documents each option with the same words', () => {
    expect(outputHelp('json')).toBe('  --json         print the result as JSON instead of text');
    expect(outputHelp('out', 20)).toBe('  --out FILE        write the result to FILE instead of stdout');
  });
});
