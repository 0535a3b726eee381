/**
 * `vdc consolidate`: the standard dynamic-consolidation experiment (Beloglazov & Buyya, CCPE 2012, as in
 * CloudSim 3.0.3) on a folder of PlanetLab traces. Reads and validates the folder, runs the pure engine
 * function, writes the published metrics as JSON and prints a short summary.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  DETECTORS,
  describeParam,
  parsePolicy,
  POLICY_NAMES,
  startConsolidation,
  type ConsolidationResult,
  type TraceInput,
} from '../../engine/consolidation';
import { readWorkloadFolder, WorkloadError } from '../../service/consolidation/workload-folder';
import { UsageError, type CliCommand, type CliIO } from '../command';
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
  'Usage: vdc consolidate --workload DIR --policy P [--param X] [--seed N] [--native] [--json] [--out FILE [--force]]',
  '',
  'Runs the standard 24 h dynamic VM consolidation experiment (800 hosts, half HP ML110 G4 and half G5,',
  'one VM per trace file, 300 s scheduling interval) and reports energy, migrations and SLA metrics.',
  '',
  '  --workload DIR  folder of PlanetLab trace files (288 lines, one integer CPU % 0-100 per line);',
  '                  files are taken in byte order of their names; names starting with "." are ignored',
  `  --policy P      one of: ${POLICY_NAMES.join(', ')}`,
  '  --param X       the detector parameter:',
  ...DETECTORS.map((d) => `                    ${describeParam(d)}`),
  '  --seed N        seed of the random selection (rs) policies (default 1)',
  "  --native        the engine's own physics instead of CloudSim 3.0.3's semantics (see docs/consolidation.md)",
  '  --json          print the result as JSON instead of text: hosts, vms, energyKWh, migrations, slatah,',
  '                  pdm, slav, esv, hostShutdowns, simulatedSeconds, wallSeconds (slatah, pdm, slav as fractions)',
  outputHelp('out', 18),
  outputHelp('force', 18),
  '',
  'Exit codes: 0 done, 1 unreadable or malformed workload / output not writable, 2 bad arguments.',
].join('\n');

/** The experiment's simulated day (the progress bar's total). */
const SIMULATED_SECONDS = 86_400;

/** The folder reading lives in the service (one implementation); re-exported for tests and benchmarks. */
export { readWorkloadFolder };

function parseNumberOption(name: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || (integer && !Number.isSafeInteger(v))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'}, got "${raw}"`);
  }
  return v;
}

/** The JSON written by --json: exactly these fields, in this order. */
export function resultJson(r: ConsolidationResult, wallSeconds: number): Record<string, number> {
  return {
    hosts: r.hosts,
    vms: r.vms,
    energyKWh: r.energyKWh,
    migrations: r.migrations,
    slatah: r.slatah,
    pdm: r.pdm,
    slav: r.slav,
    esv: r.esv,
    hostShutdowns: r.hostShutdowns,
    simulatedSeconds: r.simulatedSeconds,
    wallSeconds,
  };
}

function summary(r: ConsolidationResult, wallSeconds: number): string {
  const pct = (x: number, d: number): string => `${(x * 100).toFixed(d)}%`;
  return [
    `${r.policy} (${r.mode} semantics): ${r.hosts} hosts, ${r.vms} VMs (${r.vmsRunningAtEnd} still running at the end)`,
    `  energy            ${r.energyKWh.toFixed(2)} kWh`,
    `  migrations        ${r.migrations}`,
    `  SLATAH            ${pct(r.slatah, 2)}`,
    `  PDM               ${pct(r.pdm, 2)}`,
    `  SLAV              ${pct(r.slav, 5)}`,
    `  ESV               ${r.esv.toFixed(5)}`,
    `  host shutdowns    ${r.hostShutdowns} (mean ${r.meanTimeBeforeShutdownSec.toFixed(0)} s before a shutdown)`,
    `  simulated ${r.simulatedSeconds} s in ${wallSeconds.toFixed(2)} s`,
  ].join('\n');
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      workload: { type: 'string' },
      policy: { type: 'string' },
      param: { type: 'string' },
      seed: { type: 'string' },
      native: { type: 'boolean', default: false },
      ...JSON_OPTION,
      ...OUT_OPTION,
    },
  });
  noPositionals(positionals);
  if (values.workload === undefined) throw new UsageError('--workload DIR is required');
  if (values.policy === undefined)
    throw new UsageError(`--policy is required; valid policies: ${POLICY_NAMES.join(', ')}`);
  const param = parseNumberOption('param', values.param, false);
  const seed = parseNumberOption('seed', values.seed, true);
  const policy = parsePolicy(values.policy, param);
  if (!policy.ok) throw new UsageError(policy.error.message);
  refuseExistingOutput(io, values);

  let traces: TraceInput[];
  try {
    traces = readWorkloadFolder(resolve(io.cwd, values.workload));
  } catch (e) {
    if (e instanceof WorkloadError) {
      io.err(`vdc consolidate: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const t0 = performance.now();
  const started = startConsolidation(traces, { policy: values.policy, param, seed, native: values.native });
  if (!started.ok) {
    io.err(`vdc consolidate: ${started.error.message}`);
    return 1;
  }
  // The experiment steps through its 24 h (one scheduling interval per step) with progress, then finishes.
  const progress = startProgress({ label: `consolidate ${values.policy}`, total: SIMULATED_SECONDS });
  for (;;) {
    const point = started.value.step();
    if (!point.ok || point.value === null) break;
    progress.update(point.value.timeSec);
  }
  const result = started.value.finish();
  progress.end();
  const wallSeconds = (performance.now() - t0) / 1000;
  if (!result.ok) {
    io.err(`vdc consolidate: ${result.error.message}`);
    return 1;
  }
  const text = values.json
    ? toJson(resultJson(result.value, wallSeconds))
    : summary(result.value, wallSeconds);
  return emitOutput(io, 'consolidate', values, text);
}

export const consolidateCommand: CliCommand = {
  name: 'consolidate',
  summary: 'run the standard PlanetLab dynamic VM consolidation experiment (CloudSim 3.0.3 semantics)',
  usage: USAGE,
  run,
};
