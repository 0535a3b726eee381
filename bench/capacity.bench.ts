/**
 * Capacity-planning benchmarks (issue 7 goals): RVTools import of 10,000 VMs / 500 hosts; headroom and
 * time remaining for a 64-host cluster with 30 days of history; N+1 over 64 hosts; a 90-day what-if
 * branch of the enterprise scenario. Setup is not timed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenario } from '../src/main/engine';
import { DEFAULT_POLICY } from '../src/main/engine/capacity';
import { importInventory } from '../src/main/service/inventory-io/import';
import { rvtoolsGrids, xlsxOf } from '../src/main/service/inventory-io/testing';
import { capCtx, forecastRows, headroom } from '../src/main/service/capacity/analysis';
import { failover } from '../src/main/service/capacity/failover';
import { recorded } from '../src/main/service/capacity/testing';
import { createBranch, runBranch } from '../src/main/service/capacity/whatif';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

const ms = (t0: number) => performance.now() - t0;
const log = (s: string) => process.stderr.write(`  [capacity] ${s}\n`);

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'vdc-capbench-'));
  try {
    const bytes = await xlsxOf(rvtoolsGrids({ hosts: 500, vms: 10_000 }));
    let t0 = performance.now();
    const imp = await importInventory([{ name: 'rvtools.xlsx', bytes }]);
    out.push({
      name: 'RVTools .xlsx import, 10,000 VMs / 500 hosts',
      value: ms(t0) / 1000,
      unit: 's',
      goal: '≤ 5 s',
      note: `${(bytes.length / 2 ** 20).toFixed(1)} MiB, ${imp.preview.counts.vms} VMs`,
    });

    log(`import done: ${out[0]!.value.toFixed(2)} s`);
    const big = await importInventory([
      { name: 'c64.xlsx', bytes: await xlsxOf(rvtoolsGrids({ hosts: 64, vms: 1200, perCluster: 64 })) },
    ]);
    const { engine, ws } = recorded(dir, big.scenario!, { tickSeconds: 3600, days: 30, name: 'c64' });
    log('64-host history recorded');
    const ctx = capCtx(engine, ws);
    const both = () => {
      const t = performance.now();
      headroom(ctx, DEFAULT_POLICY, [], undefined, 86_400);
      forecastRows(ctx, DEFAULT_POLICY, {
        risk: 'conservative',
        horizonDays: 365,
        historyDays: 30,
        growthPctPerMonth: 0,
      });
      return ms(t);
    };
    const cold = both();
    const warm = [both(), both(), both(), both(), both()].sort((a, b) => a - b)[2]!;
    out.push({
      name: 'headroom + time remaining, 64-host cluster, 30 days',
      value: warm,
      unit: 'ms',
      goal: '≤ 200 ms',
      note: `median of 5 after a first call of ${cold.toFixed(0)} ms; 1200 VMs, hourly history`,
    });
    t0 = performance.now();
    const est = failover(ctx, { method: 'estimate', settleMinutes: 10 });
    out.push({
      name: 'N+1 (and worst pair) estimate over 64 hosts',
      value: ms(t0),
      unit: 'ms',
      goal: '≤ 2 s',
      note: `N+1 ${est.clusters[0]!.nPlus1 ? 'holds' : 'fails'}`,
    });
    ws.close();

    log('headroom/forecast/N+1 done');
    const ent = recorded(dir, builtinScenario('enterprise')!, {
      tickSeconds: 20,
      days: 0,
      name: 'enterprise',
    });
    const branch = createBranch(ent.ws, ent.engine.snapshot(), 'bench', []);
    const path = ent.ws.path;
    ent.ws.close();
    // 90 days take minutes with today's engine; by default 9 days are run and scaled (VDC_BENCH_FULL=1 runs all 90).
    const full = process.env.VDC_BENCH_FULL === '1';
    const days = full ? 90 : 9;
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await runBranch(path, branch.id, days, 3600);
    const sec = ms(t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSec = (cpu.user + cpu.system) / 1e6;
    // CPU seconds of this process are the better estimate when other work shares the 2 cores.
    out.push({
      name: 'what-if branch of enterprise, 90 simulated days',
      value: full ? sec : sec * (90 / days),
      unit: 's',
      goal: '≤ 60 s',
      note: `1-hour ticks (2-h and daily levels recorded); 64 hosts, 1470 VMs, 2109 containers; ${cpuSec.toFixed(1)} s CPU${full ? '' : `; ${days} days measured (${sec.toFixed(1)} s) × 10`}`,
    });

    log('enterprise what-if done');
    const sim = recorded(dir, builtinScenario('enterprise')!, { tickSeconds: 20, days: 0, name: 'ent-sim' });
    const simCtx = capCtx(sim.engine, sim.ws);
    const clusterId = sim.engine.snapshot().clusters[0]!.id;
    const hosts = sim.engine.snapshot().hosts.filter((h) => h.clusterId === clusterId).length;
    t0 = performance.now();
    failover(simCtx, { method: 'simulate', settleMinutes: 5, clusterId });
    out.push({
      name: `N+1 simulated on engine snapshots, enterprise cluster (${hosts} hosts)`,
      value: ms(t0) / 1000,
      unit: 's',
      note: '5 simulated minutes per failure, 20 s ticks',
    });
    sim.ws.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
