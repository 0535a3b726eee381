import { describe, expect, it } from 'vitest';
import { podSequence, runGpuExperiment, startGpuExperiment } from './experiment';
import { GoRand } from './go-rand';
import { podSpec, type GpuNodeInput, type GpuPodInput } from './model';

const pods = (n: number, numGpu: number, gpuMilli: number): GpuPodInput[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `p${String(i).padStart(2, '0')}`,
    cpuMilli: 1000,
    memoryMiB: 100,
    numGpu,
    gpuMilli,
    gpuSpec: '',
  }));
const nodes: GpuNodeInput[] = Array.from({ length: 4 }, (_, i) => ({
  name: `n${i}`,
  cpuMilli: 64_000,
  memoryMiB: 65_536,
  gpus: 2,
  model: 'T4',
}));

describe('the pod sequence (§4)', () => {
  it('shuffles the name-sorted list, then appends uniform copies until the next would pass the target', () => {
    const w = pods(10, 1, 500).map(podSpec); // 5000 milli
    const rng = new GoRand(42);
    const seq = podSequence(rng, w, 8000, 1.3); // target 10 400 milli
    expect([...seq.slice(0, 10)].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    expect(seq).toHaveLength(20); // 20 × 500 = 10 000; one more would make 10 500 > 10 400
    // one Uint32 per shuffle position (no rejection at n ≤ 10) + 10 accepted draws + the stopping draw
    expect(rng.draws).toBe(9 + 10 + 1);
  });

  it('compares the per-GPU milli with the target, so a multi-GPU copy can overshoot it', () => {
    const w = pods(4, 4, 1000).map(podSpec); // 16 000 milli, each copy 4000
    const seq = podSequence(new GoRand(1), w, 16_000, 1.1); // target 17 600
    // 16 000 + 1000 ≤ 17 600: a copy is accepted and brings 4000 → 20 000, 2400 past the target; the next stops.
    expect(seq).toHaveLength(5);
    expect(seq.reduce((t, i) => t + w[i]!.m * w[i]!.g, 0)).toBe(20_000);
  });

  it('removes random pods while the list alone exceeds the target', () => {
    const w = pods(10, 1, 1000).map(podSpec); // 10 000 milli
    const seq = podSequence(new GoRand(3), w, 5000, 1.3); // target 6500
    expect(seq).toHaveLength(6);
    expect(new Set(seq).size).toBe(6);
  });
});

describe('runs', () => {
  it('refuses bad inputs with a message naming the entry', () => {
    const bad = (n: GpuNodeInput[], p: GpuPodInput[]) => {
      const r = runGpuExperiment(n, p, { policy: 'fgd', seed: 1 });
      return r.ok ? '' : r.error.message;
    };
    expect(bad([], pods(1, 1, 500))).toBe('the node list is empty');
    expect(bad(nodes, [])).toBe('the pod list is empty');
    expect(bad([{ ...nodes[0]!, gpus: 0 }], pods(1, 1, 500))).toBe('the cluster has no GPUs');
    expect(bad(nodes, [{ ...pods(1, 1, 500)[0]!, cpuMilli: -1 }])).toBe(
      'pod 1 (p00): requests must be non-negative integers',
    );
    const policy = runGpuExperiment(nodes, pods(1, 1, 1), { policy: 'best' as never, seed: 1 });
    expect(policy.ok ? '' : policy.error.message).toBe('unknown policy "best"');
  });

  it('stepping gives the same result as one run; one event per submitted pod', () => {
    const p = [...pods(12, 1, 300), ...pods(6, 2, 1000).map((x) => ({ ...x, name: `m${x.name}` }))];
    const whole = runGpuExperiment(nodes, p, { policy: 'fgd', seed: 5, events: true });
    const started = startGpuExperiment(nodes, p, { policy: 'fgd', seed: 5, events: true });
    if (!whole.ok || !started.ok) throw new Error('not started');
    const run = started.value;
    while (run.done < run.total) run.step(3);
    const stepped = run.finish();
    expect(stepped).toEqual(whole.value);
    const ev = whole.value.events!;
    expect(ev.node).toHaveLength(whole.value.podsSubmitted);
    expect(ev.node.filter((x) => x >= 0)).toHaveLength(whole.value.placed);
    expect(ev.allocatedMilli.at(-1)).toBe(whole.value.allocatedGpuMilli);
    expect(whole.value.allocatedGpuMilli).toBeLessThanOrEqual(8000);
    expect(ev.arrivedMilli.at(-1)).toBe(whole.value.arrivedGpuMilli);
  });
});
