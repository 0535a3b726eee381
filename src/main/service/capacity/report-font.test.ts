import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPORT_FONT_FILE, reportFont, reportFontCandidates, reportFontPath } from './report-font';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vdc-font-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Puts a font file at `dir` and returns where it is. */
function place(dir: string): string {
  mkdirSync(join(root, dir), { recursive: true });
  const p = join(root, dir, REPORT_FONT_FILE);
  writeFileSync(p, 'x');
  return p;
}

describe('report font location', () => {
  const layouts: [layout: string, fontDir: string, codeDir: string, resourcesPath?: string][] = [
    ['checkout, run by tsx or vitest', 'repo/resources/fonts', 'repo/src/main/service/capacity'],
    ['electron-vite bundle (out/main)', 'repo/resources/fonts', 'repo/out/main'],
    ['packaged app, found from app.asar', 'res/fonts', 'res/app.asar/out/main'],
    ['packaged app, found through process.resourcesPath', 'res/fonts', 'elsewhere/x', 'res'],
  ];
  it.each(layouts)('%s', (_layout, fontDir, codeDir, res) => {
    const want = place(fontDir);
    expect(
      reportFontPath(reportFontCandidates(join(root, codeDir), {}, res === undefined ? '' : join(root, res))),
    ).toBe(want);
  });

  it('VDC_FONTS_DIR comes first', () => {
    place('repo/resources/fonts');
    const want = place('custom');
    expect(
      reportFontPath(
        reportFontCandidates(join(root, 'repo/out/main'), { VDC_FONTS_DIR: join(root, 'custom') }, ''),
      ),
    ).toBe(want);
  });

  it('names the folders searched when the font is missing', () => {
    expect(() => reportFontPath(reportFontCandidates(join(root, 'a/b'), {}, ''))).toThrow(
      /WenQuanYiMicroHei-GB2312\.ttf is missing \(looked in .*a[\\/]b[\\/]resources[\\/]fonts/,
    );
  });

  it('the checkout ships the font (a TrueType file, under 20 MB) with its licence', () => {
    const font = reportFont();
    expect(font.readUInt32BE(0)).toBe(0x00010000);
    expect(font.byteLength).toBeLessThan(20 * 2 ** 20);
  });

  it('electron-builder ships resources/fonts as <resources>/fonts, where the packaged app looks', () => {
    const repo = join(__dirname, '..', '..', '..', '..');
    expect(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')).toMatch(
      /- from: resources\/fonts\n\s+to: fonts\n/,
    );
    expect(existsSync(join(repo, 'resources', 'fonts', 'LICENSE-Apache-2.0.txt'))).toBe(true);
    expect(reportFontPath()).toBe(join(repo, 'resources', 'fonts', REPORT_FONT_FILE));
  });
});
