/** Builds real TickResults for tests and benches (plain data, no mocks). */
import { createHash } from 'node:crypto';
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
  pool: [],
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

const made: string[] = [];

export function tempDir(prefix = 'vdc-store-'): string {
  const d = fs.mkdtempSync(nodePath.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Deletes every folder tempDir() made in this process (call from afterAll). */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Content hash, size and mtime of a file and which SQLite side files exist, to prove a file was not touched. */
export function fingerprint(path: string): { sha256: string; size: number; mtimeMs: number; side: string[] } {
  const st = fs.statSync(path);
  const sha256 = createHash('sha256').update(fs.readFileSync(path)).digest('hex');
  const side = ['-wal', '-shm', '-journal'].filter((s) => fs.existsSync(path + s));
  return { sha256, size: st.size, mtimeMs: st.mtimeMs, side };
}

/** Mean of the integers a..b. */
export const meanOf = (a: number, b: number): number => (a + b) / 2;
