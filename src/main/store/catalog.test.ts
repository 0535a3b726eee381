/**
 * Issue 21, finding 5: the metric catalogue is a contract mapped by name. A file written by 0.1.0 is
 * continued by an engine whose host catalogue has one metric more (gpu.usage.pct) and one fewer
 * (mem.shared.mib, in the middle: every later metric moves one position). Before, the first tick threw
 * "appendTick: host block has … values, expected 3 × 19" and killed the service.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { builtinScenario, createEngine, type Engine } from '../engine';
import type { MetricBlock, MetricCatalog, TickResult } from '../engine/api';
import { Workspace } from './workspace';
import { removeTempDirs } from './testing/synth';
import { unpackFixture } from './testing/fixtures';

afterAll(removeTempDirs);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const DROPPED = 'mem.shared.mib';
const ADDED = 'gpu.usage.pct';

/** The engine's catalogue with the host kind changed: DROPPED removed, ADDED appended. */
function variantCatalog(base: MetricCatalog): MetricCatalog {
  return {
    ...base,
    host: [...base.host.filter((d) => d.name !== DROPPED), { name: ADDED, unit: '%', rollup: 'avg' }],
  };
}

/** The engine's tick re-shaped to the variant catalogue (host GPU usage = 10 + entity index). */
function variantTick(engine: Engine, r: TickResult, tick: number, tickSeconds: number): TickResult {
  const base = engine.catalog();
  const blocks: MetricBlock[] = r.blocks.map((b) => {
    if (b.kind !== 'host') return { ...b, values: b.values.slice() };
    const n = b.ids.length;
    const keep = base.host.map((d, i) => [d.name, i] as const).filter(([name]) => name !== DROPPED);
    const values = new Float64Array((keep.length + 1) * n);
    keep.forEach(([, i], j) => values.set(b.values.subarray(i * n, (i + 1) * n), j * n));
    for (let e = 0; e < n; e++) values[keep.length * n + e] = 10 + e;
    return { kind: b.kind, ids: b.ids, values };
  });
  return { ...r, tick, time: tick * tickSeconds, blocks };
}

