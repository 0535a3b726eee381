/**
 * One meaning of the output options in every `vdc` command:
 *   --json      the result as JSON instead of text
 *   --csv       the result as CSV instead of text (commands with tabular results)
 *   --out PATH  write the result (text, JSON, CSV, or the file the command makes) to PATH instead of
 *               stdout, and print one line saying so
 * A workspace a command records into or creates is always --workspace FILE.vdc.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type CliIO } from './command';

export type OutputFormat = 'text' | 'json' | 'csv';

/** parseArgs option definitions (spread the ones a command supports). */
export const JSON_OPTION = { json: { type: 'boolean' } } as const;
export const CSV_OPTION = { csv: { type: 'boolean' } } as const;
export const OUT_OPTION = { out: { type: 'string' } } as const;

const HELP = {
  json: ['--json', 'print the result as JSON instead of text'],
  csv: ['--csv', 'print the result as CSV instead of text'],
  out: ['--out FILE', 'write the result to FILE instead of stdout'],
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
 * Prints `content` on stdout, or writes it to `out` (resolved against the working directory) and prints
 * `wrote <what> to <path>`. Answers the exit code: 0, or 1 when the file cannot be written.
 */
export function emitOutput(
  io: CliIO,
  command: string,
  out: string | undefined,
  content: string,
  what = 'the result',
): number {
  if (out === undefined) {
    io.out(content.replace(/\r?\n$/, ''));
    return 0;
  }
  const path = resolve(io.cwd, out);
  try {
    writeFileSync(path, content.endsWith('\n') ? content : `${content}\n`);
  } catch (e) {
    io.err(
      `vdc ${command}: cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}`,
    );
    return 1;
  }
  io.out(`wrote ${what} to ${path}`);
  return 0;
}

export const toJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
