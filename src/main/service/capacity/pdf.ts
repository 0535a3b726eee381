/**
 * A small PDF 1.4 writer for the report: A4 landscape pages, text, tables and line charts drawn as vector
 * paths. No network, no browser, no embedded font: Latin text uses the standard Helvetica fonts, other
 * scripts (the zh-CN report, Chinese names of clusters and VMs) the Adobe CJK font STSong-Light that PDF
 * viewers supply (./pdf-text.ts).
 */
import type { ReportData } from './report';
import { reportText } from './report-text';
import { CJK_ASCII_WIDTH, CJK_WIDTH, FONT, fit, needsCjk, showText, wrap } from './pdf-text';

const W = 842;
const H = 595;
const M = 36;

const rgb = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return `${(((n >> 16) & 255) / 255).toFixed(3)} ${(((n >> 8) & 255) / 255).toFixed(3)} ${((n & 255) / 255).toFixed(3)}`;
};

class Doc {
  pages: string[][] = [[]];
  y = H - M;
  get ops(): string[] {
    return this.pages[this.pages.length - 1]!;
  }
  need(h: number): void {
    if (this.y - h < M) {
      this.pages.push([]);
      this.y = H - M;
    }
  }
  /** True once any text needed the CJK font (its objects are written only then). */
  cjk = false;
  text(x: number, y: number, s: string, size = 9, bold = false): void {
    if (!this.cjk && needsCjk(s)) this.cjk = true;
    this.ops.push(`BT ${x.toFixed(1)} ${y.toFixed(1)} Td ${showText(s, size, bold)} ET`);
  }
  para(s: string, size = 9, bold = false): void {
    for (const line of wrap(s, size, W - 2 * M, bold)) {
      this.need(size + 3);
      this.text(M, this.y, line, size, bold);
      this.y -= size + 3;
    }
  }
}

function table(d: Doc, headers: string[], rows: (string | number | null)[][], moreRows: (n: number) => string): void {
  const size = 7;
  const width = W - 2 * M;
  const n = headers.length;
  const colW = width / n;
  const cell = (v: string | number | null, bold: boolean) => fit(v === null ? '-' : String(v), size, colW - 4, bold);
  const row = (cells: (string | number | null)[], bold: boolean) => {
    d.need(size + 4);
    cells.forEach((c, i) => d.text(M + i * colW + 2, d.y, cell(c, bold), size, bold));
    d.ops.push(`0.8 0.8 0.8 RG 0.5 w ${M} ${(d.y - 3).toFixed(1)} m ${M + width} ${(d.y - 3).toFixed(1)} l S`);
    d.y -= size + 4;
  };
  row(headers, true);
  for (const r of rows.slice(0, 400)) row(r, false);
  if (rows.length > 400) d.para(moreRows(rows.length - 400), 7);
  d.y -= 6;
}

