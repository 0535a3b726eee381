/** `vdc report`: the capacity report of a workspace as one self-contained HTML page or a PDF. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import { DEFAULT_POLICY } from '../../engine/capacity';
import { capCtx } from '../../service/capacity/analysis';
import { collectReport, reportHtml } from '../../service/capacity/report';
import { reportPdf } from '../../service/capacity/pdf';
import { reportText } from '../../service/capacity/report-text';
import { listBranches } from '../../service/capacity/whatif';
import { num, openReadOnly } from './capacity';
import { startProgress } from '../progress';
import { readFileSync } from 'node:fs';
import { parseSweepFile, type SweepResult } from '../../service/capacity/sweep';
import { FORCE_HELP, outputFileError, refuseExisting, writeOutputFile } from '../output-file';

const USAGE = `Usage: vdc report --workspace FILE --out report.html|report.pdf [--branches all|ID,ID] [--cpu-overcommit N] [--locale en|zh-CN] [--sweep SWEEP.json] [--force]

Writes the capacity report: allocation and demand, headroom, time remaining with forecast charts,
N+1/N+2, right-sizing, consolidation, the what-if comparison of the chosen branches, and the assumptions.
HTML is one self-contained file (inline SVG charts, no scripts); PDF is written without a browser.

  --workspace FILE   the workspace (.vdc), opened read-only
  --out FILE         .html or .pdf (the format follows the extension)
  --branches LIST    what-if branches to compare: "all" or comma-separated ids (see the console)
  --locale L         the report's language: en (default) or zh-CN; names of objects are kept as they are
  --sweep FILE       add the fan of a capacity sweep (vdc capacity sweep … --json --out FILE, or a merge)
${FORCE_HELP}

Exit codes: 0 written, 1 the workspace cannot be read or the file cannot be written, 2 bad usage.`;

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'write the capacity report (HTML or PDF) of a workspace',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        out: { type: 'string' },
        branches: { type: 'string' },
        'cpu-overcommit': { type: 'string' },
        locale: { type: 'string' },
        sweep: { type: 'string' },
        force: { type: 'boolean' },
      },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.workspace) throw new UsageError('--workspace FILE is required');
    if (!values.out) throw new UsageError('--out FILE is required (.html or .pdf)');
    const format = /\.pdf$/i.test(values.out) ? 'pdf' : /\.html?$/i.test(values.out) ? 'html' : null;
    if (!format) throw new UsageError(`--out must end in .html or .pdf, got "${values.out}"`);
    // Refused before the work, and again when written (writeOutputFile).
    refuseExisting([resolve(io.cwd, values.out)], values.force === true);
    const locale = values.locale ?? 'en';
    if (locale !== 'en' && locale !== 'zh-CN')
      throw new UsageError(`--locale must be en or zh-CN, got "${locale}"`);
    const policy = {
      ...DEFAULT_POLICY,
      cpuOvercommit: num('cpu-overcommit', values['cpu-overcommit'], 0.1, 64) ?? DEFAULT_POLICY.cpuOvercommit,
    };
    const path = resolve(io.cwd, values.workspace);
    let sweep: SweepResult | null = null;
    if (values.sweep !== undefined) {
      const file = resolve(io.cwd, values.sweep);
      try {
        const data = parseSweepFile('the file', JSON.parse(readFileSync(file, 'utf8')));
        if (data.shard !== null)
          throw new Error(
            `it is shard ${data.shard.index}/${data.shard.count}; merge the shards first (vdc capacity sweep merge)`,
          );
        sweep = data as SweepResult;
      } catch (e) {
        io.err(`vdc report: --sweep ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        return 1;
      }
    }
    const progress = startProgress({ label: 'report', total: 0 });
    progress.stage('opening the workspace');
    const o = openReadOnly(path);
    if ('error' in o) {
      progress.end();
      io.err(`vdc report: ${o.error}`);
      return 1;
    }
    try {
      const known = listBranches(path).map((b) => b.id);
      const ids =
        values.branches === undefined
          ? []
          : values.branches === 'all'
            ? known
            : values.branches.split(',').map((s) => s.trim());
      for (const id of ids)
        if (!known.includes(id))
          throw new UsageError(
            `--branches: "${id}" is not a branch of ${path} (known: ${known.join(', ') || 'none'})`,
          );
      progress.stage('computing the capacity answers');
      const data = collectReport(capCtx(o.session.engine, o.session.workspace), policy, {
        title: reportText(locale).title(o.session.workspace?.meta().name ?? path),
        locale,
        parentPath: path,
        branchIds: ids,
        sweep: sweep
          ? { runs: sweep.runs, horizonDays: sweep.options.horizonDays, clusters: sweep.clusters }
          : null,
      });
      progress.stage(format === 'pdf' ? 'drawing the PDF' : 'writing the HTML');
      const bytes = format === 'pdf' ? reportPdf(data) : new TextEncoder().encode(reportHtml(data));
      progress.end();
      const out = resolve(io.cwd, values.out);
      try {
        writeOutputFile(out, bytes, values.force === true);
      } catch (e) {
        io.err(outputFileError('report', out, e));
        return 1;
      }
      io.out(`Wrote ${out} (${bytes.byteLength} bytes, ${data.sections.length} sections).`);
      return 0;
    } finally {
      progress.end();
      o.close();
    }
  },
};
