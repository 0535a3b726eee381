/**
 * The capacity report as PDF, written with pdfkit: A4 landscape pages with the report's text, its tables
 * and the same SVG charts as the HTML report (drawn as vectors by svg-to-pdfkit). All text uses one
 * embedded font, WenQuanYi Micro Hei (resources/fonts, ./report-font.ts), which covers Latin and the
 * GB 2312 hanzi; pdfkit embeds only the glyphs used (a subset), so Chinese shows in every viewer.
 * Streams are compressed. Generation is synchronous (pdfkit pushes the whole file into its stream).
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { LIGHT_COLORS, type ReportData } from './report';
import { reportText } from './report-text';
import { reportFont } from './report-font';
import type { TableCell } from './tables';

const M = 36;
const FONT = 'report';
const TEXT = '#1f2328';
const MUTED = '#57606a';
const RULE = '#d0d7de';
const HEAD_BG = '#f6f8fa';
const MAX_ROWS = 400;

type Doc = PDFKit.PDFDocument;

const pageW = (d: Doc) => d.page.width;
const bottom = (d: Doc) => d.page.height - M;
const innerW = (d: Doc) => pageW(d) - 2 * M;

/** Text drawn in the body font with a faint outline: the font has no bold face. */
function strong(
  d: Doc,
  s: string,
  x: number,
  y: number,
  size: number,
  o: PDFKit.Mixins.TextOptions = {},
): void {
  d.save();
  d.fontSize(size)
    .fillColor(TEXT)
    .strokeColor(TEXT)
    .lineWidth(size * 0.035);
  d.text(s, x, y, { ...o, fill: true, stroke: true });
  d.restore();
}

/** Starts a new page when `h` more points do not fit; returns the y to draw at. */
function room(d: Doc, y: number, h: number): number {
  if (y + h <= bottom(d)) return y;
  d.addPage();
  return M;
}

/** `s` shortened with an ellipsis to fit `w` points at the current font size. */
function fit(d: Doc, s: string, w: number): string {
  if (d.widthOfString(s) <= w) return s;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (d.widthOfString(`${s.slice(0, mid)}…`) <= w) lo = mid;
    else hi = mid - 1;
  }
  return `${s.slice(0, lo)}…`;
}

function paragraph(d: Doc, s: string, y: number, size = 9): number {
  d.fontSize(size).fillColor(TEXT);
  const h = d.heightOfString(s, { width: innerW(d) });
  // A little slack: pdfkit starts a page itself when a line would end past the bottom margin.
  y = room(d, y, Math.min(h, size * 3) + 4);
  d.text(s, M, y, { width: innerW(d) });
  return d.y + 2;
}

/**
 * Column widths: each column's widest cell (headers may wrap at word breaks, down to their longest word),
 * fitted to the page width — widened in proportion when there is room, narrowed when there is not.
 */
function columnWidths(d: Doc, headers: string[], rows: string[][], pad: number): number[] {
  const words = (h: string) => Math.max(...h.split(/\s+/).map((w) => d.widthOfString(w)));
  const want = headers.map(
    (h, i) =>
      Math.max(Math.min(d.widthOfString(h), 110), words(h), ...rows.map((r) => d.widthOfString(r[i] ?? ''))) +
      2 * pad,
  );
  const sum = want.reduce((a, b) => a + b, 0);
  return want.map((w) => (w * innerW(d)) / sum);
}

