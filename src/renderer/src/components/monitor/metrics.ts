/** Metric labels (translated when known, otherwise derived from the name) and default picks. */
import { humanizeKey } from '@renderer/components/pane/format';

type T = (k: string) => string;
type Te = (k: string) => boolean;

export function metricLabel(name: string, t: T, te: Te): string {
  const k = `metric.${name.replace(/\./g, '_')}`;
  return te(k) ? t(k) : humanizeKey(name);
}

const PREFERRED = [
  'cpu.usage.mhz',
  'cpu.usage.pct',
  'mem.consumed.mib',
  'mem.usage.mib',
  'cpu.usage.mcores',
  'power.w',
  'disk.used.gib',
  'disk.usage.pct',
  'disk.iops',
];

/** A resource pool: its CPU usage against its entitlement and demand, and its memory usage and entitlement. */
const POOL_PICKS = [
  'cpu.usage.mhz',
  'cpu.entitlement.mhz',
  'cpu.demand.mhz',
  'mem.usage.mib',
  'mem.entitlement.mib',
];

export function defaultMetrics(kind: string, names: string[]): string[] {
  if (kind === 'pool') return POOL_PICKS.filter((p) => names.includes(p));
  const picks = PREFERRED.filter((p) => names.includes(p));
  if (!picks.length) return names.slice(0, 2);
  const out = picks.slice(0, kind === 'datastore' ? 2 : 4);
  // CPU ready at host and cluster level (issue 12): shown by default, in the CPU % chart.
  if ((kind === 'host' || kind === 'cluster') && names.includes('cpu.ready.pct')) out.push('cpu.ready.pct');
  return out;
}
