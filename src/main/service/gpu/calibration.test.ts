/**
 * The calibration of the GPU-sharing model: the published allocation curves of the default trace at seed 42
 * (../shared/data/alibaba-gpu-2023/calibration-default-seed42.csv, one row per policy) reproduced by the
 * engine from the real trace files read by the real CSV reader. The deterministic policies must match every
 * one of the 131 cells exactly (two decimals); Random cannot be reproduced bit for bit (the simulator's
 * feasible-node order comes from a parallel filter), so it is compared within 0.5 points.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  GPU_POLICIES,
  POLICY_LABELS,
  runGpuExperiment,
  type GpuExperimentResult,
  type GpuNodeInput,
  type GpuPodInput,
  type GpuPolicy,
} from '../../engine/gpu';
import { RNG_COOKED_HEX } from '../../engine/gpu/go-rand-cooked';
import { readGpuNodesFile, readGpuPodsFile } from './trace-files';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const DATA = resolve(repoRoot, '..', 'shared', 'data', 'alibaba-gpu-2023');
const CALIBRATION = join(DATA, 'calibration-default-seed42.csv');
const has = existsSync(CALIBRATION) && existsSync(join(DATA, 'openb_pod_list_default.csv'));
if (!has)
  console.warn(
    `SKIPPED: [gpu calibration] ${DATA} not found: the published-curve calibration tests do not run`,
  );

interface CalibrationRow {
  workload: string;
  policy: GpuPolicy;
  seed: number;
  cells: number[];
}

function readCalibration(): CalibrationRow[] {
  const [header, ...rows] = readFileSync(CALIBRATION, 'utf8').trim().split(/\r?\n/);
  expect(header!.split(',').slice(0, 6)).toEqual([
    'workload',
    'sc_policy',
    'tune',
    'seed',
    'total_gpus',
    '0',
  ]);
  const byLabel = new Map(GPU_POLICIES.map((p) => [POLICY_LABELS[p], p] as const));
  return rows.map((line) => {
    const f = line.split(',');
    const policy = byLabel.get(f[1]!);
    if (!policy) throw new Error(`calibration: unknown policy ${f[1]}`);
    expect(f[2]).toBe('1.3');
    return { workload: f[0]!, policy, seed: Number(f[3]), cells: f.slice(5).map(Number) };
  });
}

/** The cells where the curves differ, as {cell, published, ours} (empty when they agree to the cent). */
function divergence(
  published: number[],
  ours: (number | null)[],
): { cell: number; published: number; ours: number | null }[] {
  const out: { cell: number; published: number; ours: number | null }[] = [];
  published.forEach((w, k) => {
    const g = ours[k] ?? null;
    if (g === null || Math.round(g * 100) !== Math.round(w * 100))
      out.push({ cell: k, published: w, ours: g });
  });
  return out;
}

describe.skipIf(!has)(
  'GPU-sharing experiment: the published curves of the default trace, seed 42 (needs ../shared/data/alibaba-gpu-2023)',
  () => {
    let nodes: GpuNodeInput[] = [];
    let pods: GpuPodInput[] = [];
    let rows: CalibrationRow[] = [];
    const results = new Map<GpuPolicy, GpuExperimentResult>();
    const run = (policy: GpuPolicy, seed = 42): GpuExperimentResult => {
      const r = runGpuExperiment(nodes, pods, { policy, seed });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    beforeAll(() => {
      nodes = readGpuNodesFile(join(DATA, 'openb_node_list_gpu_node.csv'));
      pods = readGpuPodsFile(join(DATA, 'openb_pod_list_default.csv'));
      rows = readCalibration();
    });

    it("the embedded rngCooked table equals the shared copy of Go's table", () => {
      const lines = readFileSync(join(DATA, 'go-math-rand-rngcooked.txt'), 'utf8').trim().split(/\r?\n/);
      expect(lines).toHaveLength(607);
      const embedded = Array.from({ length: 607 }, (_, i) =>
        BigInt.asIntN(64, BigInt(`0x${RNG_COOKED_HEX.slice(i * 16, i * 16 + 16)}`)).toString(),
      );
      expect(embedded).toEqual(lines.map((l) => l.trim()));
    });

    it('holds the six policies of the default trace at seed 42', () => {
      expect(rows.map((r) => [r.workload, r.policy, r.seed, r.cells.length])).toEqual(
        GPU_POLICIES.map((p) => ['openb_pod_list_default', p, 42, 131]),
      );
      expect(nodes).toHaveLength(1213);
      expect(pods).toHaveLength(8152);
    });

    it('inflates the shuffled trace to 10,866 pods and 129.99 % of 6,212 GPUs at seed 42', () => {
      const r = run('bestfit');
      results.set('bestfit', r);
      expect(r.gpus).toBe(6212);
      expect(r.podsInTrace).toBe(8152);
      expect(r.podsSubmitted).toBe(10_866);
      expect(Math.round((r.arrivedGpuMilli / 6212 / 10) * 100) / 100).toBe(129.99);
      expect(r.placed + r.failed).toBe(r.podsSubmitted);
      // default: 91 keys, 35 typical keys cover 95.26 % of the pods (spec §8).
      expect(r.typicalPods).toBe(35);
    });

    for (const policy of ['dotprod', 'clustering', 'packing', 'bestfit', 'fgd'] as const) {
      it(`${POLICY_LABELS[policy]} reproduces all 131 published cells exactly`, () => {
        const row = rows.find((r) => r.policy === policy)!;
        const r = results.get(policy) ?? run(policy);
        results.set(policy, r);
        expect(r.allocationPct).toHaveLength(131);
        expect(r.fragmentationPct).toHaveLength(131);
        expect(divergence(row.cells, r.allocationPct)).toEqual([]);
      });
    }

    it("FGD allocates more GPU than every other policy at 130 % arrived (the paper's headline)", () => {
      const fgd = results.get('fgd') ?? run('fgd');
      for (const p of ['dotprod', 'clustering', 'packing', 'bestfit'] as const) {
        const other = results.get(p) ?? run(p);
        expect(fgd.allocationPct[130]!).toBeGreaterThan(other.allocationPct[130]!);
        expect(fgd.fragmentationPct[130]!).toBeLessThan(other.fragmentationPct[130]!);
      }
    });

    it('Random at seed 42 stays within 0.5 points of the published Random curve at every cell', () => {
      const row = rows.find((r) => r.policy === 'random')!;
      const r = run('random');
      const worst = Math.max(...row.cells.map((w, k) => Math.abs((r.allocationPct[k] ?? Infinity) - w)));
      expect(worst).toBeLessThanOrEqual(0.5);
    });

    it('Random: the mean of seeds 42–51 stays within 0.5 points of the published curve (the only published Random seed is 42)', () => {
      // The issue's criterion is the published 10-seed mean; ../shared holds only seed 42's Random row, so
      // the 10-seed mean is compared with that row, which includes seed 42's own deviation from the mean.
      const row = rows.find((r) => r.policy === 'random')!;
      const sum = new Array<number>(131).fill(0);
      for (let seed = 42; seed <= 51; seed++)
        run('random', seed).allocationPct.forEach((v, k) => (sum[k]! += v!));
      const worst = Math.max(...row.cells.map((w, k) => Math.abs(sum[k]! / 10 - w)));
      expect(worst).toBeLessThanOrEqual(0.5);
    });
  },
);
