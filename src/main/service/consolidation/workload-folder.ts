/**
 * Reading a PlanetLab workload folder (one trace file per VM, 288 lines of integer CPU % 0-100): the one
 * implementation used by the service and by `vdc consolidate`. Files are taken in byte order of their
 * names; names starting with "." are ignored. Every problem names the folder, the file and the line and
 * column, never the text found there (the API takes any folder: a file's content is never echoed).
 * Bounded: at most MAX_WORKLOAD_ENTRIES folder entries are looked at, MAX_TRACE_FILES files and
 * MAX_WORKLOAD_BYTES bytes read; only regular files are read (fstat after a non-blocking open). The
 * service runs it in its task thread (./runner.ts), never on the service thread.
 */
import { closeSync, constants, fstatSync, openSync, opendirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTraceText, type TraceInput } from '../../engine/consolidation';
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';

/** A trace file is 288 short lines; anything much larger is not one (and is not read into memory). */
export const MAX_TRACE_FILE_BYTES = 64 * 1024;
/** Trace files per workload: a PlanetLab day has 898–1,516 VMs; CloudSim's experiment has 800 hosts. */
export const MAX_TRACE_FILES = 4096;
/** Folder entries looked at (files, dot files, sub-folders), so a huge folder is refused, not listed. */
export const MAX_WORKLOAD_ENTRIES = 8192;
/** Bytes read in all (a trace is about 1 KiB: 288 lines of at most "100"). */
export const MAX_WORKLOAD_BYTES = 16 * 2 ** 20;

/** The bounds of one read (tests pass smaller ones). */
export interface WorkloadLimits {
  entries: number;
  files: number;
  bytes: number;
}
export const WORKLOAD_LIMITS: WorkloadLimits = {
  entries: MAX_WORKLOAD_ENTRIES,
  files: MAX_TRACE_FILES,
  bytes: MAX_WORKLOAD_BYTES,
};

export interface WorkloadProblem {
  code: 'NOT_FOUND' | 'INVALID_ARGUMENT' | 'PAYLOAD_TOO_LARGE';
  message: string;
  details?: { file?: string; line?: number; column?: number; dir?: string };
}

export type WorkloadRead = { ok: true; traces: TraceInput[] } | { ok: false; problem: WorkloadProblem };

/** Thrown by readWorkloadFolder (the CLI's form); carries the same message. */
export class WorkloadError extends Error {}

const errnoCode = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e);
const fail = (problem: WorkloadProblem): WorkloadRead => ({ ok: false, problem });

/** One regular file of at most `max` bytes, opened without blocking (a named pipe must not hang). */
function readTraceFile(
  path: string,
  max: number,
  totalBytes: number,
): { text: string; bytes: number } | { problem: WorkloadProblem } {
  const problem = (message: string, code: WorkloadProblem['code'] = 'INVALID_ARGUMENT') => ({
    problem: { code, message, details: { file: path } },
  });
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return problem(`${path} cannot be read (${errnoCode(e)})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return problem(`${path} is not a regular file; a trace is a text file of 288 lines`);
    if (st.size > max)
      return problem(
        st.size > MAX_TRACE_FILE_BYTES
          ? `${path}: ${st.size} bytes is too large for a trace file (288 lines, one CPU % per 5 minutes)`
          : `the workload is larger than ${(totalBytes / 2 ** 20).toFixed(totalBytes < 2 ** 20 ? 2 : 0)} MiB in all at ${path}; a workload is one small trace file per VM`,
        st.size > MAX_TRACE_FILE_BYTES ? 'INVALID_ARGUMENT' : 'PAYLOAD_TOO_LARGE',
      );
    // At most the size seen at open (+1 to notice a file still growing).
    const buf = Buffer.allocUnsafe(st.size + 1);
    let got = 0;
    for (;;) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
      if (got > st.size) return problem(`${path} changed while it was read; try again when it is complete`);
    }
    return { text: buf.toString('utf8', 0, got), bytes: got };
  } catch (e) {
    return problem(`${path} cannot be read (${errnoCode(e)})`);
  } finally {
    closeSync(fd);
  }
}

/** Reads and validates every trace file of a folder; never throws for bad input. */
export function loadWorkloadFolder(dir: string, limits: WorkloadLimits = WORKLOAD_LIMITS): WorkloadRead {
  const names: string[] = [];
  try {
    if (!statSync(dir).isDirectory())
      return fail({ code: 'INVALID_ARGUMENT', message: `workload ${dir} is not a folder`, details: { dir } });
    const d = opendirSync(dir);
    try {
      for (let e = d.readSync(); e !== null; e = d.readSync()) {
        if (names.length === limits.entries)
          return fail({
            code: 'PAYLOAD_TOO_LARGE',
            message: `workload folder ${dir} has more than ${limits.entries} entries; a workload is one trace file per VM (at most ${limits.files})`,
            details: { dir },
          });
        names.push(e.name);
      }
    } finally {
      d.closeSync();
    }
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
  if (files.length > limits.files)
    return fail({
      code: 'PAYLOAD_TOO_LARGE',
      message: `workload folder ${dir} has ${files.length} files; a workload is at most ${limits.files} trace files (one per VM)`,
      details: { dir },
    });
  files.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  if (files.length === 0)
    return fail({
      code: 'INVALID_ARGUMENT',
      message: `workload folder ${dir} contains no trace files`,
      details: { dir },
    });
  const traces: TraceInput[] = [];
  let budget = limits.bytes;
  for (const f of files) {
    const read = readTraceFile(f.path, Math.min(MAX_TRACE_FILE_BYTES, budget), limits.bytes);
    if ('problem' in read) return fail(read.problem);
    budget -= read.bytes;
    const parsed = parseTraceText(f.path, read.text);
    if (!parsed.ok) {
      const d = parsed.error.details as { line?: unknown; column?: unknown } | undefined;
      const line = typeof d?.line === 'number' ? d.line : undefined;
      const column = typeof d?.column === 'number' ? d.column : undefined;
      return fail({
        code: 'INVALID_ARGUMENT',
        message: parsed.error.message,
        details: {
          file: f.path,
          ...(line === undefined ? {} : { line }),
          ...(column === undefined ? {} : { column }),
        },
      });
    }
    traces.push({ name: f.name, samples: parsed.value });
  }
  return { ok: true, traces };
}

/** The API's answer for a read: the traces, or the problem as an error naming the file. */
export function workloadResult(r: WorkloadRead): ApiResult<TraceInput[]> {
  return r.ok
    ? apiOk(r.traces)
    : apiErr(
        r.problem.code,
        `Cannot use the workload: ${r.problem.message}.`,
        r.problem.details ? { ...r.problem.details } : undefined,
      );
}

/** The same, throwing WorkloadError with the message (for the CLI and benchmarks). */
export function readWorkloadFolder(dir: string): TraceInput[] {
  const r = loadWorkloadFolder(dir);
  if (!r.ok) throw new WorkloadError(r.problem.message);
  return r.traces;
}
