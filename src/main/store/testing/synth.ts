/** Builds real TickResults for tests and benches (plain data, no mocks). */
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import type { MetricBlock, MetricCatalog, MetricEntityKind, TickResult } from '../../engine/api';
import type { WorkspaceInit } from '../types';

export const TEST_CATALOG: MetricCatalog = {
  cluster: [{ name: 'cpu.usageMHz', unit: 'MHz', rollup: 'avg' }],
  host: [
    { name: 'cpu.usageMHz', unit: 'MHz', rollup: 'avg' },
    { name: 'mem.usagePct', unit: '%', rollup: 'avg' },
    { name: 'power.energyKWh', unit: 'kWh', rollup: 'last' },
  ],
  datastore: [{ name: 'disk.usedGiB', unit: 'GiB', rollup: 'avg' }],
  vm: [
    { name: 'cpu.usageMHz', unit: 'MHz', rollup: 'avg' },
    { name: 'mem.activeMiB', unit: 'MiB', rollup: 'avg' },
  ],
  container: [],
};

export type ValueFn = (
  kind: MetricEntityKind,
  entityIndex: number,
  metricIndex: number,
  tick: number,
) => number;

/** Default values that are easy to average by hand: 100·entity + 10·metric + tick. */
export const linearValue: ValueFn = (_k, e, i, tick) => 100 * e + 10 * i + tick;

export interface SynthFleet {
  host: string[];
  vm: string[];
}

export function fleet(hosts: number, vms: number): SynthFleet {
  return {
    host: Array.from({ length: hosts }, (_, i) => `host-${i}`),
    vm: Array.from({ length: vms }, (_, i) => `vm-${i}`),
  };
}

export function makeTick(
  tick: number,
  tickSeconds: number,
  f: SynthFleet,
  value: ValueFn = linearValue,
  catalog: MetricCatalog = TEST_CATALOG,
  extra: Partial<Pick<TickResult, 'events' | 'tasks'>> = {},
): TickResult {
  const blocks: MetricBlock[] = (['host', 'vm'] as const).map((kind) => {
    const ids = f[kind];
    const m = catalog[kind].length;
    const values = new Float64Array(ids.length * m);
    for (let i = 0; i < m; i++)
      for (let e = 0; e < ids.length; e++) values[i * ids.length + e] = value(kind, e, i, tick);
    return { kind, ids, values };
  });
  return { tick, time: tick * tickSeconds, blocks, events: extra.events ?? [], tasks: extra.tasks ?? [] };
}

export function testInit(overrides: Partial<WorkspaceInit> = {}): WorkspaceInit {
  return {
    name: 'Test workspace',
    scenario: { name: 'tiny', hosts: 2 },
    seed: 42,
    tickSeconds: 20,
    startEpochMs: Date.UTC(2026, 0, 1),
    catalog: TEST_CATALOG,
    ...overrides,
  };
}

export function tempDir(prefix = 'vdc-store-'): string {
  return fs.mkdtempSync(nodePath.join(os.tmpdir(), prefix));
}
