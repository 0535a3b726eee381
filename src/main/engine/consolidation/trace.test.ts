import { describe, expect, it } from 'vitest';
import { parseTraceText, traceFractions, utilisationAt } from './trace';

const text = (values: string[]): string => values.join('\n');
const day = (v: (i: number) => number): string[] => Array.from({ length: 288 }, (_, i) => String(v(i)));

describe('trace files', () => {
  it('reads 288 integer percentages; CRLF and trailing blank lines are fine', () => {
    const r = parseTraceText('f', text(day((i) => i % 101)).replace(/\n/g, '\r\n') + '\r\n\n');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value[100]).toBe(100);
  });

  it('names the file and the 1-based line of a bad value', () => {
    const lines = day(() => 5);
    lines[41] = '4.5';
    const r = parseTraceText('f', text(lines));
    expect(!r.ok && r.error.message).toBe(
      'f line 42, column 2: expected an integer percentage from 0 to 100, found a decimal separator (only whole numbers)',
    );
    lines[41] = '-1';
    const neg = parseTraceText('f', text(lines));
    expect(!neg.ok && neg.error.message).toBe(
      'f line 42: expected an integer percentage from 0 to 100, found a negative number',
    );
    const short = parseTraceText('f', text(day(() => 5).slice(0, 200)));
    expect(!short.ok && short.error.message).toContain('expected 288 lines');
  });

  it('never repeats what the file holds: the column and what was expected instead', () => {
    // A folder given to the API may hold any file (a key, a password list): its text is never echoed.
    const cases: [string, string][] = [
      ['password=hunter2', 'line 7, column 1: expected an integer percentage from 0 to 100, found a letter'],
      ['  42 secret', 'line 7, column 6: expected an integer percentage from 0 to 100, found a letter'],
      ['12 34', 'line 7, column 4: expected an integer percentage from 0 to 100, found a second number'],
      [
        '7%',
        'line 7, column 2: expected an integer percentage from 0 to 100, found a character that is not a digit',
      ],
      ['   ', 'line 7, column 1: expected an integer percentage from 0 to 100, found an empty line'],
      ['-', 'line 7, column 1: expected an integer percentage from 0 to 100, found a sign without digits'],
      ['31337', 'line 7: expected an integer percentage from 0 to 100, found a number above 100'],
    ];
    for (const [bad, message] of cases) {
      const lines = day(() => 5);
      lines[6] = bad;
      const r = parseTraceText('f', text(lines));
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.message).toBe(`f ${message}`);
      for (const word of bad.split(/[\s=%]+/).filter((w) => w.length > 1))
        expect(r.error.message).not.toContain(word);
      expect(r.error.details).toMatchObject({ file: 'f', line: 7 });
    }
  });

  it('interpolates between 5-minute samples and repeats the last sample (d[288] = d[287])', () => {
    const d = traceFractions(day((i) => (i === 1 ? 40 : i === 2 ? 10 : i === 287 ? 30 : 0)).map(Number));
    expect(utilisationAt(d, 300)).toBe(0.4);
    expect(utilisationAt(d, 450)).toBeCloseTo(0.25, 12);
    // at an update (300.1): essentially d[1], 0.1/300 of the way to d[2]
    expect(utilisationAt(d, 300.1)).toBeCloseTo(0.4 - 0.3 * (0.1 / 300), 12);
    expect(utilisationAt(d, 86_200)).toBeCloseTo(0.3, 12);
  });
});
