/** `vdc lab check --workspace F`: grades a lab workspace offline by replaying its command log. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import {
  emitOutput,
  JSON_OPTION,
  noPositionals,
  OUT_OPTION,
  outputHelp,
  refuseExistingOutput,
  toJson,
} from '../output';
import { builtinLabs } from '../../service/demo/builtin';
import { gradeLabWorkspace } from '../../service/demo/grade';

const USAGE = `Usage: vdc lab check --workspace FILE [--lab ID|LAB.json] [--json] [--out FILE [--force]]

Grades a lab workspace (.vdc) offline: replays the learner's commands on the lab's scenario with the
checks evaluated after every tick, up to where the workspace's recording ends, and prints each check.
The lab is the one the workspace was started as (its name ends with "[lab-id]") unless --lab says otherwise.
Built-in labs: ${builtinLabs()
  .map((l) => l.id)
  .join(', ')}.

Options:
  --workspace FILE  the learner's workspace file
  --lab ID|FILE     grade against this lab instead
  --json            print the full result (checks, values, learner actions) as JSON instead of text
${outputHelp('out', 20)}
${outputHelp('force', 20)}

Exit codes: 0 passed, 1 not passed (failed, unfinished, or the workspace could not be graded), 2 bad usage.`;

export const labCheckCommand: CliCommand = {
  name: 'lab check',
  summary: "grade a lab workspace offline: which checks pass, and the learner's actions",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { workspace: { type: 'string' }, lab: { type: 'string' }, ...JSON_OPTION, ...OUT_OPTION },
    });
    noPositionals(positionals);
    if (!values.workspace) throw new UsageError('--workspace FILE is required');
    refuseExistingOutput(io, values);
    const labArg =
      values.lab === undefined
        ? undefined
        : builtinLabs().some((l) => l.id === values.lab)
          ? values.lab
          : resolve(io.cwd, values.lab);
    const graded = gradeLabWorkspace(resolve(io.cwd, values.workspace), labArg);
    if (!graded.ok) {
      io.err(`vdc lab check: ${graded.error.message}`);
      return 1;
    }
    const g = graded.value;
    const p = g.progress;
    const verdict =
      p.status === 'passed'
        ? `PASSED at ${p.passedAt} s`
        : p.status === 'failed'
          ? `FAILED at ${p.failedAt} s: ${p.failure}`
          : `NOT FINISHED (recording ends at ${g.lastTime} s)`;
    const lines = [`${g.labId}: ${verdict}`];
    for (const c of p.checks)
      lines.push(
        `  [${c.status.padEnd(7)}] ${c.text.en}${c.value === null ? '' : `  (value ${round(c.value)})`}`,
      );
    lines.push(`learner actions: ${p.actions.length}`);
    for (const a of p.actions)
      lines.push(`  ${a.time} s  ${a.command.type}${a.ok ? '' : `  (refused: ${a.message ?? ''})`}`);
    if (emitOutput(io, 'lab check', values, values.json ? toJson(g) : lines.join('\n'), 'the grade') !== 0)
      return 1;
    return p.status === 'passed' ? 0 : 1;
  },
};

const round = (v: number): number => Math.round(v * 100) / 100;
