/**
 * Text for the hand-written PDF (./pdf.ts). Characters in Windows-1252 ("WinAnsi") are shown in the
 * standard Helvetica fonts; every other BMP character (Chinese, Japanese, Korean, Cyrillic…) is shown in
 * STSong-Light, the Adobe CJK font that PDF viewers supply (never embedded), addressed through the
 * UniGB-UCS2-H CMap, i.e. as big-endian UCS-2 hex strings. Widths drive the layout: Helvetica from its
 * AFM metrics, CJK full-width glyphs 1000/1000 em (the font's /DW 1000).
 */

/** Font resource names used in page content: Helvetica, Helvetica-Bold, STSong-Light. */
export const FONT = { regular: 'F1', bold: 'F2', cjk: 'F3' } as const;

/** Windows-1252 bytes 0x80–0x9F by Unicode code point. */
const CP1252_HIGH = new Map<number, number>([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86], [0x2021, 0x87], [0x02c6, 0x88], [0x2030, 0x89],
  [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c], [0x017d, 0x8e], [0x2018, 0x91], [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95],
  [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98], [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b], [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
]);

/** Symbols the report uses that Helvetica lacks, written the way a plain-text report would. */
const ASCII_FOR = new Map<number, string>([
  [0x2192, '->'],
  [0x2265, '>='],
  [0x2264, '<='],
  [0x2212, '-'],
]);

/** Helvetica advance widths (1/1000 em) of ASCII 32–126, from the Adobe Core 14 AFM. */
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
  611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
  222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
/** Helvetica-Bold is wider; its AFM widths average about 6 % more than Helvetica's over ASCII. */
const BOLD_FACTOR = 1.06;
/** Width of a CJK glyph (the CIDFont's /DW) and of the half-width ASCII CIDs 1–95 (its /W). */
export const CJK_WIDTH = 1000;
export const CJK_ASCII_WIDTH = 500;

/** A piece of text in one font: Helvetica bytes (WinAnsi) or UCS-2 code units for the CJK font. */
export interface Run {
  cjk: boolean;
  /** WinAnsi byte values, or UCS-2 code units. */
  codes: number[];
}

function winAnsi(cp: number): number | null {
  if ((cp >= 32 && cp <= 126) || (cp >= 160 && cp <= 255)) return cp;
  return CP1252_HIGH.get(cp) ?? null;
}

/** Splits text into Helvetica and CJK runs. Control characters become spaces; characters beyond the BMP (not in UCS-2) become "?". */
export function runsOf(s: string): Run[] {
  const runs: Run[] = [];
  const push = (cjk: boolean, code: number) => {
    const last = runs[runs.length - 1];
    if (last && last.cjk === cjk) last.codes.push(code);
    else runs.push({ cjk, codes: [code] });
  };
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const ascii = ASCII_FOR.get(cp);
    if (ascii !== undefined) {
      for (const c of ascii) push(false, c.charCodeAt(0));
      continue;
    }
    const b = cp < 32 ? 32 : winAnsi(cp);
    if (b !== null) push(false, b);
    else if (cp <= 0xffff && (cp < 0xd800 || cp > 0xdfff)) push(true, cp);
    else push(false, 63);
  }
  return runs;
}

function codeWidth(run: Run, code: number, bold: boolean): number {
  if (run.cjk) return CJK_WIDTH;
  const w = code >= 32 && code <= 126 ? HELVETICA[code - 32]! : 556;
  return bold ? w * BOLD_FACTOR : w;
}

/** Width of `s` in points at `size` (Helvetica metrics for WinAnsi text, 1 em per CJK glyph). */
export function textWidth(s: string, size: number, bold = false): number {
  let units = 0;
  for (const r of runsOf(s)) for (const c of r.codes) units += codeWidth(r, c, bold);
  return (units / 1000) * size;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** The text-showing operators for `s` (inside BT … ET, after positioning): one Tf + Tj per run. */
export function showText(s: string, size: number, bold = false): string {
  return runsOf(s)
    .map((r) => {
      if (!r.cjk) {
        const lit = r.codes.map((c) => (c === 0x28 || c === 0x29 || c === 0x5c ? `\\${String.fromCharCode(c)}` : String.fromCharCode(c))).join('');
        return `/${bold ? FONT.bold : FONT.regular} ${size} Tf (${lit}) Tj`;
      }
      const hex = `<${r.codes.map(hex4).join('')}>`;
      // No bold STSong: bold CJK is filled and stroked (render mode 2) with a thin outline.
      return bold ? `0 0 0 RG ${(size * 0.025).toFixed(2)} w 2 Tr /${FONT.cjk} ${size} Tf ${hex} Tj 0 Tr` : `/${FONT.cjk} ${size} Tf ${hex} Tj`;
    })
    .join(' ');
}

/** True when `s` needs the CJK font. */
export const needsCjk = (s: string): boolean => runsOf(s).some((r) => r.cjk);

/** One CJK glyph with the closing punctuation that must not start a line, or a run of other non-space characters, or spaces. */
const TOKEN = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\uac00-\ud7af][，。；：、）】」』！？％]*|[^\s\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\uac00-\ud7af]+|\s+/gu;

/** Breaks `s` into lines no wider than `maxWidth` points: at spaces, between CJK characters, or inside a word too long for a line. */
export function wrap(s: string, size: number, maxWidth: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (t: string) => textWidth(t, size, bold) <= maxWidth;
  for (const tok of s.match(TOKEN) ?? []) {
    if (/^\s+$/.test(tok)) {
      if (line) line += ' ';
      continue;
    }
    if (fits(line + tok)) {
      line += tok;
      continue;
    }
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
    for (const ch of tok) {
      if (line && !fits(line + ch)) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** `s` cut to fit `maxWidth` points, ending in "~" when cut. */
export function fit(s: string, size: number, maxWidth: number, bold = false): string {
  if (textWidth(s, size, bold) <= maxWidth) return s;
  const chars = Array.from(s);
  while (chars.length > 0 && textWidth(`${chars.join('')}~`, size, bold) > maxWidth) chars.pop();
  return `${chars.join('')}~`;
}
