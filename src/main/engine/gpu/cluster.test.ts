import { describe, expect, it } from 'vitest';
import { createGpuCluster } from './cluster';
import { FragModel } from './fragmentation';
import { GoRand } from './go-rand';
import { podSpec, typicalPods, type GpuNodeInput, type GpuPodInput, type TypicalPod } from './model';
import type { GpuPolicy } from './policies';

const node = (
  name: string,
  cpuMilli: number,
  memoryMiB: number,
  gpus: number,
  model: string,
): GpuNodeInput => ({
  name,
  cpuMilli,
  memoryMiB,
  gpus,
  model,
});
const pod = (
  name: string,
  cpuMilli: number,
  numGpu: number,
  gpuMilli: number,
  gpuSpec = '',
  memoryMiB = 100,
) => podSpec({ name, cpuMilli, memoryMiB, numGpu, gpuMilli, gpuSpec } satisfies GpuPodInput);

const typical: TypicalPod[] = [{ cpu: 1000, m: 500, g: 1, spec: '', specModels: [], count: 1, p: 1 }];

function cluster(nodes: GpuNodeInput[], pods: ReturnType<typeof pod>[], policy: GpuPolicy, rank?: number[]) {
  return createGpuCluster({
    nodes,
    workload: pods,
    policy,
    rng: new GoRand(1),
    rank: rank ?? nodes.map((_, i) => i),
    typical,
  });
}

describe('pods from the trace columns (pod_csv_to_yaml.py)', () => {
  it('clamps gpu_milli to 1000, drops GPU fields of CPU-only pods, splits gpu_spec', () => {
    expect(pod('a', 1000, 2, 1500)).toMatchObject({ m: 1000, g: 2 });
    expect(pod('b', 1000, 0, 500)).toMatchObject({ m: 0, g: 0, spec: '' });
    expect(pod('c', 1000, 1, 250, '|V100M16||V100M32|')).toMatchObject({
      m: 250,
      g: 1,
      spec: 'V100M16|V100M32',
      specModels: ['V100M16', 'V100M32'],
    });
    expect(pod('d', 1000, 1, -5)).toMatchObject({ m: 0, g: 0 });
  });
});

describe('filters', () => {
  const nodes = [
    node('a', 16_000, 1000, 2, 'T4'),
    node('b', 64_000, 8000, 8, 'V100M32'),
    node('c', 8000, 8000, 1, 'G2'),
  ];
  const pods = [
    pod('p0', 4000, 1, 500, 'G2'), // GPU type: only c
    pod('p1', 32_000, 1, 1000), // CPU: only b
    pod('p2', 1000, 4, 1000), // 4 idle GPUs: only b
    pod('p3', 1000, 0, 0, '', 2000), // memory: b and c
    pod('p4', 1000, 1, 800), // any node with a GPU ≥ 800 idle
    pod('p5', 1000, 8, 1000), // 8 idle GPUs
  ];
  it('keep the nodes with CPU, memory, an accepted GPU type and the GPUs the pod needs', () => {
    const c = cluster(nodes, pods, 'bestfit');
    expect(pods.map((_, i) => c.feasible(i))).toEqual([[2], [1], [1], [1, 2], [0, 1, 2], [1]]);
  });

  it('a multi-GPU pod needs that many fully idle GPUs; whole GPUs go to the lowest idle ids', () => {
    const c = cluster(nodes, pods, 'bestfit');
    expect(c.schedule(1)).toBe(1);
    expect(c.lastGpus).toEqual([0]);
    expect(c.gpuLeft(1)).toEqual([0, 1000, 1000, 1000, 1000, 1000, 1000, 1000]);
    expect(c.feasible(5)).toEqual([]); // 7 idle GPUs left
    expect(c.schedule(5)).toBe(-1);
    expect(c.schedule(2)).toBe(1);
    expect(c.lastGpus).toEqual([1, 2, 3, 4]);
    expect(c.cpuLeft(1)).toBe(64_000 - 32_000 - 1000);
    expect(c.allocatedMilli).toBe(5000);
  });

  it('a share pod needs one GPU with enough idle milli; the best-fit selector takes the smallest that fits', () => {
    const c = cluster(
      [node('a', 64_000, 8000, 3, 'T4')],
      [pod('s1', 1000, 1, 300), pod('s2', 1000, 1, 600), pod('s3', 1000, 1, 500)],
      'bestfit',
    );
    expect(c.schedule(0)).toBe(0);
    expect(c.lastGpus).toEqual([0]); // all idle: lowest id
    expect(c.schedule(1)).toBe(0);
    expect(c.lastGpus).toEqual([0]); // 700 idle on GPU 0 fits 600
    expect(c.gpuLeft(0)).toEqual([100, 1000, 1000]);
    expect(c.schedule(2)).toBe(0);
    expect(c.lastGpus).toEqual([1]); // 100 does not fit 500
  });
});

