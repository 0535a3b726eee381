/** `vdc export`: a workspace's current inventory in RVTools column names (.xlsx or per-sheet CSV). */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import { CSV_OPTION, noPositionals, OUT_OPTION } from '../output';
import { inventorySheets, toCsvFiles, toXlsx } from '../../service/inventory-io/export';
import { observedFromSnapshot, scenarioFromSnapshot } from '../../service/capacity/current-scenario';
import { openReadOnly } from './capacity';
import { FORCE_HELP, outputFileError, refuseExisting, writeOutputFile } from '../output-file';

const USAGE = `Usage: vdc export --workspace FILE [--csv] --out PATH [--force]

Writes the inventory as it is at the end of the workspace's recorded run, in RVTools column names
(vInfo, vCPU, vMemory, vDisk, vHost, vCluster, vDatastore). Text that a spreadsheet would run as a
formula is written with a leading apostrophe.

  --workspace FILE  the workspace (.vdc), opened read-only
  --csv             write one CSV file per sheet instead of an .xlsx workbook
  --out PATH        the .xlsx file, or with --csv the folder for the CSV files (RVTools_tabvInfo.csv …)
${FORCE_HELP}

Exit codes: 0 written, 1 the workspace cannot be read or the output cannot be written, 2 bad usage.`;

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export the current inventory in RVTools column names (.xlsx or CSV)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { workspace: { type: 'string' }, ...CSV_OPTION, ...OUT_OPTION },
    });
    noPositionals(positionals);
    if (!values.workspace) throw new UsageError('--workspace FILE is required');
    if (!values.out)
      throw new UsageError(
        `--out PATH is required (${values.csv ? 'a folder for the CSV files' : 'the .xlsx file'})`,
      );
    const format = values.csv ? 'csv' : 'xlsx';
    if (format === 'xlsx' && !/\.xlsx$/i.test(values.out))
      throw new UsageError(`--out must end in .xlsx (or give --csv and a folder), got "${values.out}"`);
    if (format === 'xlsx') refuseExisting([resolve(io.cwd, values.out)], values.force === true);
    const o = openReadOnly(resolve(io.cwd, values.workspace));
    if ('error' in o) {
      io.err(`vdc export: ${o.error}`);
      return 1;
    }
    try {
      const snap = o.session.engine.snapshot();
      const sheets = inventorySheets(
        scenarioFromSnapshot(snap),
        snap.tick > 0 ? observedFromSnapshot(snap) : {},
      );
      const out = resolve(io.cwd, values.out);
      try {
        if (format === 'xlsx') {
          writeOutputFile(out, await toXlsx(sheets), values.force === true);
          io.out(`Wrote ${out}.`);
        } else {
          mkdirSync(out, { recursive: true });
          const files = toCsvFiles(sheets);
          // Refuse before writing any: an existing file is replaced only with --force.
          refuseExisting(
            files.map((f) => join(out, f.name)),
            values.force === true,
          );
          for (const f of files) writeOutputFile(join(out, f.name), f.text, values.force === true);
          io.out(`Wrote ${files.length} CSV files to ${out}.`);
        }
      } catch (e) {
        io.err(outputFileError('export', out, e));
        return 1;
      }
      return 0;
    } finally {
      o.close();
    }
  },
};