/** The VM metrics issue 20 appended to the engine's catalogue (co-stop, NUMA, layers, runtimes). */
const ISSUE20_VM_METRICS = [
  'vm/cpu.costop.ms',
  'vm/cpu.costop.pct',
  'vm/numa.locality.pct',
  'vm/cpu.overhead.mhz',
  'vm/runtime.heap.used.mib',
  'vm/runtime.heap.committed.mib',
  'vm/runtime.gc.pause.ms',
];
/** The resource pools' kind (issue 20, session 6): a file written before it gains all its columns. */
const ISSUE20_POOL_METRICS = [
  'pool/cpu.usage.mhz',
  'pool/cpu.demand.mhz',
  'pool/cpu.entitlement.mhz',
  'pool/cpu.shares.pct',
  'pool/cpu.ready.pct',
  'pool/cpu.reservation.mhz',
  'pool/cpu.reservation.used.mhz',
  'pool/cpu.unreserved.mhz',
  'pool/mem.usage.mib',
  'pool/mem.demand.mib',
  'pool/mem.entitlement.mib',
  'pool/mem.reservation.mib',
  'pool/mem.reservation.used.mib',
  'pool/mem.unreserved.mib',
  'pool/vms.running',
];
describe('metric catalogue mapped by name', () => {
  it('continues a 0.1.0 file with one metric more and one fewer; old ranges read the new metric as missing', () => {
    const path = unpackFixture('v0.1.0', 'small-lab');
    const ws = must(Workspace.open(path));
    const { lastTick, lastTime, tickSeconds } = ws.meta();
    const T0 = lastTime;
    const engine = must(createEngine(builtinScenario('small-lab')!));
    const variant = variantCatalog(engine.catalog());
    const before = must(
      ws.querySeries({
        entityIds: ['host-esx-01'],
        metrics: [DROPPED, 'cpu.usage.pct'],
        from: T0 - 3600,
        to: T0,
      }),
    );
    expect(before.series[0]!.points.length).toBeGreaterThan(100);

    const change = must(ws.adoptCatalog(variant));
    // host/cpu.ready.pct: the engine's own metric added after 0.1.0 (issue 12); the VM ones of issue 20
    expect(change).toEqual({
      time: T0,
      added: ['host/cpu.ready.pct', `host/${ADDED}`, ...ISSUE20_VM_METRICS, ...ISSUE20_POOL_METRICS],
      removed: [`host/${DROPPED}`],
    });
    const fed: TickResult[] = [];
    for (let k = 1; k <= 60; k++) {
      const t = variantTick(engine, engine.step(), lastTick + k, tickSeconds);
      fed.push(t);
      ws.appendTick(t);
    }
    must(ws.close());

    // Reopen: the catalogue is the file's contract now (the change recorded), and continuing again
    // with the same catalogue changes nothing.
    const again = must(Workspace.open(path));
    expect(again.catalogChanges()).toEqual([change]);
    const hostCols = again.meta().catalog.host;
    expect(hostCols.find((d) => d.name === ADDED)).toMatchObject({ since: T0 });
    expect(hostCols.find((d) => d.name === DROPPED)).toMatchObject({ until: T0 });
    expect(must(again.adoptCatalog(variant))).toBeNull();

    const to = T0 + 60 * tickSeconds;
    const s = must(
      again.querySeries({
        entityIds: ['host-esx-01'],
        metrics: [ADDED, DROPPED, 'mem.capacity.mib', 'vms.running'],
        from: T0 - 2000,
        to,
      }),
    );
    const [gpu, dropped, cap, running] = s.series.map((x) => x.points);
    // the new metric: no points for the old range, then exactly what the engine gave (host index 0 → 10)
    expect(gpu!.length).toBe(60);
    expect(gpu!.every(([t, v]) => t > T0 && v === 10)).toBe(true);
    // the dropped metric: its old values are still there, nothing after it was dropped
    expect(dropped!.length).toBe(101); // (T0 - 2000, T0] at 20 s, both ends included
    expect(dropped!.every(([t]) => t <= T0)).toBe(true);
    // metrics after the dropped one moved a position in the engine's block: still read by name
    const hostIdx = fed[0]!.blocks.find((b) => b.kind === 'host')!.ids.indexOf('host-esx-01');
    const n = fed[0]!.blocks.find((b) => b.kind === 'host')!.ids.length;
    const col = (name: string): number => variant.host.findIndex((d) => d.name === name);
    const last = fed[fed.length - 1]!.blocks.find((b) => b.kind === 'host')!;
    const lastPoint = (pts: [number, number][]): [number, number] => pts[pts.length - 1]!;
    expect(lastPoint(cap!)).toEqual([to, Math.fround(last.values[col('mem.capacity.mib') * n + hostIdx]!)]);
    expect(lastPoint(running!)).toEqual([to, Math.fround(last.values[col('vms.running') * n + hostIdx]!)]);
    expect(cap!.filter(([t]) => t <= T0).length).toBe(101); // and before the change too

    // rollups: the 5-min bucket that spans the change averages the new metric over its samples only
    const five = must(
      again.querySeries({
        entityIds: ['host-esx-01'],
        metrics: [ADDED],
        from: T0 - 6 * 3600,
        to,
        maxPoints: 200,
      }),
    );
    expect(five.resolutionSec).toBe(300);
    expect(five.series[0]!.points.length).toBeGreaterThan(0);
    expect(five.series[0]!.points.every(([t, v]) => t > T0 && v === 10)).toBe(true);
    // top-N over the new metric
    const top = must(
      again.topN({ kind: 'host', metric: ADDED, n: 3, from: T0, to, order: 'desc', stat: 'avg' }),
    );
    expect(top.map((r) => r.value)).toEqual([12, 11, 10]);
    must(again.close());
  });

  it("a 0.1.0 file gains only the engine's newer metrics, then adopting the same catalogue changes nothing", () => {
    const path = unpackFixture('v0.1.0', 'edge');
    const ws = must(Workspace.open(path));
    const engine = must(createEngine(builtinScenario('edge')!));
    const change = must(ws.adoptCatalog(engine.catalog()));
    expect(change).toMatchObject({
      added: ['host/cpu.ready.pct', ...ISSUE20_VM_METRICS, ...ISSUE20_POOL_METRICS],
      removed: [],
    });
    expect(must(ws.adoptCatalog(engine.catalog()))).toBeNull();
    expect(ws.catalogChanges()).toEqual([change]);
    must(ws.close());
  });
});
