/**
 * Headless run of a storyline on an engine: fire due steps, step, repeat until the end time. Pure: the
 * caller builds the engine (from the storyline's scenario and seed) and gets back the full record.
 */
import type { MetricBlock, TickResult } from '../api';
import { StoryShow, type FiredStep } from './show';
import type { Exec, SimEngine, Storyline } from './types';

export interface StoryRunRecord {
  storylineId: string;
  ticks: number;
  endTime: number;
  fired: FiredStep[];
  /** Latest value of every cluster metric at the end: clusters[clusterId][metric]. */
  finalMetrics: Record<string, Record<string, number>>;
  /** How many engine events of each type the run raised. */
  eventCounts: Record<string, number>;
  runHash: string;
}

/** Latest values of one block as { entityId: { metric: value } }. */
export function blockValues(
  block: MetricBlock,
  names: readonly string[],
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const n = block.ids.length;
  block.ids.forEach((id, e) => {
    const row: Record<string, number> = {};
    names.forEach((name, m) => (row[name] = block.values[m * n + e] ?? 0));
    out[id] = row;
  });
  return out;
}

export interface RunHooks {
  /** Called after each tick with its result (e.g. to evaluate lab checks). */
  onTick?(result: TickResult): void;
  /** Executes commands instead of the engine directly (e.g. to log them). */
  exec?: Exec;
}

export function runStoryline(engine: SimEngine, story: Storyline, hooks: RunHooks = {}): StoryRunRecord {
  const show = new StoryShow(story.events);
  const exec: Exec = hooks.exec ?? ((c) => engine.execute(c));
  const counts: Record<string, number> = {};
  let last: TickResult | null = null;
  let ticks = 0;
  show.fireDue(engine, exec);
  while (engine.time < story.durationSec - 1e-9) {
    last = engine.step();
    ticks++;
    for (const ev of last.events) counts[ev.type] = (counts[ev.type] ?? 0) + 1;
    hooks.onTick?.(last);
    show.fireDue(engine, exec);
  }
  const clusterBlock = last?.blocks.find((b) => b.kind === 'cluster');
  const names = engine.catalog().cluster.map((d) => d.name);
  return {
    storylineId: story.id,
    ticks,
    endTime: engine.time,
    fired: show.fired,
    finalMetrics: clusterBlock ? blockValues(clusterBlock, names) : {},
    eventCounts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    runHash: engine.runHash(),
  };
}
