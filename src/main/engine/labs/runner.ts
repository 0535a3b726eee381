/**
 * Headless run of a lab: drills fire on time, the learner's commands apply at their ticks, checks are
 * evaluated after every tick. The same function grades a workspace's command log (where drill
 * commands were logged too: those entries are matched and not counted as the learner's).
 */
import type { Command } from '../model/commands';
import { StoryShow } from '../storyline/show';
import type { SimEngine } from '../storyline/types';
import { flattenInventory } from '../storyline/world-view';
import { observe } from './observe';
import { LabTracker, type LabProgress } from './tracker';
import type { Lab } from './types';

export interface LoggedCommand {
  tick: number;
  command: Command;
}

export interface LabRunOptions {
  /** Stop after this many ticks (e.g. where a workspace's recording ends) instead of at durationSec. */
  untilTick?: number;
}

const same = (a: Command, b: Command): boolean => JSON.stringify(a) === JSON.stringify(b);

export function runLab(
  engine: SimEngine,
  lab: Lab,
  log: readonly LoggedCommand[],
  opts: LabRunOptions = {},
): LabProgress {
  const tracker = new LabTracker(lab);
  const show = new StoryShow(lab.drills);
  const pending = [...log].sort((a, b) => a.tick - b.tick);
  let next = 0;
  const boundary = (): void => {
    // Log entries of this tick; drill commands consume their twin so it is not counted as the learner's.
    const here: (LoggedCommand & { used: boolean })[] = [];
    while (next < pending.length && pending[next]!.tick <= engine.tick)
      here.push({ ...pending[next++]!, used: false });
    show.fireDue(engine, (command) => {
      const twin = here.find((h) => !h.used && same(h.command, command));
      if (twin) twin.used = true;
      return engine.execute(command);
    });
    for (const h of here) {
      if (h.used) continue;
      const r = engine.execute(h.command);
      tracker.noteAction(
        r.ok
          ? { time: engine.time, tick: engine.tick, command: h.command, ok: true }
          : { time: engine.time, tick: engine.tick, command: h.command, ok: false, message: r.error.message },
      );
    }
  };
  const endTick = opts.untilTick ?? Math.ceil(lab.durationSec / engine.tickSeconds - 1e-9);
  let progress = tracker.progress();
  tracker.begin(flattenInventory(engine.inventory()));
  boundary();
  while (engine.tick < endTick) {
    const r = engine.step();
    progress = tracker.observe(observe(engine, r.blocks), r.events);
    boundary();
  }
  return progress;
}
