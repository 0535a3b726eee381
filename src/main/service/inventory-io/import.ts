/**
 * Inventory import: files → tables → scenario JSON, with a preview (counts and every unusable row)
 * before anything is created. Nothing here touches the running simulation.
 */
import type { DatastoreSpec, Scenario } from '../../engine';
import { REQUIRED_SHEETS, SHEET_NAMES, mapColumns, sheetNameOf, type SheetName } from './columns';
import { GENERIC_HEADERS, isGeneric, splitGeneric } from './generic';
import { InfraBuilder } from './map-infra';
import { mapVms } from './map-vms';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import {
  MAX_IMPORT_BYTES,
  type ImportFormat,
  type ImportPreview,
  type ImportProblem,
  type InputFile,
  type SheetTable,
} from './types';

export interface ImportOutcome {
  preview: ImportPreview;
  /** The scenario to create; null when a fatal problem stops the import. */
  scenario: Scenario | null;
}

const fatal = (sheet: string, message: string, column = '', row = 0): ImportProblem => ({
  severity: 'fatal',
  sheet,
  row,
  column,
  message,
});

function emptyPreview(format: ImportFormat, problems: ImportProblem[]): ImportOutcome {
  return {
    preview: {
      format,
      sheetsFound: [],
      sheetsMissing: [],
      counts: {
        datacenters: 0,
        clusters: 0,
        hosts: 0,
        datastores: 0,
        vms: 0,
        vmsPoweredOn: 0,
        skippedTemplates: 0,
        unusableRows: 0,
        totalVcpus: 0,
        totalMemMiB: 0,
        provisionedGiB: 0,
      },
      problems,
      importable: false,
    },
    scenario: null,
  };
}

const isZip = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Reads the files into tables; answers fatal problems for wrong file types or sizes. */
export async function readTables(
  files: InputFile[],
): Promise<{ format: ImportFormat; tables: Map<string, SheetTable>; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const tables = new Map<string, SheetTable>();
  let format: ImportFormat = 'rvtools-csv';
  if (files.length === 0)
    problems.push(
      fatal(
        '',
        'No file was given. Choose an RVTools export (.xlsx or its per-sheet .csv files) or the generic CSV template.',
      ),
    );
  for (const f of files) {
    if (f.bytes.byteLength > MAX_IMPORT_BYTES) {
      problems.push(
        fatal(
          f.name,
          `${f.name} is ${(f.bytes.byteLength / 2 ** 20).toFixed(0)} MiB; the import reads files up to ${MAX_IMPORT_BYTES / 2 ** 20} MiB. Export fewer tabs from RVTools (vInfo, vHost, vCluster, vDatastore suffice).`,
        ),
      );
    }
  }
  if (problems.length > 0) return { format, tables, problems };
  for (const f of files) {
    if (/\.xlsx$/i.test(f.name) || isZip(f.bytes)) {
      format = 'rvtools-xlsx';
      if (!isZip(f.bytes)) {
        problems.push(
          fatal(
            f.name,
            `${f.name} is not an .xlsx workbook (it does not start like a zip file). Export from RVTools again, or use its CSV export.`,
          ),
        );
        continue;
      }
      try {
        const read = await readXlsx(f.name, f.bytes);
        for (const t of read.tables) if (!tables.has(t.name)) tables.set(t.name, t);
      } catch (e) {
        problems.push(
          fatal(
            f.name,
            `${f.name} cannot be read as an .xlsx workbook: ${e instanceof Error ? e.message : String(e)}`,
          ),
        );
      }
      continue;
    }
    const csv = readCsv(f.bytes);
    const broken = csv.errors.find((e) => e.code === 'MissingQuotes');
    if (broken) {
      problems.push(
        fatal(
          f.name,
          `${f.name} row ${broken.row} [${broken.column}]: ${broken.message}.`,
          broken.column,
          broken.row,
        ),
      );
      continue;
    }
    if (isGeneric(csv.headers)) {
      format = 'generic-csv';
      const split = splitGeneric(f.name, csv) as SheetTable[] & { unknown: { row: number; kind: string }[] };
      for (const u of split.unknown)
        problems.push({
          severity: 'error',
          sheet: f.name,
          row: u.row,
          column: 'kind',
          message: `"${u.kind}" is not host, vm or datastore`,
        });
      for (const t of split) {
        t.source = f.name;
        tables.set(t.name, t);
      }
      continue;
    }
    const sheet = sheetNameOf(f.name);
    if (!sheet) {
      problems.push(
        fatal(
          f.name,
          `${f.name} is not an RVTools sheet export (expected a name like RVTools_tabvInfo.csv) nor the generic template (a "kind" column: ${GENERIC_HEADERS.join(', ')}).`,
        ),
      );
      continue;
    }
    tables.set(sheet, { name: sheet, source: f.name, headers: csv.headers, rows: csv.rows });
  }
  return { format, tables, problems };
}