function table(
  d: Doc,
  headers: string[],
  raw: TableCell[][],
  y: number,
  none: string,
  more: (n: number) => string,
): number {
  const size = 7;
  const pad = 3;
  const lineH = size * 1.3;
  d.fontSize(size);
  const rows = raw.slice(0, MAX_ROWS).map((r) => r.map((c) => (c === null ? '—' : String(c))));
  // Numbers, and numbers in human units ("77.2 GHz", "+1.07 GiB"), align right.
  const numeric = headers.map(
    (_, i) =>
      raw.length > 0 &&
      raw.every(
        (r) =>
          r[i] === null ||
          typeof r[i] === 'number' ||
          /^[+-]?[\d.,]+ (MHz|GHz|MiB|GiB|TiB|W|kW)$/.test(String(r[i])),
      ),
  );
  const widths = columnWidths(d, headers, rows, pad);
  const headH =
    Math.max(...headers.map((h, i) => d.heightOfString(h, { width: widths[i]! - 2 * pad }))) + 2 * pad;
  const drawHead = (top: number): number => {
    d.rect(M, top, innerW(d), headH).fill(HEAD_BG);
    let x = M;
    headers.forEach((h, i) => {
      strong(d, h, x + pad, top + pad, size, {
        width: widths[i]! - 2 * pad,
        align: numeric[i] ? 'right' : 'left',
      });
      x += widths[i]!;
    });
    d.moveTo(M, top + headH)
      .lineTo(M + innerW(d), top + headH)
      .lineWidth(0.6)
      .strokeColor(MUTED)
      .stroke();
    return top + headH;
  };
  y = room(d, y, headH + lineH + 2 * pad);
  y = drawHead(y);
  if (rows.length === 0) rows.push([none]);
  for (const r of rows) {
    const h = lineH + 2 * pad - 2;
    if (y + h > bottom(d)) {
      d.addPage();
      y = drawHead(M);
    }
    let x = M;
    d.fontSize(size).fillColor(TEXT);
    r.forEach((c, i) => {
      const w = widths[i]! - 2 * pad;
      d.text(fit(d, c, w), x + pad, y + pad - 1, {
        width: w,
        lineBreak: false,
        align: numeric[i] ? 'right' : 'left',
      });
      x += widths[i]!;
    });
    y += h;
    d.moveTo(M, y)
      .lineTo(M + innerW(d), y)
      .lineWidth(0.3)
      .strokeColor(RULE)
      .stroke();
  }
  if (raw.length > MAX_ROWS) y = paragraph(d, more(raw.length - MAX_ROWS), y + 3, 7);
  return y + 8;
}

/** The chart's SVG size from its width/height attributes. */
function svgSize(svg: string): { w: number; h: number } {
  const w = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 640);
  const h = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 240);
  return { w, h };
}

/** Charts two to a row, each the report's own SVG. */
function charts(d: Doc, list: { svg: string }[], y: number): number {
  const gap = 14;
  const cw = (innerW(d) - gap) / 2;
  for (let i = 0; i < list.length; i += 2) {
    const pair = list.slice(i, i + 2);
    const hs = pair.map((c) => {
      const s = svgSize(c.svg);
      return (cw * s.h) / s.w;
    });
    const rowH = Math.max(...hs);
    y = room(d, y, rowH);
    pair.forEach((c, k) => {
      // The SVG's own width/height set its viewport (svg-to-pdfkit ignores the size options then): draw it
      // at 1 SVG unit = 1 pt and scale the page's coordinates to the column instead.
      const s = svgSize(c.svg);
      d.save();
      d.translate(M + k * (cw + gap), y);
      d.scale(cw / s.w);
      SVGtoPDF(d, c.svg, 0, 0, {
        assumePt: true,
        fontCallback: (_family, bold, _italic, o) => {
          o.fauxBold = bold;
          return FONT;
        },
      });
      d.restore();
    });
    y += rowH + 10;
  }
  return y;
}

function heading(d: Doc, s: string, y: number, size: number): number {
  d.fontSize(size);
  const h = d.heightOfString(s, { width: innerW(d) });
  y = room(d, y, h + 40);
  strong(d, s, M, y, size, { width: innerW(d) });
  y += h + 2;
  d.moveTo(M, y)
    .lineTo(M + innerW(d), y)
    .lineWidth(0.6)
    .strokeColor(RULE)
    .stroke();
  return y + 5;
}

