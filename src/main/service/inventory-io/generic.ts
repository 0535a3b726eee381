/**
 * The generic inventory template: one CSV with a `kind` column (host, vm, datastore). Its rows are split
 * into vHost / vInfo / vDatastore tables whose headers the RVTools column map also accepts, so one
 * mapping serves both formats.
 */
import type { SheetTable } from './types';
import type { CsvRead } from './read-csv';

export const GENERIC_HEADERS = [
  'kind',
  'name',
  'datacenter',
  'cluster',
  'host',
  'cpus',
  'cores',
  'coreMHz',
  'memoryMiB',
  'diskGiB',
  'usedGiB',
  'powerState',
  'cpuUsagePct',
  'memUsagePct',
] as const;

export const GENERIC_TEMPLATE = [
  GENERIC_HEADERS.join(','),
  '# kind: host | vm | datastore. Hosts: name, datacenter, cluster, cores, coreMHz, memoryMiB, cpuUsagePct, memUsagePct.',
  '# Datastores: name, cluster, diskGiB (capacity), usedGiB. VMs: name, host, cpus, memoryMiB, diskGiB (provisioned), usedGiB, powerState (poweredOn/poweredOff/suspended), cpuUsagePct, memUsagePct.',
  'host,esx-01,DC1,Prod,,,32,2600,524288,,,,35,60',
  'host,esx-02,DC1,Prod,,,32,2600,524288,,,,30,55',
  'datastore,prod-ds-01,DC1,Prod,,,,,,20000,8000,,,',
  'vm,web-01,,,esx-01,2,,,8192,80,30,poweredOn,25,50',
  'vm,db-01,,,esx-02,8,,,65536,500,400,poweredOn,45,70',
  '',
].join('\n');

export function isGeneric(headers: readonly string[]): boolean {
  return headers.some((h) => h.trim().toLowerCase() === 'kind');
}

export function splitGeneric(file: string, csv: CsvRead): SheetTable[] {
  const kindIdx = csv.headers.findIndex((h) => h.trim().toLowerCase() === 'kind');
  const by: Record<'vHost' | 'vInfo' | 'vDatastore', SheetTable> = {
    vHost: { name: 'vHost', source: `${file} (kind=host)`, headers: csv.headers, rows: [] },
    vInfo: { name: 'vInfo', source: `${file} (kind=vm)`, headers: csv.headers, rows: [] },
    vDatastore: { name: 'vDatastore', source: `${file} (kind=datastore)`, headers: csv.headers, rows: [] },
  };
  const unknown: { row: number; kind: string }[] = [];
  for (const r of csv.rows) {
    const kind = String(r.cells[kindIdx] ?? '')
      .trim()
      .toLowerCase();
    if (kind.startsWith('#')) continue;
    if (kind === 'host') by.vHost.rows.push(r);
    else if (kind === 'vm') by.vInfo.rows.push(r);
    else if (kind === 'datastore') by.vDatastore.rows.push(r);
    else unknown.push({ row: r.row, kind });
  }
  // Host rows name the host in "name"; VM rows name the VM in "name" and their host in "host".
  const tables = [by.vHost, by.vInfo, by.vDatastore].map((t) => ({ ...t, name: t.name }));
  return Object.assign(tables, { unknown });
}
