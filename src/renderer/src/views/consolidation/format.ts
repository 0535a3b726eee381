/** Formatting of consolidation results for the table and the CSV export (fractions shown as percent). */
import type { ConsolidationFinishedView } from '@shared/contract-consolidation';
import { toCsv } from '@shared/csv';

/** Simulated seconds as h:mm (86,400 → 24:00). */
export function dayClock(sec: number): string {
  const m = Math.floor(sec / 60);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

export const fixed = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');
/** Significant digits for the tiny SLAV / ESV values (CloudSim prints them with 5 decimals of percent). */
export const sig = (v: number, digits = 4): string =>
  v === 0 ? '0' : Number.isFinite(v) ? v.toPrecision(digits) : '—';

/** The comparison table's CSV: one row per finished run, metrics at full precision (percent columns in percent). */
export function resultsCsv(runs: readonly ConsolidationFinishedView[]): string {
  const header = [
    'policy',
    'param',
    'mode',
    'seed',
    'workload',
    'hosts',
    'vms',
    'energy_kwh',
    'migrations',
    'slatah_pct',
    'pdm_pct',
    'slav',
    'esv',
    'host_shutdowns',
    'vms_alive_at_end',
    'wall_seconds',
  ];
  const rows = runs.map((r) => [
    r.policyName,
    r.param,
    r.mode,
    r.seed,
    r.workloadDir,
    r.hosts,
    r.vms,
    r.result.energyKWh,
    r.result.migrations,
    r.result.slatah * 100,
    r.result.pdm * 100,
    r.result.slav,
    r.result.esv,
    r.result.hostShutdowns,
    r.result.vmsRunningAtEnd,
    r.result.wallSeconds,
  ]);
  return toCsv([header, ...rows]);
}
