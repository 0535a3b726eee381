/**
 * Zod schemas of storyline and lab files (versioned JSON, version 1). They mirror the pure models in
 * src/main/engine/storyline/types.ts and src/main/engine/labs/types.ts.
 */
import { z } from 'zod';
import { CommandSchema } from '../../../shared/schemas/commands';
import { ClusterSettingsPatchSchema, ScenarioSchema } from '../../../shared/schemas/scenario';
import { EntityKindSchema, MetricEntityKindSchema } from '../../../shared/schemas/views';

const Id = z.string().min(1).max(200);
const Seconds = z
  .number()
  .finite()
  .min(0)
  .max(10 * 365 * 86_400);

export const LocalTextSchema = z
  .object({ en: z.string().min(1).max(4000), 'zh-CN': z.string().min(1).max(4000).optional() })
  .strict();

export const ScenarioRefSchema = z.union([
  z.object({ builtin: z.string().min(1).max(100) }).strict(),
  z.object({ inline: ScenarioSchema }).strict(),
]);

const common = { at: Seconds, caption: LocalTextSchema.optional(), pause: z.boolean().optional() };

export const StoryEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('caption'), ...common }).strict(),
  z.object({ type: z.literal('command'), command: CommandSchema, ...common }).strict(),
  z
    .object({
      type: z.literal('loadSpike'),
      targetId: Id,
      factor: z.number().finite().min(0).max(100),
      durationSec: Seconds.optional(),
      ...common,
    })
    .strict(),
  z
    .object({
      type: z.literal('growthRamp'),
      targetId: Id,
      growthPctPerMonth: z.number().finite().min(-50).max(100),
      ...common,
    })
    .strict(),
  z
    .object({ type: z.literal('hostFailure'), hostId: Id, repairAfterSec: Seconds.optional(), ...common })
    .strict(),
  z
    .object({
      type: z.literal('datastoreFill'),
      datastoreId: Id,
      clusterId: Id,
      sizeGiB: z.number().int().min(1).max(1_000_000),
      name: z.string().min(1).max(80).optional(),
      ...common,
    })
    .strict(),
  z
    .object({ type: z.literal('maintenance'), hostId: Id, durationSec: Seconds.optional(), ...common })
    .strict(),
  z
    .object({
      type: z.literal('drs'),
      clusterId: Id,
      enabled: z.boolean(),
      automation: z.enum(['manual', 'partial', 'full']).optional(),
      threshold: z.number().int().min(1).max(5).optional(),
      ...common,
    })
    .strict(),
  z
    .object({ type: z.literal('policy'), clusterId: Id, settings: ClusterSettingsPatchSchema, ...common })
    .strict(),
]);

export const StorylineSchema = z
  .object({
    version: z.literal(1),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lowercase letters, digits and dashes'),
    title: LocalTextSchema,
    description: LocalTextSchema,
    scenario: ScenarioRefSchema,
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    tickSeconds: z.number().int().min(1).max(3600).optional(),
    durationSec: z
      .number()
      .finite()
      .min(1)
      .max(10 * 365 * 86_400),
    events: z.array(StoryEventSchema).max(10_000),
    focus: z
      .object({ entityIds: z.array(Id).max(20), metrics: z.array(z.string().min(1).max(100)).max(10) })
      .strict()
      .optional(),
  })
  .strict();

const Cmp = z.enum(['<', '<=', '>', '>=', '==']);
const checkCommon = {
  id: z.string().min(1).max(64),
  text: LocalTextSchema,
  mode: z.enum(['now', 'always', 'ever']).optional(),
  fromSec: Seconds.optional(),
  sustainSec: Seconds.optional(),
};
const EntityKind = EntityKindSchema;

export const CheckSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('metric'),
      entityKind: MetricEntityKindSchema,
      withinId: Id.optional(),
      metric: z.string().min(1).max(100),
      aggregate: z.enum(['max', 'min', 'avg', 'sum']),
      baseline: z.literal('start').optional(),
      op: Cmp,
      value: z.number().finite(),
      ...checkCommon,
    })
    .strict(),
  z
    .object({
      kind: z.literal('count'),
      entityKind: EntityKind,
      withinId: Id.optional(),
      states: z.array(z.string().min(1).max(40)).max(20).optional(),
      baseline: z.literal('start').optional(),
      op: Cmp,
      value: z.number().finite(),
      ...checkCommon,
    })
    .strict(),
  z
    .object({
      kind: z.literal('noCommand'),
      commandTypes: z.array(z.string().min(1).max(100)).min(1).max(30),
      ...checkCommon,
    })
    .strict(),
  z
    .object({
      kind: z.literal('events'),
      eventType: z.string().min(1).max(100),
      op: Cmp,
      value: z.number().finite(),
      ...checkCommon,
    })
    .strict(),
]);

export const LabSchema = z
  .object({
    version: z.literal(1),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lowercase letters, digits and dashes'),
    order: z.number().int().min(1).max(1000),
    level: z.enum(['beginner', 'intermediate', 'advanced']),
    title: LocalTextSchema,
    goal: LocalTextSchema,
    scenario: ScenarioRefSchema,
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    tickSeconds: z.number().int().min(1).max(3600).optional(),
    durationSec: z
      .number()
      .finite()
      .min(1)
      .max(365 * 86_400),
    drills: z.array(StoryEventSchema).max(1000),
    checks: z.array(CheckSchema).min(1).max(50),
    hints: z.array(LocalTextSchema).max(20),
  })
  .strict();

export const STORY_EVENT_TYPES = StoryEventSchema.options.map((o) => o.shape.type.value);
export const CHECK_KINDS = CheckSchema.options.map((o) => o.shape.kind.value);
