/** Small self-contained SVG charts for the report (no scripts, no external resources). */

export interface Line {
  label: string;
  points: [number, number][];
  color: string;
  dashed?: boolean;
}

export const PALETTE = [
  '#1f6feb',
  '#d1242f',
  '#1a7f37',
  '#9a6700',
  '#8250df',
  '#bf3989',
  '#0a7ea4',
  '#57606a',
];

export function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const fmt = (v: number) =>
  Math.abs(v) >= 1e6
    ? `${(v / 1e6).toFixed(1)}M`
    : Math.abs(v) >= 1e4
      ? `${(v / 1e3).toFixed(0)}k`
      : Math.abs(v) >= 100
        ? v.toFixed(0)
        : v.toFixed(1);

/**
 * A line chart; x is simulated seconds (shown as days through `dayLabel`, default "day 1.5"), optional
 * horizontal limit line and band. The y unit is written along the y axis, clear of the tick labels.
 * The HTML report inlines it; the PDF report draws the same SVG (svg-to-pdfkit).
 */
export function lineChart(o: {
  title: string;
  lines: Line[];
  limit?: { value: number; label: string };
  band?: { upper: [number, number][]; lower: [number, number][]; color: string; label?: string };
  width?: number;
  height?: number;
  yUnit?: string;
  dayLabel?: (day: string) => string;
  noData?: string;
  /** Between the title and `noData` (default ": "; "：" in Chinese). */
  colon?: string;
  /** Tick labels of the y axis (default: compact numbers); a formatter with units makes `yUnit` unnecessary. */
  yFormat?: (v: number) => string;
  /** Fixed top of the y axis (e.g. 100 for percentages); default: 8 % above the highest value. */
  yMax?: number;
}): string {
  const W = o.width ?? 640;
  const H = o.height ?? 240;
  const L = o.yUnit ? 64 : o.yFormat ? 70 : 56;
  const R = 12;
  const T = 28;
  const B = 40;
  const all = [...o.lines.flatMap((l) => l.points), ...(o.band ? [...o.band.upper, ...o.band.lower] : [])];
  if (all.length === 0)
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="60" viewBox="0 0 ${W} 60" font-family="sans-serif"><text x="8" y="30" font-size="12">${esc(o.title)}${esc(o.colon ?? ': ')}${esc(o.noData ?? 'no data yet')}</text></svg>`;
  const xs = all.map((p) => p[0]);
  const ys = [...all.map((p) => p[1]), ...(o.limit ? [o.limit.value] : []), 0];
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs, x0 + 1);
  const y1 = o.yMax ?? (Math.max(...ys) * 1.08 || 1);
  const px = (x: number) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const py = (y: number) => T + (1 - y / y1) * (H - T - B);
  const path = (pts: [number, number][]) =>
    pts.map((p, i) => `${i ? 'L' : 'M'}${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`).join('');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
  ];
  parts.push(`<text x="${L}" y="16" font-size="13" font-weight="bold">${esc(o.title)}</text>`);
  for (let k = 0; k <= 4; k++) {
    const y = (y1 * k) / 4;
    parts.push(
      `<line x1="${L}" x2="${W - R}" y1="${py(y)}" y2="${py(y)}" stroke="#d0d7de"/><text x="${L - 4}" y="${py(y) + 4}" text-anchor="end">${esc((o.yFormat ?? fmt)(y))}</text>`,
    );
  }
  for (let k = 0; k <= 4; k++) {
    const x = x0 + ((x1 - x0) * k) / 4;
    parts.push(
      `<text x="${px(x)}" y="${H - B + 16}" text-anchor="${k === 0 ? 'start' : k === 4 ? 'end' : 'middle'}">${esc((o.dayLabel ?? ((d: string) => `day ${d}`))((x / 86_400).toFixed(1)))}</text>`,
    );
  }
  if (o.yUnit)
    parts.push(
      `<text transform="translate(14 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yUnit)}</text>`,
    );
  if (o.band && o.band.upper.length > 0) {
    const poly = [...o.band.upper, ...[...o.band.lower].reverse()];
    parts.push(`<path d="${path(poly)}Z" fill="${o.band.color}" fill-opacity="0.15" stroke="none"/>`);
  }
  if (o.limit)
    parts.push(
      `<line x1="${L}" x2="${W - R}" y1="${py(o.limit.value)}" y2="${py(o.limit.value)}" stroke="#cf222e" stroke-dasharray="6 4"/><text x="${W - R}" y="${py(o.limit.value) - 4}" text-anchor="end" fill="#cf222e">${esc(o.limit.label)}</text>`,
    );
  for (const l of o.lines)
    if (l.points.length > 0)
      parts.push(
        `<path d="${path(l.points)}" fill="none" stroke="${l.color}" stroke-width="1.6"${l.dashed ? ' stroke-dasharray="4 3"' : ''}/>`,
      );
  // Legend entries side by side, each as wide as its label (≈ 6.2 px per Latin character at 11 px, 11 px per CJK one).
  let lx = L;
  for (const l of o.lines) {
    parts.push(
      `<rect x="${lx}" y="${H - 16}" width="10" height="10" fill="${l.color}"/><text x="${lx + 14}" y="${H - 7}">${esc(l.label)}</text>`,
    );
    lx += 14 + [...l.label].reduce((a, ch) => a + (ch.charCodeAt(0) > 0x2e80 ? 11 : 6.2), 0) + 18;
  }
  if (o.band?.label)
    parts.push(
      `<rect x="${lx}" y="${H - 16}" width="10" height="10" fill="${o.band.color}" fill-opacity="0.25"/><text x="${lx + 14}" y="${H - 7}">${esc(o.band.label ?? '')}</text>`,
    );
  parts.push('</svg>');
  return parts.join('');
}
