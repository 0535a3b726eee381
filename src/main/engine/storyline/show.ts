/**
 * A storyline in motion: fires due timeline steps against an engine through an executor and keeps
 * the record of what fired. Used by the headless runner, the live player and the lab drills alike.
 */
import type { Command } from '../model/commands';
import { commandsOf, type SpikeMemo } from './expand';
import { TimelineCursor, type StepPhase } from './timeline';
import type { Exec, LocalText, SimEngine, StoryEvent, StoryActionType } from './types';

export interface CommandOutcome {
  command: Command;
  ok: boolean;
  /** Why the engine refused the command (a refusal is part of the show, e.g. admission control). */
  message?: string;
  createdId?: string;
  taskId?: string;
}

export interface FiredStep {
  index: number;
  phase: StepPhase;
  type: StoryActionType;
  /** When the step was due and when it fired (the first tick boundary at or after `at`). */
  at: number;
  firedAt: number;
  tick: number;
  caption: LocalText | null;
  pause: boolean;
  commands: CommandOutcome[];
}

export class StoryShow {
  readonly cursor: TimelineCursor;
  readonly fired: FiredStep[] = [];
  private readonly memo: SpikeMemo = new Map();

  constructor(private readonly events: readonly StoryEvent[]) {
    this.cursor = new TimelineCursor({ events });
  }

  /** An independent copy at the same position (a branch continues from here without touching the original). */
  clone(): StoryShow {
    const c = new StoryShow(this.events);
    c.cursor.seek(this.cursor.position);
    c.fired.push(...this.fired.map((f) => ({ ...f, commands: [...f.commands] })));
    for (const [k, v] of this.memo)
      c.memo.set(
        k,
        v.map((x) => ({ vmId: x.vmId, workload: { ...x.workload } })),
      );
    return c;
  }

  /** Fires every step due at the engine's current time; answers the steps fired now. */
  fireDue(engine: SimEngine, exec: Exec): FiredStep[] {
    const now: FiredStep[] = [];
    for (const step of this.cursor.due(engine.time)) {
      const e = this.events[step.index];
      if (!e) continue;
      const commands = commandsOf(engine, e, step, this.memo).map((command): CommandOutcome => {
        const r = exec(command);
        if (!r.ok) return { command, ok: false, message: r.error.message };
        const out: CommandOutcome = { command, ok: true };
        if (r.value.createdId !== undefined) out.createdId = r.value.createdId;
        if (r.value.taskId !== undefined) out.taskId = r.value.taskId;
        return out;
      });
      const fired: FiredStep = {
        index: step.index,
        phase: step.phase,
        type: e.type,
        at: step.at,
        firedAt: engine.time,
        tick: engine.tick,
        caption: step.phase === 'start' ? (e.caption ?? null) : null,
        pause: step.phase === 'start' && e.pause === true,
        commands,
      };
      now.push(fired);
      this.fired.push(fired);
    }
    return now;
  }
}
