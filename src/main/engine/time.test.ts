import { describe, expect, it } from 'vitest';
import { dayOfWeek, hourOfDay, parseIsoMs } from './time';

describe('time', () => {
  it('parses ISO dates like the platform Date does', () => {
    // Hand-computed epoch values: 2026-01-05 is day 20458 since 1970-01-01.
    expect(parseIsoMs('2026-01-05T00:00:00Z')).toBe(20458 * 86400000);
    expect(parseIsoMs('2026-01-05')).toBe(20458 * 86400000);
    expect(parseIsoMs('2026-01-05T01:30:00+01:00')).toBe(20458 * 86400000 + 30 * 60000);
    // 2024-02-29 (leap day) is day 19782.
    expect(parseIsoMs('2024-02-29T13:45:10.250Z')).toBe(
      19782 * 86400000 + (13 * 3600 + 45 * 60 + 10) * 1000 + 250,
    );
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
