/**
 * The engine as the app ships it: electron-vite bundles src/main (engine included) into one file that
 * plain Node/Electron runs, while `npm run bench` runs TypeScript through tsx (per-module transpiling and
 * ESM/CJS interop shims on every imported call). engine.bench.ts bundles this file with esbuild and runs it
 * with plain `node` in a child process: `node bundle.cjs HOSTS VMS CONTAINERS WARM N` prints JSON
 * { wallMs, minMs, cpuMs, p90Ms } for engine.step() of the synthetic datacenter.
 */
import { createEngine } from '../src/main/engine';
import { syntheticScenario } from '../src/main/engine/scenarios/synthetic';
import { withResourceDepth } from '../src/main/engine/scenarios/depth';
import { tickTimes } from './tick-times';

const [hosts, vms, containers, warm, n, depth] = process.argv.slice(2).map(Number) as [
  number,
  number,
  number,
  number,
  number,
  number | undefined,
];
// A 6th argument 1: everything of issue 20 on (scenarios/depth.ts).
const scenario = syntheticScenario({ hosts, vms, containers });
const created = createEngine(depth === 1 ? withResourceDepth(scenario) : scenario);
if (!created.ok) throw new Error(created.error.message);
process.stdout.write(JSON.stringify(tickTimes(created.value, warm, n)));
