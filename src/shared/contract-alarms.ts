/**
 * Alarm definitions (issue 12, "Events, tasks, alarms"): list, create or edit, delete. A definition
 * watches one metric of one object kind with warning and critical thresholds, a tolerance range and a
 * minimum duration (docs/model.md, "Alarms"). Edits apply to evaluations after the current simulated
 * time and are stored in the workspace; recorded alarms are never rewritten. Merged into ./contract.ts.
 */
import { z } from 'zod';
import { MetricEntityKindSchema } from './schemas/views';

/** Definition ids: lower-case letters, digits, dots, dashes and underscores (e.g. "host.cpu", "user.1"). */
export const AlarmDefinitionIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, ".", "-" or "_"');

const Threshold = z.number().finite().min(-1e9).max(1e9);

/**
 * What an alarm can do when a level triggers or clears (vCenter's alarm actions, in the simulator's
 * terms): `notify` records an `alarm.notify` event and pops up in the console; the others run the command
 * the console's own action would (a task with its events) on the alarm's object.
 */
export const ALARM_ACTION_TYPES = [
  'notify',
  'host.enterMaintenance',
  'host.exitMaintenance',
  'vm.migrate',
  'vm.powerOff',
  'vm.shutdown',
  'vm.suspend',
  'vm.reset',
  'container.restart',
] as const;
export type AlarmActionType = (typeof ALARM_ACTION_TYPES)[number];
/** Kinds alarm definitions watch (resource pools, a metric kind since issue 20, have no alarms yet). */
const AlarmKindSchema = MetricEntityKindSchema.exclude(['pool']);
type DefinitionKind = z.infer<typeof AlarmKindSchema>;
/** The object kinds each action applies to (notify: every kind). */
export function actionFitsKind(type: AlarmActionType, kind: DefinitionKind): boolean {
  if (type === 'notify') return true;
  return type.slice(0, type.indexOf('.')) === kind;
}
/** Longest repeat interval, minutes (a week). */
export const MAX_REPEAT_MIN = 7 * 24 * 60;
export const AlarmActionSchema = z
  .object({
    type: z.enum(ALARM_ACTION_TYPES),
    /** When it runs: a level triggers (warning, critical) or the alarm clears (back to normal). */
    on: z.enum(['warning', 'critical', 'clear']),
    /** Run again every so many simulated minutes while the level lasts (0 or absent: once). */
    repeatMin: z.number().int().min(0).max(MAX_REPEAT_MIN).optional(),
  })
  .strict()
  .refine((a) => a.on !== 'clear' || !a.repeatMin, {
    message: 'an action on clear runs once: it cannot repeat',
    path: ['repeatMin'],
  });
export type AlarmAction = z.infer<typeof AlarmActionSchema>;
/** Most actions one definition holds. */
export const MAX_ALARM_ACTIONS = 10;

export const AlarmDefinitionInputSchema = z
  .object({
    /** Absent: a new definition (the service gives it an id). */
    id: AlarmDefinitionIdSchema.optional(),
    label: z.string().trim().min(1).max(80),
    kind: AlarmKindSchema,
    metric: z.string().min(1).max(100),
    direction: z.enum(['above', 'below']),
    warning: Threshold,
    critical: Threshold,
    /** How far back past its threshold the value must go before an active level ends (metric units). */
    tolerance: z.number().finite().min(0).max(1e9),
    /** Seconds of simulated time a level's condition must hold without a break before it triggers. */
    durationSec: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400),
    enabled: z.boolean(),
    /** What to do when a level triggers or clears (absent: nothing, as before actions existed). */
    actions: z.array(AlarmActionSchema).max(MAX_ALARM_ACTIONS).optional(),
  })
  .strict()
  .refine((d) => (d.direction === 'above' ? d.critical > d.warning : d.critical < d.warning), {
    message:
      'critical must be beyond warning in the direction of the condition (above: higher; below: lower)',
    path: ['critical'],
  })
  .superRefine((d, ctx) => {
    (d.actions ?? []).forEach((a, i) => {
      if (!actionFitsKind(a.type, d.kind))
        ctx.addIssue({
          code: 'custom',
          message: `action "${a.type}" does not apply to a ${d.kind} alarm`,
          path: ['actions', i, 'type'],
        });
    });
  });
export type AlarmDefinitionInput = z.input<typeof AlarmDefinitionInputSchema>;

export const AlarmDefinitionSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: AlarmKindSchema,
  metric: z.string(),
  direction: z.enum(['above', 'below']),
  warning: z.number(),
  critical: z.number(),
  tolerance: z.number(),
  durationSec: z.number(),
  enabled: z.boolean(),
  /** The metric's unit (from the catalogue). */
  unit: z.string(),
  /** One of the built-in definitions: it can be edited and disabled, not deleted. */
  builtin: z.boolean(),
  actions: z.array(AlarmActionSchema),
});
export type AlarmDefinitionView = z.infer<typeof AlarmDefinitionSchema>;

export const alarmsContract = {
  /** The alarm definitions in effect (built-in ones first, then those the user made). */
  'alarms.definitions': { params: z.object({}).strict(), result: z.array(AlarmDefinitionSchema) },
  /** Creates (no id) or replaces a definition; applies from the next evaluation. Answers every definition. */
  'alarms.define': {
    params: z.object({ definition: AlarmDefinitionInputSchema }).strict(),
    result: z.array(AlarmDefinitionSchema),
  },
  /** Deletes a definition the user made (built-in ones can only be disabled); its active alarms clear. */
  'alarms.deleteDefinition': {
    params: z.object({ id: AlarmDefinitionIdSchema }).strict(),
    result: z.array(AlarmDefinitionSchema),
  },
} as const;
