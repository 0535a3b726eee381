/**
 * Issue 20's tick goals with every issue-20 feature on (`npm run bench -- tick-depth`): the engine as
 * shipped (bundled by esbuild, plain `node`, bench/tick-depth-shipped.ts in child processes) at both goal
 * sizes — 1,000 hosts + 10,000 VMs + 10,000 containers (≤ 5 ms) and 10,000 hosts + 100,000 VMs (≤ 60 ms) —
 * once as the synthetic datacenter is and once through `withEveryFeature` (scenarios/depth.ts: pool trees
 * three levels deep and a vApp in every cluster, NUMA + hyper-threading on every host, SIOC on every
 * datastore with every 4th one congested, runtimes on 10 % of the VMs, IOPS limits, nested, passthrough,
 * per-VM reservations/limits/shares). Runs off/on alternately, VDC_BENCH_REPEAT times (default 1), and
 * reports per tick the median process CPU (process.cpuUsage), the main thread's mean CPU (/proc), and wall
 * (median and minimum), with the load average: on a shared machine CPU time is the figure to compare.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TickTimes } from './tick-times';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const repeat = Math.max(1, Number(process.env['VDC_BENCH_REPEAT'] ?? 1));
  const dir = mkdtempSync(join(tmpdir(), 'vdc-tick-depth-'));
  try {
    const bundle = join(dir, 'tick-depth.cjs');
    const { buildSync } = (await import('esbuild')) as typeof import('esbuild');
    buildSync({
      entryPoints: [join(__dirname, 'tick-depth-shipped.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: bundle,
      logLevel: 'warning',
    });
    const sizes = [
      {
        label: '1,000 hosts + 10k VMs + 10k ctrs',
        args: [1000, 10_000, 10_000],
        warm: 40,
        n: 100,
        goal: '≤ 5',
      },
      { label: '10,000 hosts + 100,000 VMs', args: [10_000, 100_000, 0], warm: 10, n: 20, goal: '≤ 60' },
    ];
    for (const size of sizes) {
      const runs: Record<number, TickTimes[]> = { 0: [], 2: [] };
      const loads: number[] = [];
      for (let r = 0; r < repeat; r++)
        for (const mode of [0, 2]) {
          loads.push(loadavg()[0]!);
          const args = ['time', ...size.args, mode, size.warm, size.n].map(String);
          runs[mode]!.push(
            JSON.parse(execFileSync(process.execPath, [bundle, ...args], { encoding: 'utf8' })) as TickTimes,
          );
        }
      const load = `load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads, loadavg()[0]!).toFixed(1)}`;
      for (const mode of [0, 2]) {
        const rs = runs[mode]!;
        const cpu = median(rs.map((x) => x.cpuMs));
        out.push({
          name: `${mode === 2 ? 'every issue-20 feature on' : 'features off'}: ${size.label}, CPU`,
          value: cpu,
          unit: 'ms/tick',
          goal: size.goal,
          note:
            `median of ${rs.length} run(s) × ${size.n} ticks; CPU per run ${rs.map((x) => x.cpuMs.toFixed(2)).join(' / ')}; ` +
            `main thread ${rs.map((x) => x.threadCpuMs.toFixed(2)).join(' / ')}; wall median ${rs.map((x) => x.wallMs.toFixed(1)).join(' / ')}, ` +
            `min ${rs.map((x) => x.minMs.toFixed(2)).join(' / ')}; ${load}`,
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
