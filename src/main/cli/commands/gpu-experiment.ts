/**
 * `vdc gpu-experiment`: the GPU-sharing scheduling experiment of "Beware of Fragmentation" (Weng et al.,
 * USENIX ATC '23) on a node list and a pod list of the Alibaba 2023 GPU trace, with the authors'
 * simulator's semantics (docs/gpu-sharing.md). Reads and validates both CSV files, runs the pure engine
 * function pod by pod with progress, and writes the published per-percent curves as JSON or a summary.
 */
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  GPU_POLICIES,
  isGpuPolicy,
  startGpuExperiment,
  type GpuExperimentResult,
  type GpuNodeInput,
  type GpuPodInput,
} from '../../engine/gpu';
import { GpuTraceError, readGpuNodesFile, readGpuPodsFile } from '../../service/gpu/trace-files';
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

const SUMMARY =
  'run the published GPU-sharing scheduling experiment (Alibaba 2023 trace, FGD paper semantics)';

const USAGE = [
  'Usage: vdc gpu-experiment --nodes NODES.csv --pods PODS.csv --policy P [--seed N] [--json] [--out FILE [--force]]',
  '',
  'Submits the pods one at a time (name order, shuffled and inflated to 130 % of the GPU capacity with',
  "Go's math/rand stream of the seed) to the GPU nodes, placed by one policy, as the simulator of",
  '"Beware of Fragmentation" (USENIX ATC \'23) does, and reports GPU allocation and fragmentation at each',
  '1 % of arrived GPU workload (0..130 %), plus how many pods were placed and how many failed.',
  '',
  '  --nodes FILE    node list CSV: sn,cpu_milli,memory_mib,gpu,model (e.g. openb_node_list_gpu_node.csv)',
  '  --pods FILE     pod list CSV: name,cpu_milli,memory_mib,num_gpu,gpu_milli[,gpu_spec] (other columns ignored)',
  `  --policy P      one of: ${GPU_POLICIES.join(', ')}`,
  '  --seed N        the tune seed (default 42; the published runs use 42..51)',
  '  --json          print the result as JSON instead of text: workload, policy, label, seed, tune, nodes,',
  '                  gpus, podsInTrace, podsSubmitted, placed, failed, typicalPods, arrivedGpuMilli,',
  '                  allocatedGpuMilli, allocationPct and fragmentationPct (131 numbers each, % of all',
  '                  GPUs at 0, 1, …, 130 % arrived; null where no event falls near a cell), wallSeconds',
  outputHelp('out', 18),
  outputHelp('force', 18),
  '',
  'Exit codes: 0 done, 1 unreadable or malformed CSV (the message names file, row and column) / output',
  'not writable, 2 bad arguments.',
].join('\n');

/** Pods submitted between two progress updates. */
const SLICE = 250;

/** The JSON written by --json: exactly these fields, in this order. */
export function resultJson(
  workload: string,
  r: GpuExperimentResult,
  wallSeconds: number,
): Record<string, unknown> {
  return {
    workload,
    policy: r.policy,
    label: r.label,
    seed: r.seed,
    tune: r.tune,
    nodes: r.nodes,
    gpus: r.gpus,
    podsInTrace: r.podsInTrace,
    podsSubmitted: r.podsSubmitted,
    placed: r.placed,
    failed: r.failed,
    typicalPods: r.typicalPods,
    arrivedGpuMilli: r.arrivedGpuMilli,
    allocatedGpuMilli: r.allocatedGpuMilli,
    allocationPct: r.allocationPct,
    fragmentationPct: r.fragmentationPct,
    wallSeconds,
  };
}

const cellText = (v: number | null | undefined): string =>
  v === null || v === undefined ? '–' : `${v.toFixed(2)} %`;

function summary(workload: string, r: GpuExperimentResult, wallSeconds: number): string {
  const at = [50, 80, 90, 100, 110, 120, 130];
  return [
    `${r.label} on ${workload}, seed ${r.seed}: ${r.nodes} nodes, ${r.gpus} GPUs`,
    `  pods              ${r.podsSubmitted} submitted (${r.podsInTrace} in the trace, inflated to ${(r.tune * 100).toFixed(0)} %)`,
    `  placed / failed   ${r.placed} / ${r.failed}`,
    `  arrived           ${cellText(r.arrivedGpuMilli / r.gpus / 10)} of the GPU capacity`,
    `  % arrived         ${at.map((k) => String(k).padStart(8)).join('')}`,
    `  GPU allocation    ${at.map((k) => cellText(r.allocationPct[k]).replace(' %', '').padStart(8)).join('')}`,
    `  fragmentation     ${at.map((k) => cellText(r.fragmentationPct[k]).replace(' %', '').padStart(8)).join('')}`,
    `  ran in ${wallSeconds.toFixed(2)} s`,
  ].join('\n');
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      nodes: { type: 'string' },
      pods: { type: 'string' },
      policy: { type: 'string' },
      seed: { type: 'string' },
      ...JSON_OPTION,
      ...OUT_OPTION,
    },
  });
  noPositionals(positionals);
  if (values.nodes === undefined) throw new UsageError('--nodes FILE is required');
  if (values.pods === undefined) throw new UsageError('--pods FILE is required');
  if (values.policy === undefined || !isGpuPolicy(values.policy))
    throw new UsageError(
      `${values.policy === undefined ? '--policy is required' : `unknown policy "${values.policy}"`}; valid policies: ${GPU_POLICIES.join(', ')}`,
    );
  const policy = values.policy;
  let seed = 42;
  if (values.seed !== undefined) {
    const v = Number(values.seed);
    if (values.seed.trim() === '' || !Number.isSafeInteger(v))
      throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
    seed = v;
  }

  refuseExistingOutput(io, values);
  const t0 = performance.now();
  const progress = startProgress({ label: `gpu-experiment ${policy}`, total: 0 });
  let nodes: GpuNodeInput[];
  let pods: GpuPodInput[];
  const podsPath = resolve(io.cwd, values.pods);
  try {
    progress.stage('reading the node list');
    nodes = readGpuNodesFile(resolve(io.cwd, values.nodes));
    progress.stage('reading the pod list');
    pods = readGpuPodsFile(podsPath);
  } catch (e) {
    progress.end();
    if (e instanceof GpuTraceError) {
      io.err(`vdc gpu-experiment: ${e.message}`);
      return 1;
    }
    throw e;
  }
  progress.end();
  const started = startGpuExperiment(nodes, pods, { policy, seed });
  if (!started.ok) {
    io.err(`vdc gpu-experiment: ${started.error.message}`);
    return 1;
  }
  const exp = started.value;
  const bar = startProgress({ label: `gpu-experiment ${policy}`, total: exp.total });
  while (exp.done < exp.total) bar.update(exp.step(SLICE));
  const result = exp.finish();
  bar.end();
  const wallSeconds = (performance.now() - t0) / 1000;
  const workload = basename(podsPath).replace(/\.csv$/i, '');
  const text = values.json
    ? toJson(resultJson(workload, result, wallSeconds))
    : summary(workload, result, wallSeconds);
  return emitOutput(io, 'gpu-experiment', values, text);
}

export const gpuExperimentCommand: CliCommand = {
  name: 'gpu-experiment',
  summary: SUMMARY,
  usage: USAGE,
  run,
};
