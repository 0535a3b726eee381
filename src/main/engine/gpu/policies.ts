/**
 * The node scores of the six published policies (../shared/docs/gpu-sharing-model.md §7), as the
 * simulator computes them (float64 in the order written, truncation toward zero). Higher is better; the
 * scheduler takes the highest score and breaks ties by the smallest node rank.
 */

/** The policies, in the published order, with the names of the published tables. */
export const GPU_POLICIES = ['random', 'dotprod', 'clustering', 'packing', 'bestfit', 'fgd'] as const;
export type GpuPolicy = (typeof GPU_POLICIES)[number];
export const POLICY_LABELS: Record<GpuPolicy, string> = {
  random: '01-Random',
  dotprod: '02-DotProd',
  clustering: '03-GpuClustering',
  packing: '04-GpuPacking',
  bestfit: '05-BestFit',
  fgd: '06-FGD',
};

export const isGpuPolicy = (s: string): s is GpuPolicy => (GPU_POLICIES as readonly string[]).includes(s);

/** Fixed normalisation maxima of BestFit, DotProd and GpuClustering (regardless of the node's size). */
export const MAX_CPU_MILLI = 128_000;
export const MAX_GPU_MILLI = 8_000;

/** 05-BestFit: 100 × (1 − mean of the normalised leftovers). */
export function bestFitScore(cpuLeft: number, idleMilli: number, cpu: number, request: number): number {
  const s = ((cpuLeft - cpu) / MAX_CPU_MILLI) * 0.5 + ((idleMilli - request) / MAX_GPU_MILLI) * 0.5;
  return Math.trunc((1 - s) * 100);
}

/** 02-DotProd (Tetris, merged GPU dimension, max-normalised): prefers the least aligned free vector. */
export function dotProdScore(cpuLeft: number, idleMilli: number, cpu: number, request: number): number {
  if (cpuLeft < cpu) return 0;
  let d =
    (cpuLeft / MAX_CPU_MILLI) * (cpu / MAX_CPU_MILLI) +
    (idleMilli / MAX_GPU_MILLI) * (request / MAX_GPU_MILLI);
  d = d / 2;
  return Math.trunc(100 * (1 - d));
}

/**
 * 04-GpuPacking for a GPU pod (CPU-only pods score 0 everywhere): prefer partly used GPUs, then nodes
 * with fewer idle GPUs. `left` holds the node's idle milli per GPU at [off, off + count).
 */
export function packingScore(
  left: ArrayLike<number>,
  off: number,
  count: number,
  m: number,
  g: number,
): number {
  let full = 0;
  for (let j = 0; j < count; j++) if (left[off + j] === 1000) full++;
  if (full === count) return Math.max(33 - full, full);
  // GPUs in ascending idle milli, stable by id; take each that fits until g are taken.
  const order = Array.from({ length: count }, (_, j) => j).sort(
    (a, b) => left[off + a]! - left[off + b]! || a - b,
  );
  let picked = 0;
  let pickedFull = 0;
  let pct = 0;
  for (const j of order) {
    if (picked >= g) break;
    const l = left[off + j]!;
    if (l < m) continue;
    picked++;
    if (l === 1000) pickedFull++;
    pct += Math.trunc((l * 100) / 1000);
  }
  if (pickedFull > 0) return Math.max(50 - pickedFull, 33);
  return Math.max(100 - Math.trunc(pct / 10), 50);
}

/**
 * 03-GpuClustering for a GPU pod (CPU-only pods score 0): prefer nodes already running pods of the same
 * affinity tag, then fuller nodes. `tags` counts the node's GPU pods per tag.
 */
export function clusteringScore(idleMilli: number, tags: ReadonlyMap<string, number>, tag: string): number {
  const b = Math.trunc((25 * (MAX_GPU_MILLI - idleMilli)) / MAX_GPU_MILLI);
  if (tags.has(tag)) return tags.size === 1 ? b + 75 : b + 50;
  return tags.size === 0 ? b + 25 : b;
}

/** 06-FGD: trunc(100·σ(ΔF/1000)) with ΔF = F(n) − F(n') the fragmentation the placement removes. */
export function fgdScore(fragBefore: number, fragAfter: number): number {
  const x = (fragBefore - fragAfter) / 1000;
  return Math.trunc(100 * (1 / (1 + Math.exp(-x))));
}
