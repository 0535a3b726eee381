/**
 * The full grid of the published GPU-sharing experiment on worker threads (issue 18): every pod list in the
 * trace folder × the six policies × seeds, one experiment per job, N worker threads (default: the
 * machine's parallelism). Prints wall time, summed CPU time and the load, and writes one CSV row per run
 * (allocation at 100 and 130 %, fragmentation at 130 %, placed/failed).
 *
 *   npx tsx bench/gpu-grid.ts [--seeds 42-51] [--threads N] [--traces default,multigpu20] [--out grid.csv]
 */
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { GPU_POLICIES } from '../src/main/engine/gpu';
import { toCsv } from '../src/shared/csv';
import type { GridJob } from './gpu-grid-worker';

const ROOT = resolve(__dirname, '..');
const DATA = process.env.VDC_GPU_TRACE_DIR ?? resolve(ROOT, '..', 'shared', 'data', 'alibaba-gpu-2023');

interface GridResult {
  trace: string;
  policy: string;
  seed: number;
  alloc100: number | null;
  alloc130: number | null;
  frag130: number | null;
  placed: number;
  failed: number;
  wallSeconds: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const [from, to] = (arg('seeds') ?? '42').split('-').map(Number);
  const seeds = Array.from({ length: (to ?? from!) - from! + 1 }, (_, i) => from! + i);
  const threads = Number(arg('threads') ?? availableParallelism());
  const only = arg('traces')?.split(',');
  const traces = readdirSync(DATA)
    .filter((f) => /^openb_pod_list_.*\.csv$/.test(f))
    .map((f) => f.replace(/^openb_pod_list_|\.csv$/g, ''))
    .filter((t) => !only || only.includes(t))
    .sort();
  const jobs: GridJob[] = [];
  for (const trace of traces)
    for (const policy of GPU_POLICIES)
      for (const seed of seeds)
        jobs.push({
          nodes: join(DATA, 'openb_node_list_gpu_node.csv'),
          pods: join(DATA, `openb_pod_list_${trace}.csv`),
          trace,
          policy,
          seed,
        });

  const dir = mkdtempSync(join(tmpdir(), 'vdc-gpu-grid-'));
  const workerFile = join(dir, 'worker.cjs');
  await build({
    entryPoints: [join(__dirname, 'gpu-grid-worker.ts')],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  console.log(
    `${jobs.length} experiments (${traces.length} traces × ${GPU_POLICIES.length} policies × ${seeds.length} seeds) on ${threads} worker threads, load ${loadavg()[0]!.toFixed(1)}`,
  );
  const results: GridResult[] = [];
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: threads }, () => {
      const w = new Worker(workerFile);
      return new Promise<void>((done, fail) => {
        const feed = (): void => {
          const job = jobs[next++];
          w.postMessage(job ?? null);
          if (!job) void w.terminate().then(() => done());
        };
        w.on('message', (r: GridResult) => {
          results.push(r);
          if (results.length % 25 === 0)
            process.stderr.write(
              `  ${results.length}/${jobs.length} in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
            );
          feed();
        });
        w.on('error', fail);
        feed();
      });
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  console.log(
    `done in ${wall.toFixed(1)} s wall; CPU ${cpu.toFixed(1)} s (all threads; ${(cpu / results.length).toFixed(2)} s per experiment); load ${loadavg()[0]!.toFixed(1)}`,
  );
  const out = arg('out');
  if (out) {
    results.sort(
      (a, b) => a.trace.localeCompare(b.trace) || a.policy.localeCompare(b.policy) || a.seed - b.seed,
    );
    writeFileSync(
      out,
      toCsv([
        ['trace', 'policy', 'seed', 'alloc100', 'alloc130', 'frag130', 'placed', 'failed', 'wallSeconds'],
        ...results.map((r) => [
          r.trace,
          r.policy,
          r.seed,
          r.alloc100,
          r.alloc130,
          r.frag130,
          r.placed,
          r.failed,
          r.wallSeconds,
        ]),
      ]),
    );
    console.log(`wrote ${out}`);
  }
  rmSync(dir, { recursive: true, force: true });
}

void main();
