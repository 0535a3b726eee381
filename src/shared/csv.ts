/**
 * The one CSV writer (CLI, service and console): RFC 4180 with CRLF line ends and a final CRLF; a field
 * is quoted when it holds a comma, quote, CR or LF or starts or ends with a space, quotes doubled.
 * Safe against CSV/formula injection (OWASP): a STRING cell starting with = + - @ TAB or CR gets a
 * leading ' so spreadsheets show it as text; numbers are written as numbers (negative numbers stay
 * numbers; NaN and ±Infinity become empty cells), booleans as true/false, null/undefined as empty.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet would run as a formula, with a leading apostrophe; anything else unchanged. */
export function neutraliseFormula<T>(v: T): T | string {
  return typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v;
}

export function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  let s: string;
  if (typeof cell === 'number') s = Number.isFinite(cell) ? String(cell) : '';
  else if (typeof cell === 'boolean') s = String(cell);
  else s = neutraliseFormula(cell);
  return /[",\r\n]|^ | $/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows (the first one usually the header) as CSV text. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + (rows.length ? '\r\n' : '');
}
