/**
 * Alarm definitions the user edits (issue 12): stored in the workspace's meta `alarmDefinitions` as
 * versions `{ time, rules }` — each applies to evaluations after its simulated time — so a reopened
 * workspace replays the ticks after its checkpoint with the definitions each tick was evaluated with.
 * A file without the key (every file written before) evaluates the built-in definitions. Recorded
 * alarms are never rewritten: an edit changes what is evaluated from now on only.
 */
import { z } from 'zod';
import {
  ALARM_ACTION_TYPES,
  MAX_ALARM_ACTIONS,
  MAX_REPEAT_MIN,
  actionFitsKind,
  type AlarmDefinitionInput,
  type AlarmDefinitionView,
} from '../../shared/contract-alarms';
import { apiErr, apiOk, describeZodError, type ApiResult } from '../../shared/errors';
import { METRIC_ENTITY_KINDS } from '../../shared/schemas/views';
import type { MetricCatalog } from '../engine/api';
import type { Workspace } from '../store';
import type { AlarmEvaluator, AlarmRule, AlarmRuleVersion } from './alarms';
import { fromStore } from './errors';

const RuleSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(METRIC_ENTITY_KINDS),
  metric: z.string().min(1),
  warning: z.number().finite(),
  error: z.number().finite(),
  triggerSec: z.number().int().min(0),
  tolerance: z.number().finite().min(0),
  label: z.string(),
  direction: z.enum(['above', 'below']).optional(),
  enabled: z.boolean().optional(),
  unit: z.string().optional(),
  // Alarm actions (issue 12): absent in files written before them, which keep opening unchanged.
  actions: z
    .array(
      z.object({
        type: z.enum(ALARM_ACTION_TYPES),
        on: z.enum(['warning', 'critical', 'clear']),
        repeatMin: z.number().int().min(0).max(MAX_REPEAT_MIN).optional(),
      }),
    )
    .max(MAX_ALARM_ACTIONS)
    .optional(),
});
const StoredSchema = z.object({
  v: z.literal(1),
  versions: z
    .array(z.object({ time: z.number().finite().min(0), rules: z.array(RuleSchema).max(500) }))
    .max(10_000),
});
type Stored = z.infer<typeof StoredSchema>;

/** Most definitions one workspace may hold. */
export const MAX_DEFINITIONS = 200;

/**
 * The stored versions of a workspace, or null when it has none (the built-in ones apply). Stored
 * definitions this version cannot read are an error naming the file and the field: never replaced by
 * the defaults, and the file is not rewritten (the user's definitions stay as they are).
 */
export function readVersions(ws: Workspace): ApiResult<AlarmRuleVersion[] | null> {
  const raw = fromStore(ws.alarmDefinitions());
  if (!raw.ok) return raw;
  if (raw.value === null) return apiOk(null);
  const p = StoredSchema.safeParse(raw.value);
  if (!p.success)
    return apiErr(
      'WORKSPACE_ERROR',
      `${ws.path}: the stored alarm definitions (meta "alarmDefinitions") cannot be read: ${describeZodError(p.error)}. The file was left as it is.`,
      { path: ws.path, field: 'alarmDefinitions' },
    );
  return apiOk(p.data.versions as AlarmRuleVersion[]);
}

/** Loads a workspace's stored definitions into its evaluator (before any replay); an error when they cannot be read. */
export function loadDefinitions(evaluator: AlarmEvaluator, ws: Workspace | null): ApiResult<null> {
  if (!ws) return apiOk(null);
  const v = readVersions(ws);
  if (!v.ok) return v;
  if (v.value) evaluator.setVersions(v.value);
  return apiOk(null);
}

export function toView(
  r: AlarmRule,
  builtinIds: Set<string>,
  unitOf: (kind: string, metric: string) => string,
) {
  return {
    id: r.id,
    label: r.label,
    kind: r.kind as AlarmDefinitionView['kind'],
    metric: r.metric,
    direction: r.direction ?? 'above',
    warning: r.warning,
    critical: r.error,
    tolerance: r.tolerance,
    durationSec: r.triggerSec,
    enabled: r.enabled !== false,
    unit: r.unit ?? unitOf(r.kind, r.metric),
    builtin: builtinIds.has(r.id),
    actions: (r.actions ?? []).map((a) => ({ ...a })),
  } satisfies AlarmDefinitionView;
}

function unitLookup(catalog: MetricCatalog) {
  return (kind: string, metric: string): string =>
    catalog[kind as keyof MetricCatalog]?.find((d) => d.name === metric)?.unit ?? '';
}

/** The definitions in effect now, for the API. */
export function definitionViews(evaluator: AlarmEvaluator, catalog: MetricCatalog): AlarmDefinitionView[] {
  const builtin = new Set(evaluator.builtin.map((r) => r.id));
  const unitOf = unitLookup(catalog);
  return evaluator.rulesAt(Infinity).map((r) => toView(r, builtin, unitOf));
}

