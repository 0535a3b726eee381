/**
 * PlanetLab trace files: 288 lines, one integer CPU utilisation in percent (0-100) per 5-minute interval.
 * CloudSim (`UtilizationModelPlanetLabInMemory`) reads them as value/100 into d[0..287] and sets
 * d[288] = d[287]; utilisation at time t interpolates linearly between neighbouring samples.
 */
import { engineError, err, ok, type EngineError, type Result } from '../api';

export const SAMPLES_PER_DAY = 288;
export const SAMPLE_INTERVAL_SEC = 300;

/** One trace: its file name and the 288 percent values as read. */
export interface TraceInput {
  name: string;
  samples: readonly number[];
}

/**
 * What breaks a line that should be an integer percentage, without repeating the line (a folder given to
 * the API may hold anything: an error never echoes a file's content): the 1-based column and what is there.
 */
function badColumn(line: string): { column: number; found: string } {
  let i = 0;
  while (i < line.length && /\s/.test(line[i]!)) i++;
  if (i === line.length) return { column: 1, found: 'an empty line' };
  if (line[i] === '+' || line[i] === '-') i++;
  const digitsFrom = i;
  while (i < line.length && /\d/.test(line[i]!)) i++;
  if (i > digitsFrom) while (i < line.length && /\s/.test(line[i]!)) i++;
  const c = line[i];
  const found =
    c === undefined
      ? 'a sign without digits'
      : c === '.' || c === ','
        ? 'a decimal separator (only whole numbers)'
        : /\p{L}/u.test(c)
          ? 'a letter'
          : /\s/.test(c)
            ? 'a space inside the number'
            : /\d/.test(c)
              ? 'a second number'
              : 'a character that is not a digit';
  return { column: Math.min(i, line.length - 1) + 1, found };
}

/**
 * Parses one trace file's text. Errors name the file, the 1-based line and column and what was expected
 * (never the text found there).
 */
export function parseTraceText(name: string, text: string): Result<number[], EngineError> {
  const lines = text.split('\n');
  // Trailing empty lines (a final newline, or several) are not samples.
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
  if (lines.length !== SAMPLES_PER_DAY) {
    return err(
      engineError(
        'INVALID_ARGUMENT',
        `${name}: expected ${SAMPLES_PER_DAY} lines (one CPU % per 5 minutes), found ${lines.length}`,
        { file: name, lines: lines.length },
      ),
    );
  }
  const samples: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] as string).replace(/\r$/, '');
    const raw = text.trim();
    const line = i + 1;
    if (!/^[+-]?\d+$/.test(raw)) {
      const { column, found } = badColumn(text);
      return err(
        engineError(
          'INVALID_ARGUMENT',
          `${name} line ${line}, column ${column}: expected an integer percentage from 0 to 100, found ${found}`,
          { file: name, line, column },
        ),
      );
    }
    const v = Number(raw);
    if (v < 0 || v > 100) {
      return err(
        engineError(
          'INVALID_ARGUMENT',
          `${name} line ${line}: expected an integer percentage from 0 to 100, found ${v < 0 ? 'a negative number' : 'a number above 100'}`,
          { file: name, line, column: text.search(/\S/) + 1 },
        ),
      );
    }
    samples.push(v);
  }
  return ok(samples);
}

/** Checks already-parsed traces (e.g. from the service) with the same rules. */
export function validateTraces(traces: readonly TraceInput[]): EngineError | null {
  if (traces.length === 0) return engineError('INVALID_ARGUMENT', 'the workload has no trace files');
  for (const t of traces) {
    if (t.samples.length !== SAMPLES_PER_DAY) {
      return engineError(
        'INVALID_ARGUMENT',
        `${t.name}: expected ${SAMPLES_PER_DAY} samples, found ${t.samples.length}`,
        {
          file: t.name,
        },
      );
    }
    for (let i = 0; i < t.samples.length; i++) {
      const v = t.samples[i] as number;
      if (!Number.isFinite(v) || v < 0 || v > 100) {
        return engineError('INVALID_ARGUMENT', `${t.name} line ${i + 1}: ${v} is outside 0-100`, {
          file: t.name,
          line: i + 1,
        });
      }
    }
  }
  return null;
}

/** d[0..288] as fractions, d[288] = d[287] (CloudSim's 289th sample). */
export function traceFractions(samples: readonly number[]): Float64Array {
  const d = new Float64Array(SAMPLES_PER_DAY + 1);
  for (let i = 0; i < SAMPLES_PER_DAY; i++) d[i] = (samples[i] as number) / 100.0;
  d[SAMPLES_PER_DAY] = d[SAMPLES_PER_DAY - 1] as number;
  return d;
}

/** UtilizationModelPlanetLabInMemory.getUtilization(t), with CloudSim's expression order. */
export function utilisationAt(d: Float64Array, t: number): number {
  if (t % SAMPLE_INTERVAL_SEC === 0) return d[Math.trunc(t) / SAMPLE_INTERVAL_SEC] as number;
  const t1 = Math.floor(t / SAMPLE_INTERVAL_SEC);
  const t2 = Math.ceil(t / SAMPLE_INTERVAL_SEC);
  const u1 = d[t1] as number;
  const u2 = d[t2] as number;
  const delta = (u2 - u1) / ((t2 - t1) * SAMPLE_INTERVAL_SEC);
  return u1 + delta * (t - t1 * SAMPLE_INTERVAL_SEC);
}
