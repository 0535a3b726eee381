/** `vdc import`: an RVTools export (or the generic CSV template) → preview, or a new workspace file. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import { importInventory } from '../../service/inventory-io/import';
import { filesFromPath } from '../../service/inventory-io/files';
import { GENERIC_TEMPLATE } from '../../service/inventory-io/generic';
import type { ImportPreview } from '../../service/inventory-io/types';
import { Session } from '../../service/session';
import { createWorkspaceFile } from '../../service/workspaces';

const USAGE = `Usage: vdc import --file PATH [--out WORKSPACE.vdc] [--name NAME] [--skip-bad-rows] [--json]
       vdc import --template

Reads an RVTools export — the .xlsx workbook, or a folder / file of its per-sheet CSVs
(RVTools_tabvInfo.csv …) — or the generic CSV template, and prints a preview: counts and every row that
cannot be used (sheet, row, column, why). With --out it creates a new workspace from the inventory;
nothing is created when a row is unusable unless --skip-bad-rows is given.

  --file PATH       .xlsx, .csv, or a folder of .csv files (files up to 50 MiB)
  --out FILE        the new workspace file (.vdc; must not exist)
  --name NAME       the workspace / scenario name (default "Imported inventory")
  --skip-bad-rows   import the usable rows even when others are unusable
  --json            print the preview as JSON
  --template        print the generic CSV template and exit

Exit codes: 0 previewed or imported, 1 the file cannot be imported, 2 bad usage.`;

export function previewText(p: ImportPreview): string {
  const c = p.counts;
  const lines = [
    `Format: ${p.format}; sheets: ${p.sheetsFound.join(', ') || 'none'}${p.sheetsMissing.length ? ` (missing: ${p.sheetsMissing.join(', ')})` : ''}`,
    `Datacenters ${c.datacenters}, clusters ${c.clusters}, hosts ${c.hosts}, datastores ${c.datastores}, VMs ${c.vms} (${c.vmsPoweredOn} powered on), templates skipped ${c.skippedTemplates}`,
    `vCPUs ${c.totalVcpus}, memory ${(c.totalMemMiB / 1024).toFixed(1)} GiB, provisioned ${c.provisionedGiB} GiB; unusable rows ${c.unusableRows}`,
  ];
  for (const x of p.problems) lines.push(`  ${x.severity.toUpperCase().padEnd(7)} ${x.sheet}${x.row ? ` row ${x.row}` : ''}${x.column ? ` [${x.column}]` : ''}: ${x.message}`);
  return lines.join('\n');
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import an RVTools export or the generic CSV template (preview, or a new workspace)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { file: { type: 'string' }, out: { type: 'string' }, name: { type: 'string' }, 'skip-bad-rows': { type: 'boolean' }, json: { type: 'boolean' }, template: { type: 'boolean' } } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.template) {
      io.out(GENERIC_TEMPLATE);
      return 0;
    }
    if (!values.file) throw new UsageError('--file PATH is required');
    const read = filesFromPath(resolve(io.cwd, values.file));
    if (!read.ok) {
      io.err(`vdc import: ${read.message}`);
      return 1;
    }
    const { preview, scenario } = await importInventory(read.files, values.name === undefined ? {} : { name: values.name });
    io.out(values.json ? JSON.stringify(preview, null, 2) : previewText(preview));
    if (!scenario) {
      io.err('vdc import: nothing can be imported (see the fatal problems above).');
      return 1;
    }
    if (!values.out) return 0;
    if (preview.counts.unusableRows > 0 && !values['skip-bad-rows']) {
      io.err(`vdc import: ${preview.counts.unusableRows} row(s) cannot be used; nothing was created. Fix them or pass --skip-bad-rows.`);
      return 1;
    }
    const out = resolve(io.cwd, values.out);
    if (existsSync(out)) {
      io.err(`vdc import: ${out} already exists; choose another file name.`);
      return 1;
    }
    const name = values.name ?? scenario.name;
    const created = Session.create({
      scenario,
      path: out,
      name,
      hooks: { onTick: () => undefined, onClockChange: () => undefined },
      createWorkspace: (file, engine, n) => createWorkspaceFile(file, engine, n, 1),
    });
    if (!created.ok) {
      io.err(`vdc import: ${created.error.message}`);
      return 1;
    }
    created.value.close();
    io.out(`Created ${out} with ${preview.counts.hosts} hosts and ${preview.counts.vms} VMs.`);
    return 0;
  },
};
