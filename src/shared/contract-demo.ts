/** Demo and training methods of the API contract (storylines, labs, recordings; merged into ./contract.ts). */
import { z } from 'zod';
import { WorkspaceInfoSchema } from './schemas/views';
import { DownloadRefSchema, FileTargetParams, oneFileTarget, oneFileTargetMsg } from './files';

const Empty = z.object({}).strict();
const Speed = z.union([z.number().int().min(1).max(10_000), z.literal('max')]);

export const LocalTextSchema = z.object({ en: z.string(), 'zh-CN': z.string().optional() });

/** One caption shown as a storyline event fires (also the `caption` push payload). */
export const CaptionSchema = z.object({
  storylineId: z.string(),
  index: z.number().int(),
  /** Simulated seconds when it fired. */
  time: z.number(),
  text: LocalTextSchema,
  /** The player paused the clock after this event. */
  pause: z.boolean(),
});
export type CaptionView = z.infer<typeof CaptionSchema>;

export const StorylineInfoSchema = z.object({
  id: z.string(),
  title: LocalTextSchema,
  description: LocalTextSchema,
  durationSec: z.number(),
  eventCount: z.number().int(),
});

export const StorylineStateSchema = z.object({
  storylineId: z.string(),
  title: LocalTextSchema,
  status: z.enum(['playing', 'paused', 'finished']),
  time: z.number(),
  durationSec: z.number(),
  /** Simulated second of the next event, null after the last one. */
  nextEventAt: z.number().nullable(),
  /** The timeline, for the progress bar: every event with its caption. */
  events: z.array(
    z.object({
      index: z.number().int(),
      at: z.number(),
      type: z.string(),
      caption: LocalTextSchema.nullable(),
    }),
  ),
  /** Indexes of the events fired so far, in order. */
  fired: z.array(z.number().int()),
  caption: CaptionSchema.nullable(),
  focus: z.object({ entityIds: z.array(z.string()), metrics: z.array(z.string()) }).nullable(),
});
export type StorylineStateView = z.infer<typeof StorylineStateSchema>;

export const LabInfoSchema = z.object({
  id: z.string(),
  order: z.number().int(),
  level: z.enum(['beginner', 'intermediate', 'advanced']),
  title: LocalTextSchema,
  goal: LocalTextSchema,
  durationSec: z.number(),
  hintCount: z.number().int(),
});
export type LabInfoView = z.infer<typeof LabInfoSchema>;

export const LabCheckSchema = z.object({
  id: z.string(),
  text: LocalTextSchema,
  mode: z.enum(['now', 'always', 'ever']),
  status: z.enum(['pending', 'passing', 'failing', 'passed', 'failed']),
  value: z.number().nullable(),
  heldSince: z.number().nullable(),
});

export const LabStateSchema = z.object({
  lab: LabInfoSchema,
  status: z.enum(['running', 'passed', 'failed']),
  time: z.number(),
  passedAt: z.number().nullable(),
  failedAt: z.number().nullable(),
  failure: z.string().nullable(),
  checks: z.array(LabCheckSchema),
  /** The learner's commands with their simulated time (the result screen lists them). */
  /** `objects`: the names of the objects the command acted on (e.g. the VM and its destination host). */
  actions: z.array(
    z.object({
      time: z.number(),
      type: z.string(),
      objects: z.array(z.string()),
      ok: z.boolean(),
      message: z.string().optional(),
    }),
  ),
  hints: z.array(LocalTextSchema),
});
export type LabStateView = z.infer<typeof LabStateSchema>;

export const demoContract = {
  'storyline.list': { params: Empty, result: z.array(StorylineInfoSchema) },
  'storyline.start': {
    params: z
      .object({
        /** A built-in storyline id … */
        id: z.string().min(1).max(100).optional(),
        /** … or a whole storyline file (version 1 JSON). */
        storyline: z.unknown().optional(),
        speed: Speed.optional(),
        /** Start playing at once (default true). */
        play: z.boolean().optional(),
      })
      .strict()
      .refine((p) => (p.id === undefined) !== (p.storyline === undefined), {
        message: 'give exactly one of "id" or "storyline"',
      }),
    result: StorylineStateSchema,
  },
  'storyline.control': {
    params: z.object({ action: z.enum(['play', 'pause', 'next', 'restart', 'stop']) }).strict(),
    result: StorylineStateSchema.nullable(),
  },
  'storyline.state': { params: Empty, result: StorylineStateSchema.nullable() },
  'lab.list': { params: Empty, result: z.array(LabInfoSchema) },
  'lab.start': {
    params: z
      .object({
        id: z.string().min(1).max(100).optional(),
        lab: z.unknown().optional(),
        speed: Speed.optional(),
        play: z.boolean().optional(),
      })
      .strict()
      .refine((p) => (p.id === undefined) !== (p.lab === undefined), {
        message: 'give exactly one of "id" or "lab"',
      }),
    result: LabStateSchema,
  },
  'lab.state': { params: Empty, result: LabStateSchema.nullable() },
  /** Reveals the next hint. */
  'lab.hint': { params: Empty, result: LabStateSchema },
  /**
   * The current workspace's command log as a storyline: inline, written to the file chosen in a dialog
   * (`grant`, purpose recording; `path` answers where), or prepared as a `download` (browser shell).
   */
  'recording.export': {
    params: z
      .object({ ...FileTargetParams, title: z.string().min(1).max(200).optional() })
      .strict()
      .refine(oneFileTarget, oneFileTargetMsg),
    result: z.object({
      storyline: z.unknown(),
      commandCount: z.number().int(),
      path: z.string().nullable(),
      download: DownloadRefSchema.optional(),
    }),
  },
  /** Replays the current workspace's command log on a fresh engine and compares run hashes. */
  'recording.verify': {
    params: Empty,
    result: z.object({
      identical: z.boolean(),
      liveHash: z.string(),
      replayHash: z.string(),
      commandCount: z.number().int(),
      ticks: z.number().int(),
    }),
  },
  /** Back to the start of the running storyline or lab (a fresh workspace). */
  'demo.reset': { params: Empty, result: WorkspaceInfoSchema },
  /** Saves a copy of the workspace now and continues in the copy; demo.return goes back. */
  'demo.branch': { params: Empty, result: WorkspaceInfoSchema },
  'demo.return': { params: Empty, result: WorkspaceInfoSchema },
} as const;

/** Push payloads of the demo features (added to pushContract in ./contract.ts). */
export const demoPushContract = {
  caption: CaptionSchema,
  lab: LabStateSchema,
} as const;
