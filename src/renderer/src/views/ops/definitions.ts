/** Client-side checks of an alarm definition draft (the service checks again and has the last word). */
export interface DefinitionDraft {
  id?: string;
  label: string;
  kind: 'host' | 'vm' | 'datastore' | 'cluster' | 'container';
  metric: string;
  direction: 'above' | 'below';
  warning: number | null;
  critical: number | null;
  tolerance: number | null;
  durationSec: number | null;
  enabled: boolean;
}

export type DefinitionProblem = 'label' | 'metric' | 'thresholds' | 'order' | 'tolerance' | 'duration';

/** The first problem of a draft (null: none): a name, a metric of the kind, thresholds in the right order. */
export function definitionProblem(d: DefinitionDraft, metrics: readonly string[]): DefinitionProblem | null {
  if (!d.label.trim()) return 'label';
  if (!metrics.includes(d.metric)) return 'metric';
  if (
    d.warning === null ||
    d.critical === null ||
    !Number.isFinite(d.warning) ||
    !Number.isFinite(d.critical)
  )
    return 'thresholds';
  if (d.direction === 'above' ? !(d.critical > d.warning) : !(d.critical < d.warning)) return 'order';
  if (d.tolerance === null || d.tolerance < 0) return 'tolerance';
  if (d.durationSec === null || d.durationSec < 0 || !Number.isInteger(d.durationSec)) return 'duration';
  return null;
}
