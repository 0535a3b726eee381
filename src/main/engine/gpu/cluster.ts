/**
 * The cluster of the GPU-sharing experiment and its scheduler (../shared/docs/gpu-sharing-model.md §5–8):
 * per-node CPU, memory, pod count and idle milli per GPU; the filters (NodeResourcesFit and the
 * Open-Gpu-Share GPU filter); the policy's score with ties to the smallest node rank; the GPU selection on
 * the chosen node; and each node's FGD fragmentation. Struct-of-arrays state in node-name order.
 */
import { FragModel } from './fragmentation';
import type { GoRand } from './go-rand';
import {
  accepts,
  affinityTag,
  GPU_MILLI,
  MAX_PODS_PER_NODE,
  type GpuNodeInput,
  type PodSpec,
  type TypicalPod,
} from './model';
import {
  bestFitScore,
  clusteringScore,
  dotProdScore,
  fgdScore,
  packingScore,
  type GpuPolicy,
} from './policies';

export interface GpuClusterSetup {
  /** The nodes in name order (index i is node i). */
  nodes: readonly GpuNodeInput[];
  /** Every pod the cluster may be asked to schedule (by index). */
  workload: readonly PodSpec[];
  policy: GpuPolicy;
  /** The run's Go random stream (Random's picks and the per-cycle sampling draw). */
  rng: GoRand;
  /** rank[i]: node i's tie-break rank (smaller wins). */
  rank: ArrayLike<number>;
  /** FGD's typical pods (the fragmentation measure). */
  typical: readonly TypicalPod[];
}

export interface GpuCluster {
  readonly nodes: number;
  readonly gpus: number;
  /** Σ over nodes of allocated GPU milli. */
  readonly allocatedMilli: number;
  /** Schedules workload[pi] to completion: answers the node index, or -1 when no node fits (the pod fails). */
  schedule(pi: number): number;
  /** The devices the last scheduled pod got (ids within its node). */
  readonly lastGpus: readonly number[];
  /** Node indices that pass every filter for workload[pi] (no random draw). */
  feasible(pi: number): number[];
  /** The policy's score of node i for workload[pi] (Random: 0). */
  score(i: number, pi: number): number;
  cpuLeft(i: number): number;
  memLeft(i: number): number;
  /** Idle milli per GPU of node i, by device id. */
  gpuLeft(i: number): number[];
  /** F(n) of node i (milli). */
  frag(i: number): number;
  /** Σ over nodes of F(n), in node order (milli). */
  fragTotal(): number;
}