export async function importInventory(
  files: InputFile[],
  opts: { name?: string } = {},
): Promise<ImportOutcome> {
  const read = await readTables(files);
  const { format, tables } = read;
  const problems = read.problems;
  if (problems.some((p) => p.severity === 'fatal')) return emptyPreview(format, problems);
  const label = (s: SheetName) => (format === 'generic-csv' ? (tables.get(s)?.source ?? s) : s);
  for (const s of REQUIRED_SHEETS) {
    if (!tables.has(s)) {
      problems.push(
        fatal(
          s,
          format === 'generic-csv'
            ? `the file has no ${s === 'vHost' ? 'host' : 'vm'} rows`
            : `the ${s} sheet is missing; it is required (the file may not be an RVTools export)`,
        ),
      );
    }
  }
  for (const [name, t] of tables) {
    for (const col of mapColumns(name as SheetName, t.headers).missingRequired) {
      problems.push(
        fatal(
          label(name as SheetName),
          `the ${name} sheet has no "${col}" column (found: ${t.headers.slice(0, 12).join(', ')}${t.headers.length > 12 ? ', …' : ''})`,
          col,
          1,
        ),
      );
    }
  }
  // Problems name the sheet as the planner knows it.
  for (const t of tables.values()) t.name = format === 'generic-csv' ? t.source : t.name;
  const bySheet = new Map<string, SheetTable>();
  for (const [k, t] of tables) bySheet.set(k, t);
  if (problems.some((p) => p.severity === 'fatal')) return emptyPreview(format, problems);

  const infra = new InfraBuilder(problems);
  const dcOfCluster = new Map<string, string>();
  infra.clusters(bySheet.get('vCluster'), dcOfCluster);
  infra.hosts(bySheet.get('vHost')!);
  infra.datastores(bySheet.get('vDatastore'));
  // Clusters without a shared datastore get one, sized after the VMs are known.
  const synthetic: DatastoreSpec[] = [];
  for (const cl of infra.infra.clusters) {
    if (infra.infra.datastores.some((d) => d.clusterId === cl.id)) continue;
    const ds: DatastoreSpec = {
      id: `ds-${infra.infra.datastores.length + 1}`,
      name: `${cl.name}-imported`,
      clusterId: cl.id,
      capacityGiB: 1,
      maxIops: 20_000,
    };
    infra.infra.datastores.push(ds);
    synthetic.push(ds);
  }
  const { vms, skipped } = mapVms(bySheet.get('vInfo')!, bySheet, infra.infra, problems);
  for (const ds of synthetic) {
    const prov = vms
      .flatMap((v) => v.disks)
      .filter((d) => d.datastoreId === ds.id)
      .reduce((s, d) => s + d.sizeGiB, 0);
    ds.capacityGiB = Math.max(100, Math.ceil(prov * 1.25));
  }
  if (synthetic.length > 0 && !bySheet.has('vDatastore')) {
    problems.push({
      severity: 'warning',
      sheet: 'vDatastore',
      row: 0,
      column: '',
      message: `the vDatastore sheet is missing; ${synthetic.length} datastore(s) were sized at 125 % of the provisioned disks`,
    });
  }
  const sheetsFound = [...bySheet.keys()];
  const errorRows = new Set(problems.filter((p) => p.severity === 'error').map((p) => `${p.sheet}#${p.row}`));
  const scenario: Scenario = {
    version: 1,
    name: opts.name ?? 'Imported inventory',
    description: `Imported from ${files.map((f) => f.name).join(', ')}`,
    datacenters: infra.infra.datacenters,
    clusters: infra.infra.clusters,
    hosts: infra.infra.hosts,
    datastores: infra.infra.datastores,
    networks: [],
    vms,
    containers: [],
    services: [],
    traces: [],
  };
  const preview: ImportPreview = {
    format,
    sheetsFound,
    sheetsMissing: SHEET_NAMES.filter((s) => !bySheet.has(s)),
    counts: {
      datacenters: scenario.datacenters.length,
      clusters: scenario.clusters.length,
      hosts: scenario.hosts.length,
      datastores: scenario.datastores.length,
      vms: vms.length,
      vmsPoweredOn: vms.filter((v) => (v.power ?? 'poweredOn') === 'poweredOn').length,
      skippedTemplates: skipped,
      unusableRows: errorRows.size,
      totalVcpus: vms.reduce((s, v) => s + v.vcpus, 0),
      totalMemMiB: vms.reduce((s, v) => s + v.memMiB, 0),
      provisionedGiB: vms.reduce((s, v) => s + v.disks.reduce((a, d) => a + d.sizeGiB, 0), 0),
    },
    problems,
    importable: !problems.some((p) => p.severity === 'fatal') && scenario.hosts.length > 0,
  };
  if (scenario.hosts.length === 0 && !problems.some((p) => p.severity === 'fatal')) {
    problems.push(fatal(label('vHost'), 'no host row could be used, so there is nothing to import'));
  }
  return { preview, scenario: preview.importable ? scenario : null };
}
