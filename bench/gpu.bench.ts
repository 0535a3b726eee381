/**
 * The published GPU-sharing experiment (issue 18): `vdc gpu-experiment` as a whole process (bundled CLI,
 * default trace, seed 42, each policy; goal ≤ 2 s) and the experiment alone in this process (CPU time of
 * the run after the files are read). Wall time is the median; each process's own CPU time is in the note,
 * with the load average, because the machine is shared. The grid on worker threads: bench/gpu-grid.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GPU_POLICIES, runGpuExperiment } from '../src/main/engine/gpu';
import { readGpuNodesFile, readGpuPodsFile } from '../src/main/service/gpu/trace-files';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'vdc.cjs');
// ../shared/data next to the checkout; VDC_GPU_TRACE_DIR overrides it.
const DATA = process.env.VDC_GPU_TRACE_DIR ?? resolve(ROOT, '..', 'shared', 'data', 'alibaba-gpu-2023');
const NODES = join(DATA, 'openb_node_list_gpu_node.csv');
const PODS = join(DATA, 'openb_pod_list_default.csv');
const RUNS = Number(process.env.VDC_GPU_BENCH_RUNS ?? 3);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
const load = (): string => `load ${loadavg()[0]!.toFixed(1)}`;

function wholeProcess(policy: string, dir: string): { wall: number; cpu: number; inner: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  const inners: number[] = [];
  const cpuFile = join(dir, 'cpu.txt');
  for (let i = 0; i < RUNS; i++) {
    const args = [
      'gpu-experiment',
      '--nodes',
      NODES,
      '--pods',
      PODS,
      '--policy',
      policy,
      '--seed',
      '42',
      '--json',
    ];
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['-r', join(__dirname, 'cpu-at-exit.cjs'), BIN, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, VDC_BENCH_CPU_FILE: cpuFile },
    });
    walls.push((performance.now() - t0) / 1000);
    if (r.status !== 0) throw new Error(`vdc ${args.join(' ')} failed: ${r.stderr}`);
    cpus.push(Number(readFileSync(cpuFile, 'utf8')));
    inners.push((JSON.parse(r.stdout) as { wallSeconds: number }).wallSeconds);
  }
  return { wall: median(walls), cpu: median(cpus), inner: median(inners) };
}

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(PODS))
    return [{ name: 'vdc gpu-experiment', value: 0, unit: 's', note: `skipped: ${PODS} not found` }];
  const dir = mkdtempSync(join(tmpdir(), 'vdc-gpu-bench-'));
  const out: BenchResult[] = [];
  try {
    spawnSync(process.execPath, [BIN, '--help'], { cwd: dir }); // builds the bundle if stale, untimed
    for (const policy of GPU_POLICIES) {
      const r = wholeProcess(policy, dir);
      out.push({
        name: `vdc gpu-experiment ${policy} (default, seed 42): whole process`,
        value: r.wall,
        unit: 's',
        goal: '≤ 2 s',
        note: `CPU ${r.cpu.toFixed(2)} s; reading + experiment ${r.inner.toFixed(2)} s wall; ${load()}`,
      });
    }
    const nodes = readGpuNodesFile(NODES);
    const pods = readGpuPodsFile(PODS);
    for (const policy of GPU_POLICIES) {
      const cpu: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const c0 = process.cpuUsage();
        const r = runGpuExperiment(nodes, pods, { policy, seed: 42 });
        const c = process.cpuUsage(c0);
        if (!r.ok) throw new Error(r.error.message);
        cpu.push((c.user + c.system) / 1e6);
      }
      out.push({
        name: `GPU experiment ${policy}, in process (files read once)`,
        value: median(cpu),
        unit: 's CPU',
        note: load(),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
