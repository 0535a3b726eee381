/**
 * What the capacity report leads with, and how its tables read:
 *  - the executive summary: one line per cluster, a traffic light per resource (time remaining with its
 *    interval), N+1 and the reclaimable capacity;
 *  - human units in every table (GiB/TiB, GHz, kW instead of raw MiB, MHz, W; ./units.ts) — the CSV
 *    exports keep the raw numbers.
 */
import type { EngineSnapshot } from '../../engine';
import type { CapResource } from '../../engine/capacity';
import type { Table, TableCell } from './tables';
import { fmtGiB, fmtMHz, fmtMiB, fmtUnit, type Unit } from './units';

export type Light = 'red' | 'amber' | 'green' | 'grey';

export interface SummaryCell {
  text: string;
  light?: Light;
}

export interface ForecastLike {
  clusterId: string;
  clusterName: string;
  resource: CapResource;
  usable: number;
  lastPeak: number;
  insufficientHistory: boolean;
  timeRemainingDays: number | null;
  /** The final method's first passage (docs/capacity.md): likely day and its 80 % interval. */
  likelyDays: number | null;
  earliestDays: number | null;
  latestDays: number | null;
  /** The refusal when history is too short: "needs N more days of history". */
  refusal: { moreDays: number } | null;
  peaks: readonly unknown[];
  projection: readonly { mean: number; upper: number; lower: number }[];
}

/** Time remaining as the planner reads it: likely day (median first passage) and its interval, earliest – latest. */
export interface Remaining {
  state: 'exceeded' | 'within' | 'beyond' | 'thin';
  /** Thin: days of history still needed (0 when the method could not fit for another reason). */
  moreDays: number;
  earliest: number | null;
  likely: number | null;
  latest: number | null;
  horizon: number;
  light: Light;
}

export function remaining(f: ForecastLike): Remaining {
  const horizon = f.projection.length;
  if (f.usable > 0 && f.lastPeak >= f.usable)
    return { state: 'exceeded', moreDays: 0, earliest: 0, likely: 0, latest: 0, horizon, light: 'red' };
  if (f.insufficientHistory)
    return {
      state: 'thin',
      moreDays: f.refusal?.moreDays ?? 0,
      earliest: null,
      likely: null,
      latest: null,
      horizon,
      light: 'grey',
    };
  // The same first passage as the Time remaining tab and `vdc capacity` (one implementation).
  const earliest = f.earliestDays;
  const likely = f.likelyDays;
  const latest = f.latestDays;
  const light: Light =
    earliest === null ? 'green' : earliest <= 30 ? 'red' : earliest <= 90 ? 'amber' : 'green';
  return {
    state: earliest === null ? 'beyond' : 'within',
    moreDays: 0,
    earliest,
    likely,
    latest,
    horizon,
    light,
  };
}

export interface SummaryText {
  remaining(r: Remaining): string;
  nPlus1(holds: boolean | null): string;
  reclaim(vcpus: number, mem: string, disk: string): string;
  nothingToReclaim: string;
}

export interface ExecutiveSummary {
  headers: string[];
  rows: SummaryCell[][];
}

/** One line per cluster: CPU, memory, disk lights with time remaining, N+1, reclaimable capacity. */
export function executiveSummary(
  snapshot: EngineSnapshot,
  forecasts: readonly ForecastLike[],
  failover: readonly { clusterId: string; nPlus1: boolean }[],
  rightsizeRows: readonly {
    id: string;
    reclaimVcpus: number;
    reclaimMemMiB: number;
    reclaimDiskGiB: number;
  }[],
  headers: string[],
  T: SummaryText,
): ExecutiveSummary {
  const hostCluster = new Map(snapshot.hosts.map((h) => [h.id, h.clusterId]));
  const vmCluster = new Map(snapshot.vms.map((v) => [v.id, hostCluster.get(v.hostId) ?? '']));
  const rows = snapshot.clusters.map((c) => {
    const cells: SummaryCell[] = [{ text: c.name }];
    for (const res of ['cpu', 'mem', 'disk'] as const) {
      const f = forecasts.find((x) => x.clusterId === c.id && x.resource === res);
      if (!f) cells.push({ text: '—', light: 'grey' });
      else {
        const r = remaining(f);
        cells.push({ text: T.remaining(r), light: r.light });
      }
    }
    const fo = failover.find((x) => x.clusterId === c.id);
    cells.push({ text: T.nPlus1(fo ? fo.nPlus1 : null), light: fo ? (fo.nPlus1 ? 'green' : 'red') : 'grey' });
    const mine = rightsizeRows.filter((r) => vmCluster.get(r.id) === c.id);
    const v = mine.reduce((a, r) => a + r.reclaimVcpus, 0);
    const m = mine.reduce((a, r) => a + r.reclaimMemMiB, 0);
    const d = mine.reduce((a, r) => a + r.reclaimDiskGiB, 0);
    cells.push({
      text: v === 0 && m === 0 && d === 0 ? T.nothingToReclaim : T.reclaim(v, fmtMiB(m), fmtGiB(d)),
    });
    return cells;
  });
  return { headers, rows };
}

