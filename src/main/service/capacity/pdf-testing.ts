/**
 * A minimal reader of the PDFs ./pdf.ts writes, for tests: checks the cross-reference table against the
 * byte offsets of the objects, and extracts the shown text (Helvetica literal strings as Windows-1252
 * bytes, STSong-Light hex strings as UCS-2) line by line.
 */
export interface PdfCheck {
  /** Object bodies by number. */
  objects: Map<number, string>;
  /** Problems with the xref table, trailer or stream lengths; empty when the file is sound. */
  problems: string[];
  /** One entry per BT … ET text object, in page order. */
  lines: string[];
  /** The raw content streams. */
  streams: string[];
}

/** Windows-1252 bytes 0x80–0x9F the report may use (Node's TextDecoder reads them as Latin-1). */
const CP1252: Record<number, string> = { 0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' };

function decodeLiteral(body: string): string {
  return body.replace(/\\([()\\])/g, '$1').replace(/[\x80-\x9f]/g, (c) => CP1252[c.charCodeAt(0)] ?? '\ufffd');
}

function decodeHex(hex: string): string {
  let s = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
}

export function checkPdf(bytes: Uint8Array): PdfCheck {
  const text = Buffer.from(bytes).toString('latin1');
  const problems: string[] = [];
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj\n/g)) objects.set(Number(m[1]), m[2]!);
  const start = /startxref\n(\d+)\n%%EOF\n$/.exec(text);
  if (!start) problems.push('no startxref at the end');
  const xrefAt = start ? Number(start[1]) : -1;
  if (text.slice(xrefAt, xrefAt + 5) !== 'xref\n') problems.push(`startxref ${xrefAt} does not point at the xref table`);
  const head = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt));
  const size = head ? Number(head[1]) : 0;
  const entries = text.slice(xrefAt + (head?.[0].length ?? 0)).split('\n').slice(0, size);
  entries.forEach((e, i) => {
    if (i === 0) return;
    const off = Number(e.slice(0, 10));
    if (!/^\d{10} 00000 n $/.test(e)) problems.push(`xref entry ${i} is malformed: "${e}"`);
    else if (!text.startsWith(`${i} 0 obj\n`, off)) problems.push(`xref entry ${i} points at offset ${off}, which is not "${i} 0 obj"`);
  });
  if (size !== objects.size + 1) problems.push(`xref has ${size} entries for ${objects.size} objects`);
  if (!new RegExp(`trailer\\n<< /Size ${size} /Root 1 0 R >>`).test(text)) problems.push('trailer /Size does not match the xref table');
  const streams: string[] = [];
  for (const [n, body] of objects) {
    const m = /^<< \/Length (\d+) >>\nstream\n([\s\S]*)\nendstream$/.exec(body);
    if (!m) continue;
    if (Number(m[1]) !== m[2]!.length) problems.push(`object ${n}: /Length ${m[1]} but the stream has ${m[2]!.length} bytes`);
    streams.push(m[2]!);
  }
  const lines: string[] = [];
  for (const s of streams) {
    for (const bt of s.matchAll(/BT ([\s\S]*?) ET/g)) {
      let line = '';
      for (const t of bt[1]!.matchAll(/\(((?:\\.|[^\\)])*)\) Tj|<([0-9A-F]*)> Tj/g)) line += t[1] !== undefined ? decodeLiteral(t[1]) : decodeHex(t[2]!);
      lines.push(line);
    }
  }
  return { objects, problems, lines, streams };
}
