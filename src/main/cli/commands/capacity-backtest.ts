/**
 * `vdc capacity backtest`: how good are the time-remaining forecasts? Runs a scenario, forecasts from
 * its first --history, keeps simulating to --horizon and scores each forecast against the day the run
 * actually crossed usable capacity (service/capacity/backtest.ts, docs/capacity.md "Backtest").
 */
import { parseArgs } from 'node:util';
import { parseDuration } from '../../../shared/duration';
import { builtinScenarios } from '../../engine';
import { UsageError, type CliCommand } from '../command';
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
import { startBacktest, type BacktestResult } from '../../service/capacity/backtest';
import { loadScenario } from './simulate';

const USAGE = [
  'Usage: vdc capacity backtest --scenario S [--history 28d] [--horizon 180d] [--seed N] [--tick 1h] [--json] [--out FILE [--force]]',
  '',
  'Runs scenario S in memory, forecasts time remaining per cluster × resource (CPU, memory, disk) from the',
  'first --history of it with each method (linear, seasonal, final), keeps simulating to --history +',
  '--horizon, and scores every forecast of a resource that actually ran out within the horizon: median',
  '|predicted − actual| / actual days, and the share of actual days inside the stated 80 % interval.',
  '',
  `  --scenario S   a built-in scenario (${builtinScenarios.map((b) => b.id).join(', ')}) or a scenario file (.json)`,
  '  --history D    history the forecast stands on, whole days (default 28d)',
  '  --horizon D    days simulated after it (default 180d)',
  "  --seed N       seed of the random streams (default: the scenario's seed)",
  '  --tick D       simulated time per tick, a divisor of a day (default 1h, like what-if branches)',
  outputHelp('json'),
  outputHelp('out'),
  outputHelp('force'),
  '',
  'Exit codes: 0 done, 1 scenario unreadable or invalid / output not writable, 2 bad arguments.',
].join('\n');

function days(raw: string | undefined, flag: string, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const sec = parseDuration(raw);
  if (sec === null || sec <= 0 || sec % 86_400 !== 0 || sec / 86_400 > max)
    throw new UsageError(
      `${flag} must be a whole number of days from 1d to ${max}d (e.g. 28d or 4w), got "${raw}"`,
    );
  return sec / 86_400;
}

const pct = (v: number | null): string => (v === null ? '—' : `${v.toFixed(1)} %`);
const dd = (v: number | null): string => (v === null ? '>h' : String(v));

export function backtestText(r: BacktestResult): string {
  const lines = [
    `Backtest of ${r.scenario} (seed ${r.seed}): forecasts from ${r.historyDays} days of history, scored over the next ${r.horizonDays} days at ${r.tickSeconds}-s ticks.`,
    '',
    'Method     Cases  Median |error|  Interval coverage (target 80 %)',
    ...r.methods.map(
      (m) =>
        `${(m.method + (m.method === r.method ? '*' : '')).padEnd(11)}${String(m.cases).padStart(5)}  ${pct(m.medianAbsErrorPct).padStart(14)}  ${m.intervalCoverage === null ? '—' : `${(m.intervalCoverage * 100).toFixed(0)} %`}`,
    ),
    '',
    'Cluster / resource           Actual  Predicted  Interval     Error   linear  seasonal',
    ...r.details.map(
      (c) =>
        `${`${c.clusterName} ${c.resource}`.padEnd(28)} ${String(c.actualDays).padStart(6)}  ${dd(c.predictedDays).padStart(9)}  ${`${dd(c.earliestDays)}–${dd(c.latestDays)}`.padEnd(10)}${c.inInterval ? ' ' : '!'} ${pct(c.absErrorPct).padStart(7)}  ${dd(c.byMethod.linear.predictedDays).padStart(6)}  ${dd(c.byMethod.seasonal.predictedDays).padStart(8)}`,
    ),
    ...(r.unscored.length > 0
      ? [
          '',
          `Not scored: ${r.unscored.map((u) => `${u.clusterName} ${u.resource} (${u.reason === 'exceededDuringHistory' ? 'over usable during the history' : 'did not run out'}${u.predictedDays === null ? '' : `, forecast said ${u.predictedDays} d`})`).join('; ')}`,
        ]
      : []),
    '',
    `Days are counted after the history's last day; * = the method the console uses for this panel; >h = beyond the horizon; ! = outside the interval.`,
  ];
  return lines.join('\n');
}

export const capacityBacktestCommand: CliCommand = {
  name: 'capacity backtest',
  summary: 'score time-remaining forecasts against the simulated future of a scenario',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        scenario: { type: 'string' },
        history: { type: 'string' },
        horizon: { type: 'string' },
        seed: { type: 'string' },
        tick: { type: 'string' },
        ...JSON_OPTION,
        ...OUT_OPTION,
      },
    });
    noPositionals(positionals);
    if (values.scenario === undefined) throw new UsageError('--scenario is required');
    const historyDays = days(values.history, '--history', 28, 366);
    if (historyDays < 3) throw new UsageError(`--history must be at least 3d, got "${values.history}"`);
    const horizonDays = days(values.horizon, '--horizon', 180, 730);
    let seed: number | undefined;
    if (values.seed !== undefined) {
      seed = Number(values.seed);
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
        throw new UsageError(`--seed must be an integer from 0 to 4294967295, got "${values.seed}"`);
    }
    let tickSeconds = 3600;
    if (values.tick !== undefined) {
      const t = parseDuration(values.tick);
      if (t === null || t <= 0 || !Number.isInteger(t) || 86_400 % t !== 0)
        throw new UsageError(`--tick must divide a day (e.g. 20s, 5m, 1h), got "${values.tick}"`);
      tickSeconds = t;
    }
    refuseExistingOutput(io, values);
    const loaded = loadScenario(values.scenario, io.cwd);
    if (!loaded.ok) {
      io.err(`vdc capacity backtest: ${loaded.message}`);
      return 1;
    }
    const name = values.scenario.replace(/^.*[\\/]/, '');
    let run;
    try {
      run = startBacktest({
        scenario: loaded.scenario,
        scenarioName: name,
        historyDays,
        horizonDays,
        seed,
        tickSeconds,
      });
    } catch (e) {
      io.err(`vdc capacity backtest: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
    const progress = startProgress({ label: `backtest ${name}`, total: run.totalTicks });
    while (!run.advance(24)) progress.update(run.doneTicks);
    progress.update(run.totalTicks);
    progress.stage('scoring');
    const result = run.result();
    progress.end();
    return emitOutput(
      io,
      'capacity backtest',
      values,
      values.json ? toJson(result) : `${backtestText(result)}\n`,
      'the backtest',
    );
  },
};
