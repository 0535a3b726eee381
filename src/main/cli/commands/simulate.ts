/**
 * `vdc simulate`: runs a scenario headless for a simulated duration and prints (and optionally writes)
 * a summary: per-cluster CPU/memory/ready/energy, events by type, task outcomes, the run hash.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseDuration } from '../../../shared/duration';
import { ScenarioSchema } from '../../../shared/schemas/scenario';
import { formatPath, stripBom } from '../../../shared/errors';
import {
  builtinScenario,
  builtinScenarios,
  createEngine,
  DEFAULT_SCENARIO_ID,
  METRIC_CATALOG,
  type Engine,
  type MetricBlock,
  type Scenario,
} from '../../engine';
import { UsageError, type CliCommand, type CliIO } from '../command';
import { openRecordedRun } from '../../service/headless';
import {
  emitOutput,
  JSON_OPTION,
  noPositionals,
  OUT_OPTION,
  outputHelp,
  refuseExistingOutput,
  toJson,
} from '../output';
import { startProgress } from '../progress';

const USAGE = [
  'Usage: vdc simulate [--scenario NAME|FILE.json] [--duration 24h] [--seed N] [--workspace FILE.vdc] [--json] [--out FILE [--force]]',
  '',
  'Runs a scenario headless and prints a summary of what happened.',
  '',
  `  --scenario S   a built-in scenario (${builtinScenarios.map((b) => b.id).join(', ')}; default ${DEFAULT_SCENARIO_ID})`,
  '                 or a scenario file (versioned JSON, see docs/model.md)',
  '  --duration D   simulated time: a number with s, m, h, d or w (default 24h)',
  "  --seed N       seed of the random streams (default: the scenario's seed)",
  '  --workspace F  record the run with its full history into the workspace file F (.vdc): created from',
  '                 the scenario when F does not exist, continued from its last checkpoint when it does',
  outputHelp('json'),
  outputHelp('out'),
  outputHelp('force'),
  '',
  'Exit codes: 0 done, 1 scenario unreadable or invalid / output not writable, 2 bad arguments.',
].join('\n');

/** A --duration / --after value in seconds (the shared syntax: s, m, h, d or w), more than 0 and at most 366 days. */
export function parseDurationSec(raw: string, flag = '--duration'): number {
  const sec = parseDuration(raw);
  if (sec === null) throw new UsageError(`${flag} must look like 90s, 30m, 24h, 7d or 2w, got "${raw}"`);
  if (sec <= 0 || sec > 366 * 86400)
    throw new UsageError(`${flag} must be more than 0 and at most 366d, got "${raw}"`);
  return sec;
}

