/**
 * The capacity report: one self-contained HTML page (inline CSS and SVG charts, no scripts, no network)
 * with the answers, their charts and the assumptions used; or the same content as a PDF (./pdf.ts).
 */
import type { CapPolicy } from '../../engine/capacity';
import { consolidation, forecastRows, headroom, rightsize, summary, type CapCtx } from './analysis';
import { compareBranches } from './compare';
import { failover } from './failover';
import { PALETTE, esc, lineChart } from './svg';
import { allocationTable, consolidationTable, demandTable, failoverTable, forecastTable, headroomTable, rightsizeTable, type Table } from './tables';
import { reportText, type ReportLocale } from './report-text';

export type { ReportLocale } from './report-text';

export interface ReportData {
  title: string;
  locale: ReportLocale;
  generatedAtSimSec: number;
  policy: CapPolicy;
  sections: { title: string; intro: string; tables: Table[]; charts: { title: string; svg: string }[] }[];
  assumptions: string[];
}

/** `title` is used as given; `locale` (default English) chooses the report's own words. */
/** Rounds to 1/`k`; null (not computed) stays null and shows as a dash. */
const rnd = (x: number | null, k: number) => (x === null ? null : Math.round(x * k) / k);

export function collectReport(ctx: CapCtx, policy: CapPolicy, o: { title: string; locale?: ReportLocale | undefined; parentPath?: string | undefined; branchIds?: string[] | undefined }): ReportData {
  const locale = o.locale ?? 'en';
  const T = reportText(locale);
  const tr = (t: Table): Table => ({ headers: t.headers.map(T.header), rows: t.rows.map((r) => r.map((c, i) => T.cell(t.headers[i] ?? '', c))) });
  const s = summary(ctx, policy, 86_400);
  const h = headroom(ctx, policy, [], undefined, 86_400);
  const f = forecastRows(ctx, policy, { risk: 'conservative', horizonDays: 365, historyDays: 30, growthPctPerMonth: 0 });
  const fo = failover(ctx, { method: 'estimate', settleMinutes: 10 });
  const rs = rightsize(ctx, { windowDays: 7, percentile: 95, bufferPct: 0, limit: 200 });
  const cons = consolidation(ctx, 86_400);
  const charts = f.rows.map((r) => {
    const lines = [
      { label: T.dailyPeak(r.clusterName), points: r.peaks, color: PALETTE[0]! },
      { label: T.projection, points: r.projection.slice(0, 90).map((p) => [p.t, p.mean] as [number, number]), color: PALETTE[2]!, dashed: true },
    ];
    const band = { upper: r.projection.slice(0, 90).map((p) => [p.t, p.upper] as [number, number]), lower: r.projection.slice(0, 90).map((p) => [p.t, p.lower] as [number, number]), color: PALETTE[2]! };
    const title = r.exceededSince !== null ? T.exceededChart(r.clusterName, r.resource.toUpperCase(), r.unit, r.exceededSince) : r.refusal ? `${r.clusterName} — ${r.resource.toUpperCase()} (${r.unit}): ${T.refused(r.refusal)}` : T.forecastChart(r.clusterName, r.resource.toUpperCase(), r.unit, r.timeRemainingDays);
    return { title, svg: lineChart({ title, lines, band, limit: { value: r.usable, label: T.usable(Math.round(r.usable)) }, yUnit: r.unit, dayLabel: T.day, noData: T.noChartData }) };
  });
  const section = (text: readonly [string, string], tables: Table[], ch: ReportData['sections'][number]['charts'] = []) => ({ title: text[0], intro: text[1], tables: tables.map(tr), charts: ch });
  const sections: ReportData['sections'] = [
    section(T.allocation, [allocationTable(s.allocation.filter((r) => r.scope !== 'host'))]),
    section(T.demand(s.windowSec / 3600, s.fromHistory), [demandTable(s.demand.filter((r) => r.scope !== 'host'))]),
    section(T.headroom, [headroomTable(h.rows)]),
    section(T.forecast, [forecastTable(f.rows)], charts),
    section(T.failover(fo.clusters.map((c) => ({ name: c.clusterName, n1: c.nPlus1, n2: c.nPlus2 }))), [failoverTable(fo.clusters)]),
    rs.refusal
      ? section([T.rightsize({ ...rs, reclaimMemGiB: '', reclaimDiskGiB: '' })[0], T.refused(rs.refusal)], [rightsizeTable(rs.rows)])
      : section(T.rightsize({ ...rs, reclaimMemGiB: ((rs.reclaimMemMiB ?? 0) / 1024).toFixed(1), reclaimDiskGiB: rs.reclaimDiskGiB.toFixed(0) }), [rightsizeTable(rs.rows.filter((r) => r.verdict !== 'ok' && r.verdict !== 'noData'))]),
    cons.refusal ? section([T.consolidation[0], T.refused(cons.refusal)], [consolidationTable(cons.rows)]) : section(T.consolidation, [consolidationTable(cons.rows)]),
  ];
  if (o.parentPath && o.branchIds && o.branchIds.length > 0) {
    const cmp = compareBranches(o.parentPath, o.branchIds, ctx);
    const table: Table = {
      headers: ['Branch', 'Days run', 'Peak CPU %', 'Peak memory %', 'Avg ready %', 'Peak swapped MiB', 'Energy kWh', 'Hosts needed', 'Medium VMs that fit', 'Time remaining (days)'],
      rows: cmp.rows.map((r) => [r.name, rnd(r.ranDays, 10), rnd(r.peakCpuPct, 10), rnd(r.peakMemPct, 10), rnd(r.avgReadyPct, 100), rnd(r.peakSwappedMiB, 1), rnd(r.energyKWh, 10), r.hostsNeeded, r.headroomMedium, r.exceededSince !== null ? T.exceededSince(r.exceededSince) : r.timeRemainingRefusal ? T.refused(r.timeRemainingRefusal) : r.status === 'notRun' ? null : (r.timeRemainingDays ?? T.moreThanYear)]),
    };
    const names = new Map(cmp.rows.map((r) => [r.id, r.name]));
    const chart = (metric: string, title: string) => {
      const lines = cmp.series.filter((x) => x.metric === metric).map((x, i) => ({ label: names.get(x.branchId) ?? x.branchId, points: x.points, color: PALETTE[i % PALETTE.length]! }));
      return { title, svg: lineChart({ title, lines, dayLabel: T.day, noData: T.noChartData }) };
    };
    sections.push(section(T.compare, [table], [chart('cpu.demand.mhz', T.compareCharts.cpu), chart('mem.consumed.mib', T.compareCharts.mem), chart('cpu.ready.pct', T.compareCharts.ready)]));
  }
  const assumptions = T.assumptions({ cpu: policy.cpuOvercommit, mem: policy.memOvercommit, disk: policy.diskOvercommit, ha: policy.haReservePct, buffer: policy.bufferPct, poweredOff: policy.includePoweredOff });
  return { title: o.title, locale, generatedAtSimSec: ctx.time, policy, sections, assumptions };
}

