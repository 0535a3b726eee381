/** Filters, time ranges and CSV export of the events/tasks console (pure: unit-tested). */
import { toCsv, type CsvCell } from '@shared/csv';
import type { EngineEventView, TaskInfoView } from '@shared/schemas/views';
import { taskDurationSec } from '@shared/duration';

export type TimeRangeKey = 'all' | 'm15' | 'h1' | 'd1' | 'w1' | 'd30' | 'custom';
export const TIME_RANGES: { key: TimeRangeKey; seconds: number | null }[] = [
  { key: 'all', seconds: null },
  { key: 'm15', seconds: 900 },
  { key: 'h1', seconds: 3600 },
  { key: 'd1', seconds: 86_400 },
  { key: 'w1', seconds: 7 * 86_400 },
  { key: 'd30', seconds: 30 * 86_400 },
  { key: 'custom', seconds: null },
];

/**
 * The `from`/`to` of a range ending at simulated time `now` (none for "all time"); for "custom" the given
 * range (simulated seconds), none while it is not set.
 */
export function timeParams(
  key: TimeRangeKey,
  now: number,
  custom: { from: number; to: number } | null = null,
): { from?: number; to?: number } {
  if (key === 'custom') return custom ? { from: custom.from, to: custom.to } : {};
  const r = TIME_RANGES.find((x) => x.key === key);
  if (!r || r.seconds === null) return {};
  return { from: Math.max(0, now - r.seconds), to: Math.max(0, now) };
}

/** "2026-01-05 08:20" (UTC, to the minute) of a simulated time. */
export function simToText(sec: number, startEpochMs: number): string {
  return new Date(startEpochMs + sec * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Simulated seconds of a "YYYY-MM-DD hh:mm" UTC date and time (seconds optional); null when not one. */
export function textToSim(text: string, startEpochMs: number): number | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d))?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const back = new Date(ms);
  // Date.UTC rolls over (Feb 30 → Mar 2): only real dates and times count.
  if (back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59)
    return null;
  return (ms - startEpochMs) / 1000;
}

/** What is wrong with a custom range (null: it can be applied). */
export function customRangeProblem(
  from: number | null,
  to: number | null,
): 'badFrom' | 'badTo' | 'order' | null {
  if (from === null) return 'badFrom';
  if (to === null) return 'badTo';
  return from > to ? 'order' : null;
}

/** The object scope of a query: nothing for all objects; the object alone or with everything under it. */
export function objectParams(
  objectId: string | null,
  includeChildren: boolean,
): { objectId?: string; includeChildren?: boolean } {
  return objectId ? { objectId, includeChildren } : {};
}

const iso = (startEpochMs: number, t: number | null): string | null =>
  t === null ? null : new Date(startEpochMs + t * 1000).toISOString();

/** Events as CSV (ISO UTC time, simulated seconds, severity, type, description, object names and ids). */
export function eventsCsv(
  rows: readonly EngineEventView[],
  nameOf: (id: string) => string,
  startEpochMs: number,
): string {
  const out: CsvCell[][] = [
    ['time', 'sim_seconds', 'severity', 'type', 'description', 'objects', 'object_ids'],
  ];
  for (const e of rows)
    out.push([
      iso(startEpochMs, e.time),
      e.time,
      e.severity,
      e.type,
      e.message,
      e.objects.map(nameOf).join('; '),
      e.objects.join('; '),
    ]);
  return toCsv(out);
}

/** Tasks as CSV (times in ISO UTC and simulated seconds; duration in seconds). */
export function tasksCsv(
  rows: readonly TaskInfoView[],
  nameOf: (id: string) => string,
  startEpochMs: number,
): string {
  const out: CsvCell[][] = [
    [
      'queued',
      'type',
      'description',
      'target',
      'target_id',
      'state',
      'progress',
      'started',
      'finished',
      'duration_s',
      'reason',
    ],
  ];
  for (const t of rows)
    out.push([
      iso(startEpochMs, t.queuedAt),
      t.type,
      t.description,
      nameOf(t.target),
      t.target,
      t.state,
      t.progress,
      iso(startEpochMs, t.startedAt),
      iso(startEpochMs, t.finishedAt),
      t.finishedAt !== null ? taskDurationSec(t, t.finishedAt) : null,
      t.reason,
    ]);
  return toCsv(out);
}

/** At most this many rows go into one export (pages of 1,000 from the server). */
export const EXPORT_MAX = 100_000;

/** Every row of a filtered query, page by page (the server pages; nothing is filtered here). */
export async function fetchAll<Row>(
  page: (offset: number, limit: number) => Promise<{ total: number; rows: Row[] } | null>,
  onProgress?: (done: number, total: number) => void,
): Promise<Row[] | null> {
  const out: Row[] = [];
  let total = Infinity;
  while (out.length < Math.min(total, EXPORT_MAX)) {
    const r = await page(out.length, 1000);
    if (!r) return null;
    total = r.total;
    out.push(...r.rows);
    onProgress?.(out.length, Math.min(total, EXPORT_MAX));
    if (r.rows.length === 0) break;
  }
  return out.slice(0, EXPORT_MAX);
}
