/** Cell value parsing with the problem a person can act on (sheet, row, column, why). */
import type { Cell, ImportProblem } from './types';
import type { ColumnMap } from './columns';

/** Object names are at most 80 characters, as in vSphere; lists of names (a datastore's hosts) 64 Ki; other text 200. */
export const MAX_NAME_CHARS = 80;
export const MAX_TEXT_CHARS = 200;
const MAX_LIST_CHARS = 65_536;
const NAME_KEYS = new Set(['vm', 'host', 'name', 'cluster', 'clusterName', 'datacenter', 'datastore']);
const LIST_KEYS = new Set(['hosts']);

export class RowReader {
  constructor(
    readonly sheet: string,
    readonly cols: ColumnMap,
    readonly problems: ImportProblem[],
  ) {}

  private cell(cells: Cell[], key: string): Cell {
    const i = this.cols.index.get(key);
    return i === undefined ? null : (cells[i] ?? null);
  }

  col(key: string): string {
    return this.cols.header.get(key) ?? key;
  }

  has(key: string): boolean {
    return this.cols.index.has(key);
  }

  problem(row: number, key: string, message: string, severity: ImportProblem['severity'] = 'error'): void {
    this.problems.push({ severity, sheet: this.sheet, row, column: this.col(key), message });
  }

  /** Text with an export-side injection guard ("'=...") removed; formulas are refused. */
  text(row: number, cells: Cell[], key: string, required = false): string | null {
    const v = this.cell(cells, key);
    if (v !== null && typeof v === 'object') {
      this.problem(
        row,
        key,
        `holds a formula (=${v.formula.slice(0, 40)}); only plain values are imported and formulas are never evaluated`,
      );
      return null;
    }
    const s = v === null ? '' : String(v).trim();
    if (s === '') {
      if (required) this.problem(row, key, 'is empty');
      return null;
    }
    const max = NAME_KEYS.has(key) ? MAX_NAME_CHARS : LIST_KEYS.has(key) ? MAX_LIST_CHARS : MAX_TEXT_CHARS;
    if (s.length > max) {
      this.problem(
        row,
        key,
        `is ${s.length} characters long; at most ${max} are allowed${NAME_KEYS.has(key) ? ' (as in vSphere)' : ''}`,
      );
      return null;
    }
    return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
  }

  /** A finite number within [min, max]; thousands separators accepted. */
  num(
    row: number,
    cells: Cell[],
    key: string,
    o: { required?: boolean; min?: number; max?: number; unit?: string } = {},
  ): number | null {
    const v = this.cell(cells, key);
    if (v !== null && typeof v === 'object') {
      this.problem(
        row,
        key,
        `holds a formula (=${v.formula.slice(0, 40)}); only plain values are imported and formulas are never evaluated`,
      );
      return null;
    }
    if (v === null || v === '') {
      if (o.required) this.problem(row, key, 'is empty; a number is needed');
      return null;
    }
    let n: number;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'boolean') n = Number.NaN;
    else {
      const s = String(v)
        .trim()
        .replace(/^(\d{1,3}(,\d{3})+)(\.\d+)?$/, (m) => m.replace(/,/g, ''));
      n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Number(s) : Number.NaN;
    }
    const unit = o.unit ? ` ${o.unit}` : '';
    if (!Number.isFinite(n)) {
      this.problem(row, key, `"${String(v).slice(0, 40)}" is not a number`);
      return null;
    }
    if (o.min !== undefined && n < o.min) {
      this.problem(row, key, `${n}${unit} is below the smallest accepted value ${o.min}${unit}`);
      return null;
    }
    if (o.max !== undefined && n > o.max) {
      this.problem(row, key, `${n}${unit} is larger than the largest accepted value ${o.max}${unit}`);
      return null;
    }
    return n;
  }

  bool(row: number, cells: Cell[], key: string): boolean | null {
    const v = this.cell(cells, key);
    if (v === null || v === '') return null;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'object') {
      this.problem(row, key, 'holds a formula; only plain values are imported', 'warning');
      return null;
    }
    const s = String(v).trim().toLowerCase();
    if (['true', 'yes', '1', 'on', 'enabled'].includes(s)) return true;
    if (['false', 'no', '0', 'off', 'disabled'].includes(s)) return false;
    this.problem(row, key, `"${String(v).slice(0, 40)}" is not true/false; taken as false`, 'warning');
    return null;
  }
}
