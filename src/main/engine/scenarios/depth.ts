/**
 * Turns on everything of issue 20 in a scenario (benchmarks and scale tests): a CPU topology on every host
 * (one NUMA node per socket, or two on a single-socket host whose cores divide evenly; hyper-threading
 * on), Storage I/O Control on every datastore, and on a share of the VMs a managed runtime (every 10th),
 * a disk IOPS limit (every 20th), nested virtualization (every 50th) and a passthrough device (every 100th).
 */
import type { Scenario } from '../model/scenario';

export function withResourceDepth(s: Scenario): Scenario {
  return {
    ...s,
    hosts: s.hosts.map((h) => {
      const cores = h.sockets * h.coresPerSocket;
      const numaNodes = h.sockets > 1 ? h.sockets : cores % 2 === 0 ? 2 : 1;
      return { ...h, topology: { numaNodes, threadsPerCore: 2 } };
    }),
    datastores: s.datastores.map((d) => ({ ...d, sioc: { enabled: true, thresholdMs: 30 } })),
    vms: s.vms.map((v, i) => ({
      ...v,
      ...(i % 50 === 7 ? { nested: true } : {}),
      ...(i % 100 === 3 ? { passthrough: ['gpu0'] } : {}),
      workload:
        i % 10 === 1
          ? {
              ...v.workload,
              runtime: { kind: 'jvm' as const, heapMiB: Math.max(256, Math.floor(v.memMiB / 2)) },
            }
          : v.workload,
      disks: v.disks.map((d, k) => (i % 20 === 2 && k === 0 ? { ...d, iopsLimit: 200 } : d)),
    })),
  };
}

/**
 * Everything of issue 20 in realistic proportions (the tick-depth benchmark and the pinned run hash of
 * scenarios/depth.test.ts): `withResourceDepth` (a topology with hyper-threading on every host, SIOC on
 * every datastore, runtimes on 10 % of the VMs, IOPS limits on 5 %, nested 2 %, passthrough 1 %), plus
 *  - in every cluster a pool tree three levels deep: two tenants (prod: high shares, a CPU reservation,
 *    expandable; dev: low shares, CPU and memory limits, a CPU reservation that is not expandable), each with two departments, each
 *    with two applications (custom shares, a reservation on some, a limit on others) — 14 pools — and a
 *    vApp under the cluster with a start order of two VMs (15 pools per cluster);
 *  - 80 % of the VMs in the 8 application pools, 10 % in the departments, 5 % in the vApp, 5 % at the root;
 *  - per-VM settings on some VMs: CPU reservation (every 25th), CPU limit (every 30th), high shares (every 7th);
 *  - every 4th datastore slow enough (maxIops) that SIOC throttles it at the workloads' peaks.
 * Needs clusters named by `syntheticScenario` (VM i on host i mod hosts, 16 hosts per cluster).
 */
export function withEveryFeature(s: Scenario): Scenario {
  const d = withResourceDepth(s);
  const pools: NonNullable<Scenario['resourcePools']> = [];
  const clusterOfHost = new Map(d.hosts.map((h) => [h.id, h.clusterId]));
  for (const c of d.clusters) {
    const id = (x: string) => `rp-${c.id}-${x}`;
    pools.push(
      {
        id: id('prod'),
        name: 'prod',
        clusterId: c.id,
        cpu: { shares: 'high', reservation: 100_000, expandable: true },
        mem: { shares: 'high', reservation: 262_144, expandable: true },
      },
      {
        id: id('dev'),
        name: 'dev',
        clusterId: c.id,
        cpu: { shares: 'low', reservation: 20_000, limit: 150_000, expandable: false },
        mem: { shares: 'low', limit: 1_048_576 },
      },
    );
    for (const t of ['prod', 'dev'])
      for (const dep of ['web', 'db'])
        pools.push({
          id: id(`${t}-${dep}`),
          name: dep,
          clusterId: c.id,
          parentId: id(t),
          cpu:
            dep === 'db'
              ? { shares: 'high', reservation: t === 'prod' ? 20_000 : 0 }
              : { shares: 'normal', limit: t === 'dev' ? 60_000 : null },
        });
    for (const t of ['prod', 'dev'])
      for (const dep of ['web', 'db'])
        for (const app of ['a', 'b'])
          pools.push({
            id: id(`${t}-${dep}-${app}`),
            name: app,
            clusterId: c.id,
            parentId: id(`${t}-${dep}`),
            cpu: app === 'a' ? { shares: 6000, reservation: 2_000 } : { shares: 3000, limit: 40_000 },
          });
  }
  const leaves = [
    'prod-web-a',
    'prod-web-b',
    'prod-db-a',
    'prod-db-b',
    'dev-web-a',
    'dev-web-b',
    'dev-db-a',
    'dev-db-b',
  ];
  const deps = ['prod-web', 'prod-db', 'dev-web', 'dev-db'];
  const vappVms = new Map<string, string[]>();
  const vms = d.vms.map((v, i) => {
    const cl = clusterOfHost.get(v.hostId)!;
    const slot = Math.floor(i / d.hosts.length) % 20; // the VMs of one host spread over the tree
    const k = (i + slot) % 20;
    let poolId: string | undefined;
    if (k < 16) poolId = `rp-${cl}-${leaves[k % 8]!}`;
    else if (k < 18) poolId = `rp-${cl}-${deps[(i + k) % 4]!}`;
    else if (k === 18) {
      poolId = `rp-${cl}-vapp`;
      const list = vappVms.get(cl) ?? [];
      list.push(v.id);
      vappVms.set(cl, list);
    }
    return {
      ...v,
      ...(poolId !== undefined ? { poolId } : {}),
      cpu: {
        ...(i % 7 === 4 ? { shares: 'high' as const } : {}),
        ...(i % 25 === 5 ? { reservationMHz: 500 } : {}),
        ...(i % 30 === 11 ? { limitMHz: 2_000 } : {}),
      },
    };
  });
  for (const c of d.clusters)
    pools.push({
      id: `rp-${c.id}-vapp`,
      name: 'vApp',
      clusterId: c.id,
      cpu: { shares: 'normal' },
      vapp: {
        startOrder: (vappVms.get(c.id) ?? []).slice(0, 2).map((vmId, j) => ({ vmId, delaySec: 30 * j })),
      },
    });
  return {
    ...d,
    datastores: d.datastores.map((x, j) => (j % 4 === 1 ? { ...x, maxIops: 1_500 } : x)),
    vms,
    resourcePools: pools,
  };
}
