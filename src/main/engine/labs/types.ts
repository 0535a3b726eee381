/**
 * Lab model (file format version 1): a starting scenario, a goal in plain words, drill events that
 * break things on purpose, checks the engine state is measured against continuously, and hints.
 */
import type { EntityKind, MetricEntityKind } from '../api';
import type { CommandType } from '../model/commands';
import type { LocalText, ScenarioRef, StoryEvent } from '../storyline/types';

export type Cmp = '<' | '<=' | '>' | '>=' | '==';

/**
 * How a check is judged over time:
 * - now: holds at the latest tick (for sustainSec when given) — the learner must get there and stay;
 * - always: must hold at every tick from fromSec on; one violation fails it for good;
 * - ever: passes for good the first time it holds.
 */
export type CheckMode = 'now' | 'always' | 'ever';

export type CheckRule =
  /** An aggregate of one metric over the entities of a kind (optionally only those under withinId). */
  | {
      kind: 'metric';
      entityKind: MetricEntityKind;
      withinId?: string;
      metric: string;
      aggregate: 'max' | 'min' | 'avg' | 'sum';
      /** 'start': compare the value as a percentage of its value at the first tick. */
      baseline?: 'start';
      op: Cmp;
      value: number;
    }
  /** How many objects of a kind (in given states, under withinId) exist. */
  | {
      kind: 'count';
      entityKind: EntityKind;
      withinId?: string;
      states?: string[];
      /** 'start': compare the change since the lab started. */
      baseline?: 'start';
      op: Cmp;
      value: number;
    }
  /** The learner issued no command of these types. */
  | { kind: 'noCommand'; commandTypes: CommandType[] }
  /** How many engine events of a type (prefix match, e.g. "vm.migrat") were raised since the start. */
  | { kind: 'events'; eventType: string; op: Cmp; value: number };

export type CheckSpec = CheckRule & {
  id: string;
  text: LocalText;
  mode?: CheckMode;
  /** Seconds from the lab start before the check is judged (it is pending until then). */
  fromSec?: number;
  /** For mode 'now': how long the rule must have held without a break. */
  sustainSec?: number;
};

export type LabLevel = 'beginner' | 'intermediate' | 'advanced';

export interface Lab {
  version: 1;
  id: string;
  /** 1 … n, the order labs are offered in. */
  order: number;
  level: LabLevel;
  title: LocalText;
  goal: LocalText;
  scenario: ScenarioRef;
  seed?: number;
  tickSeconds?: number;
  /** Simulated seconds the learner has; the result is final at this time. */
  durationSec: number;
  /** Events that fire on their own (drills), like a storyline's. */
  drills: StoryEvent[];
  checks: CheckSpec[];
  hints: LocalText[];
}
