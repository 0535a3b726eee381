/**
 * `vdc capacity sweep`: many simulated futures from a workspace's current state (seed, growth within the
 * final method's interval or, with too little history, the workloads' own, random host failures), run on worker threads; the probability of running out by each
 * date per cluster × resource, and of N+1 still holding. `vdc capacity sweep merge` joins shard files.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import {
  emitOutput,
  JSON_OPTION,
  noPositionals,
  OUT_OPTION,
  outputFormat,
  outputHelp,
  refuseExistingOutput,
  toJson,
} from '../output';
import { startProgress } from '../progress';
import { capCtx } from '../../service/capacity/analysis';
import {
  GROWTH_LIMITS,
  mergeSweeps,
  prepareSweep,
  SWEEP_DEFAULTS,
  type SweepResult,
} from '../../service/capacity/sweep';
import { defaultWorkers, runSweep } from '../../service/capacity/sweep-pool';
import { parseDurationSec } from './simulate';
import { num, openReadOnly } from './capacity';

const USAGE = `Usage: vdc capacity sweep --workspace FILE --runs N [--horizon 180d] [--seed S] [--workers K]
                          [--shard i/N] [--tick 1h] [--failures-per-year F] [--repair-days D] [--json] [--out FILE [--force]]
       vdc capacity sweep merge SHARD.json… [--json] [--out FILE [--force]]

Simulates N futures from the workspace's current state that differ in seed, each cluster's growth rate
(drawn within the 95 % interval of the growth the final method fits to its daily CPU peaks; with less than
the 14 days of history that method needs, growth is not fitted and the futures run at the workloads' own
growth) and random host failures, and reports per cluster and resource the probability of running out by
each date, and the probability that N+1 still holds. A resource already over usable says "exceeded now".
The same inputs give the same result whatever --workers; shards merged give exactly the unsharded result.

  --workspace FILE        the workspace (.vdc), opened read-only
  --runs N                number of futures (1–10000)
  --horizon D             simulated time per future (default 180d; at most 366d)
  --seed S                sweep seed (default ${SWEEP_DEFAULTS.seed}); future k runs with a seed mixed from S and k
  --workers K             worker threads (default: all cores, here ${defaultWorkers()})
  --shard i/N             run only shard i of N (futures k with k mod N = i − 1); write it with --json --out
  --tick D                tick length of the futures (default 1h; a multiple of the workspace's tick)
  --failures-per-year F   host failures per host and year (default ${SWEEP_DEFAULTS.hostFailuresPerYear})
  --repair-days D         days a failed host stays down (default ${SWEEP_DEFAULTS.repairDays})
${outputHelp('json', 26)}
${outputHelp('out', 26)}
${outputHelp('force', 26)}

Exit codes: 0 done, 1 the workspace or a shard cannot be read / the shards do not merge, 2 bad usage.`;

function parseShard(raw: string | undefined): { index: number; count: number } | null {
  if (raw === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 10_000 || index < 1 || index > count)
    throw new UsageError(`--shard must look like 2/8 (shard i of N, 1 ≤ i ≤ N), got "${raw}"`);
  return { index, count };
}

const pct = (p: number) => `${(p * 100).toFixed(p > 0 && p < 0.01 ? 1 : 0)} %`;
const UNIT = { cpu: 'CPU', mem: 'memory', disk: 'disk' } as const;
const range = (a: number, b: number) => (a === b ? `${a} %/month` : `${a} … ${b} %/month`);

/** What growth the futures run at, and what it stands on. */
export function growthText(g: SweepResult['clusters'][number]['growth']): string {
  const days = `${g.historyDays} day${g.historyDays === 1 ? '' : 's'} of history`;
  if (g.method === 'final' && g.fitted !== null && g.low !== null && g.high !== null) {
    const kept =
      g.low < GROWTH_LIMITS.min || g.high > GROWTH_LIMITS.max
        ? `; draws kept within ${GROWTH_LIMITS.min} … ${GROWTH_LIMITS.max} %/month`
        : '';
    return `growth ${g.low} … ${g.high} %/month (fitted ${g.fitted} by the final method, 95 % interval, ${days})${kept}`;
  }
  const own = `the futures run at the workloads' own growth (${range(g.workload.min, g.workload.max)})`;
  return g.refusal
    ? `growth not fitted: needs ${g.refusal.moreDays} more day${g.refusal.moreDays === 1 ? '' : 's'} of history (the final method needs ${g.refusal.needDays}, has ${g.refusal.haveDays}); ${own}`
    : `growth not fitted (no trend in ${days}); ${own}`;
}

