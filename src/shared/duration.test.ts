import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  const cases: [text: string, sec: number | null][] = [
    ['90', 90],
    ['90s', 90],
    ['30m', 1800],
    ['2h', 7200],
    ['1.5h', 5400],
    ['24h', 86_400],
    ['7d', 604_800],
    ['30d', 2_592_000],
    ['1w', 604_800],
    ['2w', 1_209_600],
    [' 2 h ', 7200],
    ['0', 0],
    ['2x', null],
    ['-2h', null],
    ['h', null],
    ['', null],
    ['1e3', null],
    ['2hh', null],
  ];
  it.each(cases)('%j → %s', (text, sec) => expect(parseDuration(text)).toBe(sec));
});

describe('formatDuration', () => {
  const cases: [sec: number, text: string][] = [
    [0, '0 s'],
    [20, '20 s'],
    [44.6, '45 s'],
    [60, '1 min'],
    [200, '3 min 20 s'],
    [300, '5 min'],
    [1800, '30 min'],
    [3600, '1 h'],
    [7200, '2 h'],
    [7500, '2 h 5 min'],
    [86_400, '1 d'],
    [2_592_000, '30 d'],
    [273_600, '3 d 4 h'],
    [31_536_000, '365 d'],
    [-90, '-1 min 30 s'],
    [Number.NaN, '—'],
  ];
  it.each(cases)('%s → %s', (sec, text) => expect(formatDuration(sec)).toBe(text));
});
