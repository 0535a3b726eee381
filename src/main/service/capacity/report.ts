/**
 * The capacity report: one self-contained HTML page (inline CSS and SVG charts, no scripts, no network)
 * with the answers, their charts and the assumptions used; or the same content as a PDF (./pdf.ts).
 */
import type { CapPolicy } from '../../engine/capacity';
import { consolidation, forecastRows, headroom, rightsize, summary, type CapCtx } from './analysis';
import { compareBranches } from './compare';
import { failover } from './failover';
import { PALETTE, esc, lineChart } from './svg';
import {
  allocationTable,
  consolidationTable,
  demandTable,
  failoverTable,
  forecastTable,
  headroomTable,
  rightsizeTable,
  type Table,
} from './tables';
import { reportText, type ReportLocale, type SweepGrowthView } from './report-text';
import { executiveSummary, humanize, remaining, type ExecutiveSummary } from './report-summary';
import { axisFormat, fmtUnit, type Unit } from './units';

export type { ReportLocale } from './report-text';

export interface ReportData {
  title: string;
  locale: ReportLocale;
  generatedAtSimSec: number;
  policy: CapPolicy;
  /** First: one line per cluster with a traffic light per resource, N+1 and what can be reclaimed. */
  summary: ExecutiveSummary & { title: string; intro: string; legend: string };
  /** `basis`: the method and the history the section's answers stand on. */
  sections: {
    title: string;
    intro: string;
    basis?: string;
    tables: Table[];
    charts: { title: string; svg: string }[];
  }[];
  assumptions: string[];
}

/** `title` is used as given; `locale` (default English) chooses the report's own words. */
/** Rounds to 1/`k`; null (not computed) stays null and shows as a dash. */
const rnd = (x: number | null, k: number) => (x === null ? null : Math.round(x * k) / k);

/** A finished capacity sweep to include (./sweep.ts): its fan of probabilities per cluster × resource. */
export interface ReportSweep {
  runs: number;
  horizonDays: number;
  clusters: {
    id: string;
    name: string;
    nPlus1Probability: number;
    growth: SweepGrowthView;
    resources: {
      resource: string;
      cdf: number[];
      probability: number;
      p50Days: number | null;
      exceededSince: string | null;
    }[];
  }[];
}

