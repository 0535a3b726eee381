import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command';
import { runCli } from '../run';
import { gpuExperimentCommand } from './gpu-experiment';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const DATA = resolve(repoRoot, '..', 'shared', 'data', 'alibaba-gpu-2023');
const hasTrace = existsSync(join(DATA, 'openb_pod_list_default.csv'));
if (!hasTrace)
  console.warn(`SKIPPED: [gpu-experiment] ${DATA} not found: the run on the published trace does not run`);

const vdc = async (argv: string[], cwd: string) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, cwd };
  const code = await runCli(['gpu-experiment', ...argv], io, [gpuExperimentCommand]);
  return { code, out: out.join('\n'), err: err.join('\n') };
};

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-gpu-'));
  const nodes = ['sn,cpu_milli,memory_mib,gpu,model'];
  for (let i = 0; i < 6; i++)
    nodes.push(`node-${i},32000,131072,${i % 2 ? 8 : 2},${i < 3 ? 'T4' : 'V100M16'}`);
  writeFileSync(join(dir, 'nodes.csv'), nodes.join('\n') + '\n');
  const pods = ['name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec'];
  for (let i = 0; i < 40; i++) {
    const kind = i % 4;
    const [g, m] = kind === 0 ? [1, 250 + i * 10] : kind === 1 ? [1, 1000] : kind === 2 ? [2, 1000] : [0, 0];
    pods.push(
      `pod-${String(i).padStart(3, '0')},${2000 + (i % 5) * 1000},4096,${g},${m},${i % 7 === 0 ? 'T4' : ''}`,
    );
  }
  writeFileSync(join(dir, 'pods.csv'), pods.join('\n') + '\n');
  writeFileSync(join(dir, 'bad.csv'), 'name,cpu_milli,memory_mib,num_gpu,gpu_milli\npod-a,1000,1,1,lots\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vdc gpu-experiment on a small cluster', () => {
  it('writes the published rows and counts as JSON, and prints a summary without --json', async () => {
    const args = ['--nodes', 'nodes.csv', '--pods', 'pods.csv', '--policy', 'fgd', '--seed', '7'];
    const r = await vdc([...args, '--json', '--out', 'out.json'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`wrote the result to ${join(dir, 'out.json')}`);
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'workload',
      'policy',
      'label',
      'seed',
      'tune',
      'nodes',
      'gpus',
      'podsInTrace',
      'podsSubmitted',
      'placed',
      'failed',
      'typicalPods',
      'arrivedGpuMilli',
      'allocatedGpuMilli',
      'allocationPct',
      'fragmentationPct',
      'wallSeconds',
    ]);
    expect(json).toMatchObject({
      workload: 'pods',
      policy: 'fgd',
      label: '06-FGD',
      seed: 7,
      tune: 1.3,
      nodes: 6,
      gpus: 30,
    });
    expect(json.placed as number).toBeGreaterThan(0);
    expect((json.placed as number) + (json.failed as number)).toBe(json.podsSubmitted);
    // inflated to 130 % of 30 GPUs: the tune-up stops when the next drawn pod's per-GPU milli would pass it
    expect(json.arrivedGpuMilli as number).toBeGreaterThan(1.3 * 30_000 - 1000);
    expect(json.allocationPct).toHaveLength(131);
    expect(json.fragmentationPct).toHaveLength(131);
    // The same JSON on stdout without --out; the same run again gives the same curves.
    const printed = await vdc([...args, '--json'], dir);
    expect({ ...JSON.parse(printed.out), wallSeconds: 0 }).toEqual({ ...json, wallSeconds: 0 });
    const text = await vdc(args, dir);
    expect(text.code).toBe(0);
    expect(text.out).toContain('06-FGD on pods, seed 7: 6 nodes, 30 GPUs');
    expect(text.out).toContain('GPU allocation');
  });

  it('bad arguments: exit 2 with the valid values', async () => {
    const base = ['--nodes', 'nodes.csv', '--pods', 'pods.csv'];
    const unknown = await vdc([...base, '--policy', 'tetris'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      'unknown policy "tetris"; valid policies: random, dotprod, clustering, packing, bestfit, fgd',
    );
    expect((await vdc([...base, '--policy', 'fgd', '--seed', '4.5'], dir)).err).toContain(
      '--seed must be an integer',
    );
    expect((await vdc(['--pods', 'pods.csv', '--policy', 'fgd'], dir)).code).toBe(2);
    expect((await vdc([...base, '--policy', 'fgd', '--json', 'out.json'], dir)).err).toContain(
      'add --out FILE',
    );
  });

  it('a malformed or missing file: exit 1 naming the file, row and column', async () => {
    const bad = await vdc(['--nodes', 'nodes.csv', '--pods', 'bad.csv', '--policy', 'bestfit'], dir);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe(
      `vdc gpu-experiment: ${join(dir, 'bad.csv')} row 2, column gpu_milli: must be a whole number, got "lots"`,
    );
    const missing = await vdc(['--nodes', 'none.csv', '--pods', 'pods.csv', '--policy', 'bestfit'], dir);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`vdc gpu-experiment: ${join(dir, 'none.csv')} does not exist`);
  });
});

describe.skipIf(!hasTrace)(
  'vdc gpu-experiment on the published default trace (needs ../shared/data/alibaba-gpu-2023)',
  () => {
    it('FGD at seed 42 ends at the published 95.29 % allocation', async () => {
      const r = await vdc(
        [
          '--nodes',
          join(DATA, 'openb_node_list_gpu_node.csv'),
          '--pods',
          join(DATA, 'openb_pod_list_default.csv'),
          '--policy',
          'fgd',
          '--seed',
          '42',
          '--json',
        ],
        dir,
      );
      expect(r.err).toBe('');
      const json = JSON.parse(r.out) as { allocationPct: number[]; podsSubmitted: number; workload: string };
      expect(json.workload).toBe('openb_pod_list_default');
      expect(json.podsSubmitted).toBe(10_866);
      expect(json.allocationPct[130]).toBe(95.29);
    });
  },
);
