/** The capacity answers as CSV tables (for the console's download buttons, the report and the CLI). */
import { toCsv } from '../../../shared/csv';
import { refusalShort, type HistoryBasis, type HistoryRefusal } from '../../engine/capacity';

/** A report table's cell: text, a number, or null (shown as a dash). */
export type TableCell = string | number | null;

const r1 = (x: number | null | undefined): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10) / 10;

export interface Table {
  headers: string[];
  rows: TableCell[][];
}

export const csvOf = (t: Table) => toCsv([t.headers, ...t.rows]);

type Res = {
  physical?: number;
  configured?: number;
  ratio?: number;
  usable: number;
  remaining: number;
  usedPct: number | null;
  capacity: number;
  demand?: number;
};

export function allocationTable(
  rows: { scope: string; name: string; cpu: Res; mem: Res; disk: Res; binding: string }[],
): Table {
  return {
    headers: [
      'Scope',
      'Name',
      'Cores',
      'vCPUs',
      'vCPU:core',
      'vCPU usable',
      'vCPU used %',
      'Memory MiB',
      'vRAM MiB',
      'vRAM:RAM',
      'vRAM used %',
      'Disk GiB',
      'Provisioned GiB',
      'Disk used %',
      'Binding',
    ],
    rows: rows.map((r) => [
      r.scope,
      r.name,
      r.cpu.physical ?? 0,
      r.cpu.configured ?? 0,
      r1(r.cpu.ratio),
      r1(r.cpu.usable),
      r1(r.cpu.usedPct),
      r.mem.physical ?? 0,
      r.mem.configured ?? 0,
      r1(r.mem.ratio),
      r1(r.mem.usedPct),
      r1(r.disk.physical),
      r1(r.disk.configured),
      r1(r.disk.usedPct),
      r.binding,
    ]),
  };
}

export function demandTable(
  rows: {
    scope: string;
    name: string;
    cpuMHz: Res;
    memMiB: Res;
    diskGiB: Res;
    readyPct: number;
    balloonedMiB: number;
    swappedMiB: number;
  }[],
): Table {
  return {
    headers: [
      'Scope',
      'Name',
      'CPU demand MHz',
      'CPU usable MHz',
      'CPU used %',
      'Memory demand MiB',
      'Memory usable MiB',
      'Memory used %',
      'Disk used GiB',
      'Disk usable GiB',
      'Ready %',
      'Ballooned MiB',
      'Swapped MiB',
    ],
    rows: rows.map((r) => [
      r.scope,
      r.name,
      r1(r.cpuMHz.demand),
      r1(r.cpuMHz.usable),
      r1(r.cpuMHz.usedPct),
      r1(r.memMiB.demand),
      r1(r.memMiB.usable),
      r1(r.memMiB.usedPct),
      r1(r.diskGiB.demand),
      r1(r.diskGiB.usable),
      r1(r.readyPct),
      r1(r.balloonedMiB),
      r1(r.swappedMiB),
    ]),
  };
}

export function headroomTable(
  rows: {
    clusterName: string;
    profileName: string;
    byAllocation: { count: number; binding: string };
    byDemand: { count: number; binding: string };
  }[],
): Table {
  return {
    headers: [
      'Cluster',
      'Profile',
      'More VMs by allocation',
      'Binding (allocation)',
      'More VMs by demand',
      'Binding (demand)',
    ],
    rows: rows.map((r) => [
      r.clusterName,
      r.profileName,
      r.byAllocation.count,
      r.byAllocation.binding,
      r.byDemand.count,
      r.byDemand.binding,
    ]),
  };
}

type ForecastTableRow = {
  clusterName: string;
  resource: string;
  unit: string;
  usable: number;
  lastPeak: number;
  slopePerDay: number | null;
  timeRemainingDays: number | null;
  likelyDays: number | null;
  earliestDays: number | null;
  latestDays: number | null;
  capacityRemaining: number | null;
  capacityRemainingPct: number | null;
  history: HistoryBasis;
  refusal: HistoryRefusal | null;
  capacityRefusal: HistoryRefusal | null;
  exceededSince: string | null;
};

/** Time remaining in words: "exceeded since <date>", the refusal, "> horizon" or the days. */
export function timeRemainingText(
  r: Pick<ForecastTableRow, 'timeRemainingDays' | 'refusal' | 'exceededSince'>,
): string | number {
  if (r.exceededSince !== null) return `exceeded since ${r.exceededSince.slice(0, 16).replace('T', ' ')}`;
  if (r.refusal) return refusalShort(r.refusal);
  return r.timeRemainingDays === null ? '> horizon' : r.timeRemainingDays;
}

export function forecastTable(rows: ForecastTableRow[]): Table {
  return {
    headers: [
      'Cluster',
      'Resource',
      'Unit',
      'Usable',
      'Last daily peak',
      'Trend per day',
      'Time remaining (days)',
      'Likely (days)',
      '80 % interval (days)',
      'Capacity remaining',
      'Capacity remaining %',
      'History days',
      'History points',
      'Resolution s',
    ],
    rows: rows.map((r) => [
      r.clusterName,
      r.resource,
      r.unit,
      r1(r.usable),
      r1(r.lastPeak),
      r1(r.slopePerDay),
      timeRemainingText(r),
      r.exceededSince !== null || r.refusal ? '' : (r.likelyDays ?? '> horizon'),
      r.exceededSince !== null || r.refusal || r.earliestDays === null
        ? ''
        : r.latestDays === null
          ? `≥ ${r.earliestDays}`
          : `${r.earliestDays}–${r.latestDays}`,
      r.capacityRefusal ? refusalShort(r.capacityRefusal) : r1(r.capacityRemaining),
      r1(r.capacityRemainingPct),
      Math.round(r.history.spanDays * 100) / 100,
      r.history.points,
      r.history.resolutionSec,
    ]),
  };
}

