/** Client-side checks of an alarm definition draft (the service checks again and has the last word). */
import { MAX_REPEAT_MIN, actionFitsKind, type AlarmActionType } from '@shared/contract-alarms';

/** An action row of the editor (repeat may be empty while typed). */
export interface ActionDraft {
  type: AlarmActionType;
  on: 'warning' | 'critical' | 'clear';
  repeatMin: number | null;
}

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
  actions: ActionDraft[];
}

export type DefinitionProblem =
  'label' | 'metric' | 'thresholds' | 'order' | 'tolerance' | 'duration' | 'actionKind' | 'repeat';

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
  for (const a of d.actions) {
    if (!actionFitsKind(a.type, d.kind)) return 'actionKind';
    const r = a.repeatMin ?? 0;
    if (!Number.isInteger(r) || r < 0 || r > MAX_REPEAT_MIN || (a.on === 'clear' && r > 0)) return 'repeat';
  }
  return null;
}

/** The actions as the API takes them (a repeat of 0 or none is left out). */
export function actionsInput(actions: readonly ActionDraft[]) {
  return actions.map((a) => ({
    type: a.type,
    on: a.on,
    ...(a.repeatMin ? { repeatMin: a.repeatMin } : {}),
  }));
}
