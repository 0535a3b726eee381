/**
 * Reads PDFs for the tests with an independent reader: Debian's poppler-utils (`pdftotext`, `pdffonts`,
 * `pdfinfo`). Missing tools fail the test with the command to install them (.ci/run installs them).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(tool: 'pdftotext' | 'pdffonts' | 'pdfinfo', pdf: Uint8Array, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'vdc-pdf-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${tool} is not installed: apt-get install -y poppler-utils`, { cause: e });
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text poppler extracts, in reading order with the layout kept (-layout). */
export const pdfText = (pdf: Uint8Array): string => run('pdftotext', pdf, ['-layout', '-enc', 'UTF-8']);

export interface PdfFont {
  name: string;
  type: string;
  encoding: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** The fonts poppler finds on every page (`pdffonts`). */
export function pdfFonts(pdf: Uint8Array): PdfFont[] {
  const lines = run('pdffonts', pdf, [])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  return lines.map((l) => {
    const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
    if (!m) throw new Error(`unexpected pdffonts line: ${l}`);
    return {
      name: m[1]!,
      type: m[2]!.trim(),
      encoding: m[3]!,
      embedded: m[4] === 'yes',
      subset: m[5] === 'yes',
      unicode: m[6] === 'yes',
    };
  });
}

/** `pdfinfo` fields (Title, Pages, Page size, …). */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of run('pdfinfo', pdf, ['-enc', 'UTF-8']).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(l);
    if (m) out[m[1]!.trim()] = m[2]!.trim();
  }
  return out;
}
