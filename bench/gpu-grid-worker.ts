/**
 * Worker of bench/gpu-grid.ts: runs GPU experiments posted by the main thread and answers a summary of each
 * (the curves at 100/130 % and the counts) with its wall time. Bundled by esbuild before it runs.
 * (process.cpuUsage() is process-wide, also in a worker: the main thread measures the CPU of the whole grid.)
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import {
  runGpuExperiment,
  type GpuNodeInput,
  type GpuPodInput,
  type GpuPolicy,
} from '../src/main/engine/gpu';
import { readGpuNodesFile, readGpuPodsFile } from '../src/main/service/gpu/trace-files';

export interface GridJob {
  nodes: string;
  pods: string;
  trace: string;
  policy: GpuPolicy;
  seed: number;
}

const nodeCache = new Map<string, GpuNodeInput[]>();
const podCache = new Map<string, GpuPodInput[]>();

parentPort?.on('message', (job: GridJob | null) => {
  if (job === null) {
    parentPort?.close();
    return;
  }
  const t0 = performance.now();
  let nodes = nodeCache.get(job.nodes);
  if (!nodes) nodeCache.set(job.nodes, (nodes = readGpuNodesFile(job.nodes)));
  let pods = podCache.get(job.pods);
  if (!pods) {
    podCache.clear(); // one trace at a time per worker is enough
    podCache.set(job.pods, (pods = readGpuPodsFile(job.pods)));
  }
  const r = runGpuExperiment(nodes, pods, { policy: job.policy, seed: job.seed });
  if (!r.ok) throw new Error(r.error.message);
  parentPort?.postMessage({
    trace: job.trace,
    policy: job.policy,
    seed: job.seed,
    alloc100: r.value.allocationPct[100],
    alloc130: r.value.allocationPct[130],
    frag130: r.value.fragmentationPct[130],
    placed: r.value.placed,
    failed: r.value.failed,
    wallSeconds: (performance.now() - t0) / 1000,
  });
});
