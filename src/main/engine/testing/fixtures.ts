/** Tiny hand-made scenarios for tests, and helpers to run an engine and read its metrics. */
import type { MetricBlock, MetricEntityKind } from '../api';
import { createEngine, type Engine } from '../engine';
import type { Scenario, VmSpec, WorkloadSpec } from '../model/scenario';
import type { EntityDetail } from '../model/views';

export const flat = (cpuPct: number, memPct: number, extra: Partial<WorkloadSpec> = {}): WorkloadSpec => ({
  pattern: 'constant',
  cpuBasePct: cpuPct,
  cpuPeakPct: cpuPct,
  memActivePct: memPct,
  noisePct: 0,
  ...extra,
});

export function testVm(
  id: string,
  hostId: string,
  vcpus: number,
  memMiB: number,
  wl: WorkloadSpec,
  extra: Partial<VmSpec> = {},
): VmSpec {
  return {
    id,
    name: id.replace(/^vm-/, ''),
    hostId,
    vcpus,
    memMiB,
    disks: [{ datastoreId: 'ds-1', sizeGiB: 20, thin: true, usedGiB: 5 }],
    networkId: 'net-1',
    workload: wl,
    ...extra,
  };
}

/**
 * Two (or more) hosts of 4 cores × 1000 MHz and 16 GiB in one cluster, a shared datastore, one network.
 * Round numbers so expected values can be computed by hand.
 */
export function tinyScenario(
  vms: VmSpec[],
  opts: { hosts?: number; memMiB?: number; cores?: number; nicMbps?: number } = {},
): Scenario {
  const n = opts.hosts ?? 2;
  return {
    version: 1,
    name: 'tiny',
    seed: 1,
    tickSeconds: 20,
    startDate: '2026-01-05T00:00:00Z',
    datacenters: [{ id: 'dc-1', name: 'DC' }],
    clusters: [
      {
        id: 'cl-1',
        name: 'Cluster',
        datacenterId: 'dc-1',
        settings: { ha: { restartDelaySec: 0, admission: 'disabled' } },
      },
    ],
    hosts: Array.from({ length: n }, (_, i) => ({
      id: `host-${i + 1}`,
      name: `esx-${i + 1}`,
      clusterId: 'cl-1',
      sockets: 1,
      coresPerSocket: opts.cores ?? 4,
      coreMHz: 1000,
      memMiB: opts.memMiB ?? 16384,
      nicMbps: opts.nicMbps ?? 10000,
      cpuModel: 'Test CPU',
      cpuVendor: 'intel' as const,
      cpuGeneration: 5,
      power: { idleW: 100, maxW: 300 },
    })),
    datastores: [{ id: 'ds-1', name: 'shared', clusterId: 'cl-1', capacityGiB: 1000, maxIops: 10000 }],
    networks: [{ id: 'net-1', name: 'VM Network', datacenterId: 'dc-1', clusterIds: [] }],
    vms,
    containers: [],
    services: [],
    traces: [],
  };
}

export function engineOf(s: Scenario, seed?: number): Engine {
  const r = createEngine(s, seed === undefined ? {} : { seed });
  if (!r.ok) throw new Error(`scenario rejected: ${r.error.message}`);
  return r.value;
}

/** Value of one metric of one entity in a tick's blocks. */
export function metric(
  blocks: MetricBlock[],
  catalogNames: Record<MetricEntityKind, readonly { name: string }[]>,
  kind: MetricEntityKind,
  id: string,
  name: string,
): number {
  const b = blocks.find((x) => x.kind === kind);
  if (!b) throw new Error(`no ${kind} block`);
  const e = b.ids.indexOf(id);
  const m = catalogNames[kind].findIndex((x) => x.name === name);
  if (e < 0 || m < 0) throw new Error(`no ${kind} ${id} / ${name}`);
  return b.values[m * b.ids.length + e]!;
}

/** Steps until a task is finished (or the limit), returns its final state. */
export function runUntilDone(e: Engine, taskId: string, maxTicks = 500): string {
  for (let i = 0; i < maxTicks; i++) {
    const t = e.tasks().find((x) => x.id === taskId);
    if (t && (t.state === 'success' || t.state === 'error' || t.state === 'cancelled')) return t.state;
    e.step();
  }
  return e.tasks().find((x) => x.id === taskId)?.state ?? 'missing';
}

/** The details of `id`, which must be of `kind` (throws otherwise, so a test fails with the reason). */
export function describeAs<K extends EntityDetail['kind']>(
  e: Engine,
  id: string,
  kind: K,
): Extract<EntityDetail, { kind: K }> {
  const d = e.describe(id);
  if (!d.ok) throw new Error(`describe ${id}: ${d.error.message}`);
  if (d.value.kind !== kind) throw new Error(`describe ${id}: a ${d.value.kind}, not a ${kind}`);
  return d.value as Extract<EntityDetail, { kind: K }>;
}
