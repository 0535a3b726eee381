/** Builders of real-shaped RVTools files for the tests and the benchmark (both header variants). */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

export type Grid = (string | number | boolean | null | { formula: string; result?: unknown })[][];

export async function xlsxOf(sheets: Record<string, Grid>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export function csvOf(rows: Grid): Uint8Array {
  return new TextEncoder().encode(
    Papa.unparse(rows.map((r) => r.map((c) => (c !== null && typeof c === 'object' ? `=${c.formula}` : c)))),
  );
}

export type HeaderVariant = 'new' | 'old';

/** An RVTools-like inventory: `hosts` hosts in clusters of `perCluster`, `vms` VMs spread round-robin. */
export function rvtoolsGrids(o: {
  hosts: number;
  vms: number;
  perCluster?: number;
  variant?: HeaderVariant;
}): Record<string, Grid> {
  const old = o.variant === 'old';
  const M = old ? 'MB' : 'MiB';
  const per = o.perCluster ?? 16;
  const clusters = Math.ceil(o.hosts / per);
  const vHost: Grid = [
    [
      'Host',
      'Datacenter',
      'Cluster',
      'in Maintenance Mode',
      'CPU Model',
      'Speed',
      '# CPU',
      'Cores per CPU',
      '# Cores',
      'CPU usage %',
      '# Memory',
      'Memory usage %',
      'Vendor',
    ],
  ];
  for (let i = 0; i < o.hosts; i++)
    vHost.push([
      `esx-${i + 1}`,
      'DC1',
      `cl-${Math.floor(i / per) + 1}`,
      false,
      'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz',
      2000,
      2,
      16,
      32,
      40,
      524_288,
      55,
      'Dell Inc.',
    ]);
  const vCluster: Grid = [
    [
      'Name',
      'NumHosts',
      'TotalCpu',
      'TotalMemory',
      'HA enabled',
      'Failover Level',
      'AdmissionControlEnabled',
      'DRS enabled',
    ],
  ];
  for (let c = 0; c < clusters; c++)
    vCluster.push([`cl-${c + 1}`, Math.min(per, o.hosts - c * per), 0, 0, true, 1, true, true]);
  const vDatastore: Grid = [
    [
      'Name',
      'Type',
      `Capacity ${M}`,
      `Provisioned ${M}`,
      `In Use ${M}`,
      `Free ${M}`,
      'Hosts',
      'Cluster name',
    ],
  ];
  for (let c = 0; c < clusters; c++)
    vDatastore.push([`ds-cl-${c + 1}`, 'VMFS', 200 * 1024 * 1024, 0, 0, 0, '', `cl-${c + 1}`]);
  const vInfo: Grid = [
    [
      'VM',
      'Powerstate',
      'Template',
      'SRM Placeholder',
      old ? '# CPUs' : 'CPUs',
      'Memory',
      `Provisioned ${M}`,
      `In Use ${M}`,
      'Datacenter',
      'Cluster',
      'Host',
      'OS according to the configuration file',
      'VM UUID',
    ],
  ];
  const vCPU: Grid = [['VM', 'CPUs', 'Overall', 'Reservation', 'VM UUID']];
  const vMemory: Grid = [['VM', 'Size MiB', 'Active', 'Reservation', 'VM UUID']];
  for (let i = 0; i < o.vms; i++) {
    const h = i % o.hosts;
    const vcpus = [1, 2, 4, 8][i % 4]!;
    const mem = [2048, 4096, 8192, 16_384][i % 4]!;
    const uuid = `4201-${i}`;
    vInfo.push([
      `vm-${i + 1}`,
      i % 10 === 9 ? 'poweredOff' : 'poweredOn',
      false,
      false,
      vcpus,
      mem,
      40_960,
      20_480,
      'DC1',
      `cl-${Math.floor(h / per) + 1}`,
      `esx-${h + 1}`,
      'Ubuntu Linux (64-bit)',
      uuid,
    ]);
    vCPU.push([`vm-${i + 1}`, vcpus, vcpus * 500, 0, uuid]);
    vMemory.push([`vm-${i + 1}`, mem, mem / 4, 0, uuid]);
  }
  return { vInfo, vCPU, vMemory, vHost, vCluster, vDatastore };
}
