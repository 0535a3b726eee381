import { describe, expect, it } from 'vitest';
import { progressEnabled, startProgress } from './progress';

function fakeStream(isTTY: boolean): { isTTY: boolean; text: string[]; write(t: string): boolean } {
  const text: string[] = [];
  return { isTTY, text, write: (t: string) => (text.push(t), true) };
}

function clock(): { now: () => number; advance(ms: number): void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

// A colour (SGR) sequence: ESC [ digits m.
const ESC = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);

describe('progress helper', () => {
  it('writes nothing when the stream is not a terminal (pipe, file, test capture)', () => {
    const s = fakeStream(false);
    const p = startProgress({ label: 'simulate', total: 10, stream: s, env: {} });
    for (let i = 0; i <= 10; i++) p.update(i);
    p.stage('writing');
    p.end();
    expect(s.text).toEqual([]);
    expect(progressEnabled(s, {})).toBe(false);
  });

  it('draws a coloured bar on a terminal, redrawn in place, throttled, and clears it at the end', () => {
    const s = fakeStream(true);
    const c = clock();
    const p = startProgress({ label: 'simulate', total: 100, stream: s, env: {}, now: c.now });
    p.update(10);
    p.update(20); // within 100 ms of the last draw: skipped
    c.advance(150);
    p.update(50);
    p.update(100); // 100 % is always drawn
    p.end();
    p.end();
    const lines = s.text;
    expect(lines).toHaveLength(4);
    for (const l of lines.slice(0, 3)) expect(l.startsWith('\r\x1b[2K')).toBe(true);
    expect(lines[0]).toMatch(ESC);
    expect(lines[0]).toContain(' 10 %');
    expect(lines[1]).toContain(' 50 %');
    expect(lines[2]).toContain('100 %');
    expect(lines[3]).toBe('\r\x1b[2K');
    expect(lines.join('')).not.toContain('\n');
  });

  it('honours NO_COLOR: the same bar without colour sequences', () => {
    const s = fakeStream(true);
    const p = startProgress({ label: 'report', total: 4, stream: s, env: { NO_COLOR: '1' } });
    p.update(2);
    p.stage('rendering the PDF');
    const all = s.text.join('');
    expect(all).not.toMatch(ESC);
    expect(all).toContain('report [############............]  50 %');
    expect(all).toContain('rendering the PDF');
  });

  it('an empty NO_COLOR keeps colours; TERM=dumb turns progress off', () => {
    const s = fakeStream(true);
    startProgress({ label: 'x', total: 0, stream: s, env: { NO_COLOR: '' } }).stage('reading');
    expect(s.text.join('')).toMatch(ESC);
    expect(progressEnabled(fakeStream(true), { TERM: 'dumb' })).toBe(false);
  });
});
