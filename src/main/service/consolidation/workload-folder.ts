/**
 * Reading a PlanetLab workload folder (one trace file per VM, 288 lines of integer CPU % 0-100): the one
 * implementation used by the service and by `vdc consolidate`. Files are taken in byte order of their
 * names; names starting with "." are ignored. Every problem names the folder, the file and the line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTraceText, type TraceInput } from '../../engine/consolidation';

/** A trace file is 288 short lines; anything much larger is not one (and is not read into memory). */
export const MAX_TRACE_FILE_BYTES = 64 * 1024;

export interface WorkloadProblem {
  code: 'NOT_FOUND' | 'INVALID_ARGUMENT';
  message: string;
  details?: { file?: string; line?: number; dir?: string };
}

export type WorkloadRead = { ok: true; traces: TraceInput[] } | { ok: false; problem: WorkloadProblem };

/** Thrown by readWorkloadFolder (the CLI's form); carries the same message. */
export class WorkloadError extends Error {}

const errnoCode = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e);
const fail = (problem: WorkloadProblem): WorkloadRead => ({ ok: false, problem });

/** Reads and validates every trace file of a folder; never throws for bad input. */
export function loadWorkloadFolder(dir: string): WorkloadRead {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory())
      return fail({ code: 'INVALID_ARGUMENT', message: `workload ${dir} is not a folder`, details: { dir } });
    names = readdirSync(dir);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT')
      return fail({ code: 'NOT_FOUND', message: `workload folder ${dir} does not exist`, details: { dir } });
    return fail({
      code: 'INVALID_ARGUMENT',
      message: `workload folder ${dir} cannot be read (${code})`,
      details: { dir },
    });
  }
  const files: { name: string; path: string; size: number }[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (st.isFile()) files.push({ name, path, size: st.size });
    } catch (e) {
      return fail({
        code: 'INVALID_ARGUMENT',
        message: `${path} cannot be read (${errnoCode(e)})`,
        details: { file: path },
      });
    }
  }
  files.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  if (files.length === 0)
    return fail({
      code: 'INVALID_ARGUMENT',
      message: `workload folder ${dir} contains no trace files`,
      details: { dir },
    });
  const traces: TraceInput[] = [];
  for (const f of files) {
    if (f.size > MAX_TRACE_FILE_BYTES) {
      return fail({
        code: 'INVALID_ARGUMENT',
        message: `${f.path}: ${f.size} bytes is too large for a trace file (288 lines, one CPU % per 5 minutes)`,
        details: { file: f.path },
      });
    }
    let text: string;
    try {
      text = readFileSync(f.path, 'utf8');
    } catch (e) {
      return fail({
        code: 'INVALID_ARGUMENT',
        message: `${f.path} cannot be read (${errnoCode(e)})`,
        details: { file: f.path },
      });
    }
    const parsed = parseTraceText(f.path, text);
    if (!parsed.ok) {
      const d = parsed.error.details as { line?: unknown } | undefined;
      const line = typeof d?.line === 'number' ? d.line : undefined;
      return fail({
        code: 'INVALID_ARGUMENT',
        message: parsed.error.message,
        details: line === undefined ? { file: f.path } : { file: f.path, line },
      });
    }
    traces.push({ name: f.name, samples: parsed.value });
  }
  return { ok: true, traces };
}

/** The same, throwing WorkloadError with the message (for the CLI and benchmarks). */
export function readWorkloadFolder(dir: string): TraceInput[] {
  const r = loadWorkloadFolder(dir);
  if (!r.ok) throw new WorkloadError(r.problem.message);
  return r.traces;
}