/** The executive summary: a table whose resource cells start with a coloured traffic light. */
function summaryTable(d: Doc, s: ReportData['summary'], y: number): number {
  const size = 9;
  const pad = 4;
  d.fontSize(size);
  const dot = 9;
  const cells = s.rows.map((r) => r.map((c) => c.text));
  const want = s.headers.map(
    (h, i) =>
      Math.max(
        d.widthOfString(h),
        ...cells.map((r) => d.widthOfString(r[i] ?? '') + (s.rows.some((x) => x[i]?.light) ? dot + 3 : 0)),
      ) +
      2 * pad,
  );
  const sum = want.reduce((a, b) => a + b, 0);
  const widths = want.map((w) => (w * innerW(d)) / sum);
  const rowH = (r: string[]) =>
    Math.max(size * 1.3, ...r.map((c, i) => d.heightOfString(c, { width: widths[i]! - 2 * pad - dot - 3 }))) +
    2 * pad;
  const headH = size * 1.3 + 2 * pad;
  y = room(d, y, headH + rowH(cells[0] ?? ['']));
  d.rect(M, y, innerW(d), headH).fill(HEAD_BG);
  let x = M;
  s.headers.forEach((h, i) => {
    strong(d, h, x + pad, y + pad, size, { width: widths[i]! - 2 * pad });
    x += widths[i]!;
  });
  y += headH;
  s.rows.forEach((r, k) => {
    const h = rowH(cells[k]!);
    y = room(d, y, h);
    x = M;
    r.forEach((c, i) => {
      let tx = x + pad;
      if (c.light) {
        d.circle(tx + dot / 2 - 1, y + pad + size * 0.55, dot / 2 - 0.5).fill(LIGHT_COLORS[c.light]);
        tx += dot + 3;
      }
      d.fontSize(size)
        .fillColor(TEXT)
        .text(c.text, tx, y + pad, { width: x + widths[i]! - pad - tx });
      x += widths[i]!;
    });
    y += h;
    d.moveTo(M, y)
      .lineTo(M + innerW(d), y)
      .lineWidth(0.3)
      .strokeColor(RULE)
      .stroke();
  });
  return y + 6;
}

export function reportPdf(data: ReportData): Uint8Array {
  const T = reportText(data.locale);
  const d = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: M,
    compress: true,
    pdfVersion: '1.7',
    lang: data.locale,
    displayTitle: true,
    info: { Title: data.title, Creator: 'VDC Studio', Producer: 'VDC Studio (pdfkit)' },
  });
  d.registerFont(FONT, reportFont());
  d.font(FONT);
  let y = M;
  d.fontSize(18);
  strong(d, data.title, M, y, 18, { width: innerW(d) });
  y = d.y + 4;
  d.fontSize(9)
    .fillColor(MUTED)
    .text(T.simulated((data.generatedAtSimSec / 86_400).toFixed(2)), M, y, { width: innerW(d) });
  y = d.y + 10;
  y = heading(d, data.summary.title, y, 13);
  y = paragraph(d, data.summary.intro, y) + 4;
  y = summaryTable(d, data.summary, y) + 10;
  for (const s of data.sections) {
    y = heading(d, s.title, y, 13);
    y = paragraph(d, s.intro, y);
    if (s.basis) {
      d.fillColor(MUTED);
      y = paragraph(d, s.basis, y, 8);
      d.fillColor(TEXT);
    }
    y += 4;
    for (const t of s.tables) y = table(d, t.headers, t.rows, y, T.none, T.moreRows);
    y = charts(d, s.charts, y);
    y += 6;
  }
  y = heading(d, T.assumptionsTitle, y, 13);
  for (const a of data.assumptions) y = paragraph(d, `• ${a}`, y);
  const chunks: Buffer[] = [];
  d.end();
  // pdfkit writes synchronously: the whole file is in the stream's buffer once end() returns.
  for (let c = d.read() as Buffer | null; c !== null; c = d.read() as Buffer | null) chunks.push(c);
  return new Uint8Array(Buffer.concat(chunks));
}