/** What is wrong with a definition against the engine's metric catalogue (empty: nothing). */
export function definitionProblems(d: AlarmDefinitionInput, catalog: MetricCatalog): string[] {
  const problems: string[] = [];
  const defs = catalog[d.kind as keyof MetricCatalog] ?? [];
  if (!defs.some((m) => m.name === d.metric))
    problems.push(
      `definition.metric: "${d.metric}" is not a ${d.kind} metric (known: ${defs.map((m) => m.name).join(', ')})`,
    );
  (d.actions ?? []).forEach((a, i) => {
    if (!actionFitsKind(a.type, d.kind))
      problems.push(`definition.actions[${i}].type: "${a.type}" does not apply to a ${d.kind} alarm`);
    if (a.on === 'clear' && a.repeatMin)
      problems.push(`definition.actions[${i}].repeatMin: an action on clear runs once`);
  });
  if (d.direction === 'above' ? !(d.critical > d.warning) : !(d.critical < d.warning))
    problems.push(
      `definition.critical: ${d.critical} must be ${d.direction === 'above' ? 'above' : 'below'} warning (${d.warning}) for an "is ${d.direction}" condition`,
    );
  return problems;
}

/** Stores new definitions (applying after `time`) in the workspace, then in the evaluator. */
function commit(
  evaluator: AlarmEvaluator,
  ws: Workspace | null,
  time: number,
  rules: AlarmRule[],
): ApiResult<null> {
  const next = evaluator.rulesAt(Infinity) === rules ? null : rules;
  if (!next) return apiOk(null);
  const stored = ws ? readVersions(ws) : apiOk(null);
  // Definitions that cannot be read are never overwritten (they would be lost).
  if (!stored.ok) return stored;
  const versions = [...(stored.value ?? []).filter((v) => v.time < time), { time, rules: next }];
  if (ws) {
    const value: Stored = { v: 1, versions: versions as Stored['versions'] };
    const w = fromStore(ws.setAlarmDefinitions(value));
    if (!w.ok) return w;
  }
  evaluator.addVersion(time, next);
  return apiOk(null);
}

/** Creates or replaces a definition; answers every definition in effect. */
export function defineAlarm(
  evaluator: AlarmEvaluator,
  ws: Workspace | null,
  catalog: MetricCatalog,
  time: number,
  d: AlarmDefinitionInput,
): ApiResult<AlarmDefinitionView[]> {
  const problems = definitionProblems(d, catalog);
  if (problems.length) return apiErr('INVALID_ARGUMENT', `Invalid alarm definition: ${problems.join('; ')}`);
  const current = evaluator.rulesAt(Infinity);
  let id = d.id;
  if (id === undefined) {
    if (current.length >= MAX_DEFINITIONS)
      return apiErr('INVALID_ARGUMENT', `A workspace holds at most ${MAX_DEFINITIONS} alarm definitions.`);
    let n = 1;
    while (current.some((r) => r.id === `user.${n}`)) n++;
    id = `user.${n}`;
  } else if (!current.some((r) => r.id === id)) {
    return apiErr('NOT_FOUND', `There is no alarm definition "${id}" (leave out the id to create one).`);
  }
  const rule: AlarmRule = {
    id,
    kind: d.kind,
    metric: d.metric,
    warning: d.warning,
    error: d.critical,
    triggerSec: d.durationSec,
    tolerance: d.tolerance,
    label: d.label.trim(),
    direction: d.direction,
    enabled: d.enabled,
    unit: unitLookup(catalog)(d.kind, d.metric),
  };
  // Absent actions keep the ones the definition has (clients that predate actions send none).
  const actions = d.actions ?? current.find((r) => r.id === id)?.actions;
  if (actions?.length) rule.actions = actions.map((a) => ({ ...a }));
  const rules = current.some((r) => r.id === id)
    ? current.map((r) => (r.id === id ? rule : r))
    : [...current, rule];
  const c = commit(evaluator, ws, time, rules);
  return c.ok ? apiOk(definitionViews(evaluator, catalog)) : c;
}

/** Deletes a definition the user made; its active alarms clear at the next evaluation. */
export function deleteAlarm(
  evaluator: AlarmEvaluator,
  ws: Workspace | null,
  catalog: MetricCatalog,
  time: number,
  id: string,
): ApiResult<AlarmDefinitionView[]> {
  if (evaluator.builtin.some((r) => r.id === id))
    return apiErr(
      'INVALID_ARGUMENT',
      `"${id}" is a built-in alarm definition: disable it instead of deleting it.`,
    );
  const current = evaluator.rulesAt(Infinity);
  if (!current.some((r) => r.id === id)) return apiErr('NOT_FOUND', `There is no alarm definition "${id}".`);
  const c = commit(
    evaluator,
    ws,
    time,
    current.filter((r) => r.id !== id),
  );
  return c.ok ? apiOk(definitionViews(evaluator, catalog)) : c;
}
