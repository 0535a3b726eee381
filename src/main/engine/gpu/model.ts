/**
 * The inputs of the GPU-sharing experiment (nodes and pods of the Alibaba 2023 "openb" trace) and what is
 * derived from them: per-pod GPU request, affinity tag, resource key, GPU-type constraint
 * (../shared/docs/gpu-sharing-model.md §2), and FGD's typical pods (§8).
 */

/** One GPU node as the trace lists it (`sn,cpu_milli,memory_mib,gpu,model`). */
export interface GpuNodeInput {
  name: string;
  cpuMilli: number;
  memoryMiB: number;
  /** Number of physical GPUs (each 1000 milli). */
  gpus: number;
  /** GPU type, e.g. T4, G2, P100, V100M16. */
  model: string;
}

/** One task (pod) as the trace lists it; qos, phase and timestamps are not part of the model. */
export interface GpuPodInput {
  name: string;
  cpuMilli: number;
  memoryMiB: number;
  numGpu: number;
  gpuMilli: number;
  /** `|`-separated GPU types the pod accepts; '' = any. */
  gpuSpec: string;
}

/** Each physical GPU's capacity in milli-GPU. */
export const GPU_MILLI = 1000;
/** kube's per-node pod limit in the simulator (never binding in the traces). */
export const MAX_PODS_PER_NODE = 1001;

/** A pod as the scheduler sees it. */
export interface PodSpec {
  name: string;
  cpu: number;
  mem: number;
  /** Per-GPU milli (0 for CPU-only pods). */
  m: number;
  /** GPU count (0 for CPU-only pods). */
  g: number;
  /** GPU-type constraint with empty parts removed ('' = any). */
  spec: string;
  /** The accepted GPU types (empty = any). */
  specModels: readonly string[];
}

/** The CSV → pod conversion of data/pod_csv_to_yaml.py. A pod whose milli is 0 has no GPU request at all. */
export function podSpec(p: GpuPodInput): PodSpec {
  const parts = p.gpuSpec.split('|').filter((s) => s !== '');
  let m = 0;
  let g = 0;
  if (p.numGpu > 0) {
    m = p.gpuMilli > GPU_MILLI ? GPU_MILLI : p.gpuMilli > 0 ? p.gpuMilli : 0;
    g = m > 0 ? p.numGpu : 0;
  }
  const specModels = g > 0 ? parts : [];
  return { name: p.name, cpu: p.cpuMilli, mem: p.memoryMiB, m, g, spec: specModels.join('|'), specModels };
}

/** acc(model, T): true when the pod accepts the GPU type. */
export const accepts = (specModels: readonly string[], model: string): boolean =>
  specModels.length === 0 || specModels.includes(model);

/** The pod's affinity tag for GpuClustering: share-gpu, or "<g>-gpu" for whole GPUs; '' for CPU-only pods. */
export const affinityTag = (p: PodSpec): string =>
  p.g === 0 ? '' : p.g === 1 && p.m < GPU_MILLI ? 'share-gpu' : `${p.g}-gpu`;

/** kube's non-zero CPU request (used in the resource key only). */
const nonZeroCpu = (cpu: number): number => (cpu === 0 ? 100 : cpu);

/** Byte order of two strings (Go's string comparison for ASCII/UTF-8 text). */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** One typical pod of FGD's distribution. */
export interface TypicalPod {
  cpu: number;
  m: number;
  g: number;
  spec: string;
  specModels: readonly string[];
  count: number;
  /** Popularity p_k. */
  p: number;
}

/**
 * FGD's typical pods: resource keys (cpu, m, g, T) counted over the original workload, sorted by count
 * descending then by the key descending; the shortest prefix covering 95 % of the pods, with popularity
 * (n_k/N)/(C/N).
 */
export function typicalPods(workload: readonly PodSpec[], threshold = 0.95): TypicalPod[] {
  const counts = new Map<string, TypicalPod>();
  for (const p of workload) {
    const cpu = nonZeroCpu(p.cpu);
    const id = `${cpu}/${p.m}/${p.g}/${p.spec}`;
    const k = counts.get(id);
    if (k) k.count++;
    else counts.set(id, { cpu, m: p.m, g: p.g, spec: p.spec, specModels: p.specModels, count: 1, p: 0 });
  }
  const keys = [...counts.values()].sort(
    (a, b) => b.count - a.count || b.cpu - a.cpu || b.m - a.m || b.g - a.g || compareBytes(b.spec, a.spec),
  );
  const n = workload.length;
  let c = 0;
  let taken = 0;
  while (taken < keys.length && c < threshold * n) {
    c += keys[taken]!.count;
    taken++;
  }
  const typical = keys.slice(0, taken);
  for (const k of typical) k.p = taken === keys.length ? k.count / n : k.count / n / (c / n);
  return typical;
}

/** Name order of the trace (Go sorts by name; byte order). */
export const byName = <T extends { name: string }>(a: T, b: T): number => compareBytes(a.name, b.name);
