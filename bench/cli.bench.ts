/**
 * The `vdc` command as installed (bin/vdc.cjs → the esbuild bundle out/cli/vdc.js, plain node), as whole
 * processes: start-up (`--version`, `--help`, `scenarios`; goal ≤ 0.3 s), the published consolidation
 * experiment (goal ≤ 1 s; also without the V8 code cache, interleaved, to show what the cache brings),
 * and recorded ticks per second of the enterprise scenario with full history (2 simulated hours into a
 * fresh workspace). Wall time is the median (the minimum in the note); each process's own CPU time
 * (user + sys) is in the note, with the load average, because the machine may be shared.
 *
 *   npm run bench -- cli                      everything (≈ 1–2 min on a quiet machine)
 *   VDC_BENCH_CLI_RUNS=N                      runs per consolidation measure (default 7; start-up: 2N+1)
 *   VDC_BENCH_CLI_SIMULATE=0                  leave out the 2-hour recorded simulation
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'vdc.cjs');
// ../shared/data next to the checkout (as the consolidation bench); VDC_PLANETLAB_DAY overrides it.
const DAY = process.env.VDC_PLANETLAB_DAY ?? resolve(ROOT, '..', 'shared', 'data', 'planetlab', '20110303');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

interface Timing {
  wall: number;
  wallMin: number;
  cpu: number;
  cpuMin: number;
  stdout: string;
}

/** Runs `vdc args` once; wall seconds, CPU seconds (user + sys) of the process, stdout. */
function once(
  args: string[],
  dir: string,
  env: NodeJS.ProcessEnv = {},
): { wall: number; cpu: number; stdout: string } {
  const cpuFile = join(dir, 'cpu.txt');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-r', join(__dirname, 'cpu-at-exit.cjs'), BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...env, VDC_BENCH_CPU_FILE: cpuFile },
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`vdc ${args.join(' ')} failed: ${r.stderr}`);
  return { wall, cpu: Number(readFileSync(cpuFile, 'utf8')), stdout: r.stdout };
}

/** Runs each variant `n` times, interleaved (A B A B …), so that a change of load hits them alike. */
function time(variants: { args: string[]; env?: NodeJS.ProcessEnv }[], n: number, dir: string): Timing[] {
  const runs = variants.map(() => [] as { wall: number; cpu: number; stdout: string }[]);
  for (let i = 0; i < n; i++) variants.forEach((v, k) => runs[k]!.push(once(v.args, dir, v.env)));
  return runs.map((rs) => ({
    wall: median(rs.map((r) => r.wall)),
    wallMin: Math.min(...rs.map((r) => r.wall)),
    cpu: median(rs.map((r) => r.cpu)),
    cpuMin: Math.min(...rs.map((r) => r.cpu)),
    stdout: rs[rs.length - 1]!.stdout,
  }));
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vdc-cli-bench-'));
  const load = (): string => `load ${loadavg()[0]!.toFixed(1)}`;
  const n = Math.max(1, Number(process.env.VDC_BENCH_CLI_RUNS ?? 7));
  const secs = (t: Timing): string =>
    `CPU ${t.cpu.toFixed(3)} s (min ${t.cpuMin.toFixed(3)}), wall min ${t.wallMin.toFixed(3)} s`;
  try {
    once(['--help'], dir); // builds the bundle if it is stale, outside the timing
    const out: BenchResult[] = [];
    for (const args of [['--version'], ['--help'], ['scenarios']]) {
      const [r] = time([{ args }], 2 * n + 1, dir);
      out.push({
        name: `vdc ${args.join(' ')}: whole process`,
        value: r!.wall,
        unit: 's',
        goal: '≤ 0.3 s',
        note: `${secs(r!)}; ${load()}`,
      });
    }
    if (existsSync(DAY)) {
      const args = ['consolidate', '--workload', DAY, '--policy', 'lr-mmt', '--json'];
      const [cached, uncached] = time([{ args }, { args, env: { VDC_CODE_CACHE: 'off' } }], n, dir);
      const inner = (JSON.parse(cached!.stdout) as { wallSeconds: number }).wallSeconds;
      out.push({
        name: 'vdc consolidate lr-mmt (20110303): whole process',
        value: cached!.wall,
        unit: 's',
        goal: '≤ 1 s',
        note: `${secs(cached!)}; the experiment itself ${inner.toFixed(2)} s; ${load()}`,
      });
      out.push({
        name: '  the same without the code cache (VDC_CODE_CACHE=off)',
        value: uncached!.wall,
        unit: 's',
        note: `${secs(uncached!)}; ${load()}`,
      });
    } else {
      out.push({
        name: 'vdc consolidate lr-mmt (20110303): whole process',
        value: 0,
        unit: 's',
        note: `skipped: ${DAY} not found`,
      });
    }
    if (process.env.VDC_BENCH_CLI_SIMULATE !== '0') {
      const ws = join(dir, 'enterprise.vdc');
      const sim = once(
        ['simulate', '--scenario', 'enterprise', '--duration', '2h', '--workspace', ws, '--json'],
        dir,
      );
      const s = JSON.parse(sim.stdout) as { ticks: number; msPerTick: number };
      out.push({
        name: 'vdc simulate enterprise 2 h, full history: recorded ticks/s',
        value: 1000 / s.msPerTick,
        unit: 'ticks/s',
        note: `${s.ticks} ticks; process CPU ${sim.cpu.toFixed(1)} s, wall ${sim.wall.toFixed(1)} s; ${load()}`,
      });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