describe('selection', () => {
  const twins = [
    node('a', 32_000, 8000, 2, 'T4'),
    node('b', 32_000, 8000, 2, 'T4'),
    node('c', 32_000, 8000, 2, 'T4'),
  ];
  it('breaks score ties by the smallest rank, not by the node order', () => {
    const c = cluster(twins, [pod('x', 1000, 1, 1000)], 'bestfit', [2, 0, 1]);
    expect(c.schedule(0)).toBe(1);
  });

  it('takes the highest score: BestFit goes to the fuller node, DotProd to the least aligned one', () => {
    const pods = [pod('big', 24_000, 0, 0), pod('g', 1000, 1, 1000)];
    const best = cluster(twins, pods, 'bestfit', [0, 1, 2]);
    best.schedule(0); // CPU-only pod, all tied: rank 0 = node a
    expect(best.schedule(1)).toBe(0); // a has less CPU left: BestFit packs it
    const dot = cluster(twins, pods, 'dotprod', [0, 1, 2]);
    dot.schedule(0);
    expect(dot.schedule(1)).toBe(0); // a's free CPU is smaller: less aligned with the pod's request
  });

  it('a single feasible node is taken without scoring; no feasible node fails the pod', () => {
    const c = cluster(
      [node('a', 2000, 8000, 1, 'T4')],
      [pod('x', 1000, 1, 1000), pod('y', 1000, 1, 100)],
      'fgd',
    );
    expect(c.schedule(0)).toBe(0);
    expect(c.schedule(1)).toBe(-1);
    expect(c.lastGpus).toEqual([]);
  });

  it('Random picks among the feasible nodes with the Go stream (repeatable for a seed)', () => {
    const pods = Array.from({ length: 6 }, (_, i) => pod(`p${i}`, 1000, 1, 200));
    const picks = (seed: number): number[] => {
      const c = createGpuCluster({
        nodes: twins,
        workload: pods,
        policy: 'random',
        rng: new GoRand(seed),
        rank: [0, 1, 2],
        typical,
      });
      return pods.map((_, i) => c.schedule(i));
    };
    expect(picks(7)).toEqual(picks(7));
    expect(new Set([...picks(7), ...picks(8), ...picks(9)]).size).toBeGreaterThan(1);
  });

  it('FGD places a share pod where it leaves the least fragment, on the GPU that does so', () => {
    // Typical pod: 500 milli. A GPU with 500 idle is exactly usable; 1000 idle too. Placing 500 on the GPU
    // with 700 idle would leave 200 that no typical pod can use; placing it on the one with 500 leaves 0.
    const c = createGpuCluster({
      nodes: [node('a', 32_000, 8000, 2, 'T4')],
      workload: [pod('f1', 1000, 1, 300), pod('f2', 1000, 1, 500), pod('f3', 1000, 1, 500)],
      policy: 'fgd',
      rng: new GoRand(1),
      rank: [0],
      typical,
    });
    c.schedule(0); // GPU 0: 700 idle
    expect(c.frag(0)).toBe(0); // 700 and 1000 both fit a 500 typical pod
    c.schedule(1);
    // 500 on GPU 0 leaves 200 (a fragment), on GPU 1 leaves 500 (usable): FGD takes GPU 1.
    expect(c.lastGpus).toEqual([1]);
    expect(c.gpuLeft(0)).toEqual([700, 500]);
  });
});

describe("FGD's typical pods and fragmentation measure", () => {
  it('keeps the most frequent keys up to 95 % of the pods, ties by the key descending', () => {
    const w = [
      ...Array.from({ length: 10 }, (_, i) => pod(`a${i}`, 4000, 1, 500)),
      ...Array.from({ length: 5 }, (_, i) => pod(`b${i}`, 8000, 1, 1000)),
      ...Array.from({ length: 3 }, (_, i) => pod(`c${i}`, 2000, 0, 0)),
      pod('d', 1000, 2, 1000),
      pod('e', 3000, 1, 1000, 'T4'),
    ];
    const t = typicalPods(w);
    // cumulative 10, 15, 18, 19 ≥ 0.95 · 20: four keys; of the two singletons the larger CPU comes first.
    expect(t.map((k) => [k.cpu, k.m, k.g, k.spec, k.count])).toEqual([
      [4000, 500, 1, '', 10],
      [8000, 1000, 1, '', 5],
      [2000, 0, 0, '', 3],
      [3000, 1000, 1, 'T4', 1],
    ]);
    expect(t[0]!.p).toBe(10 / 20 / (19 / 20));
  });

  it('F(n) counts the idle milli each typical pod cannot use, weighted by popularity', () => {
    const ks: TypicalPod[] = [
      { cpu: 4000, m: 500, g: 1, spec: '', specModels: [], count: 5, p: 0.5 },
      { cpu: 8000, m: 1000, g: 2, spec: 'G2', specModels: ['G2'], count: 3, p: 0.3 },
      { cpu: 2000, m: 0, g: 0, spec: '', specModels: [], count: 2, p: 0.2 },
    ];
    const f = new FragModel(ks, ['T4', 'G2']);
    const d = new Float64Array(7);
    // T4 node, 6000 mCPU, GPUs idle 1000 and 300: k0 satisfied but 300 unusable (Q2 150, Q3 500);
    // k1 wrong type (NA 390); k2 CPU-only that fits (XL 260).
    expect(f.frag(6000, [1000, 300], 0, 2, 0, d)).toBe(150 + 390 + 260);
    expect(Array.from(d)).toEqual([0, 150, 500, 0, 260, 0, 390]);
    // Without CPU for k0 the whole 1300 is a fragment for it (Q4).
    expect(f.frag(3000, [1000, 300], 0, 2, 0, d)).toBe(650 + 390 + 260);
    // G2 node: k1 accepted but lacks a second idle GPU and CPU (Q1).
    expect(f.frag(6000, [1000, 300], 0, 2, 1, d)).toBe(150 + 390 + 260);
    expect(d[0]).toBe(390);
  });
});
