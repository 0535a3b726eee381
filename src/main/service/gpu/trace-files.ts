/**
 * Reading the GPU experiment's inputs: the node list (`sn,cpu_milli,memory_mib,gpu,model`) and a pod list
 * (`name,cpu_milli,memory_mib,num_gpu,gpu_milli[,gpu_spec],…`) of the Alibaba 2023 "openb" trace, or any
 * file in the same columns. The one implementation used by `vdc gpu-experiment` (and later the console).
 * Every row is validated with zod; a problem names the file, the row (the header is row 1) and the column.
 * Extra columns (qos, pod_phase, timestamps …) are ignored, as the published simulator ignores them.
 */
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import type { GpuNodeInput, GpuPodInput } from '../../engine/gpu';
import { readCsv } from '../inventory-io/read-csv';

/** The published pod lists are under 1 MB; anything far larger is not one (and is not read into memory). */
export const MAX_GPU_TRACE_BYTES = 64 * 1024 * 1024;
/** At most this many problems are listed (the first ones, in row order). */
const MAX_PROBLEMS = 5;

/** Thrown for unreadable or malformed input; the message names the file, row and column. */
export class GpuTraceError extends Error {
  constructor(
    message: string,
    readonly problems: { row: number; column: string; message: string }[] = [],
  ) {
    super(message);
  }
}

const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());
const count = z
  .string()
  .regex(/^[0-9]+$/, { error: (i) => `must be a whole number ≥ 0, got "${String(i.input)}"` })
  .transform(Number)
  .refine(Number.isSafeInteger, 'is too large');
const integer = z
  .string()
  .regex(/^-?[0-9]+$/, { error: (i) => `must be a whole number, got "${String(i.input)}"` })
  .transform(Number)
  .refine(Number.isSafeInteger, 'is too large');
const name = z.string().min(1, 'is empty');

const nodeRow = z.object({
  sn: name,
  cpu_milli: count,
  memory_mib: count,
  gpu: count.refine((g) => g <= 64, 'must be at most 64 GPUs per node'),
  model: z.string(),
});

const podRow = z
  .object({
    name,
    cpu_milli: count,
    memory_mib: count,
    num_gpu: count.refine((g) => g <= 64, 'must be at most 64 GPUs per pod'),
    // A CPU-only pod's gpu_milli is ignored; it may be empty.
    gpu_milli: z.string(),
    gpu_spec: z.string(),
  })
  .transform((r, ctx) => {
    let milli = 0;
    if (r.gpu_milli !== '' || r.num_gpu > 0) {
      const m = integer.safeParse(r.gpu_milli);
      if (!m.success) {
        ctx.addIssue({
          code: 'custom',
          path: ['gpu_milli'],
          message: m.error.issues[0]?.message ?? 'is invalid',
        });
        return z.NEVER;
      }
      milli = m.data;
    }
    return { ...r, gpu_milli: milli };
  });

function tableOf(
  bytes: Uint8Array,
  file: string,
  required: readonly string[],
  optional: readonly string[],
): { rows: { row: number; values: Record<string, string> }[] } {
  const csv = readCsv(bytes);
  if (csv.errors.length > 0) {
    const e = csv.errors[0]!;
    throw new GpuTraceError(`${file} row ${e.row}, column ${e.column}: ${e.message}`, csv.errors);
  }
  const missing = required.filter((h) => !csv.headers.includes(h));
  if (missing.length > 0)
    throw new GpuTraceError(
      `${file}: the header (row 1) lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ` +
        `expected ${required.join(',')}${optional.length ? ` (optionally ${optional.join(',')})` : ''}`,
    );
  const at = [...required, ...optional].map((h) => [h, csv.headers.indexOf(h)] as const);
  const rows = csv.rows.map((r) => {
    const values: Record<string, string> = {};
    for (const [h, i] of at) values[h] = i < 0 ? '' : cell(r.cells[i]);
    return { row: r.row, values };
  });
  if (rows.length === 0) throw new GpuTraceError(`${file}: no data rows after the header`);
  return { rows };
}

