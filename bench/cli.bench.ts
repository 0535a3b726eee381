/**
 * The `vdc` command as installed (bin/vdc.cjs → the esbuild bundle out/cli/vdc.js, plain node), as whole
 * processes: start-up (`--help`, `scenarios`; goal ≤ 0.3 s), the published consolidation experiment
 * (goal ≤ 1 s), and recorded ticks per second of the enterprise scenario with full history (2 simulated
 * hours into a fresh workspace). Wall time is the median; each process's own CPU time is in the note,
 * with the load average, because the machine may be shared.
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

/** Runs `vdc args` `n` times; median wall seconds, median CPU seconds of the process, last stdout. */
function time(args: string[], n: number, dir: string): { wall: number; cpu: number; stdout: string } {
  const walls: number[] = [];
  const cpus: number[] = [];
  let stdout = '';
  const cpuFile = join(dir, 'cpu.txt');
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['-r', join(__dirname, 'cpu-at-exit.cjs'), BIN, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, VDC_BENCH_CPU_FILE: cpuFile },
    });
    walls.push((performance.now() - t0) / 1000);
    if (r.status !== 0) throw new Error(`vdc ${args.join(' ')} failed: ${r.stderr}`);
    cpus.push(Number(readFileSync(cpuFile, 'utf8')));
    stdout = r.stdout;
  }
  return { wall: median(walls), cpu: median(cpus), stdout };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vdc-cli-bench-'));
  const load = (): string => `load ${loadavg()[0]!.toFixed(1)}`;
  try {
    time(['--help'], 1, dir); // builds the bundle if it is stale, outside the timing
    const out: BenchResult[] = [];
    for (const args of [['--help'], ['scenarios']]) {
      const r = time(args, 7, dir);
      out.push({
        name: `vdc ${args.join(' ')}: whole process`,
        value: r.wall,
        unit: 's',
        goal: '≤ 0.3 s',
        note: `CPU ${r.cpu.toFixed(3)} s, ${load()}`,
      });
    }
    if (existsSync(DAY)) {
      const r = time(['consolidate', '--workload', DAY, '--policy', 'lr-mmt', '--json'], 3, dir);
      const inner = (JSON.parse(r.stdout) as { wallSeconds: number }).wallSeconds;
      out.push({
        name: 'vdc consolidate lr-mmt (20110303): whole process',
        value: r.wall,
        unit: 's',
        goal: '≤ 1 s',
        note: `CPU ${r.cpu.toFixed(2)} s; the experiment itself ${inner.toFixed(2)} s; ${load()}`,
      });
    } else {
      out.push({
        name: 'vdc consolidate lr-mmt (20110303): whole process',
        value: 0,
        unit: 's',
        note: `skipped: ${DAY} not found`,
      });
    }
    const ws = join(dir, 'enterprise.vdc');
    const sim = time(
      ['simulate', '--scenario', 'enterprise', '--duration', '2h', '--workspace', ws, '--json'],
      1,
      dir,
    );
    const s = JSON.parse(sim.stdout) as { ticks: number; msPerTick: number };
    out.push({
      name: 'vdc simulate enterprise 2 h, full history: recorded ticks/s',
      value: 1000 / s.msPerTick,
      unit: 'ticks/s',
      note: `${s.ticks} ticks; process CPU ${sim.cpu.toFixed(1)} s, wall ${sim.wall.toFixed(1)} s; ${load()}`,
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