export function createGpuCluster(setup: GpuClusterSetup): GpuCluster {
  const { policy, rng, rank, workload } = setup;
  const nodesSorted = setup.nodes;
  const n = nodesSorted.length;
  const typical = setup.typical;

  // Cluster state, struct of arrays in name order.
  const modelNames = [...new Set(nodesSorted.map((x) => x.model))];
  const modelId = Int32Array.from(nodesSorted, (x) => modelNames.indexOf(x.model));
  const cpuLeft = Float64Array.from(nodesSorted, (x) => x.cpuMilli);
  const memLeft = Float64Array.from(nodesSorted, (x) => x.memoryMiB);
  const podCount = new Int32Array(n);
  const gCnt = Int32Array.from(nodesSorted, (x) => x.gpus);
  const gOff = new Int32Array(n);
  let totalGpus = 0;
  for (let i = 0; i < n; i++) {
    gOff[i] = totalGpus;
    totalGpus += gCnt[i]!;
  }
  const left = new Int32Array(totalGpus).fill(GPU_MILLI);
  const idle = Int32Array.from(gCnt, (g) => g * GPU_MILLI);
  const maxLeft = Int32Array.from(gCnt, (g) => (g > 0 ? GPU_MILLI : 0));
  const fullCnt = Int32Array.from(gCnt);
  const tags = Array.from({ length: n }, () => new Map<string, number>());
  const version = new Int32Array(n);

  // Each node's fragmentation against FGD's typical pods (kept for every policy: it is a reported metric).
  const frag = new FragModel(typical, modelNames);
  const nodeFrag = new Float64Array(n);
  const refreshFrag = (i: number): void => {
    nodeFrag[i] = frag.frag(cpuLeft[i]!, left, gOff[i]!, gCnt[i]!, modelId[i]!);
  };
  for (let i = 0; i < n; i++) refreshFrag(i);

  // Pod resource keys (cpu, m, g) for the per-node score cache; GPU-type acceptance per model.
  const specIds = new Map<string, number>();
  const specAcc: Uint8Array[] = [];
  const scoreKeys = new Map<string, number>();
  const podSpecId = new Int32Array(workload.length);
  const podKey = new Int32Array(workload.length);
  const podTag = workload.map(affinityTag);
  workload.forEach((p, i) => {
    let s = specIds.get(p.spec);
    if (s === undefined) {
      s = specAcc.length;
      specIds.set(p.spec, s);
      specAcc.push(Uint8Array.from(modelNames, (name) => (accepts(p.specModels, name) ? 1 : 0)));
    }
    podSpecId[i] = s;
    const k = `${p.cpu}/${p.m}/${p.g}`;
    let key = scoreKeys.get(k);
    if (key === undefined) scoreKeys.set(k, (key = scoreKeys.size));
    podKey[i] = key;
  });
  const keyCount = scoreKeys.size;

  // Per-node score cache (packing, clustering, FGD): a node's score for a pod depends only on the node's
  // state and the pod's (cpu, m, g), so it stays valid until something is placed on the node.
  const cached = policy === 'fgd' || policy === 'packing' || policy === 'clustering';
  const cacheVer = new Int32Array(cached ? n * keyCount : 0).fill(-1);
  const cacheScore = new Int32Array(cached ? n * keyCount : 0);
  const cacheGpu = new Int32Array(policy === 'fgd' ? n * keyCount : 0);
  const tmp = new Int32Array(Math.max(...gCnt, 1));
  const triedLeft: number[] = [];
  const triedScore: number[] = [];

  /** FGD score of node i for pod p; for share pods also stores the first GPU attaining it in cacheGpu[c]. */
  const fgdNode = (i: number, p: PodSpec, c: number): number => {
    const off = gOff[i]!;
    const cnt = gCnt[i]!;
    const before = nodeFrag[i]!;
    const cAfter = cpuLeft[i]! - p.cpu;
    for (let j = 0; j < cnt; j++) tmp[j] = left[off + j]!;
    if (p.g === 1 && p.m < GPU_MILLI) {
      // Share pod: one hypothetical per GPU that fits; GPUs with equal idle milli give equal scores.
      let best = -1;
      let bestGpu = -1;
      triedLeft.length = 0;
      triedScore.length = 0;
      for (let j = 0; j < cnt; j++) {
        const l = left[off + j]!;
        if (l < p.m) continue;
        const seen = triedLeft.indexOf(l);
        let s: number;
        if (seen >= 0) s = triedScore[seen]!;
        else {
          tmp[j] = l - p.m;
          s = fgdScore(before, frag.frag(cAfter, tmp, 0, cnt, modelId[i]!));
          tmp[j] = l;
          triedLeft.push(l);
          triedScore.push(s);
        }
        if (s > best) {
          best = s;
          bestGpu = j;
        }
      }
      cacheGpu[c] = bestGpu;
      return best;
    }
    if (p.m > 0) {
      // g GPUs with left ≥ m taken in ascending idle milli (stable by id).
      const order = Array.from({ length: cnt }, (_, j) => j).sort((a, b) => tmp[a]! - tmp[b]! || a - b);
      let taken = 0;
      for (const j of order) {
        if (taken >= p.g) break;
        if (tmp[j]! >= p.m) {
          tmp[j] = tmp[j]! - p.m;
          taken++;
        }
      }
    }
    cacheGpu[c] = -1;
    return fgdScore(before, frag.frag(cAfter, tmp, 0, cnt, modelId[i]!));
  };

  const cachedScore = (i: number, p: PodSpec, pi: number): number => {
    const c = i * keyCount + podKey[pi]!;
    if (cacheVer[c] === version[i]) return cacheScore[c]!;
    const s =
      policy === 'fgd'
        ? fgdNode(i, p, c)
        : p.m === 0
          ? 0
          : policy === 'packing'
            ? packingScore(left, gOff[i]!, gCnt[i]!, p.m, p.g)
            : clusteringScore(idle[i]!, tags[i]!, podTag[pi]!);
    cacheVer[c] = version[i]!;
    cacheScore[c] = s;
    return s;
  };

  const score = (i: number, p: PodSpec, pi: number): number => {
    switch (policy) {
      case 'bestfit':
        return bestFitScore(cpuLeft[i]!, idle[i]!, p.cpu, p.m * p.g);
      case 'dotprod':
        return dotProdScore(cpuLeft[i]!, idle[i]!, p.cpu, p.m * p.g);
      case 'random':
        return 0;
      default:
        return cachedScore(i, p, pi);
    }
  };

  /** Whether a pod with per-GPU milli m and g GPUs fits the idle GPUs of node i (the Open-Gpu-Share filter). */
  const gpuFits = (i: number, m: number, g: number): boolean => {
    if (g === 1) return maxLeft[i]! >= m;
    if (m === GPU_MILLI) return fullCnt[i]! >= g;
    // Greedy walk over device ids (a GPU may take several shares of a fractional multi-GPU pod).
    const off = gOff[i]!;
    const cnt = gCnt[i]!;
    let d = 0;
    let r = 0;
    let l = cnt > 0 ? left[off]! : 0;
    while (d < cnt && r < g) {
      if (l >= m) {
        l -= m;
        r++;
      } else if (++d < cnt) l = left[off + d]!;
    }
    return r === g;
  };

  /** The devices the pod gets on node i (Reserve), by the policy's GPU selector. */
  const chooseGpus = (i: number, p: PodSpec, pi: number): number[] => {
    if (p.m === 0) return [];
    const off = gOff[i]!;
    const cnt = gCnt[i]!;
    if (p.m === GPU_MILLI) {
      const got: number[] = [];
      for (let j = 0; j < cnt && got.length < p.g; j++) if (left[off + j] === GPU_MILLI) got.push(j);
      return got;
    }
    if (p.g === 1) {
      if (policy === 'random') {
        // Reservoir sampling over device ids: one Intn draw per fitting GPU.
        let c = 0;
        let pick = -1;
        for (let j = 0; j < cnt; j++) {
          if (left[off + j]! < p.m) continue;
          c++;
          if (rng.intn(c) === 0) pick = j;
        }
        return [pick];
      }
      if (policy === 'fgd') {
        cachedScore(i, p, pi);
        return [cacheGpu[i * keyCount + podKey[pi]!]!];
      }
      // best: the smallest idle milli that fits, lowest id on ties.
      let pick = -1;
      for (let j = 0; j < cnt; j++) {
        const l = left[off + j]!;
        if (l >= p.m && (pick < 0 || l < left[off + pick]!)) pick = j;
      }
      return [pick];
    }
    // Fractional multi-GPU pod (not in the published traces): the filter's greedy walk.
    const got: number[] = [];
    const rest = Array.from(left.subarray(off, off + cnt));
    let d = 0;
    while (d < cnt && got.length < p.g) {
      if (rest[d]! >= p.m) {
        rest[d] = rest[d]! - p.m;
        got.push(d);
      } else d++;
    }
    return got;
  };

  const place = (i: number, p: PodSpec, pi: number): number[] => {
    const gpus = chooseGpus(i, p, pi);
    cpuLeft[i] = cpuLeft[i]! - p.cpu;
    memLeft[i] = memLeft[i]! - p.mem;
    podCount[i] = podCount[i]! + 1;
    const off = gOff[i]!;
    const cnt = gCnt[i]!;
    for (const j of gpus) left[off + j] = left[off + j]! - p.m;
    if (gpus.length > 0) {
      let sum = 0;
      let mx = 0;
      let full = 0;
      for (let j = 0; j < cnt; j++) {
        const l = left[off + j]!;
        sum += l;
        if (l > mx) mx = l;
        if (l === GPU_MILLI) full++;
      }
      idle[i] = sum;
      maxLeft[i] = mx;
      fullCnt[i] = full;
      const tag = podTag[pi]!;
      tags[i]!.set(tag, (tags[i]!.get(tag) ?? 0) + 1);
    }
    version[i] = version[i]! + 1;
    refreshFrag(i);
    return gpus;
  };

  const feasibleNodes = new Int32Array(n);
  /** Fills feasibleNodes; answers how many. */
  const filter = (pi: number): number => {
    const p = workload[pi]!;
    const acc = specAcc[podSpecId[pi]!]!;
    let nf = 0;
    for (let i = 0; i < n; i++) {
      if (p.cpu > cpuLeft[i]! || p.mem > memLeft[i]! || podCount[i]! + 1 > MAX_PODS_PER_NODE) continue;
      if (p.m > 0 && (gCnt[i] === 0 || acc[modelId[i]!] === 0 || !gpuFits(i, p.m, p.g))) continue;
      feasibleNodes[nf++] = i;
    }
    return nf;
  };

  let allocatedMilli = 0;
  let lastGpus: number[] = [];

  const schedule = (pi: number): number => {
    const p = workload[pi]!;
    // kube-scheduler's plugin-metrics sampling draw, once per scheduling cycle.
    rng.intn(100);
    const nf = filter(pi);
    let target = -1;
    if (nf === 1) target = feasibleNodes[0]!;
    else if (nf > 1) {
      if (policy === 'random') target = feasibleNodes[rng.intn(nf)]!;
      else {
        let best = -Infinity;
        let bestRank = Infinity;
        for (let f = 0; f < nf; f++) {
          const i = feasibleNodes[f]!;
          const s = score(i, p, pi);
          if (s > best || (s === best && rank[i]! < bestRank)) {
            best = s;
            bestRank = rank[i]!;
            target = i;
          }
        }
      }
    }
    lastGpus = [];
    if (target >= 0) {
      lastGpus = place(target, p, pi);
      allocatedMilli += p.m * p.g;
    }
    return target;
  };

  return {
    nodes: n,
    gpus: totalGpus,
    get allocatedMilli() {
      return allocatedMilli;
    },
    get lastGpus() {
      return lastGpus;
    },
    schedule,
    feasible(pi) {
      return Array.from(feasibleNodes.subarray(0, filter(pi)));
    },
    score(i, pi) {
      return score(i, workload[pi]!, pi);
    },
    cpuLeft: (i) => cpuLeft[i]!,
    memLeft: (i) => memLeft[i]!,
    gpuLeft: (i) => Array.from(left.subarray(gOff[i]!, gOff[i]! + gCnt[i]!)),
    frag: (i) => nodeFrag[i]!,
    fragTotal() {
      let fa = 0;
      for (let i = 0; i < n; i++) fa += nodeFrag[i]!;
      return fa;
    },
  };
}
