/**
 * Issue 21, finding 5, as a user meets it: a workspace written by a version whose host catalogue had one
 * metric fewer (here: the 0.2.0 fixture with `vms.running` and `cpu.ready.pct`, the host's last two metrics,
 * taken out of its stored catalogue — its vectors then read exactly as that version's would) is continued by this engine
 * through the `vdc simulate --workspace` path. Before, the first tick threw "appendTick: host block has
 * 57 values, expected 3 × 18" and killed the service.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinScenario } from '../engine';
import { Workspace } from '../store';
import { unpackFixture } from '../store/testing/fixtures';
import { removeTempDirs } from '../store/testing/synth';
import { openRecordedRun } from './headless';

afterAll(removeTempDirs);

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('continuing a workspace written with a smaller metric catalogue', () => {
  it('adds the new metric from the continuation on; older times read it as missing', () => {
    const path = unpackFixture('v0.2.0', 'small-lab');
    const db = new Database(path);
    const catalog = JSON.parse(
      db.prepare("SELECT value FROM meta WHERE key = 'catalog'").pluck().get() as string,
    ) as Record<string, { name: string }[]>;
    expect(catalog.host!.slice(-2).map((d) => d.name)).toEqual(['vms.running', 'cpu.ready.pct']);
    catalog.host = catalog.host!.slice(0, -2);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'catalog'").run(JSON.stringify(catalog));
    db.close();
    const before = must(Workspace.open(path));
    const T0 = before.meta().lastTime;
    expect(before.meta().catalog.host.map((d) => d.name)).not.toContain('vms.running');
    const cpuBefore = must(
      before.querySeries({ entityIds: ['host-esx-01'], metrics: ['cpu.usage.pct'], from: T0 - 600, to: T0 }),
    ).series[0]!.points;
    must(before.close());

    const run = must(openRecordedRun({ path, scenario: builtinScenario('small-lab') }));
    for (let i = 0; i < 90; i++) run.step();
    must(run.finish());

    const ws = must(Workspace.open(path));
    expect(ws.catalogChanges()).toEqual([
      {
        time: T0,
        // and the VM metrics of issue 20 (co-stop, NUMA, layers, runtimes)
        added: [
          'host/vms.running',
          'host/cpu.ready.pct',
          'vm/cpu.costop.ms',
          'vm/cpu.costop.pct',
          'vm/numa.locality.pct',
          'vm/cpu.overhead.mhz',
          'vm/runtime.heap.used.mib',
          'vm/runtime.heap.committed.mib',
          'vm/runtime.gc.pause.ms',
          // and the resource pools' kind (issue 20, session 6)
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
        ],
        removed: [],
      },
    ]);
    const s = must(
      ws.querySeries({
        entityIds: ['host-esx-01'],
        metrics: ['vms.running', 'cpu.usage.pct'],
        from: T0 - 600,
        to: T0 + 1800,
      }),
    );
    const [running, cpu] = s.series.map((x) => x.points);
    expect(running!.length).toBe(90);
    expect(running!.every(([t, v]) => t > T0 && Number.isInteger(v) && v > 0)).toBe(true);
    // the metrics the file had keep their recorded values and go on after the change
    expect(cpu!.filter(([t]) => t <= T0)).toEqual(cpuBefore);
    expect(cpu!.filter(([t]) => t > T0).length).toBe(90);
    must(ws.close());
  });
});