export function collectReport(
  ctx: CapCtx,
  policy: CapPolicy,
  o: {
    title: string;
    locale?: ReportLocale | undefined;
    parentPath?: string | undefined;
    branchIds?: string[] | undefined;
    sweep?: ReportSweep | null | undefined;
  },
): ReportData {
  const locale = o.locale ?? 'en';
  const T = reportText(locale);
  // Human units first (on the English headers), then the locale's words.
  const tr = (raw: Table): Table => {
    const t = humanize(raw);
    return {
      headers: t.headers.map(T.header),
      rows: t.rows.map((r) => r.map((c, i) => T.cell(t.headers[i] ?? '', c))),
    };
  };
  const s = summary(ctx, policy, 86_400);
  const h = headroom(ctx, policy, [], undefined, 86_400);
  const f = forecastRows(ctx, policy, {
    risk: 'conservative',
    horizonDays: 365,
    historyDays: 30,
    growthPctPerMonth: 0,
  });
  const fo = failover(ctx, { method: 'estimate', settleMinutes: 10 });
  const rs = rightsize(ctx, { windowDays: 7, percentile: 95, bufferPct: 0, limit: 20_000 });
  const cons = consolidation(ctx, 86_400);
  const resName: Record<string, string> = {
    cpu: T.summaryHeaders[1]!,
    mem: T.summaryHeaders[2]!,
    disk: T.summaryHeaders[3]!,
  };
  // Each forecast chart: daily peaks, the projection with its 80 % fan, and the usable-capacity line.
  const charts = f.rows.map((r) => {
    const lines = [
      { label: T.dailyPeak(r.clusterName), points: r.peaks, color: PALETTE[0]! },
      {
        label: T.projection,
        points: r.projection.slice(0, 90).map((p) => [p.t, p.mean] as [number, number]),
        color: PALETTE[2]!,
        dashed: true,
      },
    ];
    const band = {
      upper: r.projection.slice(0, 90).map((p) => [p.t, p.upper] as [number, number]),
      lower: r.projection.slice(0, 90).map((p) => [p.t, p.lower] as [number, number]),
      color: PALETTE[2]!,
      label: T.fan,
    };
    const unit = r.unit as Unit;
    const resLabel = resName[r.resource] ?? r.resource;
    const title =
      r.exceededSince !== null
        ? T.exceededChart(r.clusterName, resLabel, r.exceededSince)
        : r.refusal
          ? T.titled(`${r.clusterName} — ${resLabel}`, T.refused(r.refusal))
          : T.forecastChart(r.clusterName, resLabel, T.chartRemaining(remaining(r)));
    return {
      title,
      svg: lineChart({
        title,
        lines,
        band,
        limit: { value: r.usable, label: T.usable(fmtUnit(r.usable, unit)) },
        yFormat: axisFormat(unit),
        dayLabel: T.day,
        noData: T.noChartData,
        colon: T.colon,
      }),
    };
  });
  const historyDays = ctx.time / 86_400;
  const basis = {
    forecastDays: f.rows.length > 0 ? Math.min(...f.rows.map((r) => r.peaks.length)) : 0,
    seasonal: f.rows.length > 0 && f.rows.every((r) => r.peaks.length >= 14),
    historyDays,
  };
  const section = (
    text: readonly [string, string],
    basisText: string,
    tables: Table[],
    ch: ReportData['sections'][number]['charts'] = [],
  ) => ({ title: text[0], intro: text[1], basis: basisText, tables: tables.map(tr), charts: ch });
  const sections: ReportData['sections'] = [
    section(T.forecast, T.basis.forecast(basis), [forecastTable(f.rows)], charts),
    section(
      T.failover(fo.clusters.map((c) => ({ name: c.clusterName, n1: c.nPlus1, n2: c.nPlus2 }))),
      T.basis.failover,
      [failoverTable(fo.clusters)],
    ),
    rs.refusal
      ? section(
          [T.rightsize({ ...rs, reclaimMemGiB: '', reclaimDiskGiB: '' })[0], T.refused(rs.refusal)],
          T.basis.rightsize(basis),
          [rightsizeTable(rs.rows.slice(0, 200))],
        )
      : section(
          T.rightsize({
            ...rs,
            reclaimMemGiB: ((rs.reclaimMemMiB ?? 0) / 1024).toFixed(1),
            reclaimDiskGiB: rs.reclaimDiskGiB.toFixed(0),
          }),
          T.basis.rightsize(basis),
          [rightsizeTable(rs.rows.filter((r) => r.verdict !== 'ok' && r.verdict !== 'noData').slice(0, 200))],
        ),
    section(T.headroom, T.basis.headroom, [headroomTable(h.rows)]),
    section(T.allocation, T.basis.allocation, [
      allocationTable(s.allocation.filter((r) => r.scope !== 'host')),
    ]),
    section(T.demand(s.windowSec / 3600, s.fromHistory), T.basis.demand(s.windowSec / 3600, s.fromHistory), [
      demandTable(s.demand.filter((r) => r.scope !== 'host')),
    ]),
    cons.refusal
      ? section([T.consolidation[0], T.refused(cons.refusal)], T.basis.consolidation, [
          consolidationTable(cons.rows),
        ])
      : section(T.consolidation, T.basis.consolidation, [consolidationTable(cons.rows)]),
  ];
  if (o.sweep && o.sweep.clusters.length > 0) {
    const sw = o.sweep;
    const colors: Record<string, string> = { cpu: PALETTE[0]!, mem: PALETTE[4]!, disk: PALETTE[3]! };
    // x in simulated seconds from now: day d of the sweep ends at d × 86,400 s.
    const sweepCharts = sw.clusters.map((c) => {
      const title = T.sweepChart(c.name, Math.round(c.nPlus1Probability * 100));
      const lines = c.resources.map((r) => ({
        label:
          r.exceededSince !== null
            ? T.sweepExceededLine(resName[r.resource] ?? r.resource)
            : `${resName[r.resource] ?? r.resource} ${Math.round(r.probability * 100)} %`,
        points: r.cdf.map((p, i) => [(i + 1) * 86_400, p * 100] as [number, number]),
        color: colors[r.resource] ?? PALETTE[7]!,
      }));
      return {
        title,
        svg: lineChart({
          title,
          lines,
          yFormat: (v) => `${Math.round(v)} %`,
          yMax: 100,
          dayLabel: T.day,
          noData: T.noChartData,
          colon: T.colon,
          limit: { value: 100, label: '100 %' },
        }),
      };
    });
    sections.splice(1, 0, {
      ...section(T.sweep(sw.runs, sw.horizonDays), T.basis.sweep(sw.runs, sw.horizonDays), [], sweepCharts),
      // Already in the report's words: not through the raw tables' header and unit mapping.
      tables: [
        {
          headers: T.sweepHeaders,
          rows: sw.clusters.map((c) => [
            c.name,
            T.sweepGrowth(c.growth),
            ...(['cpu', 'mem', 'disk'] as const).map((res) => {
              const r = c.resources.find((x) => x.resource === res);
              return r ? T.sweepCell(r, sw.horizonDays) : T.none;
            }),
          ]),
        },
      ],
    });
  }
  const exec = executiveSummary(ctx.snapshot, f.rows, fo.clusters, rs.rows, T.summaryHeaders, T);
  if (o.parentPath && o.branchIds && o.branchIds.length > 0) {
    const cmp = compareBranches(o.parentPath, o.branchIds, ctx);
    const table: Table = {
      headers: [
        'Branch',
        'Days run',
        'Peak CPU %',
        'Peak memory %',
        'Avg ready %',
        'Peak swapped MiB',
        'Energy kWh',
        'Hosts needed',
        'Medium VMs that fit',
        'Time remaining (days)',
      ],
      rows: cmp.rows.map((r) => [
        r.name,
        rnd(r.ranDays, 10),
        rnd(r.peakCpuPct, 10),
        rnd(r.peakMemPct, 10),
        rnd(r.avgReadyPct, 100),
        rnd(r.peakSwappedMiB, 1),
        rnd(r.energyKWh, 10),
        r.hostsNeeded,
        r.headroomMedium,
        r.exceededSince !== null
          ? T.exceededSince(r.exceededSince)
          : r.timeRemainingRefusal
            ? T.refused(r.timeRemainingRefusal)
            : r.status === 'notRun'
              ? null
              : (r.timeRemainingDays ?? T.moreThanYear),
      ]),
    };
    const names = new Map(cmp.rows.map((r) => [r.id, r.name]));
    const chart = (metric: string, title: string) => {
      const lines = cmp.series
        .filter((x) => x.metric === metric)
        .map((x, i) => ({
          label: names.get(x.branchId) ?? x.branchId,
          points: x.points,
          color: PALETTE[i % PALETTE.length]!,
        }));
      return {
        title,
        svg: lineChart({ title, lines, dayLabel: T.day, noData: T.noChartData, colon: T.colon }),
      };
    };
    sections.push(
      section(
        T.compare,
        '',
        [table],
        [
          chart('cpu.demand.mhz', T.compareCharts.cpu),
          chart('mem.consumed.mib', T.compareCharts.mem),
          chart('cpu.ready.pct', T.compareCharts.ready),
        ],
      ),
    );
  }
  const assumptions = T.assumptions({
    cpu: policy.cpuOvercommit,
    mem: policy.memOvercommit,
    disk: policy.diskOvercommit,
    ha: policy.haReservePct,
    buffer: policy.bufferPct,
    poweredOff: policy.includePoweredOff,
  });
  return {
    title: o.title,
    locale,
    generatedAtSimSec: ctx.time,
    policy,
    summary: { ...exec, title: T.summary[0], intro: T.summary[1], legend: T.summaryLegend },
    sections,
    assumptions,
  };
}

