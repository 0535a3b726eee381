/** `vdc capacity`: the capacity-planning answers for a workspace, as text tables, JSON or CSV files. */
import { join, resolve } from 'node:path';
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
  refuseExistingOutput,
  toJson,
} from '../output';
import { outputFileError, refuseExisting, writeOutputFile } from '../output-file';
import { Workspace } from '../../store';
import { Session } from '../../service/session';
import { DEFAULT_POLICY, refusalText, type CapPolicy, type HistoryBasis } from '../../engine/capacity';

/** "stands on 7.00 days of history (168 points, every 3600 s)". */
const historyNote = (h: HistoryBasis, what: string) =>
  `${what}: stands on ${h.spanDays.toFixed(2)} days of history (${h.points} points, every ${h.resolutionSec} s)`;
import {
  capCtx,
  consolidation,
  forecastRows,
  headroom,
  rightsize,
  summary,
} from '../../service/capacity/analysis';
import { failover } from '../../service/capacity/failover';
import * as T from '../../service/capacity/tables';

const USAGE = `Usage: vdc capacity --workspace FILE [--show LIST] [--json | --csv] [--out PATH [--force]] [policy options]

Answers the capacity questions for the state a workspace was saved in: allocation and demand models,
headroom per VM profile, time remaining per cluster and resource, N+1/N+2, right-sizing, consolidation.

  --workspace FILE       the workspace (.vdc), opened read-only
  --show LIST            comma-separated: allocation, demand, headroom, forecast, failover, rightsize,
                         consolidation, pools (default: all of them)
${outputHelp('json', 25)}
  --csv                  print the table as CSV instead of text; with several tables, --out DIR writes
                         each as DIR/capacity-<name>.csv
  --out PATH             write the result to the file PATH (the folder PATH for several CSV tables)
                         instead of stdout
  --force                replace the --out file, or the CSV files in the folder, if they already exist
                         (without it, an existing one is an error and nothing is written)
  --cpu-overcommit N     vCPUs per core (default 4)     --mem-overcommit N   (default 1)
  --buffer PCT           capacity buffer % (default 0)  --ha PCT   HA reserve % for every cluster
                         (default: each cluster's own admission-control percentage)

Exit codes: 0 done, 1 the workspace cannot be read, 2 bad usage.`;

const TABLES = [
  'allocation',
  'demand',
  'headroom',
  'forecast',
  'failover',
  'rightsize',
  'consolidation',
  'pools',
] as const;
type TableName = (typeof TABLES)[number];

export function num(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v < min || v > max)
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  return v;
}

/** Opens a workspace read-only and restores its simulation (no clock, nothing written). */
export function openReadOnly(path: string): { session: Session; close(): void } | { error: string } {
  const opened = Workspace.open(path, { readOnly: true, check: 'none' });
  if (!opened.ok) return { error: opened.error.message };
  const session = Session.open(opened.value, { onTick: () => undefined, onClockChange: () => undefined });
  if (!session.ok) {
    opened.value.close();
    return { error: session.error.message };
  }
  return {
    session: session.value,
    close: () => {
      session.value.clock.dispose();
      opened.value.close();
    },
  };
}

export function textTable(t: T.Table): string {
  const cells = [t.headers, ...t.rows.map((r) => r.map((c) => (c === null ? '—' : String(c))))];
  const widths = t.headers.map((_, i) =>
    Math.min(40, Math.max(...cells.map((r) => String(r[i] ?? '').length))),
  );
  return cells.map((r) => r.map((c, i) => String(c).slice(0, 40).padEnd(widths[i]!)).join('  ')).join('\n');
}

