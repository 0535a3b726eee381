/**
 * A 64 MiB inventory import within the 1 GiB import thread (issue 21, finding 4: "stream big imports with
 * a memory bound (a 64 MiB file in ≤ 1 GiB)"). Builds an RVTools CSV export of just under the 64 MiB
 * import limit (vInfo padded with an Annotation column, as real exports carry), runs the import as
 * `import.apply` does (parse + map in the worker thread with its 1 GiB heap cap, the scenario back as
 * JSON) and prints whether it fitted, the process's peak RSS above the start, wall and CPU time.
 * Not a test (timing and memory live here and in docs/benchmarks.md). Run: npx tsx bench/import-64mib.ts [VMS]
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { csvOf, rvtoolsGrids } from '../src/main/service/inventory-io/testing';
import { IMPORT_HEAP_MB, importOffThread } from '../src/main/service/inventory-io/import-off-thread';
import { MAX_IMPORT_BYTES, type InputFile } from '../src/main/service/inventory-io/types';

const vms = Number(process.argv[2] ?? 100_000);
const grids = rvtoolsGrids({ hosts: 1000, vms, perCluster: 20 });
const vInfo = grids['vInfo']!;
const rest = Object.entries(grids).filter(([k]) => k !== 'vInfo');
const restBytes = rest.reduce((n, [, g]) => n + csvOf(g).byteLength, 0);
const plain = csvOf(vInfo).byteLength;
// Pad vInfo with an Annotation column so that all files add up to just under the limit.
const target = MAX_IMPORT_BYTES - restBytes - 64 * 1024;
const pad = Math.max(0, Math.floor((target - plain) / (vInfo.length - 1)) - 2);
vInfo[0]!.push('Annotation');
for (let i = 1; i < vInfo.length; i++)
  vInfo[i]!.push(`owner team-${i % 97}; ${'notes '.repeat(Math.ceil(pad / 6))}`.slice(0, pad));
const files: InputFile[] = [
  { name: 'RVTools_tabvInfo.csv', bytes: csvOf(vInfo) },
  ...rest.map(([k, g]) => ({ name: `RVTools_tab${k}.csv`, bytes: csvOf(g) })),
];
const total = files.reduce((n, f) => n + f.bytes.byteLength, 0);
const mib = (n: number) => (n / 2 ** 20).toFixed(1);

async function main(): Promise<void> {
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await importOffThread(files, { name: 'bench', scenarioAsJson: true }).result;
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const load = loadavg()[0]!.toFixed(1);
  console.log(
    JSON.stringify({
      files: files.length,
      totalMiB: Number(mib(total)),
      limitMiB: MAX_IMPORT_BYTES / 2 ** 20,
      vms,
      heapCapMiB: IMPORT_HEAP_MB,
      ok: r.ok,
      ...(r.ok
        ? {
            vmsImported: r.outcome.preview.counts.vms,
            scenarioJsonMiB: Number(mib(r.outcome.scenarioJson?.length ?? 0)),
          }
        : { message: r.message, outOfMemory: r.outOfMemory ?? false }),
      peakRssAboveStartMiB: Number(mib(peak - rss0)),
      wallS: Number((wall / 1000).toFixed(1)),
      cpuS: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
      load1: Number(load),
    }),
  );
}

void main();
