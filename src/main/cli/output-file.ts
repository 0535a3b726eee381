/**
 * Writing a file named on the command line: the path is the user's own argument, but an existing file is
 * replaced only with --force (the CLI's explicit overwrite choice; docs/architecture.md "Files").
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class OutputExistsError extends Error {}

/** Throws OutputExistsError naming the first of `paths` that exists, unless `force` (check before writing any). */
export function refuseExisting(paths: readonly string[], force: boolean): void {
  if (force) return;
  const found = paths.find((p) => existsSync(p));
  if (found) throw new OutputExistsError(`${found} already exists; pass --force to replace it.`);
}

/** Throws OutputExistsError when `path` exists and `force` is not set; creates the parent folder. */
export function writeOutputFile(path: string, data: Uint8Array | string, force: boolean): void {
  if (!force && existsSync(path))
    throw new OutputExistsError(`${path} already exists; pass --force to replace it.`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

export const FORCE_HELP =
  '  --force           replace output files that already exist (without it, an existing file is an error)';
