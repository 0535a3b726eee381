/**
 * Progress of a long `vdc` command (simulate, consolidate, report, import, …): one line on stderr,
 * redrawn in place, written only when stderr is a terminal — never into a pipe, a file or a test's
 * captured output, so stdout and stderr stay machine-readable. `NO_COLOR` (any non-empty value,
 * https://no-color.org) turns the colours off; the bar stays.
 */

/** What the helper writes to: process.stderr, or a fake in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  /** `done` of `total` units (ticks, steps); redraws at most every 100 ms of wall time and at 100 %. */
  update(done: number): void;
  /** Names the current stage of a command made of stages (reading, computing, writing …). */
  stage(label: string): void;
  /** Clears the line (the command prints its result next). Idempotent. */
  end(): void;
}

export interface ProgressOptions {
  /** Shown before the bar, e.g. "simulate" or "consolidate lr-mmt". */
  label: string;
  /** Total units; 0 or less for a command that only reports stages. */
  total: number;
  stream?: ProgressStream;
  env?: Record<string, string | undefined>;
  /** Wall clock in ms (tests pass a fake). */
  now?: () => number;
}

const NONE: Progress = { update: () => {}, stage: () => {}, end: () => {} };
const WIDTH = 24;
const REDRAW_MS = 100;

/** True when progress would be drawn on this stream with this environment. */
export function progressEnabled(
  stream: ProgressStream = process.stderr,
  env: Record<string, string | undefined> = process.env,
): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function startProgress(o: ProgressOptions): Progress {
  const stream = o.stream ?? process.stderr;
  const env = o.env ?? process.env;
  if (!progressEnabled(stream, env)) return NONE;
  const color = !env.NO_COLOR;
  const now = o.now ?? (() => performance.now());
  const paint = (code: string, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  let last = -Infinity;
  let done = 0;
  let stage = '';
  let ended = false;
  let drawn = false;
  const draw = (): void => {
    let line = paint('1', o.label);
    if (o.total > 0) {
      const f = Math.min(1, Math.max(0, done / o.total));
      const filled = Math.round(f * WIDTH);
      line += ` [${paint('36', '#'.repeat(filled))}${'.'.repeat(WIDTH - filled)}] ${(f * 100).toFixed(0).padStart(3)} %`;
    }
    if (stage) line += ` ${paint('2', stage)}`;
    // \r + erase line: the line is redrawn in place, and a shorter line leaves nothing behind.
    stream.write(`\r\x1b[2K${line}`);
    drawn = true;
  };
  return {
    update(n) {
      if (ended) return;
      done = n;
      const t = now();
      if (t - last >= REDRAW_MS || (o.total > 0 && n >= o.total)) {
        last = t;
        draw();
      }
    },
    stage(label) {
      if (ended) return;
      stage = label;
      last = now();
      draw();
    },
    end() {
      if (ended) return;
      ended = true;
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
