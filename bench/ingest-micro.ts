/**
 * CPU of the ingest step alone (encode the realtime vectors, feed the rollup accumulators), on real
 * enterprise engine results: 240 ticks are computed first (copied), then ingested 3 times (the rollups
 * and batches as the workspace keeps them; no SQLite). Prints ms CPU per tick for each pass.
 * Run bundled (as the CLI ships):
 *   npx esbuild bench/ingest-micro.ts --bundle --platform=node --external:better-sqlite3 --outfile=/tmp/im.js && node /tmp/im.js
 */
import { builtinScenario, createEngine, type TickResult } from '../src/main/engine';
import { Batch } from '../src/main/store/batch';
import { EidCache, ingestTick } from '../src/main/store/ingest';
import { Rollups, type KindLayout } from '../src/main/store/rollup';

const created = createEngine(builtinScenario('enterprise')!);
if (!created.ok) throw new Error(created.error.message);
const engine = created.value;
const results: TickResult[] = [];
for (let k = 0; k < 240; k++) {
  const r = engine.step();
  results.push({
    ...r,
    blocks: r.blocks.map((b) => ({ ...b, ids: [...b.ids], values: Float64Array.from(b.values) })),
  });
}
const layouts = new Map<string, KindLayout>();
for (const [kind, defs] of Object.entries(engine.catalog())) {
  layouts.set(kind, {
    kind,
    metricCount: defs.length,
    lastMask: Uint8Array.from(defs, (d) => (d.rollup === 'last' ? 1 : 0)),
    source: null,
    engineCount: defs.length,
    since: null,
  });
}
const ids = new Map<string, number>();
const eidFor = (id: string): number => {
  let e = ids.get(id);
  if (e === undefined) ids.set(id, (e = ids.size));
  return e;
};
for (let pass = 0; pass < 3; pass++) {
  const rollups = new Rollups([300, 1800, 7200, 86400]);
  const cache = new EidCache();
  let batch = new Batch();
  const c0 = process.cpuUsage();
  for (const r of results) {
    ingestTick(r, batch, rollups, layouts, eidFor, true, cache);
    if (batch.ticks >= 64) batch = new Batch();
  }
  const c = process.cpuUsage(c0);
  console.log(`pass ${pass}: ${((c.user + c.system) / 1000 / results.length).toFixed(3)} ms CPU per tick`);
}
