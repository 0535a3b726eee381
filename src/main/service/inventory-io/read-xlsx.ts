/**
 * Reads the worksheets of an .xlsx workbook (Office Open XML) into plain tables, fast enough for RVTools
 * exports of 10,000 VMs. Only values are read: a cell with a formula becomes a `{ formula }` marker and
 * its cached result is ignored — nothing is ever evaluated. Shared strings, inline strings, numbers and
 * booleans are supported; error cells read as empty.
 */
import type { Cell, SheetTable } from './types';
import { sheetNameOf } from './columns';
import { zipEntries, zipText, type ZipEntry } from './zip';

/** Largest XML part we inflate (a 10,000-VM vInfo sheet is about 20 MB of XML). */
const MAX_PART_BYTES = 512 * 1024 * 1024;

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITY[e] ?? '';
  });
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? unescapeXml(m[1]!) : null;
}

function textRuns(xml: string): string {
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\s*\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out += m[1] === undefined ? '' : unescapeXml(m[1]);
  return out;
}

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const re = /<si>([\s\S]*?)<\/si>|<si\s*\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1] === undefined ? '' : textRuns(m[1].replace(/<rPh[\s\S]*?<\/rPh>/g, '')));
  return out;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

export function parseSheet(xml: string, strings: readonly string[]): { row: number; cells: Cell[] }[] {
  const rows: { row: number; cells: Cell[] }[] = [];
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  let lastRow = 0;
  for (let m = rowRe.exec(xml); m; m = rowRe.exec(xml)) {
    const rowNo = Number(attr(m[1] ?? '', 'r') ?? lastRow + 1);
    lastRow = rowNo;
    const body = m[2];
    if (!body) continue;
    const cells: Cell[] = [];
    let next = 0;
    cellRe.lastIndex = 0;
    for (let c = cellRe.exec(body); c; c = cellRe.exec(body)) {
      const attrs = c[1] ?? '';
      const ref = attr(attrs, 'r');
      const col = ref ? columnIndex(ref) : next;
      next = col + 1;
      const inner = c[2] ?? '';
      let value: Cell = null;
      const f = /<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/.exec(inner);
      if (f) value = { formula: unescapeXml(f[1] ?? '') };
      else {
        const t = attr(attrs, 't') ?? 'n';
        const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
        if (t === 'inlineStr') value = textRuns(inner);
        else if (v !== undefined) {
          if (t === 's') value = strings[Number(v)] ?? '';
          else if (t === 'b') value = v === '1';
          else if (t === 'str') value = unescapeXml(v);
          else if (t === 'e') value = null;
          else {
            const n = Number(v);
            value = Number.isFinite(n) ? n : unescapeXml(v);
          }
        }
      }
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    rows.push({ row: rowNo, cells });
  }
  return rows;
}

export interface XlsxRead {
  tables: SheetTable[];
  /** Worksheet names that are not RVTools sheets we use. */
  otherSheets: string[];
}

export async function readXlsx(fileName: string, bytes: Uint8Array): Promise<XlsxRead> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipEntries(buf);
  const part = (name: string): string | null => {
    const e: ZipEntry | undefined = entries.get(name);
    return e ? zipText(buf, e, MAX_PART_BYTES) : null;
  };
  const workbook = part('xl/workbook.xml');
  if (workbook === null) throw new Error('the workbook has no xl/workbook.xml part');
  const rels = part('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1] ?? '', 'Id');
    const target = attr(m[1] ?? '', 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const strings = sharedStrings(part('xl/sharedStrings.xml') ?? '');
  const tables: SheetTable[] = [];
  const otherSheets: string[] = [];
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const sheetName = attr(m[1] ?? '', 'name') ?? '';
    const rid = attr(m[1] ?? '', 'r:id');
    const name = sheetNameOf(sheetName);
    if (!name || tables.some((t) => t.name === name)) {
      otherSheets.push(sheetName);
      continue;
    }
    const xml = rid ? part(targets.get(rid) ?? '') : null;
    if (xml === null) continue;
    const all = parseSheet(xml, strings).filter((r) => r.cells.some((c) => c !== null && c !== ''));
    const head = all[0];
    const headers = (head?.cells ?? []).map((c) => (c === null || typeof c === 'object' ? '' : String(c)));
    tables.push({ name, source: `${fileName} ▸ ${sheetName}`, headers, rows: all.slice(1) });
  }
  return { tables, otherSheets };
}
