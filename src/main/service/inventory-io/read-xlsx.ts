/**
 * Reads the worksheets of an .xlsx workbook into plain tables with exceljs (the library that also writes
 * our exports). Only values are read: a cell with a formula becomes a `{ formula }` marker and its cached
 * result is ignored — nothing is ever evaluated. Strings (shared, inline, rich text, hyperlink text),
 * numbers and booleans are read as such; dates as their Excel serial number (as stored); error cells
 * as empty.
 */
import ExcelJS from 'exceljs';
import type { Cell, SheetTable } from './types';
import { sheetNameOf } from './columns';
import { zipEntries } from './zip';

/** Largest part a workbook may declare (a 10,000-VM vInfo sheet is about 20 MB of XML): zip bombs are refused before inflating. */
const MAX_PART_BYTES = 512 * 1024 * 1024;

const DAY_MS = 86_400_000;
/** Excel's 1900 date system: serial 25569 is 1970-01-01. */
const EXCEL_EPOCH_SERIAL = 25_569;

function cellOf(v: ExcelJS.CellValue, date1904: boolean): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.getTime() / DAY_MS + EXCEL_EPOCH_SERIAL - (date1904 ? 1462 : 0);
  if ('formula' in v || 'sharedFormula' in v)
    return {
      formula:
        ('formula' in v ? v.formula : undefined) ?? ('sharedFormula' in v ? `=${v.sharedFormula}` : ''),
    };
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) {
    const text = v.text as string | ExcelJS.CellRichTextValue | undefined;
    return typeof text === 'string'
      ? text
      : text && 'richText' in text
        ? text.richText.map((r) => r.text).join('')
        : '';
  }
  if ('error' in v) return null;
  return null;
}

export interface XlsxRead {
  tables: SheetTable[];
  /** Worksheet names that are not RVTools sheets we use. */
  otherSheets: string[];
}

export async function readXlsx(fileName: string, bytes: Uint8Array): Promise<XlsxRead> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of zipEntries(buf).values())
    if (e.size > MAX_PART_BYTES) throw new Error(`the zip entry ${e.name} would expand to ${e.size} bytes`);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new Error(`the workbook (zip) is damaged: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
  const date1904 = wb.properties.date1904 === true;
  const tables: SheetTable[] = [];
  const otherSheets: string[] = [];
  for (const ws of wb.worksheets) {
    const name = sheetNameOf(ws.name);
    if (!name || tables.some((t) => t.name === name)) {
      otherSheets.push(ws.name);
      continue;
    }
    const all: { row: number; cells: Cell[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const values = row.values as ExcelJS.CellValue[];
      const cells: Cell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i], date1904));
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
      if (cells.some((c) => c !== null && c !== '')) all.push({ row: row.number, cells });
    });
    const head = all[0];
    const headers = (head?.cells ?? []).map((c) => (c === null || typeof c === 'object' ? '' : String(c)));
    tables.push({ name, source: `${fileName} ▸ ${ws.name}`, headers, rows: all.slice(1) });
  }
  return { tables, otherSheets };
}
