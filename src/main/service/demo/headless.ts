/**
 * Headless runs for the CLI and tests: a storyline from start to end, a lab with a scripted list of
 * commands, a replay of a recorded command log. All deterministic: same inputs, same run hash.
 */
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';
import { createEngine, type Command, type Engine, type Scenario } from '../../engine';
import { runLab, type LabProgress, type Lab, type LoggedCommand } from '../../engine/labs';
import { localText, runStoryline, type Storyline, type StoryRunRecord } from '../../engine/storyline';
import { fromEngineError } from '../errors';
import type { JobProgress } from '../jobs';

export function engineFor(scenario: Scenario, seed?: number, tickSeconds?: number): ApiResult<Engine> {
  const opts: { seed?: number; tickSeconds?: number } = {};
  if (seed !== undefined) opts.seed = seed;
  if (tickSeconds !== undefined) opts.tickSeconds = tickSeconds;
  const e = createEngine(scenario, opts);
  return e.ok ? apiOk(e.value) : { ok: false, error: fromEngineError(e.error) };
}

/** The JSON a headless storyline run writes: what fired (with captions in both languages), final metrics, run hash. */
export interface StorylineRunOutput {
  storylineId: string;
  title: string;
  seed: number;
  tickSeconds: number;
  ticks: number;
  endTime: number;
  events: {
    index: number;
    phase: 'start' | 'end';
    type: string;
    at: number;
    firedAt: number;
    caption: { en: string; 'zh-CN': string } | null;
    commands: { type: string; ok: boolean; message?: string; createdId?: string }[];
  }[];
  captions: { time: number; en: string; 'zh-CN': string }[];
  finalMetrics: StoryRunRecord['finalMetrics'];
  eventCounts: Record<string, number>;
  runHash: string;
}

export function runStorylineHeadless(
  storyline: Storyline,
  scenario: Scenario,
): ApiResult<StorylineRunOutput> {
  const e = engineFor(scenario, storyline.seed, storyline.tickSeconds);
  if (!e.ok) return e;
  const engine = e.value;
  const run = runStoryline(engine, storyline);
  const both = (t: { en: string; 'zh-CN'?: string }) => ({
    en: localText(t, 'en'),
    'zh-CN': localText(t, 'zh-CN'),
  });
  return apiOk({
    storylineId: storyline.id,
    title: storyline.title.en,
    seed: engine.seed,
    tickSeconds: engine.tickSeconds,
    ticks: run.ticks,
    endTime: run.endTime,
    events: run.fired.map((f) => ({
      index: f.index,
      phase: f.phase,
      type: f.type,
      at: f.at,
      firedAt: f.firedAt,
      caption: f.caption ? both(f.caption) : null,
      commands: f.commands.map((c) => ({
        type: c.command.type,
        ok: c.ok,
        ...(c.message !== undefined ? { message: c.message } : {}),
        ...(c.createdId !== undefined ? { createdId: c.createdId } : {}),
      })),
    })),
    captions: run.fired.filter((f) => f.caption).map((f) => ({ time: f.firedAt, ...both(f.caption!) })),
    finalMetrics: run.finalMetrics,
    eventCounts: run.eventCounts,
    runHash: run.runHash,
  });
}

/** Runs a lab with the learner's commands at the given ticks (scripted solutions, grading). */
export function runLabHeadless(
  lab: Lab,
  scenario: Scenario,
  commands: readonly LoggedCommand[],
  untilTick?: number,
): ApiResult<LabProgress> {
  const e = engineFor(scenario, lab.seed, lab.tickSeconds);
  if (!e.ok) return e;
  return apiOk(runLab(e.value, lab, commands, untilTick === undefined ? {} : { untilTick }));
}

/** Replays a command log on a fresh engine up to `untilTick`; answers the engine (for its run hash and state). */
export function replayLog(
  scenario: Scenario,
  seed: number | undefined,
  log: readonly { tick: number; command: unknown }[],
  untilTick: number,
): ApiResult<Engine> {
  const steps = replayLogSteps(scenario, seed, log, untilTick);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** replayLog one tick per step, for a job (src/main/service/jobs.ts): yields its progress after each tick. */
export function* replayLogSteps(
  scenario: Scenario,
  seed: number | undefined,
  log: readonly { tick: number; command: unknown }[],
  untilTick: number,
): Generator<JobProgress, ApiResult<Engine>, void> {
  const e = engineFor(scenario, seed);
  if (!e.ok) return e;
  const engine = e.value;
  const sorted = [...log].sort((a, b) => a.tick - b.tick);
  let c = 0;
  const apply = (): void => {
    while (c < sorted.length && sorted[c]!.tick <= engine.tick)
      engine.execute(sorted[c++]!.command as Command);
  };
  if (sorted.some((x) => !Number.isInteger(x.tick) || x.tick < 0))
    return apiErr(
      'INVALID_ARGUMENT',
      'The command log has an entry with a tick that is not a whole number ≥ 0.',
    );
  apply();
  const start = engine.tick;
  while (engine.tick < untilTick) {
    engine.step();
    apply();
    yield { progress: (engine.tick - start) / Math.max(1, untilTick - start) };
  }
  return apiOk(engine);
}
