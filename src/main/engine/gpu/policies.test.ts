import { describe, expect, it } from 'vitest';
import { bestFitScore, clusteringScore, dotProdScore, fgdScore, packingScore } from './policies';

describe('policy scores, computed by hand from the simulator formulas', () => {
  it('BestFit: 100 × (1 − ½ CPU leftover/128 000 − ½ GPU leftover/8000), truncated', () => {
    // s = 56 000/128 000 · ½ + 1000/8000 · ½ = 0.21875 + 0.0625 → 71.875 → 71
    expect(bestFitScore(64_000, 2000, 8000, 1000)).toBe(71);
    // A node left exactly empty scores 100; a fresh 128-core 8-GPU node with a CPU-only pod scores low.
    expect(bestFitScore(8000, 1000, 8000, 1000)).toBe(100);
    expect(bestFitScore(128_000, 8000, 0, 0)).toBe(0);
  });

  it('DotProd: 100 × (1 − ½ (c/128k · cpu/128k + L/8k · R/8k)), truncated; 0 when the CPU does not fit', () => {
    // d = (0.5 · 0.0625 + 0.25 · 0.125) / 2 = 0.03125 → 96.875 → 96
    expect(dotProdScore(64_000, 2000, 8000, 1000)).toBe(96);
    expect(dotProdScore(4000, 2000, 8000, 1000)).toBe(0);
    // The least aligned free vector wins: a node with no idle GPU scores higher for a GPU pod.
    expect(dotProdScore(64_000, 0, 8000, 1000)).toBeGreaterThan(dotProdScore(64_000, 8000, 8000, 1000));
  });

  it('GpuPacking: idle node max(33−f, f); a fully idle GPU picked max(50−u, 33); else by used share', () => {
    expect(packingScore([1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000], 0, 8, 500, 1)).toBe(25);
    expect(packingScore([1000, 1000], 0, 2, 500, 1)).toBe(31);
    expect(packingScore([1000], 0, 1, 500, 1)).toBe(32);
    // ascending idle: 300 (no fit), 700 (picked, partly used) → 100 − ⌊70/10⌋ = 93
    expect(packingScore([1000, 300, 700], 0, 3, 500, 1)).toBe(93);
    // only an idle GPU fits → u = 1 → 49
    expect(packingScore([1000, 300, 0], 0, 3, 500, 1)).toBe(49);
    // two idle GPUs for a 2-GPU pod on a half-used node → max(50 − 2, 33) = 48
    expect(packingScore([0, 1000, 1000, 0], 0, 4, 1000, 2)).toBe(48);
    // the offset selects the node's GPUs inside the cluster-wide array
    expect(packingScore([7, 7, 1000, 300, 700], 2, 3, 500, 1)).toBe(93);
    // a GPU with 990 idle: ⌊99⌋ → 100 − 9 = 91; floor at 50
    expect(packingScore([990, 1000], 0, 2, 500, 1)).toBe(91);
  });

  it('GpuClustering: ⌊25 (8000 − L)/8000⌋ plus 75 / 50 / 25 / 0 by the tags already on the node', () => {
    expect(clusteringScore(8000, new Map(), 'share-gpu')).toBe(25);
    expect(clusteringScore(4000, new Map([['share-gpu', 2]]), 'share-gpu')).toBe(12 + 75);
    expect(
      clusteringScore(
        4000,
        new Map([
          ['share-gpu', 1],
          ['1-gpu', 1],
        ]),
        'share-gpu',
      ),
    ).toBe(12 + 50);
    expect(clusteringScore(4000, new Map([['1-gpu', 1]]), 'share-gpu')).toBe(12);
    // 2-GPU nodes always look ≥ 75 % "full" (fixed 8000 maximum)
    expect(clusteringScore(2000, new Map(), '1-gpu')).toBe(18 + 25);
  });

  it('FGD: trunc(100 σ(ΔF/1000)); every Δ in [0, ≈40) scores 50', () => {
    expect(fgdScore(500, 500)).toBe(50);
    expect(fgdScore(539, 500)).toBe(50);
    expect(fgdScore(541, 500)).toBe(51);
    expect(fgdScore(500, 501)).toBe(49);
    expect(fgdScore(5000, 0)).toBe(99);
    expect(fgdScore(0, 8000)).toBe(0);
  });
});
