import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: string | null = null;

/** The app version from package.json (found by walking up from this file or the cwd). */
export function appVersion(): string {
  if (cached) return cached;
  const candidates = [
    join(__dirname, '..', '..', 'package.json'),
    join(__dirname, '..', '..', '..', 'package.json'),
    join(process.cwd(), 'package.json'),
  ];
  for (const file of candidates) {
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'vdc-studio' && pkg.version) return (cached = pkg.version);
    } catch {
      // try the next candidate
    }
  }
  return (cached = '0.0.0');
}
