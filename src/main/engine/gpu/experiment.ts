/**
 * The GPU-sharing scheduling experiment of "Beware of Fragmentation" (Weng et al., USENIX ATC '23) as the
 * authors' simulator runs it (../shared/docs/gpu-sharing-model.md): the pod list sorted by name, shuffled
 * and inflated to 130 % of the cluster's GPU capacity with Go's math/rand stream, then submitted one pod
 * at a time (arrivals only) to a cluster of GPU nodes scheduled by one policy. After every pod the
 * allocated and fragmented GPU milli are recorded; the per-percent tables are those of the published
 * analysis scripts. Pure: no I/O, no clock; all randomness from the seeded Go generator.
 */
import { engineError, err, ok, type EngineError, type Result } from '../api';
import { percentTables } from './binning';
import { createGpuCluster } from './cluster';
import { GoRand } from './go-rand';
import {
  byName,
  GPU_MILLI,
  podSpec,
  typicalPods,
  type GpuNodeInput,
  type GpuPodInput,
  type PodSpec,
} from './model';
import { isGpuPolicy, POLICY_LABELS, type GpuPolicy } from './policies';

/** Default inflation target: 130 % of the cluster's GPU capacity. */
export const DEFAULT_TUNE = 1.3;
/** client-go reflector draws (one Float64 per informer) between the tune-up and the node ranks (§3 step 4). */
export const REFLECTOR_DRAWS = 10;

export interface GpuExperimentOptions {
  policy: GpuPolicy;
  /** The tune seed (Go's rand.Seed). */
  seed: number;
  /** Inflation target as a multiple of the GPU capacity (default 1.3). */
  tune?: number;
  /** Keep the per-event series in the result (for charts and diagnostics). */
  events?: boolean;
}

/** Per scheduling event (one per submitted pod, in order). */
export interface GpuExperimentEvents {
  /** Σ GPU request of the pods submitted so far, including failed ones and this one (milli). */
  arrivedMilli: number[];
  /** Σ over nodes of allocated GPU milli after the event. */
  allocatedMilli: number[];
  /** Σ over nodes of F(n) after the event (milli). */
  fragMilli: number[];
  /** Index (in name order) of the node the pod went to, or -1 when it failed. */
  node: number[];
}

export interface GpuExperimentResult {
  policy: GpuPolicy;
  /** The published table's name of the policy, e.g. 06-FGD. */
  label: string;
  seed: number;
  tune: number;
  nodes: number;
  gpus: number;
  /** Pods in the trace (the original workload). */
  podsInTrace: number;
  /** Pods submitted after the shuffle and the inflation. */
  podsSubmitted: number;
  placed: number;
  failed: number;
  /** Typical pods of FGD's distribution (computed for every policy: the fragmentation measure uses it). */
  typicalPods: number;
  arrivedGpuMilli: number;
  allocatedGpuMilli: number;
  /** GPU allocation in % of all GPUs at 0, 1, …, 130 % arrived (null where no event falls near the cell). */
  allocationPct: (number | null)[];
  /** Fragmented GPU (Σ F) in % of all GPUs on the same grid. */
  fragmentationPct: (number | null)[];
  events?: GpuExperimentEvents;
}

/** An experiment advanced pod by pod (progress for the CLI, slices for a job). */
export interface GpuExperimentRun {
  /** Pods to submit. */
  readonly total: number;
  /** Pods submitted so far. */
  readonly done: number;
  /** Submits up to `maxPods` more pods; answers how many have been submitted in all. */
  step(maxPods: number): number;
  /** Runs what is left and builds the result. */
  finish(): GpuExperimentResult;
}

const bad = (message: string, details?: Record<string, unknown>): Result<never> =>
  err(engineError('INVALID_ARGUMENT', message, details));

const isCount = (v: number): boolean => Number.isSafeInteger(v) && v >= 0;

/** Checks what the engine relies on (the CSV boundary checks the same and names file, row and column). */
export function validateGpuInputs(
  nodes: readonly GpuNodeInput[],
  pods: readonly GpuPodInput[],
): EngineError | null {
  if (nodes.length === 0) return engineError('INVALID_ARGUMENT', 'the node list is empty');
  if (pods.length === 0) return engineError('INVALID_ARGUMENT', 'the pod list is empty');
  let gpus = 0;
  for (const [i, n] of nodes.entries()) {
    const where = `node ${i + 1} (${n.name})`;
    if (!isCount(n.cpuMilli) || !isCount(n.memoryMiB))
      return engineError('INVALID_ARGUMENT', `${where}: CPU and memory must be non-negative integers`);
    if (!isCount(n.gpus) || n.gpus > 64)
      return engineError(
        'INVALID_ARGUMENT',
        `${where}: the GPU count must be an integer 0..64, got ${n.gpus}`,
      );
    gpus += n.gpus;
  }
  if (gpus === 0) return engineError('INVALID_ARGUMENT', 'the cluster has no GPUs');
  for (const [i, p] of pods.entries()) {
    const where = `pod ${i + 1} (${p.name})`;
    if (
      !isCount(p.cpuMilli) ||
      !isCount(p.memoryMiB) ||
      !isCount(p.numGpu) ||
      !Number.isSafeInteger(p.gpuMilli)
    )
      return engineError('INVALID_ARGUMENT', `${where}: requests must be non-negative integers`);
    if (p.numGpu > 64)
      return engineError('INVALID_ARGUMENT', `${where}: ${p.numGpu} GPUs is more than any node has`);
  }
  return null;
}

