/**
 * The child process of bench/tick-depth.bench.ts, bundled by esbuild and run by plain `node` (the engine as
 * shipped, see engine-shipped.ts):
 *   node bundle.cjs time HOSTS VMS CONTAINERS MODE WARM N   → JSON TickTimes of engine.step()
 *   node bundle.cjs hash HOSTS VMS CONTAINERS MODE TICKS    → JSON { runHash, metricDigest } after TICKS ticks
 * MODE 0: the synthetic datacenter as is; 1: scenarios/depth.ts withResourceDepth; 2: withEveryFeature
 * (pools and vApps too). The metric digest is FNV-1a over every tick's metric block values (their 32-bit words),
 * so a changed figure anywhere in the run changes it.
 */
import { createEngine, type Scenario } from '../src/main/engine';
import { syntheticScenario } from '../src/main/engine/scenarios/synthetic';
import { withEveryFeature, withResourceDepth } from '../src/main/engine/scenarios/depth';
import { tickTimes } from './tick-times';

const [what, ...rest] = process.argv.slice(2);
const [hosts, vms, containers, mode, a, b] = rest.map(Number) as number[];
const base = syntheticScenario({ hosts: hosts!, vms: vms!, containers: containers! });
const scenario: Scenario = mode === 2 ? withEveryFeature(base) : mode === 1 ? withResourceDepth(base) : base;
const created = createEngine(scenario);
if (!created.ok) throw new Error(created.error.message);
const e = created.value;
if (what === 'time') {
  process.stdout.write(JSON.stringify(tickTimes(e, a!, b!)));
} else {
  let h = 0x811c9dc5;
  for (let t = 0; t < a!; t++) {
    for (const blk of e.step().blocks) {
      const words = new Uint32Array(blk.values.buffer, blk.values.byteOffset, blk.values.byteLength / 4);
      for (let k = 0; k < words.length; k++) h = Math.imul(h ^ words[k]!, 0x01000193) >>> 0;
    }
  }
  process.stdout.write(
    JSON.stringify({ runHash: e.runHash(), metricDigest: h.toString(16).padStart(8, '0') }),
  );
}