export const capacityCommand: CliCommand = {
  name: 'capacity',
  summary: 'capacity planning: allocation vs demand, headroom, time remaining, N+1, right-sizing',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        show: { type: 'string' },
        ...JSON_OPTION,
        ...CSV_OPTION,
        ...OUT_OPTION,
        'cpu-overcommit': { type: 'string' },
        'mem-overcommit': { type: 'string' },
        buffer: { type: 'string' },
        ha: { type: 'string' },
      },
    });
    noPositionals(positionals);
    if (!values.workspace) throw new UsageError('--workspace FILE is required');
    const format = outputFormat(values);
    const show = (values.show ?? TABLES.join(',')).split(',').map((s) => s.trim());
    for (const s of show)
      if (!(TABLES as readonly string[]).includes(s))
        throw new UsageError(`--show: unknown table "${s}"; use ${TABLES.join(', ')}`);
    if (format === 'csv' && show.length > 1 && values.out === undefined)
      throw new UsageError(
        '--csv with several tables needs --out DIR (one CSV file per table), or --show one table',
      );
    // One CSV file per table in the --out folder, or one --out file: none is replaced without --force.
    const csvFiles = (dir: string) => [...new Set(show)].map((name) => join(dir, `capacity-${name}.csv`));
    if (format === 'csv' && new Set(show).size > 1)
      refuseExisting(csvFiles(resolve(io.cwd, values.out!)), values.force === true);
    else refuseExistingOutput(io, values);
    const ha = num('ha', values.ha, 0, 90);
    const policy: CapPolicy = {
      ...DEFAULT_POLICY,
      cpuOvercommit: num('cpu-overcommit', values['cpu-overcommit'], 0.1, 64) ?? DEFAULT_POLICY.cpuOvercommit,
      memOvercommit: num('mem-overcommit', values['mem-overcommit'], 0.1, 8) ?? DEFAULT_POLICY.memOvercommit,
      bufferPct: num('buffer', values.buffer, 0, 90) ?? 0,
      haReservePct: ha ?? 'cluster',
    };
    const o = openReadOnly(resolve(io.cwd, values.workspace));
    if ('error' in o) {
      io.err(`vdc capacity: ${o.error}`);
      return 1;
    }
    try {
      const ctx = capCtx(o.session.engine, o.session.workspace);
      const out: Partial<Record<TableName, { data: unknown; table: T.Table; note?: string }>> = {};
      for (const name of show as TableName[]) {
        switch (name) {
          case 'allocation': {
            const d = summary(ctx, policy, 86_400).allocation;
            out[name] = { data: d, table: T.allocationTable(d.filter((r) => r.scope !== 'host')) };
            break;
          }
          case 'demand': {
            const d = summary(ctx, policy, 86_400).demand;
            out[name] = { data: d, table: T.demandTable(d.filter((r) => r.scope !== 'host')) };
            break;
          }
          case 'headroom': {
            const d = headroom(ctx, policy, [], undefined, 86_400);
            out[name] = { data: d, table: T.headroomTable(d.rows) };
            break;
          }
          case 'forecast': {
            const d = forecastRows(ctx, policy, {
              risk: 'conservative',
              horizonDays: 365,
              historyDays: 30,
              growthPctPerMonth: 0,
            });
            out[name] = {
              data: d.rows.map(({ projection: _p, peaks: _k, ...r }) => r),
              table: T.forecastTable(d.rows),
            };
            break;
          }
          case 'failover': {
            const d = failover(ctx, { method: 'estimate', settleMinutes: 10 });
            out[name] = { data: d, table: T.failoverTable(d.clusters) };
            break;
          }
          case 'rightsize': {
            const d = rightsize(ctx, { windowDays: 7, percentile: 95, bufferPct: 0, limit: 20_000 });
            out[name] = {
              data: d,
              table: T.rightsizeTable(d.rows),
              note: d.refusal
                ? `right-sizing ${refusalText(d.refusal)}; only powered-off VMs are listed`
                : historyNote(d.history, '7-day P95'),
            };
            break;
          }
          case 'pools': {
            // Capacity per resource pool (tenant quotas): reservation used/unreserved, limit, entitlement.
            const d = o.session.engine.poolQuotas();
            out[name] = {
              data: d,
              table: T.poolsTable(d),
              ...(d.length === 0 ? { note: 'no cluster has resource pools' } : {}),
            };
            break;
          }
          case 'consolidation': {
            const d = consolidation(ctx, 86_400);
            out[name] = {
              data: d,
              table: T.consolidationTable(d.rows),
              note: d.refusal
                ? `consolidation estimate ${refusalText(d.refusal)}`
                : historyNote(d.history, 'peak of the last 24 h'),
            };
            break;
          }
        }
      }
      const tables = Object.entries(out);
      if (format === 'csv' && tables.length > 1) {
        const dir = resolve(io.cwd, values.out!);
        const force = values.force === true;
        let path = dir;
        try {
          refuseExisting(csvFiles(dir), force);
          for (const [name, v] of tables) {
            path = join(dir, `capacity-${name}.csv`);
            writeOutputFile(path, T.csvOf(v.table), force);
          }
        } catch (e) {
          io.err(outputFileError('capacity', path, e));
          return 1;
        }
        io.out(`wrote ${tables.length} CSV files to ${dir}`);
        return 0;
      }
      const text =
        format === 'json'
          ? toJson(Object.fromEntries(tables.map(([k, v]) => [k, v.data])))
          : format === 'csv'
            ? T.csvOf(tables[0]![1].table)
            : tables
                .map(([name, v]) => `\n== ${name} ==\n${v.note ? `${v.note}\n` : ''}${textTable(v.table)}`)
                .join('\n');
      return emitOutput(
        io,
        'capacity',
        values,
        text,
        format === 'text' ? 'the tables' : `the ${format.toUpperCase()}`,
      );
    } finally {
      o.close();
    }
  },
};