function validateRows<S extends z.ZodType>(
  file: string,
  rows: { row: number; values: Record<string, string> }[],
  schema: S,
): z.output<S>[] {
  const out: z.output<S>[] = [];
  const problems: { row: number; column: string; message: string }[] = [];
  for (const r of rows) {
    const parsed = schema.safeParse(r.values);
    if (parsed.success) out.push(parsed.data);
    else
      for (const issue of parsed.error.issues) {
        if (problems.length >= MAX_PROBLEMS) break;
        problems.push({ row: r.row, column: String(issue.path[0] ?? ''), message: issue.message });
      }
    if (problems.length >= MAX_PROBLEMS) break;
  }
  if (problems.length > 0) {
    const lines = problems.map((p) => `${file} row ${p.row}, column ${p.column}: ${p.message}`);
    throw new GpuTraceError(lines.join('\n'), problems);
  }
  return out;
}

function noDuplicates(
  file: string,
  rows: { row: number; values: Record<string, string> }[],
  column: string,
): void {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const v = r.values[column] ?? '';
    const first = seen.get(v);
    if (first !== undefined)
      throw new GpuTraceError(
        `${file} row ${r.row}, column ${column}: "${v}" already appears in row ${first} (names must be unique: they order the trace)`,
        [{ row: r.row, column, message: 'duplicate name' }],
      );
    seen.set(v, r.row);
  }
}

/** Parses a node list; `file` is how messages name it. */
export function parseGpuNodesCsv(bytes: Uint8Array, file: string): GpuNodeInput[] {
  const { rows } = tableOf(bytes, file, ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'], []);
  const parsed = validateRows(file, rows, nodeRow);
  noDuplicates(file, rows, 'sn');
  const nodes = parsed.map((r) => ({
    name: r.sn,
    cpuMilli: r.cpu_milli,
    memoryMiB: r.memory_mib,
    gpus: r.gpu,
    model: r.model,
  }));
  if (!nodes.some((x) => x.gpus > 0)) throw new GpuTraceError(`${file}: no node has a GPU (column gpu)`);
  return nodes;
}

/** Parses a pod list; `file` is how messages name it. */
export function parseGpuPodsCsv(bytes: Uint8Array, file: string): GpuPodInput[] {
  const { rows } = tableOf(
    bytes,
    file,
    ['name', 'cpu_milli', 'memory_mib', 'num_gpu', 'gpu_milli'],
    ['gpu_spec'],
  );
  const parsed = validateRows(file, rows, podRow);
  noDuplicates(file, rows, 'name');
  return parsed.map((r) => ({
    name: r.name,
    cpuMilli: r.cpu_milli,
    memoryMiB: r.memory_mib,
    numGpu: r.num_gpu,
    gpuMilli: r.gpu_milli,
    gpuSpec: r.gpu_spec,
  }));
}

function readBytes(path: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new GpuTraceError(`${path} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof GpuTraceError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new GpuTraceError(
      code === 'ENOENT' ? `${path} does not exist` : `${path} cannot be read (${code ?? String(e)})`,
    );
  }
  if (size > MAX_GPU_TRACE_BYTES)
    throw new GpuTraceError(
      `${path}: ${size} bytes is too large for a node or pod list (at most ${MAX_GPU_TRACE_BYTES})`,
    );
  try {
    return readFileSync(path);
  } catch (e) {
    throw new GpuTraceError(`${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** Reads and validates a node list file. */
export const readGpuNodesFile = (path: string): GpuNodeInput[] => parseGpuNodesCsv(readBytes(path), path);
/** Reads and validates a pod list file. */
export const readGpuPodsFile = (path: string): GpuPodInput[] => parseGpuPodsCsv(readBytes(path), path);
