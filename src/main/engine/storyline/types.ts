/**
 * Storyline model (file format version 1): a scenario plus events at simulated times, each with an
 * optional caption. Plain JSON data; src/main/service/demo/schemas.ts validates files into this shape.
 */
import type { CommandReceipt, EngineError, InventoryNode, MetricCatalog, Result, TickResult } from '../api';
import type { Command } from '../model/commands';
import type { ClusterSettings, DrsAutomation, Scenario } from '../model/scenario';

/** Text in English, optionally in Simplified Chinese (English is the fallback). */
export interface LocalText {
  en: string;
  'zh-CN'?: string;
}

export type DemoLocale = 'en' | 'zh-CN';

export function localText(t: LocalText | undefined, locale: DemoLocale): string {
  if (!t) return '';
  return (locale === 'zh-CN' ? t['zh-CN'] : undefined) ?? t.en;
}

/** The scenario a storyline or lab starts from: a built-in scenario id or a whole scenario. */
export type ScenarioRef = { builtin: string } | { inline: Scenario };

/** What an event does. Every variant turns into engine commands when it fires (see expand.ts). */
export type StoryAction =
  /** Only shows its caption. */
  | { type: 'caption' }
  /** Any engine command, as the console would send it. */
  | { type: 'command'; command: Command }
  /** Multiplies the CPU demand (base and peak, capped at 100 %) of every VM in/of `targetId`; reverted after durationSec. */
  | { type: 'loadSpike'; targetId: string; factor: number; durationSec?: number }
  /** Sets compound demand growth per month on every VM in/of `targetId`. */
  | { type: 'growthRamp'; targetId: string; growthPctPerMonth: number }
  /** The host fails; it is repaired after repairAfterSec when given. */
  | { type: 'hostFailure'; hostId: string; repairAfterSec?: number }
  /** A powered-off VM with a thick disk of sizeGiB lands on the datastore (a backup dump, an ISO library …). */
  | { type: 'datastoreFill'; datastoreId: string; clusterId: string; sizeGiB: number; name?: string }
  /** The host enters maintenance mode; it exits after durationSec when given. */
  | { type: 'maintenance'; hostId: string; durationSec?: number }
  /** DRS on/off, automation level, migration threshold. */
  | { type: 'drs'; clusterId: string; enabled: boolean; automation?: DrsAutomation; threshold?: number }
  /** Any cluster policy change: HA, admission control, DPM, placement policy, allocation ratios. */
  | { type: 'policy'; clusterId: string; settings: Partial<ClusterSettings> };

export type StoryActionType = StoryAction['type'];

export const STORY_ACTION_TYPES: readonly StoryActionType[] = [
  'caption',
  'command',
  'loadSpike',
  'growthRamp',
  'hostFailure',
  'datastoreFill',
  'maintenance',
  'drs',
  'policy',
];

export type StoryEvent = StoryAction & {
  /** Simulated seconds since the start when the event fires. */
  at: number;
  caption?: LocalText;
  /** The live player pauses the clock after this event fires (the presenter talks, then resumes). */
  pause?: boolean;
};

/** Entities and metrics the presenter view charts. */
export interface StoryFocus {
  entityIds: string[];
  metrics: string[];
}

export interface Storyline {
  version: 1;
  id: string;
  title: LocalText;
  description: LocalText;
  scenario: ScenarioRef;
  seed?: number;
  tickSeconds?: number;
  /** The show ends here; every event time lies in [0, durationSec]. */
  durationSec: number;
  events: StoryEvent[];
  focus?: StoryFocus;
}

/**
 * What the storyline code needs from an engine: the public surface of `Engine` (src/main/engine/api.ts
 * EngineLike) with the types the storyline reads. The real engine satisfies it structurally.
 */
export interface SimEngine {
  readonly tick: number;
  readonly time: number;
  readonly tickSeconds: number;
  readonly scenario: unknown;
  step(): TickResult;
  execute(command: Command): Result<CommandReceipt>;
  inventory(): InventoryNode[];
  describe(id: string): Result<unknown>;
  catalog(): MetricCatalog;
  runHash(): string;
  /** The engine's read-only world view, when offered: the storyline reads guests' current workloads from it. */
  readonly world?: { readonly vmById: ReadonlyMap<string, { readonly workload: unknown }> };
}

/** Carries out a command: the engine directly (headless) or the session (logged into the workspace). */
export type Exec = (
  command: Command,
) => { ok: true; value: CommandReceipt } | { ok: false; error: Pick<EngineError, 'message'> };