function chart(d: Doc, c: { title: string; lines: { label: string; points: [number, number][] }[]; limit?: number }, day: (d: string) => string): void {
  const cw = 380;
  const ch = 150;
  d.need(ch + 30);
  d.text(M, d.y, fit(c.title, 9, W - 2 * M, true), 9, true);
  const top = d.y - 8;
  const all = c.lines.flatMap((l) => l.points);
  d.y -= ch + 24;
  if (all.length === 0) return;
  const x0 = Math.min(...all.map((p) => p[0]));
  const x1 = Math.max(...all.map((p) => p[0]), x0 + 1);
  const y1 = Math.max(...all.map((p) => p[1]), c.limit ?? 0, 1e-9) * 1.08;
  const px = (x: number) => M + 40 + ((x - x0) / (x1 - x0)) * (cw - 40);
  const py = (y: number) => top - ch + (y / y1) * ch;
  d.ops.push(`0 0 0 RG 0.5 w ${M + 40} ${top - ch} m ${M + cw} ${top - ch} l S ${M + 40} ${top - ch} m ${M + 40} ${top} l S`);
  for (let k = 0; k <= 4; k++) d.text(M, py((y1 * k) / 4) - 2, (y1 * k) / 4 >= 100 ? ((y1 * k) / 4).toFixed(0) : ((y1 * k) / 4).toFixed(1), 6);
  d.text(M + 40, top - ch - 10, day((x0 / 86_400).toFixed(1)), 6);
  d.text(M + cw - 40, top - ch - 10, day((x1 / 86_400).toFixed(1)), 6);
  if (c.limit !== undefined) d.ops.push(`[4 3] 0 d ${rgb('#cf222e')} RG ${M + 40} ${py(c.limit).toFixed(1)} m ${M + cw} ${py(c.limit).toFixed(1)} l S [] 0 d`);
  const colors = ['#1f6feb', '#1a7f37', '#d1242f', '#9a6700', '#8250df'];
  c.lines.forEach((l, i) => {
    if (l.points.length === 0) return;
    const path = l.points.map((p, k) => `${px(p[0]).toFixed(1)} ${py(p[1]).toFixed(1)} ${k ? 'l' : 'm'}`).join(' ');
    d.ops.push(`${rgb(colors[i % colors.length]!)} RG 1 w ${path} S`);
    d.ops.push(`${rgb(colors[i % colors.length]!)} rg ${M + cw + 12} ${top - 12 * (i + 1)} 6 6 re f 0 0 0 rg`);
    d.text(M + cw + 22, top - 12 * (i + 1), fit(l.label, 7, W - M - (M + cw + 22)), 7);
  });
}

export function reportPdf(data: ReportData): Uint8Array {
  const T = reportText(data.locale);
  const d = new Doc();
  for (const line of wrap(data.title, 16, W - 2 * M, true)) {
    d.text(M, d.y, line, 16, true);
    d.y -= 20;
  }
  d.y -= 2;
  d.para(T.simulated((data.generatedAtSimSec / 86_400).toFixed(2)));
  for (const s of data.sections) {
    d.y -= 6;
    d.need(40);
    d.text(M, d.y, s.title, 12, true);
    d.y -= 16;
    d.para(s.intro);
    for (const t of s.tables) table(d, t.headers, t.rows, T.moreRows);
    for (const c of s.charts) chart(d, c, T.day);
  }
  d.y -= 6;
  d.need(40);
  d.text(M, d.y, T.assumptionsTitle, 12, true);
  d.y -= 16;
  for (const a of data.assumptions) d.para(`- ${a}`);
  return serialise(d);
}

/**
 * Objects: 1 catalog, 2 page tree, 3 Helvetica, 4 Helvetica-Bold, then — when any text needs it — 5 the
 * Type0 font STSong-Light (UniGB-UCS2-H), 6 its CIDFontType0 (Adobe-GB1-4, /DW 1000, half-width ASCII
 * CIDs 1–95 at 500), 7 its font descriptor; then (page, content) pairs. Streams are uncompressed.
 */
function serialise(d: Doc): Uint8Array {
  const objs: string[] = [];
  const first = d.cjk ? 8 : 5;
  const fonts = `/${FONT.regular} 3 0 R /${FONT.bold} 4 0 R${d.cjk ? ` /${FONT.cjk} 5 0 R` : ''}`;
  const pageIds: number[] = [];
  d.pages.forEach((ops, i) => {
    const pageId = first + i * 2;
    pageIds.push(pageId);
    const stream = ops.join('\n');
    objs[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /Font << ${fonts} >> >> /Contents ${pageId + 1} 0 R >>`;
    objs[pageId + 1] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });
  objs[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objs[2] = `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  objs[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objs[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  if (d.cjk) {
    objs[5] = '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>';
    objs[6] = `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW ${CJK_WIDTH} /W [1 95 ${CJK_ASCII_WIDTH}] >>`;
    objs[7] = '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>';
  }
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let i = 1; i < objs.length; i++) {
    offsets[i] = Buffer.byteLength(out, 'latin1');
    out += `${i} 0 obj\n${objs[i]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length}\n0000000000 65535 f \n`;
  for (let i = 1; i < objs.length; i++) out += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