function tableHtml(t: Table, none: string): string {
  const head = t.headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td${typeof c === 'number' ? ' class="n"' : ''}>${esc(c === null ? '—' : String(c))}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${t.headers.length}">${esc(none)}</td></tr>`}</tbody></table>`;
}

export function reportHtml(d: ReportData): string {
  const css = 'body{font-family:system-ui,sans-serif;margin:24px;color:#1f2328}h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:28px}table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f6f8fa}.charts{display:flex;flex-wrap:wrap;gap:12px}p.intro{max-width:900px}';
  const T = reportText(d.locale);
  const sections = d.sections
    .map((s) => `<section><h2>${esc(s.title)}</h2><p class="intro">${esc(s.intro)}</p>${s.tables.map((t) => tableHtml(t, T.none)).join('')}${s.charts.length ? `<div class="charts">${s.charts.map((c) => c.svg).join('')}</div>` : ''}</section>`)
    .join('\n');
  return `<!doctype html><html lang="${d.locale}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>${esc(d.title)}</title><style>${css}</style></head><body><h1>${esc(d.title)}</h1><p>${esc(T.simulated((d.generatedAtSimSec / 86_400).toFixed(2)))}</p>${sections}<section><h2>${esc(T.assumptionsTitle)}</h2><ul>${d.assumptions.map((a) => `<li>${esc(a)}</li>`).join('')}</ul></section></body></html>\n`;
}
