/**
 * Calendar arithmetic without Date (the engine has no clock): ISO parsing and hour/weekday of a
 * simulated instant, using Howard Hinnant's days-from-civil algorithm (public domain).
 */

export const DEFAULT_START_ISO = '2026-01-05T00:00:00Z';

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch milliseconds of an ISO-8601 date or date-time (UTC when no offset), or null when malformed. */
export function parseIsoMs(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  let offsetMin = 0;
  const tz = m[8];
  if (tz && tz !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi - offsetMin) * 60000 + s * 1000 + ms;
}

/** Hour of day (0..24, fractional) in UTC, shifted by phaseHours. */
export function hourOfDay(epochMs: number, phaseHours: number): number {
  const h = (epochMs / 3600000 + phaseHours) % 24;
  return h < 0 ? h + 24 : h;
}

/** Day of week 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function dayOfWeek(epochMs: number, phaseHours: number): number {
  const days = Math.floor((epochMs / 3600000 + phaseHours) / 24);
  return (((days + 3) % 7) + 7) % 7;
}
