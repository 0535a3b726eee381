/**
 * A/B helper for the consolidation experiment's speed (issue 17): bundle with esbuild and run with plain
 * node, as the CLI ships. `node out.js hash` prints the results of every policy on 20110303 (to compare
 * two trees for identical results); `node out.js time N` prints the CPU time of N LR-MMT 1.2 runs.
 *   npx esbuild bench/consolidation-ab.ts --bundle --platform=node --outfile=/tmp/ab.js && node /tmp/ab.js time 5
 */
import { resolve } from 'node:path';
import { readWorkloadFolder } from '../src/main/service/consolidation/workload-folder';
import { POLICY_NAMES, runConsolidation } from '../src/main/engine/consolidation';

const DAY = resolve(process.env.VDC_PLANETLAB ?? '/work/wt/shared/data/planetlab', '20110303');
const traces = readWorkloadFolder(DAY);
const [mode = 'time', n = '5'] = process.argv.slice(2);
if (mode === 'hash') {
  for (const policy of POLICY_NAMES) {
    for (const native of [false, true]) {
      const r = runConsolidation(traces, { policy, native });
      if (!r.ok) throw new Error(r.error.message);
      const { wallSeconds: _w, ...rest } = r.value as unknown as Record<string, unknown>;
      console.log(policy, native, JSON.stringify(rest));
    }
  }
} else {
  const cpus: number[] = [];
  for (let i = 0; i < Number(n); i++) {
    const c0 = process.cpuUsage();
    const r = runConsolidation(traces, { policy: 'lr-mmt', param: 1.2 });
    const c = process.cpuUsage(c0);
    if (!r.ok) throw new Error(r.error.message);
    cpus.push((c.user + c.system) / 1000);
  }
  console.log(cpus.map((c) => c.toFixed(0)).join(' '), 'ms CPU');
}
