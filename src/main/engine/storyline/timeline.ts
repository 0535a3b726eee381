/**
 * The timeline of a storyline: its events plus the follow-up steps some events schedule (the end of
 * a load spike, the repair of a failed host, the end of a maintenance window), in a fixed order:
 * by time, then by event index, starts before ends. Firing is driven by simulated time only, so the
 * same storyline on the same seed fires the same steps at the same ticks every time.
 */
import type { StoryEvent } from './types';

export type StepPhase = 'start' | 'end';

export interface TimelineStep {
  /** Simulated second the step is due. */
  at: number;
  /** Index of the event in storyline.events. */
  index: number;
  phase: StepPhase;
}

/** Seconds after which an event's follow-up step is due, or null when it has none. */
export function followUpSec(e: StoryEvent): number | null {
  switch (e.type) {
    case 'loadSpike':
      return e.durationSec ?? null;
    case 'hostFailure':
      return e.repairAfterSec ?? null;
    case 'maintenance':
      return e.durationSec ?? null;
    case 'caption':
    case 'command':
    case 'growthRamp':
    case 'datastoreFill':
    case 'drs':
    case 'policy':
      return null;
    default: {
      const never: never = e;
      throw new Error(`unknown story event ${JSON.stringify(never)}`);
    }
  }
}

export function buildTimeline(events: readonly StoryEvent[]): TimelineStep[] {
  const steps: TimelineStep[] = [];
  events.forEach((e, index) => {
    steps.push({ at: e.at, index, phase: 'start' });
    const after = followUpSec(e);
    if (after !== null) steps.push({ at: e.at + after, index, phase: 'end' });
  });
  return steps.sort(
    (a, b) => a.at - b.at || a.index - b.index || (a.phase === b.phase ? 0 : a.phase === 'start' ? -1 : 1),
  );
}

/**
 * Where a run stands in its timeline. Pure bookkeeping: `due(time)` hands out the steps whose time has
 * come, in order, exactly once.
 */
export class TimelineCursor {
  readonly steps: TimelineStep[];
  private next = 0;

  constructor(story: { events: readonly StoryEvent[] }) {
    this.steps = buildTimeline(story.events);
  }

  /** Steps due at or before `time` that have not been handed out yet. */
  due(time: number): TimelineStep[] {
    const out: TimelineStep[] = [];
    while (this.next < this.steps.length && (this.steps[this.next]?.at ?? Infinity) <= time + 1e-9) {
      out.push(this.steps[this.next]!);
      this.next++;
    }
    return out;
  }

  /** Time of the next step not yet handed out, or null at the end. */
  nextAt(): number | null {
    return this.steps[this.next]?.at ?? null;
  }

  /** Time of the next *event* (a start step) after `time`, for the presenter's "next event". */
  nextEventAt(time: number): number | null {
    for (let i = this.next; i < this.steps.length; i++) {
      const s = this.steps[i]!;
      if (s.phase === 'start' && s.at > time + 1e-9) return s.at;
    }
    return this.nextAt();
  }

  get position(): number {
    return this.next;
  }

  /** Moves to a position handed out earlier (used when copying a show for a branch). */
  seek(position: number): void {
    this.next = Math.max(0, Math.min(this.steps.length, Math.floor(position)));
  }

  get finished(): boolean {
    return this.next >= this.steps.length;
  }
}

/** The first tick at whose start (engine time = tick × tickSeconds) a step due at `at` fires. */
export function tickOf(at: number, tickSeconds: number): number {
  return Math.max(0, Math.ceil(at / tickSeconds - 1e-9));
}