/** Header (with its raw unit) → the header without it, and the unit its cells are in. */
const UNIT_COLUMNS: Record<string, [string, Unit]> = {
  'Memory MiB': ['Memory', 'MiB'],
  'vRAM MiB': ['vRAM', 'MiB'],
  'Disk GiB': ['Disk', 'GiB'],
  'Provisioned GiB': ['Provisioned', 'GiB'],
  'CPU demand MHz': ['CPU demand', 'MHz'],
  'CPU usable MHz': ['CPU usable', 'MHz'],
  'Memory demand MiB': ['Memory demand', 'MiB'],
  'Memory usable MiB': ['Memory usable', 'MiB'],
  'Disk used GiB': ['Disk used', 'GiB'],
  'Disk usable GiB': ['Disk usable', 'GiB'],
  'Ballooned MiB': ['Ballooned', 'MiB'],
  'Swapped MiB': ['Swapped', 'MiB'],
  'Unmet CPU MHz': ['Unmet CPU', 'MHz'],
  'Unmet memory MiB': ['Unmet memory', 'MiB'],
  'Recommended MiB': ['Recommended memory', 'MiB'],
  'CPU P95 MHz': ['CPU P95', 'MHz'],
  'Active memory P95 MiB': ['Active memory P95', 'MiB'],
  'Reclaim MiB': ['Reclaim memory', 'MiB'],
  'Reclaim disk GiB': ['Reclaim disk', 'GiB'],
  'Power now W': ['Power now', 'W'],
  'Power after W': ['Power after', 'W'],
  'Peak swapped MiB': ['Peak swapped', 'MiB'],
};

/** Forecast columns in the unit named by the row's "Unit" column (which is then dropped). */
const PER_ROW_UNIT = new Set(['Usable', 'Last daily peak', 'Trend per day', 'Capacity remaining']);

/**
 * `v` in `unit`; a zero takes the prefix `ref` would have ("0 GHz" beside "77.2 GHz", not "0 MHz"), and is a
 * bare "0" when its neighbours are all zero too (as the charts' axes write it).
 */
function fmtBeside(v: number, unit: Unit, ref: number): string {
  if (v !== 0) return fmtUnit(v, unit);
  return ref === 0 ? '0' : fmtUnit(ref, unit).replace(/^\S+/, '0');
}

const largest = (cells: readonly TableCell[]): number =>
  cells.reduce<number>((m, c) => (typeof c === 'number' && Math.abs(c) > m ? Math.abs(c) : m), 0);

/** The table with human units: cells formatted, units out of the headers. */
export function humanize(t: Table): Table {
  const unitCol = t.headers.indexOf('Unit');
  const keep = t.headers.map((_, i) => i !== unitCol);
  const headers = t.headers.map((h) => UNIT_COLUMNS[h]?.[0] ?? h).filter((_, i) => keep[i]);
  // A zero is written with the prefix of its neighbours: its column's largest value (fixed units) or its
  // row's largest forecast value (a unit per row).
  const columnRef = t.headers.map((_, i) => largest(t.rows.map((r) => r[i] ?? null)));
  const rows = t.rows.map((r) =>
    r
      .map((c, i): TableCell => {
        const h = t.headers[i]!;
        if (typeof c !== 'number') return c;
        const fixed = UNIT_COLUMNS[h];
        if (fixed) return fmtBeside(c, fixed[1], columnRef[i]!);
        if (unitCol >= 0 && PER_ROW_UNIT.has(h)) {
          const u = r[unitCol] as Unit;
          const s = fmtBeside(c, u, largest(r.filter((_, j) => PER_ROW_UNIT.has(t.headers[j]!))));
          return h === 'Trend per day' ? `${c > 0 ? '+' : ''}${s}` : s;
        }
        return c;
      })
      .filter((_, i) => keep[i]),
  );
  return { headers, rows };
}

export { fmtMHz };
