/** `vdc workspace info`: what a workspace file holds: sizes per table and the time span per level. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDuration } from '../../../shared/duration';
import { UsageError, type CliCommand } from '../command';
import { emitOutput, JSON_OPTION, OUT_OPTION, outputHelp, toJson } from '../output';
import { toStoreError, Workspace } from '../../store';

const USAGE = `Usage: vdc workspace info --workspace FILE [--check] [--json] [--out FILE [--force]]

Prints a workspace's name, schema version, recorded ticks, file size, rows and bytes per table, and for
each metrics level (realtime and the rollups) its interval, how long it is kept and the time span it holds.

  --workspace FILE  the workspace file (opened read-only)
${outputHelp('json', 20).replace('the result', 'the same')}
${outputHelp('out', 20)}
${outputHelp('force', 20)}
  --check           also run SQLite's full integrity check (slow on big files)

Exit codes: 0 done, 1 the file is not a readable workspace, 2 bad usage.`;

export function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(2)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} B`;
}

export const workspaceInfoCommand: CliCommand = {
  name: 'workspace info',
  summary: 'show a workspace file: sizes per table and the time span kept per metrics level',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { workspace: { type: 'string' }, ...JSON_OPTION, ...OUT_OPTION, check: { type: 'boolean' } },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.workspace) throw new UsageError('--workspace FILE is required');
    const path = resolve(io.cwd, values.workspace);
    // The default check (quick_check on files up to 256 MiB) refuses a damaged file with a message instead of failing mid-way.
    const opened = Workspace.open(path, {
      readOnly: true,
      ...(values.check ? { check: 'full' as const } : {}),
    });
    if (!opened.ok) {
      io.err(`vdc workspace info: ${opened.error.message}`);
      return 1;
    }
    const ws = opened.value;
    try {
      const meta = ws.meta();
      const info = ws.info();
      if (values.json) {
        const { scenario: _scenario, catalog: _catalog, ...rest } = meta;
        return emitOutput(io, 'workspace info', values, toJson({ meta: rest, ...info }), 'the information');
      }
      const lines = [
        `${meta.name}  (${path})`,
        `schema ${meta.schemaVersion}, seed ${meta.seed}, tick ${meta.tickSeconds} s, last tick ${meta.lastTick}, simulated time 0..${meta.lastTime} s (${formatDuration(meta.lastTime)})`,
        `file ${formatBytes(info.fileBytes)}${info.walBytes ? ` + WAL ${formatBytes(info.walBytes)}` : ''}${values.check ? ', integrity check ok' : ''}`,
        '',
        'table                 rows        size',
        ...info.tables.map(
          (t) => `${t.name.padEnd(16)}${String(t.rows).padStart(10)}  ${formatBytes(t.bytes).padStart(10)}`,
        ),
        '',
        'metrics level   interval   kept for        rows   span',
        ...info.perLevel.map(
          (l) =>
            `${(l.level === 'realtime' ? 'realtime' : 'rollup').padEnd(14)}${formatDuration(l.intervalSec).padStart(10)}${formatDuration(l.keepSec).padStart(11)}${String(l.rows).padStart(12)}   ${l.span ? `${l.span.from}..${l.span.to} s` : '(empty)'}`,
        ),
      ];
      return emitOutput(io, 'workspace info', values, lines.join('\n'), 'the information');
    } catch (e) {
      // Damage the open-time check did not see (a big file, or a page it does not read).
      io.err(`vdc workspace info: ${toStoreError(e, path, 'read the workspace').message}`);
      return 1;
    } finally {
      ws.close();
    }
  },
};
