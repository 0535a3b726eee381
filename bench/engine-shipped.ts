/**
 * The engine as the app ships it: electron-vite bundles src/main (engine included) into one file that
 * plain Node/Electron runs, while `npm run bench` runs TypeScript through tsx (per-module transpiling and
 * ESM/CJS interop shims on every imported call). engine.bench.ts bundles this file with esbuild and runs it
 * with plain `node` in a child process: `node bundle.cjs HOSTS VMS CONTAINERS WARM N` prints JSON
 * { wallMs, minMs, cpuMs, p90Ms } for engine.step() of the synthetic datacenter.
 */
import { performance } from 'node:perf_hooks';
import { createEngine } from '../src/main/engine';
import { syntheticScenario } from '../src/main/engine/scenarios/synthetic';

const [hosts, vms, containers, warm, n] = process.argv.slice(2).map(Number) as [
  number,
  number,
  number,
  number,
  number,
];
const created = createEngine(syntheticScenario({ hosts, vms, containers }));
if (!created.ok) throw new Error(created.error.message);
const e = created.value;
for (let i = 0; i < warm; i++) e.step();
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < n; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  e.step();
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const w = sorted(wall);
const mid = (xs: number[]) => xs[xs.length >> 1] ?? 0;
process.stdout.write(
  JSON.stringify({
    wallMs: mid(w),
    minMs: w[0] ?? 0,
    cpuMs: mid(sorted(cpu)),
    p90Ms: w[Math.floor(w.length * 0.9)] ?? 0,
  }),
);
