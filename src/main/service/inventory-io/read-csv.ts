/** Reads one CSV file (an RVTools per-sheet export or the generic template) with papaparse. */
import Papa from 'papaparse';
import type { Cell, SheetRow } from './types';

export interface CsvRead {
  headers: string[];
  rows: SheetRow[];
  errors: { row: number; message: string }[];
}

function textOf(bytes: Uint8Array): string {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** Cells stay strings: a CSV cell starting with "=" is text, never a formula. */
export function readCsv(bytes: Uint8Array): CsvRead {
  const text = textOf(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] });
  const data = parsed.data;
  const headers = (data[0] ?? []).map((h) => String(h).trim());
  const rows: SheetRow[] = [];
  for (let i = 1; i < data.length; i++) {
    const r = data[i] ?? [];
    const cells: Cell[] = r.map((x) => (x === '' ? null : x));
    if (cells.every((x) => x === null)) continue;
    rows.push({ row: i + 1, cells });
  }
  const errors = parsed.errors.map((e) => ({ row: (e.row ?? 0) + 1, message: e.message }));
  return { headers, rows, errors };
}
