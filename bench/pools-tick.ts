/**
 * Resource pools' cost per tick (issue 20): the 1,000-host + 10,000-VM + 10,000-container datacenter of the
 * engine bench, without pools and with a pool tree in every cluster (three tenants, each with two child
 * pools, CPU limits and reservations; every VM in a pool), under tsx. Run:
 *   npx tsx bench/pools-tick.ts
 * Prints median wall / CPU ms per tick; about 30 s.
 */
import { createEngine, type ResourcePoolSpec, type Scenario } from '../src/main/engine';
import { syntheticScenario } from '../src/main/engine/scenarios/synthetic';
import { tickTimes } from './tick-times';

function withPools(s: Scenario): Scenario {
  const pools: ResourcePoolSpec[] = [];
  for (const c of s.clusters)
    for (let t = 1; t <= 3; t++) {
      const id = `pool-${c.id}-t${t}`;
      pools.push({
        id,
        name: `Tenant ${t}`,
        clusterId: c.id,
        cpu: { shares: t === 1 ? 'high' : 'normal', reservation: 1000, limit: t === 3 ? 50_000 : null },
        mem: { limit: t === 3 ? 262_144 : null },
      });
      for (const k of ['prod', 'dev'])
        pools.push({
          id: `${id}-${k}`,
          name: k,
          clusterId: c.id,
          parentId: id,
          cpu: { shares: k === 'prod' ? 'high' : 'low' },
        });
    }
  const hostCluster = new Map(s.hosts.map((h) => [h.id, h.clusterId]));
  const vms = s.vms.map((v, i) => ({
    ...v,
    poolId: `pool-${hostCluster.get(v.hostId)}-t${(i % 3) + 1}-${i % 2 ? 'prod' : 'dev'}`,
  }));
  return { ...s, vms, resourcePools: pools };
}

const base = syntheticScenario({ hosts: 1000, vms: 10_000, containers: 10_000 });
for (const [label, s] of [
  ['no pools', base],
  ['pools in every cluster', withPools(base)],
] as const) {
  const e = createEngine(s);
  if (!e.ok) throw new Error(e.error.message);
  const t = tickTimes(e.value, 20, 60);
  console.log(
    `${label}: median ${t.wallMs.toFixed(2)} ms (min ${t.minMs.toFixed(2)}, p90 ${t.p90Ms.toFixed(2)}), cpu ${t.cpuMs.toFixed(2)} ms`,
  );
}
