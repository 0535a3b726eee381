/**
 * CSV per RFC 4180 (CRLF line ends; fields with comma, quote, CR or LF are quoted, quotes doubled),
 * safe against CSV/formula injection: a STRING cell starting with = + - @ TAB or CR gets a leading '
 * so spreadsheets show it as text. Numbers are written as numbers (negative numbers stay numbers).
 */
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  let s: string;
  if (typeof cell === 'number') {
    s = Number.isFinite(cell) ? String(cell) : '';
  } else {
    s = FORMULA_START.test(cell) ? `'${cell}` : cell;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: CsvCell[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + (rows.length ? '\r\n' : '');
}
