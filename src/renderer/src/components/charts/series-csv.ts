/** A chart's series as CSV (shared writer, src/shared/csv.ts): time (ISO, UTC) then one column per series. */
import { toCsv, type CsvCell } from '@shared/csv';

export interface CsvSeries {
  label: string;
  points: readonly { x: number; y: number }[];
}

export function seriesCsv(series: readonly CsvSeries[], unit: string): string {
  const times = new Set<number>();
  for (const s of series) for (const p of s.points) times.add(p.x);
  const maps = series.map((s) => new Map(s.points.map((p) => [p.x, p.y])));
  const head: CsvCell[] = ['time', ...series.map((s) => `${s.label}${unit ? ` (${unit})` : ''}`)];
  const rows = [...times]
    .sort((a, b) => a - b)
    .map((x): CsvCell[] => [new Date(x).toISOString(), ...maps.map((m) => m.get(x))]);
  return toCsv([head, ...rows]);
}
