/** `vdc scenarios`: lists the built-in scenarios; `--export ID --out FILE` writes one as editable JSON. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinScenario, builtinScenarios, DEFAULT_SCENARIO_ID } from '../../engine';
import { UsageError, type CliCommand, type CliIO } from '../command';

const USAGE = [
  'Usage: vdc scenarios [--export ID --out FILE.json]',
  '',
  'Lists the built-in scenarios (id, size, description). With --export, writes one as a scenario',
  'file you can edit and run with `vdc simulate --scenario FILE.json`.',
].join('\n');

export const scenariosCommand: CliCommand = {
  name: 'scenarios',
  summary: 'list the built-in scenarios (or export one as JSON)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values } = parseArgs({ args, options: { export: { type: 'string' }, out: { type: 'string' } }, strict: true, allowPositionals: false });
    if (values.export !== undefined) {
      const s = builtinScenario(values.export);
      if (!s) throw new UsageError(`unknown scenario "${values.export}"; built-ins: ${builtinScenarios.map((b) => b.id).join(', ')}`);
      if (values.out === undefined) throw new UsageError('--export needs --out FILE.json');
      const out = resolve(io.cwd, values.out);
      try {
        writeFileSync(out, JSON.stringify(s, null, 2) + '\n');
      } catch (e) {
        io.err(`vdc scenarios: cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
        return 1;
      }
      io.out(`${values.export} written to ${out}`);
      return 0;
    }
    if (values.out !== undefined) throw new UsageError('--out is only used with --export');
    const rows = builtinScenarios.map((b) => {
      const s = builtinScenario(b.id)!;
      return [b.id + (b.id === DEFAULT_SCENARIO_ID ? ' *' : ''), `${s.hosts.length} hosts`, `${s.vms.length} VMs`, `${s.containers.length} containers`, b.description];
    });
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) io.out(r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  '));
    io.out('\n* default');
    return 0;
  },
};
