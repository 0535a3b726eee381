/**
 * Service benchmarks: the real service (engine + SQLite workspace + clock) running the enterprise
 * scenario at "max" speed, measuring how long the hosting event loop is blocked (the desktop main
 * process and the web server must stay responsive) and the achieved simulation speed.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VdcService } from '../src/main/service';

interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

async function runScenario(scenarioId: string, seconds: number): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vdc-bench-'));
  const service = await VdcService.start({ dataDir, shell: 'test', autoPlay: false, defaultScenarioId: scenarioId });
  const session = service.session;
  if (!session) throw new Error(`could not start ${scenarioId}: ${service.startupError?.message}`);
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const startTick = session.engine.tick;
  session.clock.setSpeed('max');
  histogram.enable();
  const t0 = performance.now();
  session.clock.play();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  session.clock.pause();
  const wall = (performance.now() - t0) / 1000;
  histogram.disable();
  const ticks = session.engine.tick - startTick;
  const simSec = ticks * session.engine.tickSeconds;
  const path = session.workspace?.path ?? '';
  await service.dispose();
  const fileBytes = path ? statSync(path).size : 0;
  rmSync(dataDir, { recursive: true, force: true });
  return [
    { name: `${scenarioId}: max event-loop block at top speed`, value: histogram.max / 1e6, unit: 'ms', goal: '≤ 50 ms' },
    { name: `${scenarioId}: p99 event-loop delay at top speed`, value: histogram.percentile(99) / 1e6, unit: 'ms' },
    { name: `${scenarioId}: ticks per wall second (recorded)`, value: ticks / wall, unit: 'ticks/s' },
    { name: `${scenarioId}: simulated speed`, value: simSec / wall, unit: '× real time', note: `${(simSec / 86400).toFixed(2)} sim days in ${wall.toFixed(1)} s` },
    { name: `${scenarioId}: workspace size after the run`, value: fileBytes / 2 ** 20, unit: 'MiB' },
  ];
}

export async function run(): Promise<BenchResult[]> {
  return [...(await runScenario('small-lab', 5)), ...(await runScenario('enterprise', 20))];
}
