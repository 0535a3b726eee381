/**
 * Recordings: the workspace's command log (every command with the tick it was applied at) turned into
 * a storyline of `command` events, so a presenter's or learner's session replays exactly — the same
 * commands at the same ticks on the same scenario and seed give the same run hash.
 */
import type { Command, Scenario } from '../../engine';
import type { LocalText, Storyline, StoryEvent } from '../../engine/storyline';

export interface RecordingSource {
  /** Workspace meta: the scenario the session started from, its seed and tick length. */
  scenario: unknown;
  seed: number;
  tickSeconds: number;
  /** Simulated seconds the recording reaches (the workspace's last recorded time). */
  endTime: number;
  commands: readonly { tick: number; command: unknown }[];
}

export interface ExportOptions {
  id?: string;
  title?: LocalText;
  /** Captions to attach, by command index (e.g. notes the presenter typed). */
  captions?: Record<number, LocalText>;
}

export function recordingToStoryline(src: RecordingSource, opts: ExportOptions = {}): Storyline {
  const events: StoryEvent[] = src.commands.map((c, i) => {
    const e: StoryEvent = { type: 'command', at: c.tick * src.tickSeconds, command: c.command as Command };
    const caption = opts.captions?.[i];
    if (caption) e.caption = caption;
    return e;
  });
  const lastAt = events.reduce((m, e) => Math.max(m, e.at), 0);
  const scenario = src.scenario as Scenario;
  return {
    version: 1,
    id: opts.id ?? 'recording',
    title: opts.title ?? {
      en: `Recording of ${scenario.name ?? 'a session'}`,
      'zh-CN': `${scenario.name ?? '会话'} 的录制`,
    },
    description: {
      en: `${events.length} recorded command(s) over ${Math.round(src.endTime)} simulated seconds.`,
      'zh-CN': `在 ${Math.round(src.endTime)} 模拟秒内录制的 ${events.length} 条命令。`,
    },
    scenario: { inline: scenario },
    seed: src.seed,
    tickSeconds: src.tickSeconds,
    durationSec: Math.max(src.endTime, lastAt, src.tickSeconds),
    events,
  };
}