const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** The text form: one block per cluster, one line per resource. */
export function sweepText(r: SweepResult): string {
  /** The simulated calendar date at the end of day d of the futures. */
  const dateOf = (d: number) =>
    minute(new Date(r.origin.startEpochMs + (r.origin.timeSec + d * 86_400) * 1000).toISOString());
  const lines = [
    `Sweep of ${r.runs} futures × ${r.options.horizonDays} days from ${r.origin.workspace} (day ${(r.origin.timeSec / 86_400).toFixed(1)}, ${dateOf(0)}), seed ${r.options.seed}, ${r.options.tickSeconds / 3600} h ticks, ${r.options.hostFailuresPerYear} host failures per host-year` +
      (r.shard ? ` — shard ${r.shard.index}/${r.shard.count}` : ''),
  ];
  for (const c of r.clusters) {
    lines.push(
      '',
      `${c.name}: N+1 holds at the horizon in ${pct(c.nPlus1Probability)} of futures; ${growthText(c.growth)}`,
    );
    for (const x of c.resources) {
      if (x.exceededSince !== null) {
        lines.push(
          `  ${UNIT[x.resource].padEnd(7)} exceeded now (since ${minute(x.exceededSince)}); median peak ${x.medianPeakPct} % of usable`,
        );
        continue;
      }
      const at = (d: number) => x.cdf[Math.min(x.cdf.length, d) - 1] ?? 0;
      const when =
        x.p50Days !== null
          ? `half the futures by day ${x.p50Days} (${dateOf(x.p50Days)})`
          : x.p10Days !== null
            ? `10 % of futures by day ${x.p10Days} (${dateOf(x.p10Days)})`
            : 'not in 90 % of futures';
      const marks = [30, 90]
        .filter((d) => d < x.cdf.length)
        .map((d) => `${pct(at(d)).padStart(6)} by ${d} d, `)
        .join('');
      lines.push(
        `  ${UNIT[x.resource].padEnd(7)} runs out: ${marks}${pct(x.probability).padStart(6)} by ${x.cdf.length} d; ${when}; median peak ${x.medianPeakPct} % of usable`,
      );
    }
  }
  return lines.join('\n');
}

export const capacitySweepCommand: CliCommand = {
  name: 'capacity sweep',
  summary: 'probabilistic futures: chance of running out by date per cluster × resource, and of N+1',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        runs: { type: 'string' },
        horizon: { type: 'string' },
        seed: { type: 'string' },
        workers: { type: 'string' },
        shard: { type: 'string' },
        tick: { type: 'string' },
        'failures-per-year': { type: 'string' },
        'repair-days': { type: 'string' },
        ...JSON_OPTION,
        ...OUT_OPTION,
      },
    });
    noPositionals(positionals);
    if (!values.workspace) throw new UsageError('--workspace FILE is required');
    if (values.runs === undefined) throw new UsageError('--runs N is required');
    const format = outputFormat(values);
    const int = (name: string, raw: string | undefined, min: number, max: number) => {
      const v = num(name, raw, min, max);
      if (v !== undefined && !Number.isInteger(v))
        throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
      return v;
    };
    const runs = int('runs', values.runs, 1, 10_000)!;
    const horizonSec = parseDurationSec(values.horizon ?? '180d', '--horizon');
    if (horizonSec % 86_400 !== 0)
      throw new UsageError(`--horizon must be whole days, got "${values.horizon}"`);
    const tickSeconds = parseDurationSec(values.tick ?? '1h', '--tick');
    if (86_400 % tickSeconds !== 0)
      throw new UsageError(`--tick must divide a day (e.g. 15m, 1h, 6h), got "${values.tick}"`);
    const options = {
      runs,
      horizonDays: horizonSec / 86_400,
      seed: int('seed', values.seed, 0, 2 ** 32 - 1) ?? SWEEP_DEFAULTS.seed,
      tickSeconds,
      hostFailuresPerYear:
        num('failures-per-year', values['failures-per-year'], 0, 365) ?? SWEEP_DEFAULTS.hostFailuresPerYear,
      repairDays: int('repair-days', values['repair-days'], 1, 365) ?? SWEEP_DEFAULTS.repairDays,
    };
    const workers = int('workers', values.workers, 1, 256) ?? defaultWorkers();
    const shard = parseShard(values.shard);
    refuseExistingOutput(io, values);
    const path = resolve(io.cwd, values.workspace);
    const o = openReadOnly(path);
    if ('error' in o) {
      io.err(`vdc capacity sweep: ${o.error}`);
      return 1;
    }
    let input;
    try {
      const base = o.session.engine.tickSeconds;
      if (tickSeconds % base !== 0)
        throw new UsageError(`--tick must be a multiple of the workspace's tick (${base} s)`);
      input = prepareSweep(capCtx(o.session.engine, o.session.workspace), basename(path), options);
    } finally {
      o.close();
    }
    const progress = startProgress({
      label: `capacity sweep ${shard ? `${shard.index}/${shard.count} ` : ''}(${workers} workers)`,
      total: 1,
    });
    let result: SweepResult;
    try {
      result = await runSweep(input, {
        workers,
        shard,
        onProgress: (done, total) => progress.update(done / total),
      });
    } catch (e) {
      progress.end();
      io.err(`vdc capacity sweep: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
    progress.end();
    return emitOutput(
      io,
      'capacity sweep',
      values,
      format === 'json' ? toJson(result) : sweepText(result),
      format === 'json' ? 'the JSON' : 'the summary',
    );
  },
};

export const capacitySweepMergeCommand: CliCommand = {
  name: 'capacity sweep merge',
  summary: 'merge the shard files of a capacity sweep into the result of one run',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { ...JSON_OPTION, ...OUT_OPTION },
    });
    if (positionals.length === 0) throw new UsageError('give the shard files to merge (SHARD.json…)');
    const format = outputFormat(values);
    const files = [];
    for (const p of positionals) {
      const full = resolve(io.cwd, p);
      try {
        files.push({ name: p, data: JSON.parse(readFileSync(full, 'utf8')) as unknown });
      } catch (e) {
        io.err(
          `vdc capacity sweep merge: ${full} cannot be read as JSON: ${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}`,
        );
        return 1;
      }
    }
    let result: SweepResult;
    try {
      result = mergeSweeps(files);
    } catch (e) {
      io.err(`vdc capacity sweep merge: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
    return emitOutput(
      io,
      'capacity sweep merge',
      values,
      format === 'json' ? toJson(result) : sweepText(result),
      format === 'json' ? 'the JSON' : 'the summary',
    );
  },
};
