/**
 * One meaning of the output options in every `vdc` command:
 *   --json      the result as JSON instead of text
 *   --csv       the result as CSV instead of text (commands with tabular results)
 *   --out PATH  write the result (text, JSON, CSV, or the file the command makes) to PATH instead of
 *               stdout, and print one line saying so
 *   --force     replace an output file that already exists (without it, that is an error naming the
 *               file, exit code 1; every file goes through writeOutputFile in ./output-file.ts)
 * A workspace a command records into or creates is always --workspace FILE.vdc.
 */
import { resolve } from 'node:path';
import { UsageError, type CliIO } from './command';
import { outputFileError, refuseExisting, writeOutputFile } from './output-file';

export type OutputFormat = 'text' | 'json' | 'csv';

/** parseArgs option definitions (spread the ones a command supports). */
export const JSON_OPTION = { json: { type: 'boolean' } } as const;
export const CSV_OPTION = { csv: { type: 'boolean' } } as const;
/** --out comes with --force: a command that writes a file takes both. */
export const OUT_OPTION = { out: { type: 'string' }, force: { type: 'boolean' } } as const;

/** Where a command's result goes: its parsed --out and --force. */
export interface OutputTarget {
  out?: string | undefined;
  force?: boolean | undefined;
}

const HELP = {
  json: ['--json', 'print the result as JSON instead of text'],
  csv: ['--csv', 'print the result as CSV instead of text'],
  out: ['--out FILE', 'write the result to FILE instead of stdout'],
  force: ['--force', 'replace the --out file if it already exists (without it, that is an error)'],
} as const;

/** A usage line with the same words in every command; `column` is where the command's descriptions start. */
export function outputHelp(option: keyof typeof HELP, column = 17): string {
  const [flag, text] = HELP[option];
  return `  ${flag}`.padEnd(column) + text;
}

export function outputFormat(values: {
  json?: boolean | undefined;
  csv?: boolean | undefined;
}): OutputFormat {
  if (values.json && values.csv) throw new UsageError('give --json or --csv, not both');
  return values.json ? 'json' : values.csv ? 'csv' : 'text';
}

/** Rejects positionals; points at --out when one looks like the old `--json FILE` spelling. */
export function noPositionals(positionals: readonly string[]): void {
  const p = positionals[0];
  if (p === undefined) return;
  const hint = /\.(json|csv)$/i.test(p)
    ? ' (--json and --csv take no file name: add --out FILE to write one)'
    : '';
  throw new UsageError(`unexpected argument "${p}"${hint}`);
}

/**
 * Refuses early (throws OutputExistsError, which the CLI prints with exit code 1) when the --out file
 * exists and --force is not given: a long command checks this before it works, not only when it writes.
 */
export function refuseExistingOutput(io: CliIO, target: OutputTarget): void {
  if (target.out !== undefined) refuseExisting([resolve(io.cwd, target.out)], target.force === true);
}

/**
 * Prints `content` on stdout, or writes it to `target.out` (resolved against the working directory; an
 * existing file only with --force) and prints `wrote <what> to <path>`. Answers the exit code: 0, or 1
 * when the file exists without --force or cannot be written (the error names the file).
 */
export function emitOutput(
  io: CliIO,
  command: string,
  target: OutputTarget,
  content: string,
  what = 'the result',
): number {
  if (target.out === undefined) {
    io.out(content.replace(/\r?\n$/, ''));
    return 0;
  }
  const path = resolve(io.cwd, target.out);
  try {
    writeOutputFile(path, content.endsWith('\n') ? content : `${content}\n`, target.force === true);
  } catch (e) {
    io.err(outputFileError(command, path, e));
    return 1;
  }
  io.out(`wrote ${what} to ${path}`);
  return 0;
}

export const toJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
