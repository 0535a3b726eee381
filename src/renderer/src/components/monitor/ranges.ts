/** Monitor ranges in simulated seconds, and the point budget per range. */
export type RangeKey = 'realtime' | 'hour' | 'day' | 'week' | 'month' | 'year';

export const RANGES: { key: RangeKey; seconds: number; live: boolean }[] = [
  { key: 'realtime', seconds: 3600, live: true },
  { key: 'hour', seconds: 3600, live: true },
  { key: 'day', seconds: 86_400, live: false },
  { key: 'week', seconds: 7 * 86_400, live: false },
  { key: 'month', seconds: 30 * 86_400, live: false },
  { key: 'year', seconds: 365 * 86_400, live: false },
];

export const MAX_POINTS = 360;

export function rangeOf(key: RangeKey): { key: RangeKey; seconds: number; live: boolean } {
  return RANGES.find((r) => r.key === key) ?? RANGES[0]!;
}
