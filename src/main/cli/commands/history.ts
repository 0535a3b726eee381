/** `vdc history`: a metric series from a workspace file, as a table, RFC 4180 CSV or JSON. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import {
  CSV_OPTION,
  emitOutput,
  JSON_OPTION,
  noPositionals,
  OUT_OPTION,
  outputFormat,
  outputHelp,
  toJson,
} from '../output';
import { toCsv, type CsvCell } from '../../../shared/csv';
import { parseDuration } from '../../../shared/duration';
import { Workspace } from '../../store';

const USAGE = `Usage: vdc history --workspace FILE --entity ID --metric NAME [--from T] [--to T] [--stat avg|max]
                   [--max-points N] [--json | --csv] [--out FILE [--force]]

Prints the recorded history of metrics of entities from a workspace (.vdc) at an automatic resolution:
the finest level kept for the whole range with at most --max-points points (realtime 20 s for the last
hour, then 5 min, 30 min, 2 h and 1 day rollups). --entity and --metric may be repeated (one column each).

  --workspace FILE  the workspace file (opened read-only; it may be open in VDC Studio at the same time)
  --entity ID       an entity id (e.g. vm-12) or its exact name
  --metric NAME     a metric name from the catalog (e.g. cpu.usage.mhz)
  --from T, --to T  simulated time: seconds (3600), a duration (90s, 30m, 2h, 30d, 1w), "start", "end",
                    or relative to the end: end-2h (or --from=-2h). Defaults: --from end-1h --to end
  --stat avg|max    the average (default) or the maximum of each interval
  --max-points N    at most N points per series (default 1000)
${outputHelp('json', 20)} (points as [time, value])
${outputHelp('csv', 20)} (RFC 4180, formula-safe)
${outputHelp('out', 20)}
${outputHelp('force', 20)}

A point's time is the end of the interval it covers; "date" is that time on the scenario's clock (UTC).
Exit codes: 0 done, 1 the workspace cannot be read or the query is refused, 2 bad usage.`;

/** A time argument: seconds or a duration since the start, "start", "end", or end-DURATION / -DURATION. */
export function parseTimeArg(text: string, endSec: number): number | null {
  const t = text.trim();
  if (t === 'start') return 0;
  if (t === 'end' || t === 'now') return endSec;
  const rel = /^(?:end|now)?-(.+)$/.exec(t);
  if (rel) {
    const d = parseDuration(rel[1]!);
    return d === null ? null : Math.max(0, endSec - d);
  }
  return parseDuration(t);
}

export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'print or export (CSV) the recorded history of metrics from a workspace',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        entity: { type: 'string', multiple: true },
        metric: { type: 'string', multiple: true },
        from: { type: 'string' },
        to: { type: 'string' },
        stat: { type: 'string' },
        'max-points': { type: 'string' },
        ...JSON_OPTION,
        ...CSV_OPTION,
        ...OUT_OPTION,
      },
    });
    noPositionals(positionals);
    const format = outputFormat(values);
    if (!values.workspace) throw new UsageError('--workspace FILE is required');
    if (!values.entity?.length) throw new UsageError('--entity ID is required');
    if (!values.metric?.length) throw new UsageError('--metric NAME is required');
    const stat = values.stat ?? 'avg';
    if (stat !== 'avg' && stat !== 'max') throw new UsageError(`--stat must be avg or max, not "${stat}"`);
    const maxPoints = values['max-points'] === undefined ? undefined : Number(values['max-points']);
    if (maxPoints !== undefined && !(Number.isInteger(maxPoints) && maxPoints >= 1)) {
      throw new UsageError(`--max-points must be a positive integer, not "${values['max-points']}"`);
    }
    const path = resolve(io.cwd, values.workspace);
    const opened = Workspace.open(path, { readOnly: true, check: 'none' });
    if (!opened.ok) {
      io.err(`vdc history: ${opened.error.message}`);
      return 1;
    }
    const ws = opened.value;
    try {
      const meta = ws.meta();
      const from = parseTimeArg(values.from ?? 'end-1h', meta.lastTime);
      const to = parseTimeArg(values.to ?? 'end', meta.lastTime);
      if (from === null)
        throw new UsageError(`--from "${values.from}" is not a time (try 3600, 2h, start, end-1d)`);
      if (to === null) throw new UsageError(`--to "${values.to}" is not a time (try 3600, 2h, end)`);
      const ids: string[] = [];
      for (const e of values.entity) {
        const found = ws.findEntities(e);
        if (found.length !== 1) {
          io.err(
            `vdc history: ${found.length === 0 ? `no entity "${e}" in ${path}` : `"${e}" names ${found.length} entities (${found.map((f) => f.id).join(', ')}); give an id`}`,
          );
          return 1;
        }
        ids.push(found[0]!.id);
      }
      const r = ws.querySeries({
        entityIds: ids,
        metrics: values.metric,
        from,
        to,
        stat,
        ...(maxPoints ? { maxPoints } : {}),
      });
      if (!r.ok) {
        io.err(`vdc history: ${r.error.message}`);
        return 1;
      }
      const times = [...new Set(r.value.series.flatMap((s) => s.points.map((p) => p[0])))].sort(
        (a, b) => a - b,
      );
      const columns = r.value.series.map((s) => new Map(s.points));
      const header: CsvCell[] = [
        'timeSec',
        'date',
        ...r.value.series.map((s) => `${s.entityId} ${s.metric}${stat === 'max' ? ' (max)' : ''}`),
      ];
      const rows: CsvCell[][] = times.map((t) => [
        t,
        new Date(meta.startEpochMs + t * 1000).toISOString(),
        ...columns.map((c) => round(c.get(t))),
      ]);
      const series = r.value.series.map((x) => ({
        entityId: x.entityId,
        metric: x.metric,
        points: x.points.map(([t, v]) => [t, round(v)]),
      }));
      const text =
        format === 'json'
          ? toJson({ resolutionSec: r.value.resolutionSec, from, to, stat, series })
          : format === 'csv'
            ? toCsv([header, ...rows])
            : `${table([header, ...rows])}\n${rows.length} point(s) at ${r.value.resolutionSec} s resolution, ${from}..${to} s\n`;
      return emitOutput(io, 'history', values, text, `${rows.length} point(s)`);
    } finally {
      ws.close();
    }
  },
};

/** Values are stored as 32-bit floats: 7 significant digits. */
function round(v: number | undefined): number | null {
  return v === undefined ? null : Number(v.toPrecision(7));
}

function table(rows: CsvCell[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === null ? '' : String(c))));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells
    .map((r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n');
}
