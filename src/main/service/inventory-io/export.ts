/**
 * Export of an inventory (scenario-shaped) back to RVTools sheets with the current column names
 * (MiB spelling), as one .xlsx or per-sheet CSV files. Text cells that a spreadsheet would take as a
 * formula (= + - @, tab, CR: OWASP "CSV injection") are neutralised with a leading apostrophe; the
 * import removes that apostrophe again, so names survive a round trip.
 */
import ExcelJS from 'exceljs';
import { neutraliseFormula, toCsv } from '../../../shared/csv';
import type { Scenario, VmSpec } from '../../engine';

export type OutCell = string | number | boolean | null;
export interface OutSheet {
  name: string;
  headers: string[];
  rows: OutCell[][];
}

export function neutralise(v: OutCell): OutCell {
  return neutraliseFormula(v);
}

/** Observed values for the vCPU / vMemory sheets and host usage; the workload's daily mean when absent. */
export interface Observed {
  vmCpuMHz?: Map<string, number>;
  vmMemActiveMiB?: Map<string, number>;
  hostCpuPct?: Map<string, number>;
  hostMemPct?: Map<string, number>;
}

const mib = (gib: number) => Math.round(gib * 1024);

function meanCpuPct(v: VmSpec): number {
  return (v.workload.cpuBasePct + v.workload.cpuPeakPct) / 2;
}

