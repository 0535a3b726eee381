/**
 * Trace parsers (text in, arrays out; the engine never reads files — the caller passes file contents).
 *  - PlanetLab (CoMon, as shipped with CloudSim): one integer CPU % per line, one line per 300 s.
 *  - CSV `time,cpu_pct[,mem_pct]`: time in seconds from the trace start (ascending), optional header.
 */
import { engineError, err, ok, type Result } from '../api';
import type { TraceSpec } from '../model/scenario';

export const PLANETLAB_STEP_SEC = 300;

export function parsePlanetLabTrace(id: string, name: string, text: string): Result<TraceSpec> {
  const cpuPct: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const v = Number(line);
    if (!Number.isFinite(v) || v < 0 || v > 100)
      return err(
        engineError(
          'INVALID_ARGUMENT',
          `${name}: line ${i + 1} is "${line.slice(0, 20)}", expected a CPU percentage 0-100`,
        ),
      );
    cpuPct.push(v);
  }
  if (cpuPct.length === 0) return err(engineError('INVALID_ARGUMENT', `${name}: the trace is empty`));
  return ok({ id, name, stepSec: PLANETLAB_STEP_SEC, cpuPct });
}

export function parseCsvTrace(id: string, name: string, text: string): Result<TraceSpec> {
  const timesSec: number[] = [];
  const cpuPct: number[] = [];
  const memPct: number[] = [];
  const lines = text.split(/\r?\n/);
  let withMem: boolean | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(',').map((c) => c.trim());
    if (i === 0 && cells.some((c) => c !== '' && Number.isNaN(Number(c)))) continue; // header
    const nums = cells.map(Number);
    if (nums.length < 2 || nums.length > 3 || nums.some((n) => !Number.isFinite(n))) {
      return err(
        engineError(
          'INVALID_ARGUMENT',
          `${name}: line ${i + 1} must be "time,cpu_pct[,mem_pct]" with numbers, got "${line.slice(0, 40)}"`,
        ),
      );
    }
    const [t, c, m] = nums as [number, number, number | undefined];
    if (withMem === null) withMem = m !== undefined;
    if (withMem !== (m !== undefined))
      return err(
        engineError(
          'INVALID_ARGUMENT',
          `${name}: line ${i + 1} has ${nums.length} columns; every line needs the same columns`,
        ),
      );
    if (timesSec.length > 0 && t <= timesSec[timesSec.length - 1]!)
      return err(engineError('INVALID_ARGUMENT', `${name}: line ${i + 1}: times must increase`));
    if (c < 0 || c > 100 || (m !== undefined && (m < 0 || m > 100)))
      return err(engineError('INVALID_ARGUMENT', `${name}: line ${i + 1}: percentages must be within 0-100`));
    timesSec.push(t);
    cpuPct.push(c);
    if (m !== undefined) memPct.push(m);
  }
  if (cpuPct.length === 0)
    return err(engineError('INVALID_ARGUMENT', `${name}: the trace has no data lines`));
  const first = timesSec[0]!;
  const rel = timesSec.map((t) => t - first);
  const step = rel.length > 1 ? rel[rel.length - 1]! / (rel.length - 1) : 60;
  const spec: TraceSpec = { id, name, stepSec: step, timesSec: rel, cpuPct };
  if (memPct.length > 0) spec.memPct = memPct;
  return ok(spec);
}
