/**
 * The committed fixture workspaces (src/main/store/fixtures/<release>/*.vdc.gz), unpacked into a
 * temporary folder so the committed bytes are never modified.
 */
import fs from 'node:fs';
import nodePath from 'node:path';
import { gunzipSync } from 'node:zlib';
import { tempDir } from './synth';

export const FIXTURES_DIR = nodePath.join(__dirname, '..', 'fixtures');

/** Every fixture set: one folder per release, oldest first. */
export function fixtureReleases(): string[] {
  return fs
    .readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

export function fixtureNames(release: string): string[] {
  return fs
    .readdirSync(nodePath.join(FIXTURES_DIR, release))
    .filter((f) => f.endsWith('.vdc.gz'))
    .map((f) => f.slice(0, -'.vdc.gz'.length))
    .sort();
}

/** A fresh copy of a fixture workspace in a temporary folder (removed by removeTempDirs). */
export function unpackFixture(release: string, name: string): string {
  const gz = fs.readFileSync(nodePath.join(FIXTURES_DIR, release, `${name}.vdc.gz`));
  const path = nodePath.join(tempDir(), `${name}.vdc`);
  fs.writeFileSync(path, gunzipSync(gz));
  return path;
}
