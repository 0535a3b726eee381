/**
 * RVTools vInfo rows (with vCPU / vMemory / vDisk where present) → VMs of a scenario. The observed CPU
 * and memory usage seeds each VM's workload: it is taken as the day's mean of a diurnal pattern
 * (base = ½ × observed, peak = 1½ × observed; see docs/capacity.md).
 */
import type { DatastoreSpec, DiskSpec, HostSpec, VmSpec, WorkloadSpec } from '../../engine';
import { mapColumns, type SheetName } from './columns';
import { LIMITS, mul, type Infra } from './map-infra';
import type { Cell, ImportProblem, SheetTable } from './types';
import { RowReader } from './values';

interface Side {
  reader: RowReader;
  byKey: Map<string, Cell[][]>;
  rowOf: Map<Cell[], number>;
}

function side(t: SheetTable | undefined, sheet: SheetName, problems: ImportProblem[]): Side | null {
  if (!t) return null;
  const reader = new RowReader(t.name, mapColumns(sheet, t.headers), problems);
  const byKey = new Map<string, Cell[][]>();
  const rowOf = new Map<Cell[], number>();
  for (const { row, cells } of t.rows) {
    const quiet: ImportProblem[] = [];
    const q = new RowReader(t.name, reader.cols, quiet);
    const key = q.text(row, cells, 'uuid') ?? q.text(row, cells, 'vm');
    if (key === null) continue;
    const list = byKey.get(key) ?? [];
    list.push(cells);
    byKey.set(key, list);
    rowOf.set(cells, row);
  }
  return { reader, byKey, rowOf };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const clampPct = (x: number) => Math.min(100, Math.max(0, x));

export function seededWorkload(cpuPct: number, memPct: number): WorkloadSpec {
  return {
    pattern: 'diurnal',
    cpuBasePct: round1(clampPct(cpuPct * 0.5)),
    cpuPeakPct: round1(clampPct(cpuPct * 1.5)),
    memActivePct: round1(clampPct(memPct)),
    memPeakPct: round1(clampPct(memPct * 1.2)),
  };
}

export interface VmResult {
  vms: VmSpec[];
  skipped: number;
}

export function mapVms(
  info: SheetTable,
  tables: Map<string, SheetTable>,
  infra: Infra,
  problems: ImportProblem[],
): VmResult {
  const r = new RowReader(info.name, mapColumns('vInfo', info.headers), problems);
  const cpu = side(tables.get('vCPU'), 'vCPU', problems);
  const mem = side(tables.get('vMemory'), 'vMemory', problems);
  const disk = side(tables.get('vDisk'), 'vDisk', problems);
  const vms: VmSpec[] = [];
  let skipped = 0;
  for (const { row, cells } of info.rows) {
    const before = problems.length;
    const name = r.text(row, cells, 'vm', true);
    if (r.bool(row, cells, 'template') === true || r.bool(row, cells, 'srm') === true) {
      skipped++;
      continue;
    }
    const powerText = r.text(row, cells, 'power', true);
    const power = powerText === null ? null : normPower(powerText);
    if (powerText !== null && power === null)
      r.problem(row, 'power', `"${powerText}" is not poweredOn, poweredOff or suspended`);
    const vcpus = r.num(row, cells, 'cpus', { required: true, min: 1, max: LIMITS.vmVcpus, unit: 'vCPUs' });
    const memMiB = r.num(row, cells, 'memMiB', { required: true, min: 4, max: LIMITS.vmMemMiB, unit: 'MiB' });
    const provMiB = r.has('provisionedMiB')
      ? r.num(row, cells, 'provisionedMiB', { min: 0, max: LIMITS.vmDiskMiB, unit: 'MiB' })
      : mul(r.num(row, cells, 'provisionedGiB', { min: 0, max: LIMITS.vmDiskMiB / 1024, unit: 'GiB' }), 1024);
    const usedMiB = r.has('inUseMiB')
      ? r.num(row, cells, 'inUseMiB', { min: 0, max: LIMITS.vmDiskMiB, unit: 'MiB' })
      : mul(r.num(row, cells, 'inUseGiB', { min: 0, max: LIMITS.vmDiskMiB / 1024, unit: 'GiB' }), 1024);
    const hostName = r.text(row, cells, 'host', true);
    const host = hostName === null ? undefined : infra.hostByName.get(hostName);
    if (hostName !== null && !host)
      r.problem(row, 'host', `host "${hostName}" is not in the vHost sheet (or its row was not usable)`);
    if (host && vcpus !== null && vcpus > host.sockets * host.coresPerSocket)
      r.problem(
        row,
        'cpus',
        `${vcpus} vCPUs exceed the ${host.sockets * host.coresPerSocket} cores of host "${host.name}"`,
      );
    if (host && memMiB !== null && memMiB > host.memMiB)
      r.problem(row, 'memMiB', `${memMiB} MiB exceed the ${host.memMiB} MiB of host "${host.name}"`);
    if (
      problems.slice(before).some((p) => p.severity !== 'warning') ||
      name === null ||
      power === null ||
      vcpus === null ||
      memMiB === null ||
      !host
    )
      continue;
    const key = r.text(row, cells, 'uuid') ?? name;
    const cpuRow = cpu?.byKey.get(key)?.[0] ?? cpu?.byKey.get(name)?.[0];
    const memRow = mem?.byKey.get(key)?.[0] ?? mem?.byKey.get(name)?.[0];
    const extra = infra.hostExtra.get(host.id);
    const line = (s: Side | null, c: Cell[] | undefined) => (s && c ? (s.rowOf.get(c) ?? 0) : 0);
    const overall =
      cpu && cpuRow
        ? cpu.reader.num(line(cpu, cpuRow), cpuRow, 'overall', { min: 0, max: 1e7, unit: 'MHz' })
        : null;
    const active =
      mem && memRow
        ? mem.reader.num(line(mem, memRow), memRow, 'active', { min: 0, max: LIMITS.vmMemMiB, unit: 'MiB' })
        : null;
    const cpuPct =
      overall !== null
        ? (100 * overall) / (vcpus * host.coreMHz)
        : (r.num(row, cells, 'cpuUsagePct', { min: 0, max: 100 }) ?? extra?.cpuUsagePct ?? 20);
    const memPct =
      active !== null
        ? (100 * active) / memMiB
        : (r.num(row, cells, 'memUsagePct', { min: 0, max: 100 }) ?? extra?.memUsagePct ?? 40);
    const cpuRes =
      cpu && cpuRow ? cpu.reader.num(line(cpu, cpuRow), cpuRow, 'reservation', { min: 0, max: 1e7 }) : null;
    const memRes =
      mem && memRow
        ? mem.reader.num(line(mem, memRow), memRow, 'reservation', { min: 0, max: memMiB })
        : null;
    const disks = vmDisks(
      disk,
      key,
      name,
      host,
      infra,
      provMiB ?? 0,
      usedMiB ?? provMiB ?? 0,
      problems,
      info.name,
      row,
    );
    const os = r.text(row, cells, 'os') ?? r.text(row, cells, 'osTools');
    const v: VmSpec = {
      id: `vm-${vms.length + 1}`,
      name,
      hostId: host.id,
      vcpus: Math.round(vcpus),
      memMiB: Math.round(memMiB),
      disks,
      power,
      workload: seededWorkload(cpuPct, memPct),
      ...(os ? { guestOS: os } : {}),
      ...(cpuRes ? { cpu: { reservationMHz: Math.round(cpuRes) } } : {}),
      ...(memRes ? { mem: { reservationMiB: Math.round(memRes) } } : {}),
    };
    vms.push(v);
  }
  return { vms, skipped };
}

function normPower(s: string): VmSpec['power'] | null {
  const k = s.toLowerCase().replace(/[\s_-]/g, '');
  if (k === 'poweredon' || k === 'on') return 'poweredOn';
  if (k === 'poweredoff' || k === 'off') return 'poweredOff';
  if (k === 'suspended') return 'suspended';
  return null;
}

function reachable(ds: DatastoreSpec, host: HostSpec): boolean {
  return ds.hostId === host.id || ds.clusterId === host.clusterId;
}

/** Disks from vDisk rows (datastore from "[name] path"), else one disk of the provisioned size. */
function vmDisks(
  disk: Side | null,
  key: string,
  name: string,
  host: HostSpec,
  infra: Infra,
  provMiB: number,
  usedMiB: number,
  problems: ImportProblem[],
  sheet: string,
  row: number,
): DiskSpec[] {
  const fallbackDs = infra.datastores
    .filter((d) => reachable(d, host))
    .sort((a, b) => b.capacityGiB - a.capacityGiB)[0];
  const usedShare = provMiB > 0 ? Math.min(1, usedMiB / provMiB) : 0;
  const rows = disk?.byKey.get(key) ?? disk?.byKey.get(name) ?? [];
  const out: DiskSpec[] = [];
  for (const cells of rows) {
    const line = disk!.rowOf.get(cells) ?? 0;
    const cap = disk!.reader.num(line, cells, 'capacityMiB', {
      required: true,
      min: 0,
      max: LIMITS.vmDiskMiB,
      unit: 'MiB',
    });
    if (cap === null) continue;
    const path = disk!.reader.text(line, cells, 'path') ?? '';
    const dsName = /^\[([^\]]+)\]/.exec(path)?.[1];
    const named = dsName ? infra.datastoreByName.get(dsName) : undefined;
    const ds = named && reachable(named, host) ? named : fallbackDs;
    if (!ds) continue;
    const thin = disk!.reader.bool(line, cells, 'thin') ?? false;
    const sizeGiB = Math.max(1, Math.ceil(cap / 1024));
    out.push({
      datastoreId: ds.id,
      sizeGiB,
      thin,
      ...(thin ? { usedGiB: Math.round(sizeGiB * usedShare * 10) / 10 } : {}),
    });
  }
  if (out.length > 0 || provMiB <= 0) return out;
  if (!fallbackDs) {
    problems.push({
      severity: 'warning',
      sheet,
      row,
      column: 'Provisioned MiB',
      message: `no datastore reachable from host "${host.name}"; the VM is imported without disks`,
    });
    return out;
  }
  const sizeGiB = Math.max(1, Math.ceil(provMiB / 1024));
  const thin = usedMiB < provMiB * 0.95;
  return [
    {
      datastoreId: fallbackDs.id,
      sizeGiB,
      thin,
      ...(thin ? { usedGiB: Math.round((usedMiB / 1024) * 10) / 10 } : {}),
    },
  ];
}
