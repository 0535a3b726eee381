/**
 * Where the PDF report's font is: resources/fonts/ in a checkout (the CLI run by tsx, the tests), next
 * to the bundles' parent folders when built (out/main → ../../resources/fonts), and in the packaged
 * app's resources folder (electron-builder extraResources: <resources>/fonts). VDC_FONTS_DIR overrides.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const REPORT_FONT_FILE = 'WenQuanYiMicroHei-GB2312.ttf';

/** Folders searched for the font, most specific first. */
export function reportFontCandidates(
  from: string = __dirname,
  env: NodeJS.ProcessEnv = process.env,
  resourcesPath?: string,
): string[] {
  const out: string[] = [];
  if (env.VDC_FONTS_DIR) out.push(env.VDC_FONTS_DIR);
  const res = resourcesPath ?? (process as { resourcesPath?: string }).resourcesPath;
  if (typeof res === 'string' && res) out.push(join(res, 'fonts'));
  let dir = from;
  for (let i = 0; i < 8; i++) {
    out.push(join(dir, 'resources', 'fonts'), join(dir, 'fonts'));
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

/** The font file's path; throws naming the folders searched when it is missing. */
export function reportFontPath(candidates: string[] = reportFontCandidates()): string {
  for (const d of candidates) {
    const p = join(d, REPORT_FONT_FILE);
    if (existsSync(p)) return p;
  }
  throw new Error(
    `the report font ${REPORT_FONT_FILE} is missing (looked in ${candidates.join(', ')}); reinstall VDC Studio or set VDC_FONTS_DIR`,
  );
}

let cached: Buffer | null = null;

/** The font's bytes, read once per process. */
export function reportFont(): Buffer {
  cached ??= readFileSync(reportFontPath());
  return cached;
}
