/**
 * RVTools sheet and column names with the variants seen across versions (reference: RVTools header
 * dumps and public parsers [R1]–[R3]): "MB" vs "MiB", "# CPUs" vs "CPUs". Headers are compared after
 * normalisation; values labelled MB were always binary mebibytes, so both read as MiB.
 */

export function normHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/\u00a0/g, ' ')
    .toLowerCase()
    .replace(/#/g, ' ')
    .replace(/\bmib\b/g, 'mb')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface ColumnSpec {
  key: string;
  /** The header written on export (current RVTools spelling) and accepted variants. */
  names: readonly string[];
  required?: boolean;
}

const c = (key: string, names: string[], required = false): ColumnSpec => ({ key, names, required });

export const SHEETS = {
  vInfo: [
    c('vm', ['VM', 'name'], true),
    c('power', ['Powerstate', 'Power state'], true),
    c('template', ['Template']),
    c('srm', ['SRM Placeholder']),
    c('cpus', ['CPUs', 'Num CPU'], true),
    c('memMiB', ['Memory', 'Memory MiB', 'memoryMiB'], true),
    c('totalDiskMiB', ['Total disk capacity MiB']),
    c('provisionedMiB', ['Provisioned MiB']),
    c('inUseMiB', ['In Use MiB']),
    c('provisionedGiB', ['diskGiB']),
    c('inUseGiB', ['usedGiB']),
    c('cpuUsagePct', ['cpuUsagePct']),
    c('memUsagePct', ['memUsagePct']),
    c('datacenter', ['Datacenter']),
    c('cluster', ['Cluster']),
    c('host', ['Host'], true),
    c('os', ['OS according to the configuration file']),
    c('osTools', ['OS according to the VMware Tools']),
    c('uuid', ['VM UUID']),
    c('annotation', ['Annotation']),
  ],
  vHost: [
    c('host', ['Host', 'name'], true),
    c('datacenter', ['Datacenter']),
    c('cluster', ['Cluster']),
    c('maintenance', ['in Maintenance Mode']),
    c('cpuModel', ['CPU Model']),
    c('speed', ['Speed', 'coreMHz'], true),
    c('sockets', ['# CPU']),
    c('coresPerCpu', ['Cores per CPU']),
    c('cores', ['# Cores']),
    c('cpuUsagePct', ['CPU usage %', 'cpuUsagePct']),
    c('memMiB', ['# Memory', 'memoryMiB'], true),
    c('memUsagePct', ['Memory usage %', 'memUsagePct']),
    c('vendor', ['Vendor']),
    c('model', ['Model']),
  ],
  vCluster: [
    c('name', ['Name'], true),
    c('datacenter', ['Datacenter']),
    c('numHosts', ['NumHosts']),
    c('totalCpu', ['TotalCpu']),
    c('totalMemory', ['TotalMemory']),
    c('haEnabled', ['HA enabled']),
    c('failoverLevel', ['Failover Level']),
    c('admission', ['AdmissionControlEnabled']),
    c('drsEnabled', ['DRS enabled']),
    c('dpmEnabled', ['DPM enabled']),
  ],
  vDatastore: [
    c('name', ['Name'], true),
    c('type', ['Type']),
    c('capacityMiB', ['Capacity MiB']),
    c('capacityGiB', ['diskGiB']),
    c('provisionedMiB', ['Provisioned MiB']),
    c('inUseMiB', ['In Use MiB']),
    c('inUseGiB', ['usedGiB']),
    c('freeMiB', ['Free MiB']),
    c('hosts', ['Hosts']),
    c('clusterName', ['Cluster name', 'cluster']),
  ],
  vCPU: [
    c('vm', ['VM'], true),
    c('cpus', ['CPUs']),
    c('overall', ['Overall']),
    c('level', ['Level']),
    c('reservation', ['Reservation']),
    c('limit', ['Limit']),
    c('uuid', ['VM UUID']),
  ],
  vMemory: [
    c('vm', ['VM'], true),
    c('sizeMiB', ['Size MiB']),
    c('consumed', ['Consumed']),
    c('active', ['Active']),
    c('ballooned', ['Ballooned']),
    c('swapped', ['Swapped']),
    c('reservation', ['Reservation']),
    c('limit', ['Limit']),
    c('uuid', ['VM UUID']),
  ],
  vDisk: [
    c('vm', ['VM'], true),
    c('disk', ['Disk']),
    c('capacityMiB', ['Capacity MiB'], true),
    c('thin', ['Thin']),
    c('path', ['Disk Path', 'Path']),
    c('uuid', ['VM UUID']),
  ],
} as const satisfies Record<string, readonly ColumnSpec[]>;

export type SheetName = keyof typeof SHEETS;
export const SHEET_NAMES = Object.keys(SHEETS) as SheetName[];
export const REQUIRED_SHEETS: readonly SheetName[] = ['vInfo', 'vHost'];

/** Canonical sheet name for a worksheet or CSV file name ("RVTools_tabvInfo.csv", "vinfo", "tabvHost"). */
export function sheetNameOf(raw: string): SheetName | null {
  const base = raw.replace(/^.*[\\/]/, '').replace(/\.(csv|txt)$/i, '');
  const m = /(?:^|tab|_)(v[a-z]+)$/i.exec(base) ?? /^(v[a-z]+)$/i.exec(base);
  const name = (m?.[1] ?? base).toLowerCase();
  return SHEET_NAMES.find((s) => s.toLowerCase() === name) ?? null;
}

export interface ColumnMap {
  /** key → column index */
  index: Map<string, number>;
  /** key → the header as written in the file (for messages) */
  header: Map<string, string>;
  missingRequired: string[];
}

export function mapColumns(sheet: SheetName, headers: readonly string[]): ColumnMap {
  const normalised = headers.map((h) => normHeader(String(h ?? '')));
  const index = new Map<string, number>();
  const header = new Map<string, string>();
  const missingRequired: string[] = [];
  for (const spec of SHEETS[sheet] as readonly ColumnSpec[]) {
    const wanted = spec.names.map(normHeader);
    // "# CPUs" and "CPUs" normalise alike; "Memory" also matches "Memory MB".
    const i = normalised.findIndex((h) => wanted.includes(h) || wanted.some((w) => h === `${w} mb`));
    if (i >= 0) {
      index.set(spec.key, i);
      header.set(spec.key, headers[i] ?? spec.names[0]!);
    } else if (spec.required) missingRequired.push(spec.names[0]!);
  }
  return { index, header, missingRequired };
}
