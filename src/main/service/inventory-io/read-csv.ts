/** Reads one CSV file (an RVTools per-sheet export or the generic template) with papaparse. */
import Papa from 'papaparse';
import type { Cell, SheetRow } from './types';

export interface CsvRead {
  headers: string[];
  rows: SheetRow[];
  /** Parse errors: row = the record number (header = 1); column = the header of the field it is in. */
  errors: { row: number; column: string; code: string; message: string }[];
}

function textOf(bytes: Uint8Array): string {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** Cells stay strings: a CSV cell starting with "=" is text, never a formula. */
export function readCsv(bytes: Uint8Array): CsvRead {
  const text = textOf(bytes);
  const parsed = Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t'],
  });
  const data = parsed.data;
  const headers = (data[0] ?? []).map((h) => String(h).trim());
  const rows: SheetRow[] = [];
  for (let i = 1; i < data.length; i++) {
    const r = data[i] ?? [];
    const cells: Cell[] = r.map((x) => (x === '' ? null : x));
    if (cells.every((x) => x === null)) continue;
    rows.push({ row: i + 1, cells });
  }
  const errors = parsed.errors
    // A file with one column has no delimiter to guess: not a problem.
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .map((e) => {
      const record = e.row ?? 0;
      const field = Math.max(0, (data[record]?.length ?? 1) - 1);
      const column = headers[field] ?? `column ${field + 1}`;
      const message =
        e.code === 'MissingQuotes'
          ? 'a quoted value is not closed (a " without its closing "), so the rest of the file cannot be read'
          : e.code === 'InvalidQuotes'
            ? 'a quote appears inside a value that is not quoted as a whole (write "" for a quote inside quotes)'
            : e.message;
      return { row: record + 1, column, code: e.code, message };
    });
  return { headers, rows, errors };
}
