/** `vdc storyline run FILE [--json] [--out FILE]`: plays a storyline headless to its end and writes what happened. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import { emitOutput, JSON_OPTION, OUT_OPTION, outputHelp, refuseExistingOutput, toJson } from '../output';
import { builtinStoryline, builtinStorylines } from '../../service/demo/builtin';
import { runStorylineHeadless } from '../../service/demo/headless';
import { loadStoryline, readJsonFile } from '../../service/demo/load';

const USAGE = `Usage: vdc storyline run FILE [--json] [--out FILE [--force]] [--locale en|zh-CN]

Plays a storyline headless from its start to its end (no clock: as fast as the machine goes) and prints
its captions with their simulated times. FILE is a storyline JSON file (version 1) or the id of a built-in
storyline: ${builtinStorylines()
  .map((s) => s.id)
  .join(', ')}.

Options:
  --json            print the run as JSON instead of text: every event with its captions and commands,
                    the final metrics of every cluster, engine event counts and the run hash
${outputHelp('out', 20)}
${outputHelp('force', 20)}
  --locale LOCALE   language of the printed captions (en or zh-CN; default en)

The same storyline on the same seed gives the same run hash every time.
Exit codes: 0 the storyline ran to its end, 1 it could not start (the message names the bad entry), 2 bad usage.`;

export const storylineRunCommand: CliCommand = {
  name: 'storyline run',
  summary: 'play a storyline headless to its end; write events, captions, final metrics and run hash',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { ...JSON_OPTION, ...OUT_OPTION, locale: { type: 'string' } },
    });
    if (positionals.length !== 1)
      throw new UsageError(
        `give exactly one storyline FILE (or built-in id)${positionals.length > 1 ? ' (--json takes no file name: add --out FILE to write one)' : ''}`,
      );
    const locale = values.locale ?? 'en';
    if (locale !== 'en' && locale !== 'zh-CN')
      throw new UsageError(`--locale must be en or zh-CN, not "${locale}"`);
    refuseExistingOutput(io, values);
    const arg = positionals[0]!;
    const path = resolve(io.cwd, arg);
    let input: unknown;
    if (!existsSync(path) && builtinStoryline(arg)) input = builtinStoryline(arg);
    else {
      const json = readJsonFile(path);
      if (!json.ok) {
        io.err(`vdc storyline run: ${json.error.message}`);
        return 1;
      }
      input = json.value;
    }
    const loaded = loadStoryline(input, arg);
    if (!loaded.ok) {
      io.err(`vdc storyline run: ${loaded.error.message}`);
      return 1;
    }
    const run = runStorylineHeadless(loaded.value.storyline, loaded.value.scenario);
    if (!run.ok) {
      io.err(`vdc storyline run: ${run.error.message}`);
      return 1;
    }
    const r = run.value;
    const lines = [`${r.title}: ${r.ticks} ticks of ${r.tickSeconds} s, ${r.events.length} timeline step(s)`];
    for (const c of r.captions) lines.push(`  ${clock(c.time)}  ${c[locale]}`);
    for (const e of r.events)
      for (const c of e.commands)
        if (!c.ok) lines.push(`  ${clock(e.firedAt)}  (refused) ${c.type}: ${c.message ?? ''}`);
    lines.push(`run hash ${r.runHash}`);
    if (emitOutput(io, 'storyline run', values, values.json ? toJson(r) : lines.join('\n'), 'the run') !== 0)
      return 1;
    return 0;
  },
};

/** Simulated seconds as h:mm:ss. */
function clock(sec: number): string {
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = Math.floor(sec % 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
