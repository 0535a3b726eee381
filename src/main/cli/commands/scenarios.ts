/** `vdc scenarios`: lists the built-in scenarios; `--export ID [--out FILE]` gives one as editable JSON. */
import { parseArgs } from 'node:util';
import { builtinScenario, builtinScenarios, DEFAULT_SCENARIO_ID } from '../../engine';
import { UsageError, type CliCommand, type CliIO } from '../command';
import { emitOutput, JSON_OPTION, OUT_OPTION, outputHelp, toJson } from '../output';

const USAGE = [
  'Usage: vdc scenarios [--json] [--export ID] [--out FILE [--force]]',
  '',
  'Lists the built-in scenarios (id, size, description). With --export, prints one as a scenario file',
  '(JSON) you can edit and run with `vdc simulate --scenario FILE.json`.',
  '',
  '  --export ID     the scenario file of a built-in scenario',
  outputHelp('json').replace('the result', 'the list'),
  outputHelp('out'),
  outputHelp('force'),
].join('\n');

export const scenariosCommand: CliCommand = {
  name: 'scenarios',
  summary: 'list the built-in scenarios (or export one as JSON)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values } = parseArgs({
      args,
      options: { export: { type: 'string' }, ...JSON_OPTION, ...OUT_OPTION },
      strict: true,
      allowPositionals: false,
    });
    if (values.export !== undefined) {
      const s = builtinScenario(values.export);
      if (!s)
        throw new UsageError(
          `unknown scenario "${values.export}"; built-ins: ${builtinScenarios.map((b) => b.id).join(', ')}`,
        );
      return emitOutput(io, 'scenarios', values, toJson(s), `scenario ${values.export}`);
    }
    const list = builtinScenarios.map((b) => {
      const s = builtinScenario(b.id)!;
      return {
        id: b.id,
        default: b.id === DEFAULT_SCENARIO_ID,
        hosts: s.hosts.length,
        vms: s.vms.length,
        containers: s.containers.length,
        description: b.description,
      };
    });
    if (values.json) return emitOutput(io, 'scenarios', values, toJson(list), 'the list');
    const rows = list.map((s) => [
      s.id + (s.default ? ' *' : ''),
      `${s.hosts} hosts`,
      `${s.vms} VMs`,
      `${s.containers} containers`,
      s.description,
    ]);
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
    const text = [
      ...rows.map((r) => r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ')),
      '',
      '* default',
    ].join('\n');
    return emitOutput(io, 'scenarios', values, text, 'the list');
  },
};