export function inventorySheets(s: Scenario, obs: Observed = {}): OutSheet[] {
  const dc = new Map(s.datacenters.map((d) => [d.id, d]));
  const cl = new Map(s.clusters.map((c) => [c.id, c]));
  const hosts = new Map(s.hosts.map((h) => [h.id, h]));
  const dsById = new Map(s.datastores.map((d) => [d.id, d]));
  const clusterName = (id: string) => cl.get(id)?.name ?? '';
  const dcName = (clusterId: string) => dc.get(cl.get(clusterId)?.datacenterId ?? '')?.name ?? '';
  const vmCpuMHz = (v: VmSpec) =>
    obs.vmCpuMHz?.get(v.id) ?? (meanCpuPct(v) / 100) * v.vcpus * (hosts.get(v.hostId)?.coreMHz ?? 0);
  const vmActive = (v: VmSpec) => obs.vmMemActiveMiB?.get(v.id) ?? (v.workload.memActivePct / 100) * v.memMiB;
  const prov = (v: VmSpec) => v.disks.reduce((a, d) => a + d.sizeGiB, 0);
  const used = (v: VmSpec) =>
    v.disks.reduce((a, d) => a + (d.thin ? (d.usedGiB ?? d.sizeGiB * 0.3) : d.sizeGiB), 0);
  const vInfo: OutSheet = {
    name: 'vInfo',
    headers: [
      'VM',
      'Powerstate',
      'Template',
      'SRM Placeholder',
      'CPUs',
      'Memory',
      'NICs',
      'Disks',
      'Total disk capacity MiB',
      'Provisioned MiB',
      'In Use MiB',
      'Datacenter',
      'Cluster',
      'Host',
      'OS according to the configuration file',
      'VM ID',
    ],
    rows: s.vms.map((v) => {
      const h = hosts.get(v.hostId);
      return [
        v.name,
        v.power ?? 'poweredOn',
        false,
        false,
        v.vcpus,
        v.memMiB,
        v.networkId ? 1 : 0,
        v.disks.length,
        mib(prov(v)),
        mib(prov(v)),
        mib(used(v)),
        h ? dcName(h.clusterId) : '',
        h ? clusterName(h.clusterId) : '',
        h?.name ?? '',
        v.guestOS ?? '',
        v.id,
      ];
    }),
  };
  const vmsOnHost = (id: string) =>
    s.vms.filter((v) => v.hostId === id && (v.power ?? 'poweredOn') === 'poweredOn');
  const vHost: OutSheet = {
    name: 'vHost',
    headers: [
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
      '# VMs',
      '# vCPUs',
      'vRAM',
      'Vendor',
    ],
    rows: s.hosts.map((h) => {
      const on = vmsOnHost(h.id);
      const cores = h.sockets * h.coresPerSocket;
      const cpuPct =
        obs.hostCpuPct?.get(h.id) ??
        Math.min(100, (100 * on.reduce((a, v) => a + vmCpuMHz(v), 0)) / (cores * h.coreMHz));
      const memPct =
        obs.hostMemPct?.get(h.id) ??
        Math.min(100, (100 * on.reduce((a, v) => a + vmActive(v), 0)) / h.memMiB);
      return [
        h.name,
        dcName(h.clusterId),
        clusterName(h.clusterId),
        h.state === 'maintenance',
        h.cpuModel,
        h.coreMHz,
        h.sockets,
        h.coresPerSocket,
        cores,
        round1(cpuPct),
        h.memMiB,
        round1(memPct),
        on.length,
        on.reduce((a, v) => a + v.vcpus, 0),
        on.reduce((a, v) => a + v.memMiB, 0),
        h.cpuVendor === 'amd' ? 'AMD' : 'Intel',
      ];
    }),
  };
  const vCluster: OutSheet = {
    name: 'vCluster',
    headers: [
      'Name',
      'Datacenter',
      'NumHosts',
      'TotalCpu',
      'NumCpuCores',
      'TotalMemory',
      'HA enabled',
      'Failover Level',
      'AdmissionControlEnabled',
      'DRS enabled',
      'DPM enabled',
    ],
    rows: s.clusters.map((c) => {
      const hs = s.hosts.filter((h) => h.clusterId === c.id);
      const ha = c.settings?.ha;
      const admission = (ha?.enabled ?? true) && (ha?.admission ?? 'percentage') !== 'disabled';
      const level =
        hs.length > 0 ? Math.max(1, Math.round(((ha?.cpuReservePct ?? 25) / 100) * hs.length)) : 1;
      return [
        c.name,
        dc.get(c.datacenterId)?.name ?? '',
        hs.length,
        hs.reduce((a, h) => a + h.sockets * h.coresPerSocket * h.coreMHz, 0),
        hs.reduce((a, h) => a + h.sockets * h.coresPerSocket, 0),
        hs.reduce((a, h) => a + h.memMiB * 1024 * 1024, 0),
        ha?.enabled ?? true,
        level,
        admission,
        c.settings?.drs?.enabled ?? true,
        c.settings?.dpm?.enabled ?? false,
      ];
    }),
  };
  const vDatastore: OutSheet = {
    name: 'vDatastore',
    headers: [
      'Name',
      'Type',
      'Capacity MiB',
      'Provisioned MiB',
      'In Use MiB',
      'Free MiB',
      'Free %',
      '# Hosts',
      'Hosts',
      'Cluster name',
    ],
    rows: s.datastores.map((d) => {
      const disks = s.vms.flatMap((v) => v.disks).filter((k) => k.datastoreId === d.id);
      const p = disks.reduce((a, k) => a + k.sizeGiB, 0);
      const u = disks.reduce((a, k) => a + (k.thin ? (k.usedGiB ?? k.sizeGiB * 0.3) : k.sizeGiB), 0);
      const hs = s.hosts.filter((h) => (d.clusterId ? h.clusterId === d.clusterId : h.id === d.hostId));
      const free = Math.max(0, d.capacityGiB - u);
      return [
        d.name,
        d.clusterId ? 'VMFS' : 'VMFS (local)',
        mib(d.capacityGiB),
        mib(p),
        mib(u),
        mib(free),
        round1((100 * free) / d.capacityGiB),
        hs.length,
        hs.map((h) => h.name).join(', '),
        d.clusterId ? clusterName(d.clusterId) : '',
      ];
    }),
  };
  const vCPU: OutSheet = {
    name: 'vCPU',
    headers: ['VM', 'CPUs', 'Sockets', 'Cores p/s', 'Overall', 'Level', 'Reservation', 'Limit', 'VM ID'],
    rows: s.vms.map((v) => [
      v.name,
      v.vcpus,
      v.vcpus,
      1,
      Math.round(vmCpuMHz(v)),
      typeof v.cpu?.shares === 'string' ? v.cpu.shares : 'normal',
      v.cpu?.reservationMHz ?? 0,
      v.cpu?.limitMHz ?? -1,
      v.id,
    ]),
  };
  const vMemory: OutSheet = {
    name: 'vMemory',
    headers: ['VM', 'Size MiB', 'Active', 'Level', 'Reservation', 'Limit', 'VM ID'],
    rows: s.vms.map((v) => [
      v.name,
      v.memMiB,
      Math.round(vmActive(v)),
      typeof v.mem?.shares === 'string' ? v.mem.shares : 'normal',
      v.mem?.reservationMiB ?? 0,
      v.mem?.limitMiB ?? -1,
      v.id,
    ]),
  };
  const vDisk: OutSheet = {
    name: 'vDisk',
    headers: ['VM', 'Disk', 'Capacity MiB', 'Thin', 'Disk Path', 'VM ID'],
    rows: s.vms.flatMap((v) =>
      v.disks.map((d, i) => [
        v.name,
        `Hard disk ${i + 1}`,
        mib(d.sizeGiB),
        d.thin,
        `[${dsById.get(d.datastoreId)?.name ?? d.datastoreId}] ${v.name}/${v.name}${i ? `_${i}` : ''}.vmdk`,
        v.id,
      ]),
    ),
  };
  return [vInfo, vCPU, vMemory, vDisk, vHost, vCluster, vDatastore];
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

export async function toXlsx(sheets: OutSheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'VDC Studio';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.headers);
    for (const r of s.rows) ws.addRow(r.map(neutralise));
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/** Per-sheet CSV files named like RVTools' own CSV export (RVTools_tabvInfo.csv). */
export function toCsvFiles(sheets: OutSheet[]): { name: string; text: string }[] {
  return sheets.map((s) => ({
    name: `RVTools_tab${s.name}.csv`,
    text: toCsv([s.headers, ...s.rows]),
  }));
}