function tableHtml(t: Table, none: string): string {
  const head = t.headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c) => `<td${typeof c === 'number' || /^[+-]?[\d.,]+( (MHz|GHz|MiB|GiB|TiB|W|kW))?$/.test(String(c)) ? ' class="n"' : ''}>${esc(c === null ? '—' : String(c))}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${t.headers.length}">${esc(none)}</td></tr>`}</tbody></table>`;
}

export const LIGHT_COLORS = { red: '#cf222e', amber: '#bf8700', green: '#1a7f37', grey: '#8c959f' } as const;

function summaryHtml(s: ReportData['summary']): string {
  const head = s.headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = s.rows
    .map(
      (r) =>
        `<tr>${r.map((c) => `<td>${c.light ? `<span class="light" style="color:${LIGHT_COLORS[c.light]}" title="${c.light}">●</span> ` : ''}${esc(c.text)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<section class="summary"><h2>${esc(s.title)}</h2><p class="intro">${esc(s.intro)}</p><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
}

export function reportHtml(d: ReportData): string {
  const css =
    'body{font-family:system-ui,sans-serif;margin:24px;color:#1f2328}h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:28px}table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f6f8fa}.charts{display:flex;flex-wrap:wrap;gap:12px}p.intro{max-width:900px}p.basis{color:#57606a;font-size:12px;max-width:900px}.summary table{font-size:13px}.light{font-size:15px}';
  const T = reportText(d.locale);
  const sections = d.sections
    .map(
      (s) =>
        `<section><h2>${esc(s.title)}</h2><p class="intro">${esc(s.intro)}</p>${s.basis ? `<p class="basis">${esc(s.basis)}</p>` : ''}${s.tables.map((t) => tableHtml(t, T.none)).join('')}${s.charts.length ? `<div class="charts">${s.charts.map((c) => c.svg).join('')}</div>` : ''}</section>`,
    )
    .join('\n');
  return `<!doctype html><html lang="${d.locale}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>${esc(d.title)}</title><style>${css}</style></head><body><h1>${esc(d.title)}</h1><p>${esc(T.simulated((d.generatedAtSimSec / 86_400).toFixed(2)))}</p>${summaryHtml(d.summary)}${sections}<section><h2>${esc(T.assumptionsTitle)}</h2><ul>${d.assumptions.map((a) => `<li>${esc(a)}</li>`).join('')}</ul></section></body></html>\n`;
}