type FailCase = {
  failedHostNames: string[];
  restarted: number;
  notRestarted: unknown[];
  unmetCpuMHz: number;
  unmetMemMiB: number;
  peakCpuPct: number;
  peakMemPct: number;
};

export function failoverTable(
  clusters: { clusterName: string; method: string; single: FailCase[]; worstPair: FailCase | null }[],
): Table {
  const rows: TableCell[][] = [];
  for (const c of clusters) {
    for (const s of [...c.single, ...(c.worstPair ? [c.worstPair] : [])]) {
      rows.push([
        c.clusterName,
        c.method,
        s.failedHostNames.join(' + '),
        s.restarted,
        s.notRestarted.length,
        r1(s.unmetCpuMHz),
        r1(s.unmetMemMiB),
        r1(s.peakCpuPct),
        r1(s.peakMemPct),
      ]);
    }
  }
  return {
    headers: [
      'Cluster',
      'Method',
      'Failed host(s)',
      'VMs restarted',
      'VMs not restarted',
      'Unmet CPU MHz',
      'Unmet memory MiB',
      'Peak host CPU %',
      'Peak host memory %',
    ],
    rows,
  };
}

export function rightsizeTable(
  rows: {
    name: string;
    verdict: string;
    vcpus: number;
    recommendedVcpus: number;
    memMiB: number;
    recommendedMemMiB: number;
    cpuPctlMHz: number | null;
    memPctlMiB: number | null;
    reclaimVcpus: number;
    reclaimMemMiB: number;
    reclaimDiskGiB: number;
  }[],
): Table {
  return {
    headers: [
      'VM',
      'Verdict',
      'vCPUs',
      'Recommended vCPUs',
      'Memory MiB',
      'Recommended MiB',
      'CPU P95 MHz',
      'Active memory P95 MiB',
      'Reclaim vCPUs',
      'Reclaim MiB',
      'Reclaim disk GiB',
    ],
    rows: rows.map((r) => [
      r.name,
      r.verdict,
      r.vcpus,
      r.recommendedVcpus,
      r.memMiB,
      r.recommendedMemMiB,
      r1(r.cpuPctlMHz),
      r1(r.memPctlMiB),
      r.reclaimVcpus,
      r.reclaimMemMiB,
      r1(r.reclaimDiskGiB),
    ]),
  };
}

export function consolidationTable(
  rows: {
    clusterName: string;
    policyName: string;
    hostsNow: number;
    hostsNeeded: number;
    unplaceable: number;
    powerNowW: number;
    powerAfterW: number;
    energySavedKWhPerDay: number;
  }[],
): Table {
  return {
    headers: [
      'Cluster',
      'Policy',
      'Hosts now',
      'Hosts needed',
      'VMs that fit nowhere',
      'Power now W',
      'Power after W',
      'Energy saved kWh/day',
    ],
    rows: rows.map((r) => [
      r.clusterName,
      r.policyName,
      r.hostsNow,
      r.hostsNeeded,
      r.unplaceable,
      r1(r.powerNowW),
      r1(r.powerAfterW),
      r1(r.energySavedKWhPerDay),
    ]),
  };
}

/** Capacity per resource pool (tenant quotas): one row per cluster root and per pool (engine/pools/quota.ts). */
export function poolsTable(
  rows: {
    path: string;
    kind: string;
    vms: number;
    runningVms: number;
    vcpus: number;
    memConfiguredMiB: number;
    cpu: PoolQuotaRes;
    mem: PoolQuotaRes;
  }[],
): Table {
  return {
    headers: [
      'Pool',
      'Kind',
      'VMs',
      'Running',
      'vCPUs',
      'vRAM MiB',
      'CPU reservation MHz',
      'CPU reserved MHz',
      'CPU unreserved MHz',
      'CPU limit MHz',
      'CPU entitlement MHz',
      'CPU usage MHz',
      'CPU limit used %',
      'Mem reservation MiB',
      'Mem reserved MiB',
      'Mem unreserved MiB',
      'Mem limit MiB',
      'Mem entitlement MiB',
      'Mem usage MiB',
      'Mem limit used %',
    ],
    rows: rows.map((r) => [
      r.path,
      r.kind,
      r.vms,
      r.runningVms,
      r.vcpus,
      r.memConfiguredMiB,
      ...[r.cpu, r.mem].flatMap((q) => [
        r1(q.reservation),
        r1(q.reservationUsed),
        r1(q.unreserved),
        q.limit,
        r1(q.entitlement),
        r1(q.usage),
        r1(q.limitUsedPct),
      ]),
    ]),
  };
}

interface PoolQuotaRes {
  reservation: number;
  limit: number | null;
  reservationUsed: number;
  unreserved: number;
  entitlement: number;
  usage: number;
  limitUsedPct: number | null;
}
