/** `vdc import`: an RVTools export (or the generic CSV template) → preview, or a new workspace file. */
import { existsSync } from 'node:fs';
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
import { startProgress } from '../progress';
import { importInventory } from '../../service/inventory-io/import';
import { filesFromPath } from '../../service/inventory-io/files';
import { GENERIC_TEMPLATE } from '../../service/inventory-io/generic';
import type { ImportPreview } from '../../service/inventory-io/types';
import { Session } from '../../service/session';
import { createWorkspaceFile } from '../../service/workspaces';

const USAGE = `Usage: vdc import --file PATH [--workspace NEW.vdc] [--name NAME] [--skip-bad-rows] [--json] [--out FILE [--force]]
       vdc import --template [--out FILE [--force]]

Reads an RVTools export — the .xlsx workbook, or a folder / file of its per-sheet CSVs
(RVTools_tabvInfo.csv …) — or the generic CSV template, and prints a preview: counts and every row that
cannot be used (sheet, row, column, why). With --workspace it creates a new workspace from the inventory;
nothing is created when a row is unusable unless --skip-bad-rows is given.

  --file PATH       .xlsx, .csv, or a folder of .csv files (files up to 50 MiB)
  --workspace FILE  create this new workspace file (.vdc; must not exist) from the inventory
  --name NAME       the workspace / scenario name (default "Imported inventory")
  --skip-bad-rows   import the usable rows even when others are unusable
${outputHelp('json', 20).replace('the result', 'the preview')}
${outputHelp('out', 20).replace('the result', 'the preview')}
${outputHelp('force', 20)}
  --template        print the generic CSV template and exit

Exit codes: 0 previewed or imported, 1 the file cannot be imported, 2 bad usage.`;

export function previewText(p: ImportPreview): string {
  const c = p.counts;
  const lines = [
    `Format: ${p.format}; sheets: ${p.sheetsFound.join(', ') || 'none'}${p.sheetsMissing.length ? ` (missing: ${p.sheetsMissing.join(', ')})` : ''}`,
    `Datacenters ${c.datacenters}, clusters ${c.clusters}, hosts ${c.hosts}, datastores ${c.datastores}, VMs ${c.vms} (${c.vmsPoweredOn} powered on), templates skipped ${c.skippedTemplates}`,
    `vCPUs ${c.totalVcpus}, memory ${(c.totalMemMiB / 1024).toFixed(1)} GiB, provisioned ${c.provisionedGiB} GiB; unusable rows ${c.unusableRows}`,
  ];
  for (const x of p.problems)
    lines.push(
      `  ${x.severity.toUpperCase().padEnd(7)} ${x.sheet}${x.row ? ` row ${x.row}` : ''}${x.column ? ` [${x.column}]` : ''}: ${x.message}`,
    );
  return lines.join('\n');
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import an RVTools export or the generic CSV template (preview, or a new workspace)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        file: { type: 'string' },
        workspace: { type: 'string' },
        name: { type: 'string' },
        'skip-bad-rows': { type: 'boolean' },
        ...JSON_OPTION,
        ...OUT_OPTION,
        template: { type: 'boolean' },
      },
    });
    noPositionals(positionals);
    if (values.template) return emitOutput(io, 'import', values, GENERIC_TEMPLATE, 'the template');
    if (values.workspace !== undefined && !values.workspace.endsWith('.vdc'))
      throw new UsageError(`--workspace must name a new .vdc file, got "${values.workspace}"`);
    if (!values.file) throw new UsageError('--file PATH is required');
    refuseExistingOutput(io, values);
    const read = filesFromPath(resolve(io.cwd, values.file));
    if (!read.ok) {
      io.err(`vdc import: ${read.message}`);
      return 1;
    }
    const progress = startProgress({ label: 'import', total: 0 });
    progress.stage('reading the inventory');
    const { preview, scenario } = await importInventory(
      read.files,
      values.name === undefined ? {} : { name: values.name },
    );
    progress.end();
    if (
      emitOutput(
        io,
        'import',
        values,
        values.json ? toJson(preview) : previewText(preview),
        'the preview',
      ) !== 0
    )
      return 1;
    if (!scenario) {
      io.err('vdc import: nothing can be imported (see the fatal problems above).');
      return 1;
    }
    if (values.workspace === undefined) return 0;
    if (preview.counts.unusableRows > 0 && !values['skip-bad-rows']) {
      io.err(
        `vdc import: ${preview.counts.unusableRows} row(s) cannot be used; nothing was created. Fix them or pass --skip-bad-rows.`,
      );
      return 1;
    }
    const out = resolve(io.cwd, values.workspace);
    if (existsSync(out)) {
      io.err(`vdc import: ${out} already exists; choose another file name.`);
      return 1;
    }
    const name = values.name ?? scenario.name;
    const creating = startProgress({ label: 'import', total: 0 });
    creating.stage('creating the workspace');
    const created = Session.create({
      scenario,
      path: out,
      name,
      hooks: { onTick: () => undefined, onClockChange: () => undefined },
      createWorkspace: (file, engine, n) => createWorkspaceFile(file, engine, n, 1),
    });
    creating.end();
    if (!created.ok) {
      io.err(`vdc import: ${created.error.message}`);
      return 1;
    }
    created.value.close();
    // After JSON on stdout, the note goes to stderr so stdout stays one JSON document.
    (values.json && values.out === undefined ? io.err : io.out)(
      `Created ${out} with ${preview.counts.hosts} hosts and ${preview.counts.vms} VMs.`,
    );
    return 0;
  },
};
