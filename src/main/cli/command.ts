/**
 * The shape of one `vdc` sub-command. Each lives in ./commands/<name>.ts and is listed in ./registry.ts.
 * Output options come from ./output.ts (--json, --csv, --out: one meaning in every command); a command
 * that can run for more than a second shows progress through ./progress.ts (stderr, terminals only).
 */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal. (Progress goes to stderr and checks stderr itself: ./progress.ts.) */
  isTTY: boolean;
  /** Working directory that relative paths resolve against. */
  cwd: string;
}

export interface CliCommand {
  /** e.g. "simulate" or "storyline run" (words separated by one space). */
  name: string;
  summary: string;
  /** Full usage text printed by `vdc <name> --help`. */
  usage: string;
  /** Returns the process exit code: 0 ok, 1 failure, 2 bad usage. Never calls process.exit. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** A command as the registry lists it: name and summary at hand, the module loaded only when it runs. */
export interface CliEntry {
  name: string;
  summary: string;
  load(): Promise<CliCommand>;
}

/** A usage error: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
