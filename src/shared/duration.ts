/**
 * The one duration syntax and the one duration display (CLI, service and console).
 * Syntax: a non-negative number with an optional unit s, m, h, d or w (seconds when none), spaces
 * allowed between: 90, 90s, 30m, 1.5h, 7d, 2w.
 */

export const DURATION_UNITS: Readonly<Record<string, number>> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
};

/** Seconds of a duration like 90, 90s, 30m, 2h, 30d, 1w; null when the text is not one. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw]?)$/.exec(text.trim());
  if (!m) return null;
  const sec = Number(m[1]) * DURATION_UNITS[m[2] || 's']!;
  return Number.isFinite(sec) ? sec : null;
}

/** Unit names of the duration display per language (English also for any other locale). */
const DURATION_NAMES: Readonly<Record<string, Readonly<Record<'s' | 'min' | 'h' | 'd', string>>>> = {
  en: { s: 's', min: 'min', h: 'h', d: 'd' },
  'zh-CN': { s: '秒', min: '分钟', h: '小时', d: '天' },
};

/**
 * Compact display in at most two units, the second dropped when zero, rounded to whole seconds:
 * 45 s, 5 min, 3 min 20 s, 2 h, 2 h 5 min, 30 d, 3 d 4 h ("3 分钟 20 秒" in zh-CN). "—" for a non-finite value.
 */
export function formatDuration(sec: number): string {
  return formatDurationIn(sec, 'en');
}

/** `formatDuration` with the unit names of a language ('en', 'zh-CN'; English for any other). */
export function formatDurationIn(sec: number, locale: string): string {
  if (!Number.isFinite(sec)) return '—';
  const u = DURATION_NAMES[locale] ?? DURATION_NAMES.en!;
  const s = Math.round(Math.abs(sec));
  const sign = sec < 0 && s > 0 ? '-' : '';
  const two = (a: number, ua: string, b: number, ub: string) => `${sign}${a} ${ua}${b ? ` ${b} ${ub}` : ''}`;
  if (s < 60) return `${sign}${s} ${u.s}`;
  if (s < 3600) return two(Math.floor(s / 60), u.min, s % 60, u.s);
  if (s < 86_400) return two(Math.floor(s / 3600), u.h, Math.floor((s % 3600) / 60), u.min);
  return two(Math.floor(s / 86_400), u.d, Math.floor((s % 86_400) / 3600), u.h);
}

/**
 * A task's duration in seconds: start to finish, or to `now` while it runs (null before it starts). The
 * one source for every Duration column and export; rounded to milliseconds (a finish that is a start plus
 * a measured time, e.g. a live migration's "completed in 2.6 s", subtracts without binary noise).
 */
export function taskDurationSec(
  t: { startedAt: number | null; finishedAt: number | null },
  now: number,
): number | null {
  if (t.startedAt === null) return null;
  const end = t.finishedAt ?? Math.max(now, t.startedAt);
  return Math.max(0, Math.round((end - t.startedAt) * 1000) / 1000);
}

/**
 * A task's duration for display: under a minute with tenths of a second when it has them ("2.6 s", as the
 * task's result states it), otherwise as `formatDurationIn`.
 */
export function formatTaskDurationIn(sec: number, locale: string): string {
  if (!Number.isFinite(sec)) return '—';
  const tenths = Math.round(sec * 10) / 10;
  if (tenths < 60 && !Number.isInteger(tenths)) {
    const u = DURATION_NAMES[locale] ?? DURATION_NAMES.en!;
    return `${tenths.toFixed(1)} ${u.s}`;
  }
  return formatDurationIn(sec, locale);
}
