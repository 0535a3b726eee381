import { describe, expect, it } from 'vitest';
import { dayOfWeek, hourOfDay, parseIsoMs } from './time';

describe('time', () => {
  it('parses ISO dates like the platform Date does', () => {
    for (const iso of ['2026-01-05T00:00:00Z', '2024-02-29T13:45:10.250Z', '1999-12-31T23:59:59+02:00', '2026-07-01']) {
      expect(parseIsoMs(iso)).toBe(new globalThis.Date(iso.length === 10 ? iso + 'T00:00:00Z' : iso).getTime());
    }
  });
  it('rejects malformed text', () => {
    expect(parseIsoMs('yesterday')).toBeNull();
    expect(parseIsoMs('2026-13-01')).toBeNull();
  });
  it('knows the weekday and hour', () => {
    const monday = parseIsoMs('2026-01-05T10:30:00Z') as number;
    expect(dayOfWeek(monday, 0)).toBe(0);
    expect(dayOfWeek(monday + 6 * 86400000, 0)).toBe(6);
    expect(hourOfDay(monday, 0)).toBeCloseTo(10.5);
    expect(hourOfDay(monday, -12)).toBeCloseTo(22.5);
  });
});
