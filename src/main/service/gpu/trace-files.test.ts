import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GpuTraceError,
  parseGpuNodesCsv,
  parseGpuPodsCsv,
  readGpuNodesFile,
  readGpuPodsFile,
} from './trace-files';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const NODES = 'sn,cpu_milli,memory_mib,gpu,model\nn1,64000,262144,2,P100\nn2,96000,786432,8,G3\n';
const PODS =
  'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n' +
  'p1,12000,16384,1,1000,,LS,Running,0,12537496,0\n' +
  'p2,6000,12288,1,460,V100M16|V100M32,LS,Running,427061,12902960,427061\n' +
  'p3,4000,8192,0,0,,BE,Running,1,2,1\n';

function problem(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof GpuTraceError) return e.message;
    throw e;
  }
  throw new Error('no error');
}

describe('node and pod lists', () => {
  it('reads the trace columns and ignores the others', () => {
    expect(parseGpuNodesCsv(bytes(NODES), 'nodes.csv')).toEqual([
      { name: 'n1', cpuMilli: 64_000, memoryMiB: 262_144, gpus: 2, model: 'P100' },
      { name: 'n2', cpuMilli: 96_000, memoryMiB: 786_432, gpus: 8, model: 'G3' },
    ]);
    expect(parseGpuPodsCsv(bytes(PODS), 'pods.csv')).toEqual([
      { name: 'p1', cpuMilli: 12_000, memoryMiB: 16_384, numGpu: 1, gpuMilli: 1000, gpuSpec: '' },
      { name: 'p2', cpuMilli: 6000, memoryMiB: 12_288, numGpu: 1, gpuMilli: 460, gpuSpec: 'V100M16|V100M32' },
      { name: 'p3', cpuMilli: 4000, memoryMiB: 8192, numGpu: 0, gpuMilli: 0, gpuSpec: '' },
    ]);
    // multigpu* lists have no gpu_spec column; a CPU-only pod may leave gpu_milli empty
    expect(
      parseGpuPodsCsv(bytes('name,cpu_milli,memory_mib,num_gpu,gpu_milli\nq,1000,10,0,\n'), 'm.csv'),
    ).toEqual([{ name: 'q', cpuMilli: 1000, memoryMiB: 10, numGpu: 0, gpuMilli: 0, gpuSpec: '' }]);
  });

  it('names the file, row and column of a bad value', () => {
    expect(problem(() => parseGpuNodesCsv(bytes(NODES.replace('96000', '96k')), 'nodes.csv'))).toBe(
      'nodes.csv row 3, column cpu_milli: must be a whole number ≥ 0, got "96k"',
    );
    expect(problem(() => parseGpuPodsCsv(bytes(PODS.replace('1,460', '1,')), 'pods.csv'))).toBe(
      'pods.csv row 3, column gpu_milli: must be a whole number, got ""',
    );
    expect(
      problem(() => parseGpuPodsCsv(bytes(PODS.replace('p3,4000,8192,0', 'p3,4000,-1,0')), 'pods.csv')),
    ).toBe('pods.csv row 4, column memory_mib: must be a whole number ≥ 0, got "-1"');
    expect(problem(() => parseGpuNodesCsv(bytes(NODES.replace(',8,G3', ',80,G3')), 'nodes.csv'))).toBe(
      'nodes.csv row 3, column gpu: must be at most 64 GPUs per node',
    );
  });

  it('lists up to five problems, each on its own line', () => {
    const many =
      'sn,cpu_milli,memory_mib,gpu,model\n' +
      Array.from({ length: 8 }, (_, i) => `n${i},x,1,1,T4`).join('\n');
    const msg = problem(() => parseGpuNodesCsv(bytes(many), 'n.csv')).split('\n');
    expect(msg).toHaveLength(5);
    expect(msg[4]).toBe('n.csv row 6, column cpu_milli: must be a whole number ≥ 0, got "x"');
  });

  it('refuses a missing column, an empty list, duplicate names and a cluster without GPUs', () => {
    expect(problem(() => parseGpuNodesCsv(bytes('sn,cpu_milli,memory_mib,model\nn,1,1,T4\n'), 'n.csv'))).toBe(
      'n.csv: the header (row 1) lacks the column gpu; expected sn,cpu_milli,memory_mib,gpu,model',
    );
    expect(
      problem(() => parseGpuPodsCsv(bytes('name,cpu_milli,memory_mib,num_gpu,gpu_milli\n'), 'p.csv')),
    ).toBe('p.csv: no data rows after the header');
    expect(problem(() => parseGpuPodsCsv(bytes(PODS.replace('p3,', 'p1,')), 'p.csv'))).toContain(
      'p.csv row 4, column name: "p1" already appears in row 2',
    );
    expect(
      problem(() => parseGpuNodesCsv(bytes('sn,cpu_milli,memory_mib,gpu,model\nn,1,1,0,\n'), 'n.csv')),
    ).toBe('n.csv: no node has a GPU (column gpu)');
  });

  describe('files', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'vdc-gpu-trace-'));
      writeFileSync(join(dir, 'nodes.csv'), NODES);
      writeFileSync(join(dir, 'pods.csv'), `\ufeff${PODS.replace(/\n/g, '\r\n')}`);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads files (BOM and CRLF included) and names a missing file or a folder', () => {
      expect(readGpuNodesFile(join(dir, 'nodes.csv'))).toHaveLength(2);
      expect(readGpuPodsFile(join(dir, 'pods.csv')).map((p) => p.name)).toEqual(['p1', 'p2', 'p3']);
      expect(problem(() => readGpuNodesFile(join(dir, 'none.csv')))).toBe(
        `${join(dir, 'none.csv')} does not exist`,
      );
      expect(problem(() => readGpuPodsFile(dir))).toBe(`${dir} is not a file`);
    });
  });
});
