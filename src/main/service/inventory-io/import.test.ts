import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine';
import { importInventory } from './import';
import { GENERIC_TEMPLATE } from './generic';
import { csvOf, rvtoolsGrids, xlsxOf, type Grid } from './testing';
import { MAX_IMPORT_BYTES } from './types';

const enc = (s: string) => new TextEncoder().encode(s);
const csvFiles = (g: Record<string, Grid>) =>
  Object.entries(g).map(([k, rows]) => ({ name: `RVTools_tab${k}.csv`, bytes: csvOf(rows) }));

describe('RVTools import', () => {
  it('reads an .xlsx export with current headers and builds a scenario the engine accepts', async () => {
    const bytes = await xlsxOf(rvtoolsGrids({ hosts: 4, vms: 20, perCluster: 2 }));
    const { preview, scenario } = await importInventory([{ name: 'export.xlsx', bytes }]);
    expect(preview.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
    expect(preview.format).toBe('rvtools-xlsx');
    expect(preview.counts).toMatchObject({
      datacenters: 1,
      clusters: 2,
      hosts: 4,
      datastores: 2,
      vms: 20,
      vmsPoweredOn: 18,
      unusableRows: 0,
    });
    // vCPUs 1,2,4,8 repeating five times = 75; memory 2+4+8+16 GiB × 5 = 150 GiB.
    expect(preview.counts.totalVcpus).toBe(75);
    expect(preview.counts.totalMemMiB).toBe(150 * 1024);
    const vm2 = scenario!.vms[1]!;
    expect(vm2).toMatchObject({ name: 'vm-2', vcpus: 2, memMiB: 4096, power: 'poweredOn' });
    // 40960 MiB provisioned, 20480 in use → one thin 40 GiB disk with 20 GiB written.
    expect(vm2.disks).toEqual([{ datastoreId: 'ds-1', sizeGiB: 40, thin: true, usedGiB: 20 }]);
    // vCPU "Overall" 1000 MHz on 2 vCPUs × 2000 MHz = 25 % observed → base 12.5, peak 37.5; Active 1024 of 4096 = 25 %.
    expect(vm2.workload).toMatchObject({
      pattern: 'diurnal',
      cpuBasePct: 12.5,
      cpuPeakPct: 37.5,
      memActivePct: 25,
    });
    const host = scenario!.hosts[0]!;
    expect(host).toMatchObject({
      name: 'esx-1',
      sockets: 2,
      coresPerSocket: 16,
      coreMHz: 2000,
      memMiB: 524_288,
    });
    // HA on, failover level 1 of 2 hosts → 50 % reserve.
    expect(scenario!.clusters[0]!.settings?.ha?.cpuReservePct).toBe(50);
    expect(createEngine(scenario!).ok).toBe(true);
  });

  it('reads per-sheet CSV with the older headers (MB, # CPUs) to the same inventory', async () => {
    const a = await importInventory([
      { name: 'e.xlsx', bytes: await xlsxOf(rvtoolsGrids({ hosts: 3, vms: 9, variant: 'new' })) },
    ]);
    const b = await importInventory(csvFiles(rvtoolsGrids({ hosts: 3, vms: 9, variant: 'old' })));
    expect(b.preview.format).toBe('rvtools-csv');
    expect(b.preview.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
    expect(b.scenario!.vms).toEqual(a.scenario!.vms);
    expect(b.scenario!.hosts).toEqual(a.scenario!.hosts);
  });

  it('missing optional sheets: datastores are sized from the disks, clusters default', async () => {
    const g = rvtoolsGrids({ hosts: 2, vms: 4 });
    const { preview, scenario } = await importInventory([
      { name: 'x.xlsx', bytes: await xlsxOf({ vInfo: g.vInfo!, vHost: g.vHost! }) },
    ]);
    expect(preview.importable).toBe(true);
    expect(preview.sheetsMissing).toEqual(expect.arrayContaining(['vCluster', 'vDatastore', 'vCPU']));
    expect(preview.problems.some((p) => p.sheet === 'vDatastore' && p.severity === 'warning')).toBe(true);
    // 4 VMs × 40 GiB = 160 GiB × 1.25 = 200 GiB.
    expect(scenario!.datastores).toEqual([
      expect.objectContaining({ clusterId: 'cluster-1', capacityGiB: 200 }),
    ]);
    expect(createEngine(scenario!).ok).toBe(true);
  });

  it('a workbook without vHost, a sheet without required columns: fatal, nothing imported', async () => {
    const g = rvtoolsGrids({ hosts: 1, vms: 1 });
    const noHost = await importInventory([{ name: 'x.xlsx', bytes: await xlsxOf({ vInfo: g.vInfo! }) }]);
    expect(noHost.scenario).toBeNull();
    expect(noHost.preview.problems[0]).toMatchObject({ severity: 'fatal', sheet: 'vHost' });
    const noCpus = g.vInfo!.map((r) => r.filter((_, i) => i !== 4));
    const bad = await importInventory([
      { name: 'x.xlsx', bytes: await xlsxOf({ vInfo: noCpus, vHost: g.vHost! }) },
    ]);
    expect(bad.scenario).toBeNull();
    expect(bad.preview.problems).toContainEqual(
      expect.objectContaining({ severity: 'fatal', sheet: 'vInfo', row: 1, column: 'CPUs' }),
    );
  });

  it('reports every unusable row with sheet, row, column and why', async () => {
    const g = rvtoolsGrids({ hosts: 2, vms: 6 });
    g.vInfo![2]![5] = -4096; // row 3: negative memory
    g.vInfo![3]![4] = 5000; // row 4: absurd vCPUs
    g.vInfo![4]![10] = 'esx-99'; // row 5: unknown host
    g.vInfo![5]![4] = { formula: '2*4', result: 8 }; // row 6: a formula
    g.vInfo![6]![1] = 'running'; // row 7: unknown power state
    const { preview, scenario } = await importInventory([{ name: 'x.xlsx', bytes: await xlsxOf(g) }]);
    const errs = preview.problems
      .filter((p) => p.severity === 'error')
      .map((p) => [p.sheet, p.row, p.column]);
    expect(errs).toEqual([
      ['vInfo', 3, 'Memory'],
      ['vInfo', 4, 'CPUs'],
      ['vInfo', 5, 'Host'],
      ['vInfo', 6, 'CPUs'],
      ['vInfo', 7, 'Powerstate'],
    ]);
    expect(preview.problems.find((p) => p.row === 6)!.message).toContain('formula');
    expect(preview.counts).toMatchObject({ vms: 1, unusableRows: 5 });
    expect(scenario!.vms.map((v) => v.name)).toEqual(['vm-1']);
  });

  it('refuses files that are not RVTools exports or are too large', async () => {
    const txt = await importInventory([{ name: 'notes.xlsx', bytes: enc('hello') }]);
    expect(txt.preview.problems[0]!.message).toContain('not an .xlsx workbook');
    const other = await importInventory([
      {
        name: 'budget.xlsx',
        bytes: await xlsxOf({
          Sheet1: [
            ['a', 'b'],
            [1, 2],
          ],
        }),
      },
    ]);
    expect(other.scenario).toBeNull();
    expect(other.preview.problems.map((p) => p.sheet)).toEqual(['vInfo', 'vHost']);
    const csv = await importInventory([{ name: 'people.csv', bytes: enc('name,age\nx,1\n') }]);
    expect(csv.preview.problems[0]!.message).toContain('not an RVTools sheet export');
    const big = await importInventory([{ name: 'huge.xlsx', bytes: new Uint8Array(100 * 1024 * 1024) }]);
    expect(big.scenario).toBeNull();
    expect(big.preview.problems[0]!.message).toContain(`up to ${MAX_IMPORT_BYTES / 2 ** 20} MiB`);
  });

  it('reads the generic CSV template', async () => {
    const { preview, scenario } = await importInventory([
      { name: 'inventory.csv', bytes: enc(GENERIC_TEMPLATE) },
    ]);
    expect(preview.format).toBe('generic-csv');
    expect(preview.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
    expect(preview.counts).toMatchObject({ hosts: 2, vms: 2, datastores: 1, clusters: 1 });
    expect(scenario!.vms[1]).toMatchObject({
      name: 'db-01',
      vcpus: 8,
      memMiB: 65_536,
      disks: [{ sizeGiB: 500, thin: true, usedGiB: 400 }],
    });
    expect(createEngine(scenario!).ok).toBe(true);
  });

  it('names the file, line and column of a bad generic row', async () => {
    const text = GENERIC_TEMPLATE.replace('vm,web-01,,,esx-01,2,,,8192', 'vm,web-01,,,esx-01,2,,,lots');
    const { preview } = await importInventory([{ name: 'inventory.csv', bytes: enc(text) }]);
    expect(preview.problems).toContainEqual(
      expect.objectContaining({ severity: 'error', sheet: 'inventory.csv', row: 7, column: 'memoryMiB' }),
    );
  });
});
