import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { builtinScenario, createEngine, type Scenario } from '../../engine';
import { importInventory } from './import';
import { inventorySheets, neutralise, toCsvFiles, toXlsx } from './export';
import { rvtoolsGrids, xlsxOf } from './testing';

const enc = (s: string) => new TextEncoder().encode(s);
const shape = (s: Scenario) => ({
  hosts: s.hosts.map((h) => [
    h.name,
    h.sockets * h.coresPerSocket,
    h.coreMHz,
    h.memMiB,
    s.clusters.find((c) => c.id === h.clusterId)!.name,
  ]),
  vms: s.vms.map((v) => [
    v.name,
    v.vcpus,
    v.memMiB,
    v.power ?? 'poweredOn',
    s.hosts.find((h) => h.id === v.hostId)!.name,
    v.disks.reduce((a, d) => a + d.sizeGiB, 0),
  ]),
  datastores: s.datastores.map((d) => [d.name, d.capacityGiB]),
});

describe('inventory export', () => {
  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(neutralise('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutralise('+1')).toBe("'+1");
    expect(neutralise('-2')).toBe("'-2");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('\tcmd')).toBe("'\tcmd");
    expect(neutralise('web-01')).toBe('web-01');
    expect(neutralise(-5)).toBe(-5);
  });

  it('round trip xlsx: import → export → import keeps the inventory', async () => {
    const first = await importInventory([
      { name: 'a.xlsx', bytes: await xlsxOf(rvtoolsGrids({ hosts: 4, vms: 16, perCluster: 2 })) },
    ]);
    const bytes = await toXlsx(inventorySheets(first.scenario!));
    const second = await importInventory([{ name: 'b.xlsx', bytes }]);
    expect(second.preview.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
    expect(shape(second.scenario!)).toEqual(shape(first.scenario!));
    // The seeded workloads survive too (Overall/Active written from the workload's daily mean).
    expect(second.scenario!.vms.map((v) => v.workload)).toEqual(first.scenario!.vms.map((v) => v.workload));
  });

  it('round trip CSV from a built-in scenario, with injection payloads in names', async () => {
    const s = builtinScenario('small-lab')!;
    s.vms[0]!.name = '=cmd|"/c calc"!A1';
    s.vms[1]!.name = '@SUM(1+1)';
    s.hosts[0]!.name = '+esx-evil';
    const files = toCsvFiles(inventorySheets(s));
    const vInfo = files.find((f) => f.name === 'RVTools_tabvInfo.csv')!.text;
    expect(vInfo.split('\r\n')[1]!.startsWith('"\'=cmd|')).toBe(true);
    expect(vInfo).not.toMatch(/(^|,)=cmd/m);
    const back = await importInventory(files.map((f) => ({ name: f.name, bytes: enc(f.text) })));
    expect(back.preview.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
    expect(back.scenario!.vms[0]!.name).toBe('=cmd|"/c calc"!A1');
    expect(back.scenario!.vms[1]!.name).toBe('@SUM(1+1)');
    expect(back.scenario!.hosts[0]!.name).toBe('+esx-evil');
    expect(back.scenario!.vms).toHaveLength(s.vms.length);
    expect(back.scenario!.vms.map((v) => [v.vcpus, v.memMiB, v.power ?? 'poweredOn'])).toEqual(
      s.vms.map((v) => [v.vcpus, v.memMiB, v.power ?? 'poweredOn']),
    );
    expect(createEngine(back.scenario!).ok).toBe(true);
  });

  it('writes text cells in the workbook, never formulas', async () => {
    const s = builtinScenario('small-lab')!;
    s.vms[0]!.name = '=1+1';
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(inventorySheets(s))) as unknown as ExcelJS.Buffer);
    const cell = wb.getWorksheet('vInfo')!.getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe("'=1+1");
  });

  it('writes the same per-sheet CSV as the former papaparse writer (now the shared src/shared/csv.ts)', () => {
    for (const id of ['small-lab', 'enterprise', 'edge']) {
      const s = builtinScenario(id)!;
      s.vms[0]!.name = '=cmd|"/c calc"!A1';
      s.vms[1]!.name = 'a, "quoted"\nname';
      const sheets = inventorySheets(s);
      // The former writer, kept here as the reference: papaparse's unparse of neutralised cells.
      const former = sheets.map(
        (sh) =>
          Papa.unparse(
            { fields: sh.headers, data: sh.rows.map((r) => r.map((c) => neutralise(c))) },
            { newline: '\r\n' },
          ) + '\r\n',
      );
      expect(toCsvFiles(sheets).map((f) => f.text)).toEqual(former);
    }
  });
});
