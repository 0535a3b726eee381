/**
 * Service benchmarks: the real service (engine + SQLite workspace + clock) in its worker thread,
 * running a scenario at "max" speed while a client is connected, as the browser shell runs it.
 * Measures how long the shell's event loop is ever blocked (goal ≤ 50 ms), the achieved speed, and
 * the push traffic one client receives.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceWorker } from '../src/main/service/worker/host';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

async function runScenario(scenarioId: string, seconds: number): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vdc-bench-'));
  const service = await startServiceWorker({
    dataDir,
    shell: 'test',
    autoPlay: false,
    defaultScenarioId: scenarioId,
  });
  let pushBytes = 0;
  service.connect({
    id: 'bench',
    push: (name, data) => (pushBytes += JSON.stringify({ push: name, data }).length),
  });
  const call = async (method: string, params: unknown = {}) => {
    const r = await service.call('bench', method, params);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };
  const tree = (await call('inventory.tree')) as unknown as { id: string; children?: { id: string }[] }[];
  const clusterId = tree[0]?.children?.[0]?.id ?? '';
  await call('live.subscribe', { entityIds: [clusterId], metrics: ['cpu.usage.pct', 'mem.usage.pct'] });
  const before = (await call('clock.get')) as { tick: number; tickSeconds: number };
  await call('clock.setSpeed', { speed: 'max' });
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  pushBytes = 0;
  const t0 = performance.now();
  await call('clock.play');
  await new Promise((r) => setTimeout(r, seconds * 1000));
  await call('clock.pause');
  const wall = (performance.now() - t0) / 1000;
  histogram.disable();
  const after = (await call('clock.get')) as { tick: number };
  const ticks = after.tick - before.tick;
  const simSec = ticks * before.tickSeconds;
  await service.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  return [
    {
      name: `${scenarioId}: max block of the shell's event loop at top speed`,
      value: histogram.max / 1e6,
      unit: 'ms',
      goal: '≤ 50 ms',
    },
    { name: `${scenarioId}: recorded ticks per wall second`, value: ticks / wall, unit: 'ticks/s' },
    {
      name: `${scenarioId}: simulated speed with full history`,
      value: simSec / wall,
      unit: '× real time',
      note: `${(simSec / 3600).toFixed(1)} sim hours in ${wall.toFixed(1)} s`,
    },
    // Issue 6's ≤ 64 KB/s is for the console at 1,000× (bench/console.bench.ts); this runs at top speed.
    {
      name: `${scenarioId}: push traffic to one client at top speed`,
      value: pushBytes / wall / 1024,
      unit: 'KiB/s',
      note: `at ${Math.round(simSec / wall).toLocaleString('en-US')}× (the console goal, ≤ 64 KB/s at 1,000×, is measured by console.bench.ts)`,
    },
  ];
}

export async function run(): Promise<BenchResult[]> {
  return [...(await runScenario('small-lab', 5)), ...(await runScenario('enterprise', 20))];
}
