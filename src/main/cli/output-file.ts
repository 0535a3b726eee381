/**
 * Writing a file named on the command line: the path is the user's own argument, but an existing file is
 * replaced only with --force (the CLI's explicit overwrite choice; docs/architecture.md "Files"). Every
 * file a `vdc` command writes goes through writeOutputFile (emitOutput in ./output.ts uses it too).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** An output file exists and --force was not given. The CLI prints its message (exit code 1). */
export class OutputExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists; pass --force to replace it.`);
  }
}

/** Throws OutputExistsError naming the first of `paths` that exists, unless `force` (check before writing any). */
export function refuseExisting(paths: readonly string[], force: boolean): void {
  if (force) return;
  const found = paths.find((p) => existsSync(p));
  if (found) throw new OutputExistsError(found);
}

/**
 * Writes `data` to `path`, creating its parent folder. Without `force` an existing file is never replaced:
 * the file is created exclusively (`wx`), so a file that appears meanwhile is refused too.
 * Throws OutputExistsError for an existing file, the file-system error otherwise.
 */
export function writeOutputFile(path: string, data: Uint8Array | string, force: boolean): void {
  if (!force && existsSync(path)) throw new OutputExistsError(path);
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, data, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new OutputExistsError(path);
    throw e;
  }
}

/** The one line a command prints when writing `path` failed. */
export function outputFileError(command: string, path: string, e: unknown): string {
  if (e instanceof OutputExistsError) return `vdc ${command}: ${e.message}`;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return `vdc ${command}: cannot write ${path}: ${code ?? (e instanceof Error ? e.message : String(e))}`;
}

export const FORCE_HELP =
  '  --force           replace output files that already exist (without it, an existing file is an error)';