/** The pod sequence of one seed: W sorted by name, shuffled, inflated to `tune` × capacity (§4). */
export function podSequence(
  rng: GoRand,
  workload: readonly PodSpec[],
  capacityMilli: number,
  tune: number,
): number[] {
  const n = workload.length;
  const seq = Array.from({ length: n }, (_, i) => i);
  rng.shuffle(n, (i, j) => {
    const t = seq[i]!;
    seq[i] = seq[j]!;
    seq[j] = t;
  });
  const target = tune * capacityMilli;
  let tot = 0;
  for (const i of seq) tot += workload[i]!.m * workload[i]!.g;
  if (tot < target) {
    for (;;) {
      const i = rng.intn(n);
      const p = workload[i]!;
      // The simulator's stop test adds the per-GPU milli, not the pod's whole request (quirk 3).
      if (tot + p.m > target) break;
      tot += p.m * p.g;
      seq.push(i);
    }
  } else if (tot > target) {
    while (tot > target && seq.length > 0) {
      const at = rng.intn(seq.length);
      const p = workload[seq[at]!]!;
      tot -= p.m * p.g;
      seq.splice(at, 1);
    }
  }
  return seq;
}

/** Sets up one experiment (validation, pod sequence, ranks); nothing is scheduled yet. */
export function startGpuExperiment(
  nodeInputs: readonly GpuNodeInput[],
  podInputs: readonly GpuPodInput[],
  opts: GpuExperimentOptions,
): Result<GpuExperimentRun> {
  if (!isGpuPolicy(opts.policy)) return bad(`unknown policy "${String(opts.policy)}"`);
  if (!Number.isSafeInteger(opts.seed)) return bad(`the seed must be an integer, got ${opts.seed}`);
  const tune = opts.tune ?? DEFAULT_TUNE;
  if (!(tune > 0 && tune <= 10)) return bad(`the inflation target must be in (0, 10], got ${tune}`);
  const invalid = validateGpuInputs(nodeInputs, podInputs);
  if (invalid) return err(invalid);

  const nodesSorted = [...nodeInputs].sort(byName);
  const workload = podInputs.map(podSpec).sort(byName);
  const policy = opts.policy;
  const n = nodesSorted.length;

  const totalGpus = nodesSorted.reduce((t, x) => t + x.gpus, 0);
  // FGD's typical pods come from the original workload (never the inflated sequence).
  const typical = typicalPods(workload);

  // The Go random stream: one Int() in a debug log, the shuffle and tune-up, ten reflector draws, node ranks.
  const rng = new GoRand(opts.seed);
  rng.int();
  const seq = podSequence(rng, workload, GPU_MILLI * totalGpus, tune);
  for (let i = 0; i < REFLECTOR_DRAWS; i++) rng.float64();
  const rank = Int32Array.from(rng.perm(n));
  const cluster = createGpuCluster({ nodes: nodesSorted, workload, policy, rng, rank, typical });

  const total = seq.length;
  const arrived = new Float64Array(total);
  const allocated = new Float64Array(total);
  const fragSum = new Float64Array(total);
  const chosen = new Int32Array(total);
  let arrivedMilli = 0;
  let placed = 0;
  let done = 0;

  const submit = (pi: number): void => {
    const p = workload[pi]!;
    const target = cluster.schedule(pi);
    arrivedMilli += p.m * p.g;
    if (target >= 0) placed++;
    arrived[done] = arrivedMilli;
    allocated[done] = cluster.allocatedMilli;
    fragSum[done] = cluster.fragTotal();
    chosen[done] = target;
    done++;
  };

  const run: GpuExperimentRun = {
    total,
    get done() {
      return done;
    },
    step(maxPods) {
      const end = Math.min(total, done + Math.max(0, Math.floor(maxPods)));
      while (done < end) submit(seq[done]!);
      return done;
    },
    finish() {
      while (done < total) submit(seq[done]!);
      const tables = percentTables(arrived, allocated, fragSum, total, totalGpus);
      const result: GpuExperimentResult = {
        policy,
        label: POLICY_LABELS[policy],
        seed: opts.seed,
        tune,
        nodes: n,
        gpus: totalGpus,
        podsInTrace: workload.length,
        podsSubmitted: total,
        placed,
        failed: total - placed,
        typicalPods: typical.length,
        arrivedGpuMilli: arrivedMilli,
        allocatedGpuMilli: cluster.allocatedMilli,
        allocationPct: tables.allocationPct,
        fragmentationPct: tables.fragmentationPct,
      };
      if (opts.events)
        result.events = {
          arrivedMilli: Array.from(arrived),
          allocatedMilli: Array.from(allocated),
          fragMilli: Array.from(fragSum),
          node: Array.from(chosen),
        };
      return result;
    },
  };
  return ok(run);
}

/** Runs one experiment to the end. */
export function runGpuExperiment(
  nodes: readonly GpuNodeInput[],
  pods: readonly GpuPodInput[],
  opts: GpuExperimentOptions,
): Result<GpuExperimentResult> {
  const started = startGpuExperiment(nodes, pods, opts);
  return started.ok ? ok(started.value.finish()) : started;
}