/** Loads a built-in scenario by id, or a scenario file validated by the shared zod schema. */
export function loadScenario(
  arg: string,
  cwd: string,
): { ok: true; scenario: Scenario } | { ok: false; message: string } {
  const builtin = builtinScenario(arg);
  if (builtin) return { ok: true, scenario: builtin };
  if (!arg.endsWith('.json'))
    return {
      ok: false,
      message: `unknown scenario "${arg}"; built-ins: ${builtinScenarios.map((b) => b.id).join(', ')} (or give a .json file)`,
    };
  const path = resolve(cwd, arg);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      message: `${path} cannot be read: ${code ?? (e instanceof Error ? e.message : String(e))}`,
    };
  }
  let raw: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte-order mark; JSON.parse refuses it.
    raw = JSON.parse(stripBom(text));
  } catch (e) {
    return { ok: false, message: `${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `scenario.${formatPath(i.path)}: ${i.message}`);
    return { ok: false, message: `${path} is not a valid scenario: ${first.join('; ')}` };
  }
  return { ok: true, scenario: parsed.data };
}

interface ClusterAcc {
  id: string;
  name: string;
  cpuSum: number;
  cpuMax: number;
  memSum: number;
  memMax: number;
  readySum: number;
  readyMax: number;
  energyKWh: number;
  powerMaxW: number;
}

export interface SimulationSummary {
  scenario: string;
  seed: number;
  tickSeconds: number;
  ticks: number;
  simulatedSeconds: number;
  wallSeconds: number;
  msPerTick: number;
  runHash: string;
  clusters: {
    id: string;
    name: string;
    cpuAvgPct: number;
    cpuMaxPct: number;
    memAvgPct: number;
    memMaxPct: number;
    readyAvgPct: number;
    readyMaxPct: number;
    energyKWh: number;
    peakPowerW: number;
  }[];
  events: { info: number; warning: number; error: number; byType: Record<string, number> };
  tasks: { success: number; error: number; cancelled: number; byType: Record<string, number> };
}

function col(kind: 'cluster', name: string): number {
  const i = METRIC_CATALOG[kind].findIndex((m) => m.name === name);
  if (i < 0) throw new Error(`metric ${name} missing`);
  return i;
}

/** Runs `ticks` steps, calling `progress(done)` now and then; returns the summary. */
export function runSimulation(
  engine: Engine,
  scenarioName: string,
  ticks: number,
  progress: (done: number) => void = () => {},
  step: () => ReturnType<Engine['step']> = () => engine.step(),
): SimulationSummary {
  const cCpu = col('cluster', 'cpu.usage.pct');
  const cMem = col('cluster', 'mem.usage.pct');
  const cReady = col('cluster', 'cpu.ready.pct');
  const cEnergy = col('cluster', 'energy.kwh');
  const cPower = col('cluster', 'power.w');
  const acc = new Map<string, ClusterAcc>();
  const events = { info: 0, warning: 0, error: 0, byType: {} as Record<string, number> };
  const tasks = { success: 0, error: 0, cancelled: 0, byType: {} as Record<string, number> };
  const t0 = performance.now();
  let last: MetricBlock | undefined;
  for (let t = 0; t < ticks; t++) {
    const r = step();
    const b = r.blocks.find((x) => x.kind === 'cluster');
    if (b) {
      const n = b.ids.length;
      b.ids.forEach((id, e) => {
        const a = acc.get(id) ?? {
          id,
          name: id,
          cpuSum: 0,
          cpuMax: 0,
          memSum: 0,
          memMax: 0,
          readySum: 0,
          readyMax: 0,
          energyKWh: 0,
          powerMaxW: 0,
        };
        const v = (m: number): number => b.values[m * n + e] ?? 0;
        a.cpuSum += v(cCpu);
        a.cpuMax = Math.max(a.cpuMax, v(cCpu));
        a.memSum += v(cMem);
        a.memMax = Math.max(a.memMax, v(cMem));
        a.readySum += v(cReady);
        a.readyMax = Math.max(a.readyMax, v(cReady));
        a.powerMaxW = Math.max(a.powerMaxW, v(cPower));
        acc.set(id, a);
      });
      last = b;
    }
    for (const ev of r.events) {
      events[ev.severity]++;
      events.byType[ev.type] = (events.byType[ev.type] ?? 0) + 1;
    }
    for (const task of r.tasks) {
      if (task.state === 'success' || task.state === 'error' || task.state === 'cancelled') {
        tasks[task.state]++;
        const key = `${task.type}:${task.state}`;
        tasks.byType[key] = (tasks.byType[key] ?? 0) + 1;
      }
    }
    if (t % 200 === 0) progress(t);
  }
  progress(ticks);
  const wall = (performance.now() - t0) / 1000;
  if (last) {
    const n = last.ids.length;
    last.ids.forEach((id, e) => {
      const a = acc.get(id);
      if (a) a.energyKWh = last!.values[cEnergy * n + e] ?? 0;
    });
  }
  const names = new Map(engine.list('cluster').map((c) => [c.id, c.name]));
  const avg = (x: number): number => (ticks > 0 ? x / ticks : 0);
  const r2 = (x: number): number => Math.round(x * 100) / 100;
  return {
    scenario: scenarioName,
    seed: engine.seed,
    tickSeconds: engine.tickSeconds,
    ticks,
    simulatedSeconds: engine.time,
    wallSeconds: r2(wall),
    msPerTick: ticks > 0 ? Math.round((wall * 1e6) / ticks) / 1000 : 0,
    runHash: engine.runHash(),
    clusters: [...acc.values()].map((a) => ({
      id: a.id,
      name: names.get(a.id) ?? a.id,
      cpuAvgPct: r2(avg(a.cpuSum)),
      cpuMaxPct: r2(a.cpuMax),
      memAvgPct: r2(avg(a.memSum)),
      memMaxPct: r2(a.memMax),
      readyAvgPct: r2(avg(a.readySum)),
      readyMaxPct: r2(a.readyMax),
      energyKWh: r2(a.energyKWh),
      peakPowerW: Math.round(a.powerMaxW),
    })),
    events,
    tasks,
  };
}

export function formatSummary(s: SimulationSummary): string {
  const rows = s.clusters.map((c) => [
    c.name,
    `${c.cpuAvgPct.toFixed(1)} / ${c.cpuMaxPct.toFixed(1)}`,
    `${c.memAvgPct.toFixed(1)} / ${c.memMaxPct.toFixed(1)}`,
    `${c.readyAvgPct.toFixed(2)} / ${c.readyMaxPct.toFixed(2)}`,
    c.energyKWh.toFixed(1),
    String(c.peakPowerW),
  ]);
  const header = [
    'cluster',
    'CPU % avg/max',
    'mem % avg/max',
    'ready %/vCPU avg/max',
    'energy kWh',
    'peak W',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const topEvents = Object.entries(s.events.byType)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 8);
  return [
    `${s.scenario}: ${s.ticks} ticks of ${s.tickSeconds} s (${(s.simulatedSeconds / 3600).toFixed(1)} h simulated) in ${s.wallSeconds} s, ${s.msPerTick} ms/tick, seed ${s.seed}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `events: ${s.events.info} info, ${s.events.warning} warning, ${s.events.error} error${topEvents.length ? ` (${topEvents.map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`,
    `tasks: ${s.tasks.success} succeeded, ${s.tasks.error} failed, ${s.tasks.cancelled} cancelled`,
    `run hash: ${s.runHash}`,
  ].join('\n');
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'run a scenario headless for a simulated duration and summarise it',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: {
        scenario: { type: 'string' },
        duration: { type: 'string' },
        seed: { type: 'string' },
        workspace: { type: 'string' },
        ...JSON_OPTION,
        ...OUT_OPTION,
      },
      strict: true,
      allowPositionals: true,
    });
    noPositionals(positionals);
    // Notes go to stderr while stdout carries the JSON.
    const note = values.json && values.out === undefined ? io.err : io.out;
    const durationSec = parseDurationSec(values.duration ?? '24h');
    let seed: number | undefined;
    if (values.seed !== undefined) {
      seed = Number(values.seed);
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
        throw new UsageError(`--seed must be an integer from 0 to 4294967295, got "${values.seed}"`);
    }
    refuseExistingOutput(io, values);
    const loaded = loadScenario(values.scenario ?? DEFAULT_SCENARIO_ID, io.cwd);
    if (!loaded.ok) {
      io.err(`vdc simulate: ${loaded.message}`);
      return 1;
    }
    let summary: SimulationSummary;
    let recordedIn: string | null = null;
    if (values.workspace !== undefined) {
      const path = resolve(io.cwd, values.workspace);
      if (!path.endsWith('.vdc'))
        throw new UsageError(`--workspace must name a .vdc file, got "${values.workspace}"`);
      const run = openRecordedRun({
        path,
        scenario: loaded.scenario,
        ...(seed === undefined ? {} : { seed }),
      });
      if (!run.ok) {
        io.err(`vdc simulate: ${run.error.message}`);
        return 1;
      }
      const engine = run.value.session.engine;
      const ticks = Math.max(1, Math.round(durationSec / engine.tickSeconds));
      if (run.value.continued) note(`continuing ${path} from ${(engine.time / 3600).toFixed(1)} h simulated`);
      const progress = startProgress({ label: 'simulate', total: ticks });
      summary = runSimulation(
        engine,
        (engine.scenario as Scenario).name,
        ticks,
        (d) => progress.update(d),
        run.value.step,
      );
      progress.stage('saving the checkpoint');
      const done = run.value.finish();
      progress.end();
      if (!done.ok) {
        io.err(`vdc simulate: the run could not be saved in ${path}: ${done.error.message}`);
        return 1;
      }
      recordedIn = path;
    } else {
      const created = createEngine(loaded.scenario, seed === undefined ? {} : { seed });
      if (!created.ok) {
        io.err(`vdc simulate: ${created.error.message}`);
        return 1;
      }
      const engine = created.value;
      const ticks = Math.max(1, Math.round(durationSec / engine.tickSeconds));
      const progress = startProgress({ label: 'simulate', total: ticks });
      summary = runSimulation(engine, loaded.scenario.name, ticks, (d) => progress.update(d));
      progress.end();
    }
    const code = emitOutput(
      io,
      'simulate',
      values,
      values.json ? toJson(summary) : formatSummary(summary),
      'the summary',
    );
    if (recordedIn !== null) note(`history recorded in ${recordedIn}`);
    return code;
  },
};
